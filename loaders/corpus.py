"""Reading the source articles and the text normalisation that citation offsets refer to.

Offsets are character offsets (Python ``str`` indices, [start, end)) into the *normalised*
article text, defined by :func:`normalise`:

1. the file is decoded as UTF-8 and every ``\\r`` is removed;
2. a run of two or more ``\\n`` (a blank line: a paragraph break) becomes a single ``\\n``;
3. every remaining single ``\\n`` (a line wrapped mid-sentence) is removed.

Nothing else changes: spaces, full-width punctuation and the original script are kept, so a
span is always a substring of the article as written (Traditional articles stay Traditional).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from graph.errors import CorpusError
from graph.paths import REPO_ROOT, default_corpus_dir
from graph.text import match_form, to_simplified

__all__ = ["REPO_ROOT", "default_corpus_dir", "match_form", "normalise", "read_article", "sentence_spans",
           "to_simplified"]

_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
_SENTENCE_END = frozenset("。！？；!?;\n")
_CLOSERS = frozenset("”’」』）)】")
_SENTENCE = re.compile("[" + re.escape("".join(sorted(_SENTENCE_END))) + "]["
                       + re.escape("".join(sorted(_CLOSERS))) + "]*")





def normalise(raw: str) -> str:
    """Return the normalised text that citation offsets refer to (see the module docstring)."""
    text = raw.replace("\r", "")
    text = _PARAGRAPH_BREAK.sub("\u2029", text).replace("\n", "")
    return text.replace("\u2029", "\n")


def read_article(stem: str, corpus_dir: Path | None = None) -> str:
    """Read one article by file stem and return its normalised text.

    Raises:
        CorpusError: the corpus directory or the article is missing, or is not UTF-8.
    """
    directory = corpus_dir or default_corpus_dir()
    path = directory / f"{stem}.txt"
    if not directory.is_dir():
        raise CorpusError(f"corpus directory not found: {directory}")
    try:
        return normalise(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"article not found: {path}") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not valid UTF-8 at byte {exc.start}") from None


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield [start, end) spans of the sentences of normalised ``text``.

    A sentence ends after 。！？；!?; or a paragraph break, with any closing quotes or
    brackets that follow kept in the sentence.
    """
    start = 0
    for m in _SENTENCE.finditer(text):  # an end mark and the closers after it
        if text[start:m.end()].strip():
            yield start, m.end()
        start = m.end()
    if text[start:].strip():
        yield start, len(text)
