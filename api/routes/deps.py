"""What every route depends on: the open store and the indexes built from it at start-up."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import Depends, Request

from api.response_cache import ResponseCache
from cypher.names import NameIndex
from cypher.reader import GraphReader
from cypher.search import SearchIndex
from graph.analytics.served import ServedAnalytics
from graph.confine.layers import Layer
from graph.errors import EcokgError, QueryTimeout
from graph.model import KnowledgeGraph, Source
from graph.settings import Settings
from graph.stores.base import Counts, QueryRunner

T = TypeVar("T")


class NotFound(EcokgError):
    """A named resource does not exist; carries close names as suggestions."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions or [])


@dataclass
class ServiceState:
    """The read-only store, its name and search indexes, counts, the sources cited, a response cache.

    ``store`` runs the service's own statements (canned queries, entities, ego networks, paths)
    and ``adhoc`` the statements users send. On the embedded store both are pools of confined
    worker processes over the read-only file (:mod:`graph.stores.workers`), so the server
    process itself never opens the database; on Neo4j both are the Neo4j store, whose reads run
    in read transactions with server-side time limits. The curated graph itself (for exports
    only) is read on first use: at ecosystem scale it would cost gigabytes queries never need.
    """

    settings: Settings
    store: QueryRunner
    adhoc: QueryRunner
    names: NameIndex
    search: SearchIndex
    counts: Counts
    sources: dict[str, Source]
    read_graph: Callable[[], KnowledgeGraph]
    cache: ResponseCache = field(default_factory=lambda: ResponseCache(64 << 20))
    confinement: tuple[Layer, ...] = ()
    console_slots: anyio.CapacityLimiter = field(default_factory=lambda: anyio.CapacityLimiter(2))
    read_slots: anyio.CapacityLimiter = field(default_factory=lambda: anyio.CapacityLimiter(8))
    path_slots: anyio.CapacityLimiter = field(default_factory=lambda: anyio.CapacityLimiter(2))
    """Path searches run in this process (the projection): two at a time, so a flood of them
    neither holds every read slot nor every core, and entity pages keep answering."""
    export_slots: anyio.CapacityLimiter = field(default_factory=lambda: anyio.CapacityLimiter(1))
    exports: dict[str, bytes] = field(default_factory=dict)
    """Export files already built, by format (at most four, each at most 64 MB)."""
    analytics: ServedAnalytics = field(default_factory=ServedAnalytics)
    """Graph measures and per-entity standing, built on first use."""
    reader: GraphReader | None = None
    """Ego networks and paths over the in-memory projection (built by :func:`api.app.open_service`)."""
    _graph: KnowledgeGraph | None = None
    _graph_lock: threading.Lock = field(default_factory=threading.Lock)
    _cited: frozenset[tuple[str, int, int]] | None = None

    @property
    def graph(self) -> KnowledgeGraph:
        """The curated graph the database was built from, read once on first use."""
        with self._graph_lock:
            if self._graph is None:
                self._graph = self.read_graph()
            return self._graph

    @property
    def cited_spans(self) -> frozenset[tuple[str, int, int]]:
        """Every (source, start, end) the graph cites: the evidence endpoint quotes only these."""
        with self._graph_lock:
            if self._cited is None:
                graph = self._graph if self._graph is not None else self.read_graph()
                self._graph = graph
                self._cited = frozenset((c.source, c.start, c.end) for rel in graph.relationships
                                        for c in rel.citations)
            return self._cited

    @property
    def read(self) -> GraphReader:
        """The read layer (built at start-up)."""
        if self.reader is None:
            raise EcokgError("the read layer is not built")
        return self.reader

    def close(self) -> None:
        """Stop the ad-hoc runner and close the store."""
        if self.adhoc is not self.store:
            self.adhoc.close()
        self.store.close()


async def bounded(slots: anyio.CapacityLimiter, wait_s: float, fn: Callable[..., T], *args: Any,
                  **kwargs: Any) -> T:
    """Run ``fn`` in a thread once one of ``slots`` is free, waiting at most ``wait_s`` for it.

    Waiting takes no thread, so requests queued behind slow statements never starve the thread
    pool that other endpoints (and ``/healthz``) use.

    Raises:
        QueryTimeout: when no slot was free in time.
    """
    try:
        with anyio.fail_after(wait_s):
            await slots.acquire()
    except TimeoutError:
        raise QueryTimeout(f"the server is busy: no query slot was free within {wait_s:g} s; "
                           "try again") from None
    try:
        return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs), limiter=_THREADS)
    finally:
        slots.release()


_THREADS = anyio.CapacityLimiter(256)
"""Threads for slotted work: the slots bound it, so this limit is never the one that waits."""


def get_state(request: Request) -> ServiceState:
    """The state the lifespan opened."""
    state: ServiceState = request.app.state.service
    return state


StateDep = Annotated[ServiceState, Depends(get_state)]
