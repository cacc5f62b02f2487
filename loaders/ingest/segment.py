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
    return tuple(_cut(text, hmm))


def frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word``; 0 for words it does not know."""
    return int(_dictionary()[0].get(word) or 0)


# -- jieba.posseg.cut(text, HMM=…), the same words and flags in fewer steps --------------------
# jieba builds a dict of every position's word ends, a dict of routes of tuples and a generator
# of pair objects per call; here one right-to-left pass finds each position's best word, with
# the log-frequencies cached, and the HMM's Viterbi (for runs of characters the dictionary
# lacks) reads only the transitions that exist. The regular expressions, the order of the sums
# and the tie-breaking are jieba 0.42's own.
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP = re.compile("(\r\n|\\s)")
_HAN_DETAIL = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_DETAIL = re.compile("([\\.0-9]+|[a-zA-Z0-9]+)")
_NUM = re.compile("[\\.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_MIN_FLOAT = -3.14e100
_MIN_INF = float("-inf")
_LOG_P: dict[str, float] = {}
"""A word's log-probability as jieba's route computes it: ``log(freq or 1) - log(total)``."""

Pairs = list[tuple[str, str]]


@cache
def _dictionary() -> tuple[Any, Any, float]:
    """jieba's word frequencies, its part-of-speech table and the log of its total count."""
    posseg: Any = _posseg()
    tokenizer = posseg.dt.tokenizer
    tokenizer.check_initialized()
    posseg.dt.makesure_userdict_loaded()
    return tokenizer.FREQ, posseg.dt.word_tag_tab, math.log(tokenizer.total)


def _cut_no_hmm(text: str) -> Pairs:
    """``jieba.posseg.cut(text, HMM=False)`` as (word, flag) pairs."""
    return _cut(text, False)


def _cut(text: str, hmm: bool) -> Pairs:
    """``jieba.posseg.cut(text, HMM=hmm)`` as (word, flag) pairs."""
    out: Pairs = []
    for block in _HAN.split(text):
        if not block:
            continue
        if _HAN.match(block):
            (_cut_block_hmm if hmm else _cut_block)(block, out)
            continue
        for x in _SKIP.split(block):
            if _SKIP.match(x):
                out.append((x, "x"))
            else:
                for xx in x:
                    out.append((xx, "m" if _NUM.match(xx) else "eng" if _ENG.match(x) else "x"))
    return out


def _route(block: str) -> list[int]:
    """jieba's dictionary route over one block: the (inclusive) end of the word at each start."""
    freq, _, log_total = _dictionary()
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
    return ends


def _cut_block(block: str, out: Pairs) -> None:
    """One block of Han characters, letters and digits by the dictionary alone."""
    flags = _dictionary()[1]
    ends = _route(block)
    x, buf, n = 0, "", len(block)
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


def _cut_block_hmm(block: str, out: Pairs) -> None:
    """One block by the dictionary, runs of single characters it lacks by the HMM."""
    freq, flags, _ = _dictionary()
    ends = _route(block)
    x, buf, n = 0, "", len(block)
    while x <= n:
        y = ends[x] + 1 if x < n else n + 1
        if x < n and y - x == 1:
            buf += block[x:y]
        else:
            if buf:  # a run of single characters before a word (or the end)
                if len(buf) == 1:
                    out.append((buf, flags.get(buf, "x")))
                elif not freq.get(buf):
                    _cut_detail(buf, out)
                else:
                    out.extend((ch, flags.get(ch, "x")) for ch in buf)
                buf = ""
            if x < n:
                word = block[x:y]
                out.append((word, flags.get(word, "x")))
        x = y


def _cut_detail(text: str, out: Pairs) -> None:
    for block in _HAN_DETAIL.split(text):
        if _HAN_DETAIL.match(block):
            _cut_hmm(block, out)
            continue
        for x in _SKIP_DETAIL.split(block):
            if x:
                out.append((x, "m" if _NUM.match(x) else "eng" if _ENG.match(x) else "x"))


def _cut_hmm(text: str, out: Pairs) -> None:
    """Words and flags of a run of Han characters by jieba's part-of-speech HMM."""
    route = _viterbi(text)
    begin, after = 0, 0
    for i, ch in enumerate(text):
        position, flag = route[i]
        if position == "B":
            begin = i
        elif position == "E":
            out.append((text[begin:i + 1], flag))
            after = i + 1
        elif position == "S":
            out.append((ch, flag))
            after = i + 1
    if after < len(text):
        out.append((text[after:], route[after][1]))


@cache
def _hmm() -> tuple[Any, Any, Any, Any, dict[Any, dict[Any, float]]]:
    """jieba's HMM tables (states per character, start, transition, emission) and, per state,
    the states that lead to it."""
    import jieba.posseg as posseg

    into: dict[Any, dict[Any, float]] = {}
    for before, nexts in posseg.trans_P.items():  # type: ignore[attr-defined]
        for state, p in nexts.items():
            into.setdefault(state, {})[before] = p
    return (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P,  # type: ignore[attr-defined]
            posseg.emit_P, into)  # type: ignore[attr-defined]


def _viterbi(obs: str) -> list[Any]:
    """``jieba.posseg.viterbi``'s route: each step reads, per state, only the earlier states with a
    transition into it (the others add ``-inf``); the same sums, ties to the greater state."""
    states, start_p, trans_p, emit_p, into = _hmm()
    all_states = trans_p.keys()
    ch = obs[0]
    score = {y: start_p[y] + emit_p[y].get(ch, _MIN_FLOAT) for y in states.get(ch, all_states)}
    backs: list[dict[Any, Any]] = []
    for t in range(1, len(obs)):
        ch = obs[t]
        prev = [x for x in score if trans_p[x]]
        expected: set[Any] = set()
        for x in prev:
            expected.update(trans_p[x])
        here = set(states.get(ch, all_states)) & expected
        if not here:
            here = expected if expected else set(all_states)
        now: dict[Any, float] = {}
        back: dict[Any, Any] = {}
        for y in here:
            emit = emit_p[y].get(ch, _MIN_FLOAT)
            ways = into.get(y, {})
            best: float | None = None
            state = None
            if len(ways) < len(prev):
                for y0, p in ways.items():
                    before = score.get(y0)
                    if before is None:
                        continue
                    total = before + p + emit
                    if best is None or total > best or (total == best and y0 > state):
                        best, state = total, y0
            else:
                for y0 in prev:
                    way = ways.get(y0)
                    if way is None:
                        continue
                    total = score[y0] + way + emit
                    if best is None or total > best or (total == best and y0 > state):
                        best, state = total, y0
            if best is None:  # no state leads here: every way adds -inf, the greatest state wins
                best, state = max((score[y0] + _MIN_INF + emit, y0) for y0 in prev)
            now[y], back[y] = best, state
        score = now
        backs.append(back)
    _, state = max((v, y) for y, v in score.items())
    route = [state] * len(obs)
    for i in range(len(obs) - 1, 0, -1):
        state = backs[i - 1][state]
        route[i - 1] = state
    return route
