"""A bounded LRU cache of serialised responses; sound because the served database is read-only."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

ENTRY_OVERHEAD = 256
"""Bytes charged per entry besides its body (key, dict slot), so tiny bodies cannot pile up."""


class ResponseCache:
    """Response bodies by normalised request key, least recently used dropped past ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> bytes | None:
        """The cached body, or None (counted as a miss)."""
        with self._lock:
            body = self._items.get(key)
            if body is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        """Keep ``body`` unless it alone exceeds the budget; evict the oldest to make room."""
        if len(body) + ENTRY_OVERHEAD > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old) + ENTRY_OVERHEAD
            self._items[key] = body
            self._bytes += len(body) + ENTRY_OVERHEAD
            while self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped) + ENTRY_OVERHEAD

    def __len__(self) -> int:
        return len(self._items)
