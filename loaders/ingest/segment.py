"""jieba, loaded lazily and quietly: part-of-speech tags for short windows of text."""

from __future__ import annotations

import logging
import math
import re
from functools import cache, lru_cache
from typing import Any


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
    if not hmm:
        return tuple(_cut_no_hmm(text))
    return tuple((p.word, p.flag) for p in _posseg().cut(text, HMM=hmm))  # type: ignore[attr-defined]


def frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word``; 0 for words it does not know."""
    _posseg()
    import jieba

    return int(jieba.get_FREQ(word) or 0)


# -- jieba.posseg.cut(text, HMM=False), the same words and flags in fewer steps ---------------
# jieba builds a dict of every position's word ends, a dict of routes of tuples and a generator
# of pair objects per call; here one right-to-left pass finds each position's best word, with
# the log-frequencies cached. The regular expressions and tie-breaking are jieba 0.42's own.
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP = re.compile("(\r\n|\\s)")
_NUM = re.compile("[\\.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_LOG_P: dict[str, float] = {}
"""A word's log-probability as jieba's route computes it: ``log(freq or 1) - log(total)``."""


@cache
def _dictionary() -> tuple[Any, Any, float]:
    """jieba's word frequencies, its part-of-speech table and the log of its total count."""
    posseg: Any = _posseg()
    tokenizer = posseg.dt.tokenizer
    tokenizer.check_initialized()
    posseg.dt.makesure_userdict_loaded()
    return tokenizer.FREQ, posseg.dt.word_tag_tab, math.log(tokenizer.total)


def _cut_no_hmm(text: str) -> list[tuple[str, str]]:
    """``jieba.posseg.cut(text, HMM=False)`` as (word, flag) pairs."""
    out: list[tuple[str, str]] = []
    for block in _HAN.split(text):
        if not block:
            continue
        if _HAN.match(block):
            _cut_block(block, out)
            continue
        for x in _SKIP.split(block):
            if _SKIP.match(x):
                out.append((x, "x"))
            else:
                for xx in x:
                    out.append((xx, "m" if _NUM.match(xx) else "eng" if _ENG.match(x) else "x"))
    return out


def _cut_block(block: str, out: list[tuple[str, str]]) -> None:
    """jieba's dictionary route over one block of Han characters, letters and digits."""
    freq, flags, log_total = _dictionary()
    log_p = _LOG_P
    n = len(block)
    score = [0.0] * (n + 1)
    ends = list(range(n + 1))
    for k in range(n - 1, -1, -1):
        best, end = 0.0, -1
        i, frag = k, block[k]
        f = freq.get(frag)
        while f is not None:  # frag is a word or the start of one
            if f:
                p = log_p.get(frag)
                if p is None:
                    p = log_p[frag] = math.log(f) - log_total
                total = p + score[i + 1]
                if end < 0 or total >= best:  # max over (score, end): a tie goes to the longer word
                    best, end = total, i
            i += 1
            if i >= n:
                break
            frag = block[k:i + 1]
            f = freq.get(frag)
        if end < 0:
            ch = block[k]
            best, end = (math.log(freq.get(ch) or 1) - log_total) + score[k + 1], k
        score[k], ends[k] = best, end
    x, buf = 0, ""
    while x < n:
        y = ends[x] + 1
        word = block[x:y]
        if y - x == 1 and word in _ALNUM:
            buf += word
        else:
            if buf:
                out.append((buf, "eng"))
                buf = ""
            out.append((word, flags.get(word, "x")))
        x = y
    if buf:
        out.append((buf, "eng"))
