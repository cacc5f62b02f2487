"""One pass over a Cypher text: string literals with escapes, backticked names and both comment forms.

The lexer is the only reader of the raw text. It runs once, left to right, in time linear in the
input: a string, a name or a comment is scanned to its end exactly once, and anything it cannot
read (an unterminated string or comment, an unknown escape, a stray character, nesting past
:data:`MAX_NESTING`) stops it with a :class:`LexError` naming the line and column. Comments are
dropped; every other token carries its decoded value, so that :mod:`graph.statements.readonly` can print the
statement back from its tokens alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from graph.errors import QueryRejected

MAX_NESTING = 32
"""Deepest nesting of (), [] and {} a statement may have."""

KEYWORDS = frozenset({
    "MATCH", "OPTIONAL", "WHERE", "WITH", "UNWIND", "RETURN", "ORDER", "BY", "SKIP", "LIMIT", "UNION",
    "ALL", "CALL", "YIELD", "AS", "DISTINCT", "ASC", "ASCENDING", "DESC", "DESCENDING", "AND", "OR",
    "XOR", "NOT", "IN", "IS", "NULL", "TRUE", "FALSE", "STARTS", "ENDS", "CONTAINS", "CASE", "WHEN",
    "THEN", "ELSE", "END", "EXISTS", "SHORTEST", "SHORTESTPATH", "ALLSHORTESTPATHS", "CAST",
})
"""Words read as keywords (any case); every other word is a name."""

PUNCTUATION = {
    "(": "LPAR", ")": "RPAR", "[": "LSQB", "]": "RSQB", "{": "LBRACE", "}": "RBRACE", ",": "COMMA",
    ".": "DOT", "..": "DOTDOT", ":": "COLON", ";": "SEMI", "|": "PIPE", "*": "STAR", "+": "PLUS",
    "-": "MINUS", "/": "SLASH", "%": "PERCENT", "^": "CARET", "=": "EQ", "<>": "NEQ", "!=": "NEQ",
    "<": "LT", ">": "GT", "<=": "LE", ">=": "GE", "=~": "REGEX",
}
_OPENING = frozenset("([{")
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?=\.\.)|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])")
_WORD = re.compile(r"[^\W\d]\w*")
_PARAM = re.compile(r"\$(?:[^\W\d]\w*|\d+)")
_PLAIN_RUN = {"'": re.compile(r"[^'\\\n]*"), '"': re.compile(r'[^"\\\n]*')}


class LexError(QueryRejected):
    """The text is not made of Cypher tokens the console reads."""


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its grammar type, decoded value and where it starts (1-based line and column)."""

    type: str
    value: str
    line: int
    column: int


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text``, comments dropped.

    Raises:
        LexError: at the first thing that is not a token, naming its line and column.
    """
    i, n, line, line_start, depth = 0, len(text), 1, 0, 0

    def where(at: int) -> tuple[int, int]:
        return line, at - line_start + 1

    def fail(at: int, message: str) -> LexError:
        ln, col = where(at)
        return LexError(f"{message} at line {ln}, column {col}")

    while i < n:
        ch = text[i]
        if ch.isspace():
            end = _SPACE.match(text, i).end()  # type: ignore[union-attr]
            newlines = text.count("\n", i, end)
            if newlines:
                line += newlines
                line_start = text.rindex("\n", i, end) + 1
            i = end
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise fail(i, "unterminated /* comment")
            newlines = text.count("\n", i, end)
            if newlines:
                line += newlines
                line_start = text.rindex("\n", i, end) + 1
            i = end + 2
            continue
        ln, col = where(i)
        if ch in "'\"":
            value, i = _string(text, i, fail)
            yield Token("STRING", value, ln, col)
            continue
        if ch == "`":
            end = text.find("`", i + 1)
            if end < 0:
                raise fail(i, "unterminated `name`")
            name = text[i + 1:end]
            if not name or any(c in name for c in "\n\r\t\0"):
                raise fail(i, "a `name` must be non-empty and on one line")
            _check_chars(name, i, fail)
            yield Token("NAME", name, ln, col)
            i = end + 1
            continue
        if ch.isdigit():
            match = _NUMBER.match(text, i)
            if match is None:
                raise fail(i, "a number must be written in decimal digits")
            kind = "INT" if match[0].isdigit() else "FLOAT"
            yield Token(kind, match[0], ln, col)
            i = match.end()
            continue
        if ch == "$":
            match = _PARAM.match(text, i)
            if match is None:
                raise fail(i, "a parameter is $ followed by a name")
            yield Token("PARAM", match[0][1:], ln, col)
            i = match.end()
            continue
        if match := _WORD.match(text, i):
            word = match[0]
            upper = word.upper()
            yield Token(upper, upper, ln, col) if upper in KEYWORDS else Token("NAME", word, ln, col)
            i = match.end()
            continue
        two = text[i:i + 2]
        if len(two) == 2 and two in PUNCTUATION:
            yield Token(PUNCTUATION[two], two, ln, col)
            i += 2
            continue
        if ch in PUNCTUATION:
            # Only the depth is counted here; the parser judges whether brackets match.
            if ch in _OPENING:
                depth += 1
                if depth > MAX_NESTING:
                    raise fail(i, f"brackets nest deeper than {MAX_NESTING} levels")
            elif ch in ")]}":
                depth = max(0, depth - 1)
            yield Token(PUNCTUATION[ch], ch, ln, col)
            i += 1
            continue
        raise fail(i, f"unexpected character {ch!r}")


Fail = Callable[[int, str], LexError]


def _string(text: str, start: int, fail: Fail) -> tuple[str, int]:
    """Decode the literal opening at ``start``; return its value and the index after it."""
    quote = text[start]
    plain = _PLAIN_RUN[quote]
    parts: list[str] = []
    i = start + 1
    n = len(text)
    while True:
        run = plain.match(text, i)
        assert run is not None  # the pattern matches the empty string
        parts.append(run[0])
        i = run.end()
        if i >= n or text[i] == "\n":
            # Literals stay on one line: a newline is written \n, so a stray quote cannot
            # swallow the rest of the statement.
            raise fail(start, "unterminated string")
        ch = text[i]
        if ch == quote:
            value = "".join(parts)
            _check_chars(value, start, fail)
            return value, i + 1
        # a backslash
        code = text[i + 1:i + 2]
        if code in _ESCAPES:
            parts.append(_ESCAPES[code])
            i += 2
        elif code in ("u", "U"):
            width = 4 if code == "u" else 8
            digits = text[i + 2:i + 2 + width]
            if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise fail(i, f"\\{code} needs {width} hex digits")
            point = int(digits, 16)
            if point > 0x10FFFF:
                raise fail(i, "escape beyond Unicode")
            parts.append(chr(point))
            i += 2 + width
        else:
            raise fail(i, f"unknown escape \\{code}")


def _check_chars(value: str, at: int, fail: Fail) -> None:
    if any("\ud800" <= c <= "\udfff" for c in value):
        raise fail(at, "text holds an unpaired surrogate")
