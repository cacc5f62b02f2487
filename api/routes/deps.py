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
from graph.stores.base import Counts, GraphStore


class NotFound(EcokgError):
    """A named resource does not exist; carries close names as suggestions."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions or [])


@dataclass
class ServiceState:
    """The read-only store, its name and search indexes, counts, and the curated graph (exports)."""

    settings: Settings
    store: GraphStore
    names: NameIndex
    search: SearchIndex
    counts: Counts
    graph: KnowledgeGraph


def get_state(request: Request) -> ServiceState:
    """The state the lifespan opened."""
    state: ServiceState = request.app.state.service
    return state


StateDep = Annotated[ServiceState, Depends(get_state)]
