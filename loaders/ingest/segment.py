"""jieba, loaded lazily and quietly: part-of-speech tags for short windows of text."""

from __future__ import annotations

import logging
from functools import cache, lru_cache


@cache
def _posseg() -> object:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.posseg


@lru_cache(maxsize=16384)
def tag(text: str, hmm: bool = False) -> tuple[tuple[str, str], ...]:
    """(word, flag) pairs of ``text`` by jieba's part-of-speech tagger.

    By default from the dictionary only: words it lacks come out as single characters, which
    the discovery rules read as parts of names, and it is several times faster. ``hmm=True``
    lets jieba's HMM guess unknown words (person names, tagged ``nr``).
    """
    return tuple((p.word, p.flag) for p in _posseg().cut(text, HMM=hmm))  # type: ignore[attr-defined]


def frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word``; 0 for words it does not know."""
    _posseg()
    import jieba

    return int(jieba.get_FREQ(word) or 0)
