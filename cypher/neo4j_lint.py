"""Offline check of every Cypher statement sent to Neo4j, by Neo4j's own parser and semantic analysis.

Runs ``tools/cypher-lint/lint.mjs`` (the npm package ``@neo4j-cypher/language-support``) with a
database schema built from the ontology. Install it once with ``npm ci --prefix tools/cypher-lint``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cypher.registry import load_queries
from graph.errors import EcokgError
from graph.ontology import LABELS, RELATION_TYPES, all_property_keys
from graph.statements.catalogue import Statement as CatalogueStatement
from graph.statements.catalogue import parameters_in, service_statements, variants
from graph.stores.neo4j_store import loader_statements
from graph.stores.schema import NODE_SYSTEM_COLUMNS

LINT_DIR = Path(__file__).resolve().parents[1] / "tools" / "cypher-lint"


LOADER_ROW_KEYS = ("source", "target", "props")
LINT_PROCESSES = max(1, min(4, os.cpu_count() or 1))
"""Keys the loader reads from the maps of its ``$rows`` parameter."""


class LintUnavailable(EcokgError):
    """Node.js or the linter package is not installed."""


@dataclass(frozen=True)
class Statement:
    """A named Cypher statement and the parameters it may use."""

    name: str
    text: str
    parameters: tuple[str, ...]


def neo4j_statements(*, every_input: bool = False) -> list[Statement]:
    """The statements the project sends to Neo4j, as they run: each variant of the canned queries and
    service reads (anchors unlabelled and labelled, hop bounds at both ends), the schema statements,
    and the loader's templates — for one label and type each, or for ``every_input`` the loader sends."""
    loader = list(loader_statements())
    if not every_input:
        first: dict[str, tuple[str, str]] = {}
        for name, text in loader:
            first.setdefault(_template_of(name), (name, text))
        loader = list(first.values())
    out = [Statement(f"loader:{name}", text, tuple(sorted(parameters_in(text)))) for name, text in loader]
    reads: list[CatalogueStatement] = [*load_queries().values(),
                                       *(s for s in service_statements().values() if s.kind == "read")]
    for stmt in reads:
        if "neo4j" not in stmt.texts:
            continue
        prefix = "query" if stmt.path.parent.name == "queries" else "service"
        for i, text in enumerate(variants(stmt, "neo4j")):
            out.append(Statement(f"{prefix}:{stmt.name}:{i}", text, tuple(sorted(parameters_in(text)))))
    return out


def _template_of(loader_name: str) -> str:
    """``merge-nodes-Company`` → ``merge-nodes``; constraints stay one each."""
    if loader_name.startswith("constraint-"):
        return loader_name
    return "-".join(loader_name.split("-")[:2])


def lint_schema() -> dict[str, Any]:
    """The linter's database schema, derived from the ontology."""
    return {
        "labels": [label.name for label in LABELS],
        "relationshipTypes": [rel.name for rel in RELATION_TYPES],
        "propertyKeys": [*all_property_keys(), *(name for name, _ in NODE_SYSTEM_COLUMNS),
                         *LOADER_ROW_KEYS],
    }


def lint(statements: list[Statement]) -> dict[str, Any]:
    """Lint statements; returns ``{failing, total, results: [{name, ok, diagnostics}]}``.

    Raises:
        LintUnavailable: node or the npm package is missing.
    """
    node = shutil.which("node")
    if node is None:
        raise LintUnavailable("node is not installed (the Cypher linter runs on Node.js)")
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        raise LintUnavailable(f"linter package missing: run `npm ci --prefix {LINT_DIR}`")
    # The linter takes a few hundred milliseconds a statement: one process per core, in parallel.
    chunks = [statements[i::LINT_PROCESSES] for i in range(LINT_PROCESSES) if statements[i::LINT_PROCESSES]]

    def run(chunk: list[Statement]) -> dict[str, Any]:
        payload = {"schema": lint_schema(),
                   "queries": [{"name": s.name, "text": s.text, "parameters": list(s.parameters)}
                               for s in chunk]}
        proc = subprocess.run([node, str(LINT_DIR / "lint.mjs")], input=json.dumps(payload),
                              capture_output=True, text=True, cwd=LINT_DIR, timeout=900, check=False)
        if proc.returncode not in (0, 1):
            raise LintUnavailable(f"linter failed ({proc.returncode}): {proc.stdout[-500:]} "
                                  f"{proc.stderr[-500:]}")
        part: dict[str, Any] = json.loads(proc.stdout)
        return part

    merged: dict[str, Any] = {"failing": 0, "total": 0, "results": []}
    with ThreadPoolExecutor(max_workers=len(chunks) or 1) as pool:
        for part in pool.map(run, chunks):
            merged["failing"] += part["failing"]
            merged["total"] += part["total"]
            merged["results"] += part["results"]
    return merged
