"""One exception tree for ecokg."""

from __future__ import annotations

from dataclasses import dataclass


class EcokgError(Exception):
    """Base of every error ecokg raises on purpose."""


class CorpusError(EcokgError):
    """A source article or the corpus directory is missing or unreadable."""


@dataclass(frozen=True)
class DataIssue:
    """One problem found in a data file, located by file and line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class DataValidationError(EcokgError):
    """The curated data failed validation; nothing was loaded."""

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = issues
        if len(issues) == 1:  # one problem, one line (the command line prints it as is)
            super().__init__(f"{issues[0]} (nothing was loaded)")
            return
        shown = "\n".join(f"  {issue}" for issue in issues[:50])
        more = f"\n  … and {len(issues) - 50} more" if len(issues) > 50 else ""
        super().__init__(f"{len(issues)} data error(s); nothing was loaded:\n{shown}{more}")


class StoreError(EcokgError):
    """A graph store could not be opened, loaded or queried."""


class QueryRejected(StoreError):
    """A query was refused: it writes, or is not a single read statement."""


class QueryParameterError(StoreError):
    """The store cannot bind a query parameter (e.g. a list mixing numbers and text)."""


class QueryTimeout(StoreError):
    """A query ran past its time limit."""


class QueryTooLarge(QueryRejected):
    """A query needed more memory than one query may use."""


MAX_ERROR_CHARS = 2_000
"""How much of an error message is passed on: an engine error may quote a value of any size
(``error(repeat(...))``), and the result byte cap does not apply to errors."""


def clipped(message: str, limit: int = MAX_ERROR_CHARS) -> str:
    """``message`` cut to ``limit`` characters, saying how much was left out.

    Where a message may already be clipped (the server, after a worker), pass a larger ``limit``.
    """
    if len(message) <= limit:
        return message
    return f"{message[:limit]}… ({len(message) - limit:,} more characters left out)"
