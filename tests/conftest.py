"""Shared fixtures: the curated graph and the corpus directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from graph.model import KnowledgeGraph
from graph.settings import Settings
from loaders.curated import load_graph

if TYPE_CHECKING:
    from graph.stores.neo4j_store import Neo4jStore


@pytest.fixture(scope="session")
def graph() -> KnowledgeGraph:
    """The curated graph shipped in data/."""
    return load_graph()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The source articles; tests needing them skip with the reason when they are absent."""
    directory = Settings().corpus_dir
    if not directory.is_dir() or not any(directory.glob("*.txt")):
        pytest.skip(f"source corpus not found at {directory} (set ECOKG_CORPUS_DIR or place "
                    "../shared/corpus beside the checkout)")
    return directory


@pytest.fixture(scope="session")
def embedded_store(graph: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory):
    """The curated graph loaded into a real embedded database, opened read-only as the server does."""
    from graph.stores.embedded import build_database, open_store

    path = tmp_path_factory.mktemp("embedded") / "ecokg.lbug"
    build_database(graph, path)
    store = open_store(path)
    yield store
    store.close()


NEO4J_SKIP = ("NEO4J_URI is not set: no Neo4j server to test against "
              "(tools/neo4j/start DIR or docker compose up starts one)")


@pytest.fixture(scope="session")
def neo4j_settings() -> Settings:
    """Settings naming the Neo4j server the tests use (skips, with the reason, when none is set)."""
    settings = Settings()
    if not settings.neo4j_uri:
        pytest.skip(NEO4J_SKIP)
    return settings.model_copy(update={"store": "neo4j"})


@pytest.fixture(scope="session")
def neo4j_store(neo4j_settings: Settings, graph: KnowledgeGraph) -> Iterator[Neo4jStore]:
    """The curated graph loaded into the Neo4j server, for the whole session.

    Every statement the tests send through it is recorded, and at the end the offline linter
    checks each distinct one exactly as it ran (the lint of the catalogue covers its variants).
    """
    from cypher.neo4j_lint import Statement, lint
    from graph.statements.catalogue import parameters_in
    from graph.stores.neo4j_store import Neo4jStore

    sent: set[str] = set()

    class Recording(Neo4jStore):
        def query(self, text: str, *args: Any, **kwargs: Any) -> Any:
            sent.add(text)
            return super().query(text, *args, **kwargs)

    store = Recording.connect(neo4j_settings.neo4j_uri, neo4j_settings.neo4j_user,
                              neo4j_settings.neo4j_password.get_secret_value(),
                              neo4j_settings.neo4j_database)
    store.load(graph)
    yield store
    store.close()
    # Only the project's own statements: tests also send hostile ones on purpose.
    from cypher.registry import load_queries
    from graph.statements.catalogue import service_statements

    own = [s for s in sent if _from_catalogue(s, [*load_queries().values(), *service_statements().values()])]
    report = lint([Statement(f"sent:{i}", text, tuple(sorted(parameters_in(text))))
                   for i, text in enumerate(sorted(own))])
    failures = {r["name"]: r["diagnostics"] for r in report["results"] if r["diagnostics"]}
    assert own and not failures, failures


def _from_catalogue(text: str, statements: list[Any]) -> bool:
    """Whether ``text`` is a catalogue statement as bound (its slots filled), by its fixed parts."""
    from graph.statements.catalogue import SLOT

    for stmt in statements:
        template = stmt.texts.get("neo4j")
        if template is None:
            continue
        pieces = SLOT.split(template)[::3]  # the text between slots (SLOT has two groups)
        position = 0
        for piece in pieces:
            found = text.find(piece, position)
            if found < 0 or (position == 0 and found != 0):
                break
            position = found + len(piece)
        else:
            if position == len(text):
                return True
    return False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Where everything is installed (CI sets ECOKG_NO_SKIPS=1), a skipped test is a failed one;
    with a Neo4j server configured, a Neo4j test that skips is one anywhere."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not report.skipped or getattr(report, "wasxfail", None):
        return
    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    strict = os.environ.get("ECOKG_NO_SKIPS") == "1"
    neo4j_gap = bool(os.environ.get("NEO4J_URI")) and "neo4j" in (item.nodeid + reason).lower()
    if strict or neo4j_gap:
        report.outcome = "failed"
        report.longrepr = f"skipped where nothing may skip: {reason}"
