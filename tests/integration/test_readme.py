"""README.md stays true: generated tables match the ontology and data, commands are documented."""

from __future__ import annotations

from api.readme import generated_sections, render_into
from graph.model import KnowledgeGraph
from loaders.corpus import REPO_ROOT


def test_generated_readme_sections_are_current(graph: KnowledgeGraph) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for name in generated_sections(graph):
        assert f"<!-- generated: {name} -->" in readme
    assert render_into(readme, graph) == readme, "README.md is out of date: run `ecokg readme`"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_line = next(line for line in readme.splitlines() if "pytest" in line and "pip install" in line)
    assert test_line.strip() in ci.splitlines()
