"""Article text for ingest: the normalised text, its Simplified form, offset maps and sentences.

Three views of one article, all the same length where it matters:

* ``raw`` — the file as read (UTF-8);
* ``text`` — the normalised text of :func:`loaders.corpus.normalise` (wrapped lines joined): the
  offsets every candidate reports (``span``) and that ``data/relations`` cites;
* ``cased`` — ``text`` in Simplified script, ASCII brackets as full-width: OpenCC ``t2s``, and
  for Traditional articles first Taiwan phrase conversion (``tw2sp``: 資訊 → 信息, 人工智慧 →
  人工智能) wherever it keeps a clause's length;
* ``simple`` — ``cased`` with ASCII lower-cased: what the matchers search. ``simple[i]`` and
  ``cased[i]`` come from ``text[simple_to_text[i]]``.

``raw_span`` maps a ``text`` span back to the file as read (line breaks included).

Two repairs of text copied from web mirrors, before anything else reads it: pinyin glosses a
mirror inserts after characters (``機(jī)器人``) are dropped (``raw_span`` still points into the
file as read), and a short line without closing punctuation in an article of long lines — a
headline, caption or byline — ends its sentence, though normalisation joins it to the next line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from graph.text import to_simplified
from loaders.corpus import normalise, sentence_spans

__all__ = ["Article", "clause_bounds", "is_traditional", "lower_ascii", "name_key", "normalise_with_map",
           "sentence_spans", "simplify_aligned"]

_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")
_ASCII_UPPER = re.compile(r"[A-Z]+")
_LINE_BREAKS = re.compile(r"[\r\n]+|\r")
_CLAUSE = re.compile(r"[，,：:；;。！？!?\n]")
_CHUNK = re.compile(r"[^，,：:；;。！？!?、（）()“”「」《》\s]+|.", re.S)
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_NOTE = re.compile(rf"(?<=[\u4e00-\u9fff])[（(](?=[a-zü{_TONE}]*[{_TONE}])[a-zü{_TONE}]{{1,7}}[）)]")
"""A mirror's pinyin gloss after a character: 機(jī), 業（yè）; a tone mark is required, so (AI) stays."""
_OPEN_LINE_END = frozenset("。！？；!?;，,：:、…—”」』）)》\"")


@cache
def _phrases() -> Any:
    import opencc

    return opencc.OpenCC("tw2sp")


@cache
def _protected() -> Any:
    """Titles and name suffixes: words phrase conversion must not touch (執行院長 is not 运行院长)."""
    import ahocorasick

    from loaders.ingest.vocabulary import NAME_SUFFIXES, TITLES

    automaton = ahocorasick.Automaton()
    for word in (*TITLES, *NAME_SUFFIXES):
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _convert_many(convert: Any, pieces: list[str]) -> list[str]:
    """``convert`` of every piece (none holds a line break), in one OpenCC call.

    OpenCC matches its dictionaries within a text and no entry spans a line break, so the
    pieces joined by ``\n`` convert as each would alone; a call costs far more than its
    characters. Should the breaks not come back one for one, each piece is converted alone.
    """
    if len(pieces) <= 1:
        return [str(convert(p)) for p in pieces]
    out = str(convert("\n".join(pieces))).split("\n")
    if len(out) != len(pieces):
        return [str(convert(p)) for p in pieces]
    return out


def _t2s(text: str) -> str:
    return to_simplified(text)


def _tw2sp(text: str) -> str:
    return str(_phrases().convert(text))


def _to_simplified_phrases(chunk: str, converted: str | None = None, plain: str | None = None) -> str:
    """Taiwan phrase conversion when it keeps the length (資訊 → 信息), else character-level ``t2s``.

    Titles and name suffixes keep their character-level form. ``converted`` and ``plain``:
    the chunk's ``tw2sp`` and ``t2s`` conversions, when already made.
    """
    converted = _tw2sp(chunk) if converted is None else converted
    plain = to_simplified(chunk) if plain is None else plain
    if len(converted) != len(chunk):
        return plain
    return _protect(chunk, converted, plain)


def _protect(chunk: str, converted: str, plain: str | None = None) -> str:
    """``converted`` with every title and name suffix of the character-level conversion put back
    (``plain``: ``t2s`` of ``chunk``, when already made)."""
    plain = to_simplified(chunk) if plain is None else plain
    if converted == plain:
        return converted
    out = list(converted)
    for last, size in _protected().iter(plain):
        out[last - size + 1:last + 1] = plain[last - size + 1:last + 1]
    return "".join(out)


_SENTENCE_PIECE = re.compile(r"[^。！？!?]*[。！？!?]?")


def _sentence_phrases(sentence: str, whole: str | None = None, plain: str | None = None) -> str:
    """Taiwan phrase conversion of one sentence, clause by clause where the whole changes length
    (``whole`` and ``plain``: the sentence's ``tw2sp`` and ``t2s``, when already made)."""
    whole = _tw2sp(sentence) if whole is None else whole
    if len(whole) == len(sentence):
        return _protect(sentence, whole, plain)
    chunks = _CHUNK.findall(sentence)
    return "".join(_to_simplified_phrases(c, w, p) for c, w, p in
                   zip(chunks, _convert_many(_tw2sp, chunks), _convert_many(_t2s, chunks), strict=True))


def _line_phrases(line: str, whole: str, plain: str) -> str:
    """Taiwan phrase conversion of one line: whole, else sentence by sentence (and by clause
    only in a sentence whose length changes), else character-level ``t2s`` (``plain``)."""
    if len(whole) == len(line):
        return _protect(line, whole, plain)
    pieces = _SENTENCE_PIECE.findall(line)
    line_in = "".join(_sentence_phrases(s, w, p) for s, w, p in
                      zip(pieces, _convert_many(_tw2sp, pieces), _convert_many(_t2s, pieces), strict=True))
    return line_in if len(line_in) == len(line) else plain


def normalise_with_map(raw: str) -> tuple[str, list[int]]:
    """:func:`loaders.corpus.normalise` and, for every character of the result, its index in ``raw``.

    The map has one extra entry: the end of ``raw``.
    """
    pieces: list[str] = []
    index: list[int] = []
    at = 0
    for m in _LINE_BREAKS.finditer(raw):
        pieces.append(raw[at:m.start()])
        index.extend(range(at, m.start()))
        if m.group().count("\n") >= 2:  # a paragraph break: one \n
            pieces.append("\n")
            index.append(m.start())
        at = m.end()
    pieces.append(raw[at:])
    index.extend(range(at, len(raw)))
    index.append(len(raw))
    text = "".join(pieces)
    assert text == normalise(raw), "offset map out of step with loaders.corpus.normalise"
    return text, index


def simplify_aligned(text: str, phrases: bool = False) -> tuple[str, list[int]]:
    """``text`` in Simplified (ASCII brackets full-width) and, per character, its index in ``text``.

    OpenCC converts phrase by phrase; where a line's conversion changes its length the line is
    converted character by character instead, so the map stays exact. ``phrases`` converts
    Taiwan vocabulary clause by clause first (:func:`_to_simplified_phrases`). The lines are
    converted in one OpenCC call (:func:`_convert_many`).
    """
    out: list[str] = []
    index: list[int] = []
    start = 0
    lines = text.split("\n")
    plains = _convert_many(_t2s, lines)
    wholes = _convert_many(_tw2sp, lines) if phrases else plains
    for line, plain, whole in zip(lines, plains, wholes, strict=True):
        # one conversion for the line; by sentence and clause only when needed
        converted = _line_phrases(line, whole, plain) if phrases else plain
        if len(converted) == len(line):
            out.append(converted)
            index.extend(range(start, start + len(line)))
        else:
            for k, ch in enumerate(line):
                piece = to_simplified(ch)
                out.append(piece)
                index.extend([start + k] * len(piece))
        out.append("\n")
        index.append(start + len(line))
        start += len(line) + 1
    simple = "".join(out)[:-1]
    index = index[: len(simple)]
    index.append(len(text))
    return simple.replace("(", "（").replace(")", "）"), index


def lower_ascii(text: str) -> str:
    """ASCII letters lower-cased, everything else kept (so the length is kept)."""
    if text.isascii():
        return text.lower()
    # str.translate looks every character up; only the runs of capitals need it
    return _ASCII_UPPER.sub(_lower, text) if _ASCII_UPPER.search(text) else text


def _lower(m: re.Match[str]) -> str:
    return m.group().lower()


def name_key(name: str) -> str:
    """The form a name is looked up in: as :class:`Article` renders ``simple``, spaces kept."""
    return lower_ascii(to_simplified(name.strip()).replace("(", "（").replace(")", "）"))


def strip_pinyin_notes(raw: str) -> tuple[str, list[int]]:
    """``raw`` without mirror pinyin glosses and, per character kept, its index in ``raw`` (one extra
    entry: the end of ``raw``)."""
    if "(" not in raw and "（" not in raw:
        return raw, list(range(len(raw) + 1))
    kept: list[str] = []
    index: list[int] = []
    at = 0
    for m in _PINYIN_NOTE.finditer(raw):
        kept.append(raw[at:m.start()])
        index.extend(range(at, m.start()))
        at = m.end()
    kept.append(raw[at:])
    index.extend(range(at, len(raw) + 1))
    return "".join(kept), index


def soft_breaks(raw: str, text: str, text_to_raw: list[int]) -> frozenset[int]:
    """``text`` offsets where a sentence starts though no punctuation ends the one before: after a
    short line (a headline, caption or byline) without closing punctuation, in an article whose
    lines are long (a hard-wrapped article, with short lines throughout, has none)."""
    lines = [line.strip() for line in raw.replace("\r", "").split("\n")]
    sizes = sorted(len(line) for line in lines if line)
    if not sizes or sizes[len(sizes) // 2] < 40:
        return frozenset()
    limit = min(30, sizes[len(sizes) // 2] // 2)
    starts: set[int] = set()
    at = 0
    for line, nxt in zip(raw.split("\n"), raw.split("\n")[1:], strict=False):
        at += len(line) + 1
        body = line.strip()
        if body and nxt.strip() and len(body) <= limit and body[-1] not in _OPEN_LINE_END:
            starts.add(at)
    if not starts:
        return frozenset()
    return frozenset(i for i in range(1, len(text)) if text_to_raw[i] in starts and text[i - 1] != "\n")


def split_at(bounds: list[tuple[int, int]], starts: set[int]) -> list[tuple[int, int]]:
    """Sentence ``bounds`` cut again at every offset of ``starts`` inside one."""
    out: list[tuple[int, int]] = []
    for s, e in bounds:
        for cut in sorted(x for x in starts if s < x < e):
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


@dataclass(frozen=True)
class Article:
    """One article to ingest, with its views and offset maps."""

    raw: str
    text: str
    cased: str
    simple: str
    text_to_raw: list[int]
    simple_to_text: list[int]
    traditional: bool = False
    breaks: frozenset[int] = frozenset()
    """``simple`` offsets where a sentence starts after a line without closing punctuation."""

    @classmethod
    def from_raw(cls, raw: str) -> Article:
        cleaned, clean_to_raw = strip_pinyin_notes(raw)
        text, to_clean = normalise_with_map(cleaned)
        to_raw = to_clean if cleaned is raw else [clean_to_raw[i] for i in to_clean]
        traditional = is_traditional(text)
        cased, to_text = simplify_aligned(text, phrases=traditional)
        soft = soft_breaks(cleaned, text, to_clean)
        breaks = frozenset(i for i in range(1, len(cased))
                           if to_text[i] in soft and to_text[i - 1] != to_text[i])
        return cls(raw, text, cased, lower_ascii(cased), to_raw, to_text, traditional, breaks)

    def sentences(self) -> list[tuple[int, int]]:
        """The sentence spans of ``simple``, cut again at :attr:`breaks`."""
        bounds = list(sentence_spans(self.simple))
        return split_at(bounds, set(self.breaks)) if self.breaks else bounds

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A ``simple`` span as a ``text`` span."""
        return self.simple_to_text[start], self.simple_to_text[end - 1] + 1

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """A ``text`` span as a ``raw`` span (line breaks inside it included)."""
        return self.text_to_raw[start], self.text_to_raw[end - 1] + 1

    def is_traditional(self) -> bool:
        """True when conversion to Simplified changes at least 1 % of the Chinese characters."""
        return self.traditional


def is_traditional(text: str) -> bool:
    """True when ``t2s`` changes at least 1 % of the Chinese characters (not punctuation, not Latin)
    of the text's opening 6,000 characters."""
    cjk = _NOT_CJK.sub("", text[:6000])  # the opening thousands of characters tell
    if not cjk:
        return False
    return _changed(cjk, to_simplified(cjk)) / len(cjk) >= 0.01


def _changed(a: str, b: str) -> int:
    """How many of the first ``min(len(a), len(b))`` characters differ (compared as code points)."""
    if a == b:
        return 0
    import numpy as np

    n = min(len(a), len(b))
    return int(np.count_nonzero(np.frombuffer(a[:n].encode("utf-32-le"), dtype=np.uint32)
                                != np.frombuffer(b[:n].encode("utf-32-le"), dtype=np.uint32)))


def clause_bounds(sentence: str, pos: int) -> tuple[int, int]:
    """The [start, end) of the comma-delimited clause of ``sentence`` around ``pos``."""
    start = 0
    for m in _CLAUSE.finditer(sentence, 0, pos):
        start = m.end()
    m2 = _CLAUSE.search(sentence, pos)
    return start, (m2.start() if m2 else len(sentence))
