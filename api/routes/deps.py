"""What every route depends on: the open store and the indexes built from it at start-up."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from api.response_cache import ResponseCache
from api.settings import Settings
from cypher.names import NameIndex
from cypher.search import SearchIndex
from graph.errors import EcokgError
from graph.model import KnowledgeGraph, Source
from graph.stores.base import Counts, GraphStore, QueryRunner


class NotFound(EcokgError):
    """A named resource does not exist; carries close names as suggestions."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions or [])


@dataclass
class ServiceState:
    """The read-only store, its name and search indexes, counts, the sources cited, a response cache.

    ``adhoc`` runs the statements users send: worker processes over the embedded file (see
    :mod:`graph.stores.sandbox`), or the Neo4j store itself, whose server enforces time limits.
    The curated graph itself (for exports only) is read on first use, not held from start-up:
    at ecosystem scale it would cost gigabytes the queries never need.
    """

    settings: Settings
    store: GraphStore
    adhoc: QueryRunner
    names: NameIndex
    search: SearchIndex
    counts: Counts
    sources: dict[str, Source]
    read_graph: Callable[[], KnowledgeGraph]
    cache: ResponseCache = field(default_factory=lambda: ResponseCache(64 << 20))
    _graph: KnowledgeGraph | None = None
    _graph_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def graph(self) -> KnowledgeGraph:
        """The curated graph the database was built from, read once on first use."""
        with self._graph_lock:
            if self._graph is None:
                self._graph = self.read_graph()
            return self._graph

    def close(self) -> None:
        """Stop the ad-hoc runner and close the store."""
        if self.adhoc is not self.store:
            self.adhoc.close()
        self.store.close()


def get_state(request: Request) -> ServiceState:
    """The state the lifespan opened."""
    state: ServiceState = request.app.state.service
    return state


StateDep = Annotated[ServiceState, Depends(get_state)]
