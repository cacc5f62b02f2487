"""Offline check of every Cypher statement sent to Neo4j, by Neo4j's own parser and semantic analysis.

Runs ``tools/cypher-lint/lint.mjs`` (the npm package ``@neo4j-cypher/language-support``) with a
database schema built from the ontology. Install it once with ``npm ci --prefix tools/cypher-lint``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cypher import ego, names, search
from cypher.registry import load_queries, parameters_in
from graph.errors import EcokgError
from graph.ontology import LABELS, RELATION_TYPES, all_property_keys
from graph.stores.neo4j_store import loader_statements

LINT_DIR = Path(__file__).resolve().parents[1] / "tools" / "cypher-lint"


LOADER_ROW_KEYS = ("source", "target", "props")
"""Keys the loader reads from the maps of its ``$rows`` parameter."""


class LintUnavailable(EcokgError):
    """Node.js or the linter package is not installed."""


@dataclass(frozen=True)
class Statement:
    """A named Cypher statement and the parameters it may use."""

    name: str
    text: str
    parameters: tuple[str, ...]


def neo4j_statements() -> list[Statement]:
    """Every statement the project sends to Neo4j: loader, canned queries, service reads."""
    out = [Statement(f"loader:{name}", text, tuple(sorted(parameters_in(text))))
           for name, text in loader_statements()]
    for query in load_queries().values():
        text = query.text("neo4j")
        out.append(Statement(f"query:{query.name}", text, tuple(sorted(parameters_in(text)))))
    service = {f"ego:{name}": texts["neo4j"] for name, texts in ego.STATEMENTS.items()}
    service["search:names"] = search.SEARCH_TEXTS["neo4j"]
    service["names:index"] = names.NAMES_QUERY
    out += [Statement(name, text, tuple(sorted(parameters_in(text)))) for name, text in service.items()]
    return out


def lint_schema() -> dict[str, Any]:
    """The linter's database schema, derived from the ontology."""
    return {
        "labels": [label.name for label in LABELS],
        "relationshipTypes": [rel.name for rel in RELATION_TYPES],
        "propertyKeys": list(all_property_keys()) + list(LOADER_ROW_KEYS),
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
    payload = {"schema": lint_schema(),
               "queries": [{"name": s.name, "text": s.text, "parameters": list(s.parameters)}
                           for s in statements]}
    proc = subprocess.run([node, str(LINT_DIR / "lint.mjs")], input=json.dumps(payload),
                          capture_output=True, text=True, cwd=LINT_DIR, timeout=600, check=False)
    if proc.returncode not in (0, 1):
        raise LintUnavailable(f"linter failed ({proc.returncode}): {proc.stdout[-500:]} {proc.stderr[-500:]}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result
