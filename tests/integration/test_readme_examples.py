"""Every ``ecokg query`` example in README.md returns rows, run through the command line as written."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.model import KnowledgeGraph
from graph.stores.embedded import build_database
from loaders.corpus import REPO_ROOT

EXAMPLES = sorted(set(re.findall(r"`(ecokg query [^`|]+)`",
                                 (REPO_ROOT / "README.md").read_text(encoding="utf-8"))) - {
    "ecokg query NAME -p key=value … [--format table\\"})


@pytest.fixture(scope="module")
def data_dir(graph: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("readme-examples")
    build_database(graph, directory / "ecokg.lbug")
    return directory


def test_the_readme_has_an_example_per_canned_query() -> None:
    from cypher.registry import load_queries

    assert {shlex.split(e)[2] for e in EXAMPLES} == set(load_queries())


@pytest.mark.parametrize("example", EXAMPLES)
def test_readme_example_returns_rows(example: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOKG_DATA_DIR", str(data_dir))
    args = shlex.split(example)[1:]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"], f"{example} returned no rows"
