"""Finding citation spans in the corpus: a helper for curators, and the citation check.

Run ``python -m loaders.spans find STEM NAME [NAME …]`` to list the smallest runs of sentences
of an article that mention every NAME (compared Traditional-insensitively), with their
[start, end) offsets in the normalised text; ``show STEM START END`` prints one span.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from graph.errors import CorpusError
from loaders.corpus import match_form, read_article, sentence_spans


def mentions(span_text: str, names: Iterable[str]) -> bool:
    """True when ``span_text`` contains at least one of ``names`` (in match form)."""
    haystack = match_form(span_text)
    return any(match_form(name) in haystack for name in names if name)


def covering_spans(text: str, name_groups: list[list[str]], max_sentences: int = 4
                   ) -> list[tuple[int, int]]:
    """Smallest runs of consecutive sentences that mention one name of every group."""
    sentences = list(sentence_spans(text))
    found: list[tuple[int, int]] = []
    for width in range(1, max_sentences + 1):
        for i in range(len(sentences) - width + 1):
            start, end = sentences[i][0], sentences[i + width - 1][1]
            if all(mentions(text[start:end], group) for group in name_groups):
                inner = [s for s in found if start <= s[0] and s[1] <= end]
                if not inner:
                    found.append((start, end))
        if found:
            return found
    return found


def main(argv: list[str]) -> int:
    """Command-line entry point (see the module docstring)."""
    try:
        return _run(argv)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _run(argv: list[str]) -> int:
    from graph.settings import Settings

    corpus = Settings().corpus_dir  # ECOKG_CORPUS_DIR, or ../shared/corpus
    if len(argv) >= 3 and argv[0] == "find":
        text = read_article(argv[1], corpus)
        groups = [name.split("|") for name in argv[2:]]
        spans = covering_spans(text, groups)
        for start, end in spans:
            print(f"[{start}, {end}]  {text[start:end]}")
        if not spans:
            print("no span mentions every name", file=sys.stderr)
            return 1
        return 0
    if len(argv) == 4 and argv[0] == "show":
        text = read_article(argv[1], corpus)
        print(text[int(argv[2]):int(argv[3])])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
