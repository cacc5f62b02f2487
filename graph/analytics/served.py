"""The analytics of the graph a service serves, built on first use and kept: the graph is read-only."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from graph.analytics.fast import FastGraph
from graph.analytics.measures import Analytics
from graph.analytics.standing import STANDING_MAX_NODES, Standing, compute_standing, read_standing
from graph.model import KnowledgeGraph


class ServedAnalytics:
    """Measures and per-entity standing of a served graph, each built once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._analytics: Analytics | None = None
        self._standing: Standing | None = None
        self._standing_read = False

    def analytics(self, read_graph: Callable[[], KnowledgeGraph]) -> Analytics:
        """The measures over the graph ``read_graph`` returns (read once)."""
        with self._lock:
            if self._analytics is None:
                self._analytics = Analytics(FastGraph.from_knowledge_graph(read_graph()))
            return self._analytics

    def standing(self, database: Path | None, nodes: int,
                 read_graph: Callable[[], KnowledgeGraph]) -> Standing | None:
        """The standing file beside ``database`` written at load; computed here when it is missing.

        None for graphs over :data:`STANDING_MAX_NODES` without a file.
        """
        with self._lock:
            if not self._standing_read:
                self._standing = read_standing(database, nodes) if database is not None else None
                self._standing_read = self._standing is not None or nodes > STANDING_MAX_NODES
            if self._standing is not None or self._standing_read:
                return self._standing
        standing = compute_standing(self.analytics(read_graph))
        with self._lock:
            self._standing, self._standing_read = standing, True
        return standing
