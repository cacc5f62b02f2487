"""What every route depends on: the open store and the indexes built from it at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from api.settings import Settings
from cypher.names import NameIndex
from cypher.search import SearchIndex
from graph.errors import EcokgError
from graph.model import KnowledgeGraph
from graph.stores.base import Counts, GraphStore, QueryRunner


class NotFound(EcokgError):
    """A named resource does not exist; carries close names as suggestions."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions or [])


@dataclass
class ServiceState:
    """The read-only store, its name and search indexes, counts, and the curated graph (exports).

    ``adhoc`` runs the statements users send: worker processes over the embedded file (see
    :mod:`graph.stores.sandbox`), or the Neo4j store itself, whose server enforces time limits.
    """

    settings: Settings
    store: GraphStore
    adhoc: QueryRunner
    names: NameIndex
    search: SearchIndex
    counts: Counts
    graph: KnowledgeGraph

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
