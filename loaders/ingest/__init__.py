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

__all__ = ["Candidates", "accept", "ingest_files", "missing_source_meta", "read_source_meta"]

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
    except ValueError as exc:  # PyYAML builds dates itself: 2025-13-45 fails inside it
        raise DataValidationError([DataIssue(str(path), 1, f"source metadata: a date that is not a "
                                                           f"calendar date ({exc})")]) from None
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


def missing_source_meta(files: list[Path], meta: dict[str, dict[str, Any]] | None = None,
                        data_dir: Path | None = None) -> list[tuple[Path, list[str]]]:
    """(file, missing keys) of every file whose source ``--accept`` could not add: not in
    ``sources.yaml`` and without title, publisher or date in ``meta``."""
    from loaders.curated import default_data_dir

    known = _known_source_ids(data_dir or default_data_dir())
    meta = meta or {}
    out = []
    for path in files:
        if path.stem in known:
            continue
        given = meta.get(path.stem) or (meta.get("") if len(files) == 1 else None) or {}
        missing = [k for k in ("title", "publisher", "date") if not given.get(k)]
        if missing:
            out.append((path, missing))
    return out


def _known_source_ids(data_dir: Path) -> set[str]:
    try:
        doc = yaml.safe_load((data_dir / "sources.yaml").read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        return set()
    return {str(s["id"]) for s in doc if isinstance(s, dict) and "id" in s}


def ingest_files(files: list[Path], meta: dict[str, dict[str, Any]] | None = None,
                 data_dir: Path | None = None, fast: bool = False) -> Candidates:
    """Candidates of ``files`` against the graph of ``data_dir``.

    Metadata per file: ``meta[stem]`` (or ``meta[""]`` for a single file), else the entry of
    ``sources.yaml`` with the file's stem as id, else the id alone (dates without a year then
    stay unresolved). ``fast``: rules only, no statistical tagger.
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
    return ingest_texts(graph, articles, fast)
