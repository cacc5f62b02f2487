"""Script-insensitive forms of names: OpenCC Traditional→Simplified and the match form."""

from __future__ import annotations

import re
from functools import cache

_WHITESPACE = re.compile(r"\s+")


@cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC ``t2s`` (character-level; Taiwan vocabulary kept)."""
    return str(_converter().convert(text))  # type: ignore[attr-defined]


def match_form(text: str) -> str:
    """The form names are compared in: Simplified, whitespace removed, ASCII lowered, full-width brackets."""
    return _WHITESPACE.sub("", to_simplified(text)).lower().replace("(", "（").replace(")", "）")
