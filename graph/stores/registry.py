"""Choosing a store from the settings: the one place a backend is picked, opened for a purpose, or loaded.

Each backend declares its dialect and capabilities. ``serve`` opens the embedded file through two
pools of confined worker processes (the service's statements, and the console's) so that the
serving process never holds the database itself; ``query`` (the CLI) opens it in-process,
read-only. Neo4j is one driver for both, its reads in read transactions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from graph.confine.layers import Layer
from graph.model import KnowledgeGraph
from graph.settings import Settings
from graph.stores.base import Dialect, LoadReport, Progress, QueryRunner

if TYPE_CHECKING:
    from graph.stores.neo4j_store import Neo4jStore

Purpose = Literal["serve", "query"]


class Capability(StrEnum):
    """What a backend guarantees."""

    READ_ONLY_FILE = "opened read-only"
    CONFINED_WORKERS = "statements run in confined worker processes"
    READ_TRANSACTIONS = "reads run in read transactions"
    SERVER_TIME_LIMIT = "the server enforces each statement's time limit"
    ATOMIC_LOAD = "a load replaces the whole graph at once"
    IDEMPOTENT_LOAD = "loading twice changes nothing"


@dataclass(frozen=True)
class Backend:
    """A store kind: its name, dialect and capabilities."""

    name: str
    dialect: Dialect
    capabilities: frozenset[Capability]
    description: str


BACKENDS: dict[str, Backend] = {
    "embedded": Backend("embedded", "ladybug", frozenset({
        Capability.READ_ONLY_FILE, Capability.CONFINED_WORKERS, Capability.ATOMIC_LOAD,
        Capability.IDEMPOTENT_LOAD}), "LadybugDB, one file, no server"),
    "neo4j": Backend("neo4j", "neo4j", frozenset({
        Capability.READ_TRANSACTIONS, Capability.SERVER_TIME_LIMIT, Capability.IDEMPOTENT_LOAD}),
        "a Neo4j 5 server through the official driver"),
}


@dataclass
class OpenedStore:
    """An open backend: ``reads`` runs the project's statements, ``console`` those users send."""

    backend: Backend
    reads: QueryRunner
    console: QueryRunner
    confinement: tuple[Layer, ...] = field(default=())

    def close(self) -> None:
        """Close both runners (once when they are one)."""
        if self.console is not self.reads:
            self.console.close()
        self.reads.close()


def backend(settings: Settings) -> Backend:
    """The backend the settings choose."""
    return BACKENDS[settings.store]


def open_store(settings: Settings, *, purpose: Purpose = "query", build: bool | None = None,
               say: Callable[[str], None] | None = None) -> OpenedStore:
    """Open the store the settings choose, for serving or for the command line.

    Args:
        purpose: ``serve`` (embedded: confined worker pools) or ``query`` (in-process, read-only).
        build: build the embedded file when missing or stale (default ``settings.build``).
        say: where to report a build.

    Raises:
        StoreError: the file does not open, or the server cannot be reached.
    """
    chosen = backend(settings)
    if chosen.name == "neo4j":
        store = _neo4j(settings)
        return OpenedStore(chosen, store, store)
    from graph.stores.embedded import ensure_database
    from graph.stores.embedded import open_store as open_file
    from loaders.curated import load_graph

    path = settings.database
    if settings.build if build is None else build:
        ensure_database(lambda: load_graph(settings.curated_dir), settings.curated_dir, path, say=say)
    if purpose == "query":
        local = open_file(path, read_only=True, buffer_pool_mb=settings.buffer_pool_mb)
        return OpenedStore(chosen, local, local)
    from graph.stores.workers import QueryWorkers

    memory = settings.query_memory_mb
    service = QueryWorkers(path, workers=settings.service_workers, memory_mb=memory, name="service")
    console = QueryWorkers(path, workers=settings.query_workers, memory_mb=memory, name="console")
    try:
        service.start()  # the file opens, or this stops here with the reason
    except BaseException:
        service.close()
        console.close()
        raise
    return OpenedStore(chosen, service, console, service.confinement)


def load_into(settings: Settings, graph: KnowledgeGraph, progress: Progress | None = None, *,
              batch_size: int = 5000) -> tuple[LoadReport, str]:
    """Load ``graph`` into the store the settings choose; returns the report and where it went."""
    if backend(settings).name == "neo4j":
        store = _neo4j(settings, batch_size=batch_size)
        try:
            return store.load(graph, progress), "Neo4j"
        finally:
            store.close()
    from graph.stores.embedded import build_database

    return build_database(graph, settings.database, progress), str(settings.database)


def _neo4j(settings: Settings, *, batch_size: int = 5000) -> Neo4jStore:
    from graph.stores.neo4j_store import Neo4jStore

    return Neo4jStore.connect(settings.neo4j_uri, settings.neo4j_user,
                              settings.neo4j_password.get_secret_value(), settings.neo4j_database,
                              batch_size=batch_size)
