"""API fixtures: the real app served by uvicorn over real HTTP, on a real embedded database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from graph.model import KnowledgeGraph
from graph.settings import Settings
from graph.stores.embedded import build_database
from tests.serving import serving

TIGHT_TIMEOUT_MS = 300
TIGHT_MAX_ROWS = 5
TIGHT_NODE_CAP = 5


@pytest.fixture(scope="session")
def api_db(graph: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated graph built into a fresh embedded database file."""
    path = tmp_path_factory.mktemp("api-db") / "ecokg.lbug"
    build_database(graph, path)
    return path


def _settings(db: Path, **limits: int) -> Settings:
    return Settings(data_dir=db.parent, db_path=db, build=False, **limits)


@pytest.fixture(scope="session")
def client(api_db: Path) -> Iterator[httpx.Client]:
    """An HTTP client of the app with the default limits (5 s, 1000 rows, 200 nodes)."""
    with serving(create_app(_settings(api_db))) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http


@pytest.fixture(scope="session")
def tight_client(api_db: Path) -> Iterator[httpx.Client]:
    """An HTTP client of a second app on the same file with a 300 ms limit, 5 rows, 5 ego nodes."""
    settings = _settings(api_db, timeout_ms=TIGHT_TIMEOUT_MS, max_rows=TIGHT_MAX_ROWS,
                         ego_node_cap=TIGHT_NODE_CAP)
    with serving(create_app(settings)) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http
