"""Ingest: Chinese news text → candidate entities and statements with evidence, reviewed into data/.

Modules: :mod:`.text` (normalisation and offset maps), :mod:`.gazetteer` (known names),
:mod:`.discover` (new entities), :mod:`.relations` (patterns), :mod:`.qualifiers` (dates,
rounds, amounts), :mod:`.candidates` (comparison with the graph, YAML), :mod:`.accept` (merge).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from graph.errors import DataIssue, DataValidationError
from loaders.curated import load_graph
from loaders.ingest.accept import accept
from loaders.ingest.candidates import Candidates, ingest_texts

__all__ = ["Candidates", "accept", "ingest_files", "read_source_meta"]

_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
META_KEYS = ("id", "title", "publisher", "date", "script", "author", "note")


def read_source_meta(path: Path) -> dict[str, dict[str, Any]]:
    """Article metadata from a YAML file: one mapping (for a single FILE), or file stem → mapping.

    Raises:
        DataValidationError: unreadable YAML or unknown keys, named by file and line.
    """
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataValidationError([DataIssue(str(path), mark.line + 1 if mark else 1,
                                             f"unreadable source metadata: {exc}")]) from None
    if not isinstance(doc, dict):
        raise DataValidationError([DataIssue(str(path), 1, "expected a mapping")])
    entries = {"": doc} if not all(isinstance(v, dict) for v in doc.values()) else doc
    out: dict[str, dict[str, Any]] = {}
    for stem, meta in entries.items():
        unknown = sorted(set(meta) - set(META_KEYS))
        if unknown:
            raise DataValidationError([DataIssue(str(path), 1, f"{stem or 'metadata'}: unknown keys "
                                                 f"{unknown}; known: {', '.join(META_KEYS)}")])
        values = {k: str(v) for k, v in meta.items() if v is not None}
        if "date" in values and not _DATE.fullmatch(values["date"]):
            raise DataValidationError([DataIssue(str(path), 1, f"{stem or 'metadata'}: date "
                                                 f"{values['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")])
        out[str(stem)] = values
    return out


def ingest_files(files: list[Path], meta: dict[str, dict[str, Any]] | None = None,
                 data_dir: Path | None = None) -> Candidates:
    """Candidates of ``files`` against the graph of ``data_dir``.

    Metadata per file: ``meta[stem]`` (or ``meta[""]`` for a single file), else the entry of
    ``sources.yaml`` with the file's stem as id, else the id alone (dates without a year then
    stay unresolved).
    """
    graph = load_graph(data_dir)
    meta = meta or {}
    articles = []
    for path in files:
        stem = path.stem
        known = graph.sources.get(stem)
        source: dict[str, Any] = {"id": stem}
        if known is not None:
            source.update({k: v for k, v in vars(known).items() if v})
        source.update(meta.get(stem) or (meta.get("") if len(files) == 1 else None) or {})
        try:
            raw = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataValidationError([DataIssue(str(path), 0, f"not valid UTF-8 (byte {exc.start})")]) \
                from None
        except OSError as exc:
            raise DataValidationError([DataIssue(str(path), 0, f"cannot read: {exc.strerror}")]) from None
        articles.append((raw, source))
    return ingest_texts(graph, articles)
