"""The bounded LRU response cache of the service."""

from __future__ import annotations

from api.response_cache import ENTRY_OVERHEAD, ResponseCache


def test_hits_misses_and_least_recently_used_eviction_by_bytes() -> None:
    cache = ResponseCache(max_bytes=10 + 2 * ENTRY_OVERHEAD)  # room for two 4-byte bodies
    assert cache.get("a") is None
    cache.put("a", b"1234")
    cache.put("b", b"5678")
    assert cache.get("a") == b"1234"  # a is now the most recently used
    cache.put("c", b"90ab")  # three entries do not fit: b, the least recently used, goes
    assert cache.get("b") is None and cache.get("a") == b"1234" and cache.get("c") == b"90ab"
    assert (cache.hits, cache.misses, len(cache)) == (3, 2, 2)


def test_a_body_larger_than_the_budget_is_not_kept_and_replacing_a_key_recounts() -> None:
    cache = ResponseCache(max_bytes=4 + ENTRY_OVERHEAD)
    cache.put("big", b"12345")
    assert cache.get("big") is None and len(cache) == 0
    cache.put("k", b"12")
    cache.put("k", b"1234")
    assert cache.get("k") == b"1234" and len(cache) == 1


def test_empty_bodies_are_charged_their_entry_overhead() -> None:
    cache = ResponseCache(max_bytes=3 * ENTRY_OVERHEAD)
    for i in range(100):
        cache.put(i, b"")
    assert len(cache) == 3
