"""Embedded loads are idempotent and atomic: a failed or killed load keeps the previous database."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.errors import QueryRejected
from graph.model import KnowledgeGraph
from graph.stores.embedded import build_database, open_store
from loaders.corpus import REPO_ROOT


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def db(tmp_path: Path, graph: KnowledgeGraph) -> Path:
    path = tmp_path / "ecokg.lbug"
    build_database(graph, path)
    return path


def test_loading_twice_gives_the_same_counts(db: Path, graph: KnowledgeGraph) -> None:
    first = open_store(db)
    counts = first.counts()
    first.close()
    report = build_database(graph, db)
    assert report.counts == counts
    assert counts.nodes == graph.label_counts() and counts.relationships == graph.type_counts()


def test_cli_load_reports_a_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["load", "--db", str(tmp_path / "x.lbug")])
    assert result.exit_code == 0, result.output
    assert "loaded into" in result.output and "Company" in result.output


def test_failed_validation_leaves_the_previous_database(db: Path, tmp_path: Path) -> None:
    before = digest(db)
    broken = tmp_path / "broken"
    (broken / "entities").mkdir(parents=True)
    (broken / "sources.yaml").write_text("- {id: a, publisher: p, title: t, date: '2025', script: x}\n",
                                         encoding="utf-8")
    (broken / "entities" / "company.yaml").write_text("- {id: a, name: 甲, founded: someday, sources: [a]}\n",
                                                       encoding="utf-8")
    result = CliRunner().invoke(app, ["load", "--data", str(broken), "--db", str(db)])
    assert result.exit_code == 2
    assert "entities/company.yaml:1" in result.output and "malformed date" in result.output
    assert digest(db) == before
    store = open_store(db)
    assert store.counts().nodes["Company"] > 0
    store.close()


KILLED_LOAD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from loaders.curated import load_graph
    from graph.stores.embedded import build_database

    def stall(step, done):
        print("LOADING", flush=True)
        time.sleep(60)

    build_database(load_graph(), Path(sys.argv[1]), stall)
""")


def test_a_killed_load_leaves_the_previous_database_served(db: Path, graph: KnowledgeGraph) -> None:
    server = open_store(db)  # a read-only opener, as the service holds it
    before_counts = server.counts()
    before = digest(db)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_LOAD, str(db)], cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "LOADING"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert digest(db) == before
    assert server.counts() == before_counts
    server.close()
    stale = list(db.parent.glob(f".{db.name}.building-*"))
    assert stale, "the killed build should have left its partial file beside the database"
    build_database(graph, db)
    assert not [p for p in stale if p.exists()], "the next build removes stale partial files"
    reopened = open_store(db)
    assert reopened.counts() == before_counts
    reopened.close()


def test_a_rebuild_swaps_in_while_an_open_reader_keeps_serving(db: Path, graph: KnowledgeGraph) -> None:
    reader = open_store(db)
    expected = reader.counts()
    build_database(graph, db)
    assert reader.counts() == expected
    reader.close()


def test_read_only_database_refuses_copy(db: Path, tmp_path: Path) -> None:
    csv = tmp_path / "rows.csv"
    csv.write_text("id,name\nintruder,入侵者\n", encoding="utf-8")
    store = open_store(db)
    before = store.counts()
    with pytest.raises(QueryRejected):
        store.query(f"COPY Region FROM '{csv}' (header=true)")
    assert store.counts() == before
    store.close()


def test_killing_ecokg_load_midway_keeps_the_served_database(db: Path, graph: KnowledgeGraph) -> None:
    """SIGKILL the real ``ecokg load`` while it writes; the server on the old file answers as before."""
    from api.app import create_app
    from graph.settings import Settings
    from tests.serving import serving

    before = digest(db)
    settings = Settings(data_dir=db.parent, db_path=db, build=False)
    with serving(create_app(settings)) as url, httpx.Client(base_url=url, timeout=60) as client:
        served = client.get("/api/entities/ubtech").json()
        count = {"query": "MATCH (n) RETURN count(n)"}
        assert client.post("/api/cypher", json=count).json()["rows"] == [[len(graph.nodes)]]
        load = [sys.executable, "-c", "from api.cli import main; main()", "load", "--db", str(db)]
        proc = subprocess.Popen(load, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while not list(db.parent.glob(f".{db.name}.building-{proc.pid}*")):
                assert proc.poll() is None, "the load finished before it could be killed"
                assert time.monotonic() < deadline
                time.sleep(0.005)
            time.sleep(0.2)  # into the DDL and COPYs
            assert proc.poll() is None, "the load finished before it could be killed"
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        assert digest(db) == before
        assert client.get("/api/entities/ubtech").json() == served
        assert client.post("/api/cypher", json=count).json()["rows"] == [[len(graph.nodes)]]
    reopened = open_store(db)
    assert reopened.counts().nodes == graph.label_counts()
    reopened.close()
