"""The bounded LRU response cache of the service."""

from __future__ import annotations

from api.response_cache import ResponseCache


def test_hits_misses_and_least_recently_used_eviction_by_bytes() -> None:
    cache = ResponseCache(max_bytes=10)
    assert cache.get("a") is None
    cache.put("a", b"1234")
    cache.put("b", b"5678")
    assert cache.get("a") == b"1234"  # a is now the most recently used
    cache.put("c", b"90ab")  # 12 bytes > 10: b, the least recently used, goes
    assert cache.get("b") is None and cache.get("a") == b"1234" and cache.get("c") == b"90ab"
    assert (cache.hits, cache.misses, len(cache)) == (3, 2, 2)


def test_a_body_larger_than_the_budget_is_not_kept_and_replacing_a_key_recounts() -> None:
    cache = ResponseCache(max_bytes=4)
    cache.put("big", b"12345")
    assert cache.get("big") is None and len(cache) == 0
    cache.put("k", b"12")
    cache.put("k", b"1234")
    assert cache.get("k") == b"1234" and len(cache) == 1
