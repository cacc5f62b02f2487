"""``ecokg serve --store neo4j`` over real HTTP, answering as the embedded store does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.settings import Settings
from graph.stores.neo4j_store import Neo4jStore
from tests.serving import serve_process


@pytest.fixture(scope="module")
def neo4j_http(neo4j_store: Neo4jStore, neo4j_settings: Settings,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    data_dir: Path = tmp_path_factory.mktemp("serve-neo4j")
    env = {"NEO4J_URI": neo4j_settings.neo4j_uri or "", "NEO4J_USER": neo4j_settings.neo4j_user,
           "NEO4J_PASSWORD": neo4j_settings.neo4j_password.get_secret_value()}
    with serve_process(data_dir, "--store", "neo4j", env=env) as (url, _), \
            httpx.Client(base_url=url, timeout=60) as client:
        yield client


def test_health_names_the_store(neo4j_http: httpx.Client) -> None:
    body = neo4j_http.get("/healthz").json()
    assert body["store"] == "neo4j" and body["nodes"] > 200 and body["relationships"] > 200


@pytest.mark.parametrize("path, params", [
    ("/api/search", {"q": "優必選"}),
    ("/api/entities/ubtech", None),
    ("/api/entities/优必选/ego", {"depth": 2}),
    ("/api/entities/cuhk-shenzhen/ego", {"depth": 1, "types": "牵头,合作"}),
    ("/api/paths", {"source": "limx-dynamics", "target": "cuhk-shenzhen", "max_hops": 4}),
    ("/api/queries/centre_leaders", None),
    ("/api/queries/company_centres", {"company": "優必選"}),
    ("/api/meta", None),
])
def test_answers_equal_the_embedded_store(neo4j_http: httpx.Client, client: httpx.Client, path: str,
                                          params: dict | None) -> None:
    on_neo4j, on_embedded = neo4j_http.get(path, params=params), client.get(path, params=params)
    assert on_neo4j.status_code == on_embedded.status_code == 200, on_neo4j.text
    left, right = on_neo4j.json(), on_embedded.json()
    for body in (left, right):
        body.pop("query_ms", None)
        if path == "/api/meta":
            assert body.pop("store") in ("neo4j", "embedded") and body.pop("dialect")
    assert left == right


def test_paths_to_a_label(neo4j_http: httpx.Client, client: httpx.Client) -> None:
    params = {"source": "ubtech", "label": "InnovationCenter", "max_hops": 3}
    left = neo4j_http.get("/api/paths/to-label", params=params).json()
    right = client.get("/api/paths/to-label", params=params).json()
    ends = lambda body: sorted((p["nodes"][-1]["id"], p["hops"]) for p in body["paths"])  # noqa: E731
    assert ends(left) == ends(right) and ends(left)


def test_console_runs_reads_and_refuses_the_rest(neo4j_http: httpx.Client) -> None:
    ok = neo4j_http.post("/api/cypher", json={"query": "MATCH (c:Company {id: $id}) RETURN c.name AS name",
                                              "params": {"id": "ubtech"}})
    assert ok.status_code == 200 and ok.json()["rows"] == [["优必选"]]
    for refused in ("CREATE (n:Company {id: 'x'})", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
                    "CALL dbms.listConfig()", "RETURN 'a' =~ 'a+'"):
        response = neo4j_http.post("/api/cypher", json={"query": refused})
        assert response.status_code == 400, refused
    timed = neo4j_http.post("/api/cypher", json={"query": "UNWIND range(1, 300000000) AS x "
                                                           "WITH x WHERE x % 7 = 99 RETURN count(*)",
                                                 "timeout_ms": 500})
    assert timed.status_code == 504


def test_export_is_the_curated_graph(neo4j_http: httpx.Client, client: httpx.Client) -> None:
    left = neo4j_http.get("/api/export", params={"format": "json"}).json()
    assert left == client.get("/api/export", params={"format": "json"}).json()
