"""The evidence of a citation: the sentence of the source article around its span, read when asked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.errors import CorpusError
from loaders.corpus import read_article, sentence_spans

MAX_CONTEXT = 400
"""Most characters shown on either side of a span (a "sentence" can be a whole list)."""


@dataclass(frozen=True)
class Evidence:
    """A cited span with the rest of its sentence(s): ``before`` + ``span`` + ``after``."""

    before: str
    span: str
    after: str


def cited_sentence(source: str, start: int, end: int, corpus_dir: Path) -> Evidence:
    """The sentences of article ``source`` that the span [start, end) touches, split at the span.

    The article is read from ``corpus_dir`` on every call; nothing is kept.

    Raises:
        CorpusError: the corpus or the article is missing, or the span lies outside the text.
    """
    text = read_article(source, corpus_dir)
    if not 0 <= start < end <= len(text):
        raise CorpusError(f"span {start}-{end} lies outside article {source} ({len(text)} characters)")
    first, last = start, end
    for s, e in sentence_spans(text):
        if e > start and s < end:
            first, last = min(first, s), max(last, e)
        if s >= end:
            break
    first, last = max(first, start - MAX_CONTEXT), min(last, end + MAX_CONTEXT)
    return Evidence(text[first:start].lstrip(), text[start:end], text[end:last].rstrip())
