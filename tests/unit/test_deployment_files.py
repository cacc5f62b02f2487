"""docker-compose.yml follows the server-path rules: Neo4j 5 healthy first, loopback ports, no secrets."""

from __future__ import annotations

import yaml

from loaders.corpus import REPO_ROOT


def compose() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_neo4j_service_is_neo4j5_with_healthcheck_volume_and_loopback_ports() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"]) and "RETURN 1" in " ".join(
        neo4j["healthcheck"]["test"])
    assert any(v.startswith("neo4j-data:") for v in neo4j["volumes"])
    assert "neo4j-data" in compose()["volumes"]
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"])


def test_api_waits_for_healthy_neo4j_loads_and_serves_on_loopback() -> None:
    api = compose()["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["build"] == "."
    assert "ecokg load --target neo4j" in " ".join(api["command"])
    assert api["ports"] == ["127.0.0.1:8000:8000"]


def test_no_password_in_compose_and_env_example_ships_empty() -> None:
    text = (REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    assert "NEO4J_PASSWORD:?" in text  # required from .env, never written here
    example = (REPO_ROOT / ".env.example").read_text(encoding="utf-8")
    assert "NEO4J_PASSWORD=\n" in example
    assert ".env" in (REPO_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_compose_runs_the_neo4j_version_tools_neo4j_pins() -> None:
    import re

    pom = (REPO_ROOT / "tools" / "neo4j" / "pom.xml").read_text(encoding="utf-8")
    pinned = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", pom)
    assert pinned, "tools/neo4j/pom.xml pins the Neo4j version in one property"
    assert compose()["services"]["neo4j"]["image"] == f"neo4j:{pinned[1]}-community"
