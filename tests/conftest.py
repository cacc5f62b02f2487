"""Shared fixtures: the curated graph and the corpus directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import KnowledgeGraph
from loaders.corpus import default_corpus_dir
from loaders.curated import load_graph


@pytest.fixture(scope="session")
def graph() -> KnowledgeGraph:
    """The curated graph shipped in data/."""
    return load_graph()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The source articles; tests needing them skip with the reason when they are absent."""
    directory = default_corpus_dir()
    if not directory.is_dir() or not any(directory.glob("*.txt")):
        pytest.skip(f"source corpus not found at {directory} (set ECOKG_CORPUS or place "
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
