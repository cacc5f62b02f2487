"""Graph stores behind one protocol; :func:`open` picks and opens the one the settings choose."""

from __future__ import annotations

from graph.stores.registry import BACKENDS, Backend, Capability, OpenedStore, load_into
from graph.stores.registry import open_store as open  # noqa: A004 - stores.open(settings)

__all__ = ["BACKENDS", "Backend", "Capability", "OpenedStore", "load_into", "open"]
