"""API fixtures: the real app served by uvicorn over real HTTP, on a real embedded database."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from api.settings import Settings
from graph.model import KnowledgeGraph
from graph.stores.embedded import build_database

TIGHT_TIMEOUT_MS = 300
TIGHT_MAX_ROWS = 5
TIGHT_NODE_CAP = 5


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """Run the app with ``settings`` in a background uvicorn thread; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


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
    with serving(_settings(api_db)) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http


@pytest.fixture(scope="session")
def tight_client(api_db: Path) -> Iterator[httpx.Client]:
    """An HTTP client of a second app on the same file with a 300 ms limit, 5 rows, 5 ego nodes."""
    settings = _settings(api_db, timeout_ms=TIGHT_TIMEOUT_MS, max_rows=TIGHT_MAX_ROWS,
                         ego_node_cap=TIGHT_NODE_CAP)
    with serving(settings) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http
