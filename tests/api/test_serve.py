"""``ecokg serve`` as a process: builds the missing database, prints where to open it, serves."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from graph.model import KnowledgeGraph
from tests.serving import free_port

SERVE = [sys.executable, "-c", "from api.cli import main; main()", "serve"]


def test_serve_builds_the_database_and_answers(tmp_path: Path, graph: KnowledgeGraph) -> None:
    port = free_port()
    env = {**os.environ, "ECOKG_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([*SERVE, "--host", "127.0.0.1", "--port", str(port)], env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text()
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        body = response.json()
        assert (body["status"], body["nodes"], body["relationships"]) == (
            "ok", len(graph.nodes), len(graph.relationships))
        assert body["confinement"]["missing"] == [], body["confinement"]
        assert {layer["name"] for layer in body["confinement"]["server"]} >= {"landlock filesystem"}
        assert (tmp_path / "ecokg.lbug").is_file()
        printed = log.read_text()
        assert f"http://127.0.0.1:{port}/" in printed and f"http://127.0.0.1:{port}/docs" in printed
        assert f"building the embedded database {tmp_path / 'ecokg.lbug'}" in printed
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_refuses_invalid_data(tmp_path: Path) -> None:
    env = {**os.environ, "ECOKG_DATA_DIR": str(tmp_path)}
    result = subprocess.run([*SERVE, "--data", str(tmp_path / "missing"), "--port", str(free_port())],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "data directory not found" in result.stderr
    assert not (tmp_path / "ecokg.lbug").exists()


def test_serve_on_neo4j_says_what_is_missing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    result = subprocess.run([*SERVE, "--store", "neo4j", "--port", str(free_port())],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "NEO4J_URI is not set" in result.stderr
