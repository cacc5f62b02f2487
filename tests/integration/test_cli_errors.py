"""Issue 17's command-line error cases, run as a user runs them: one line on stderr, exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.model import KnowledgeGraph
from graph.stores.embedded import build_database

ECOKG = [sys.executable, "-c", "from api.cli import main; main()"]


@pytest.fixture(scope="module")
def data_dir(graph: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("cli-errors")
    build_database(graph, directory / "ecokg.lbug")
    return directory


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ECOKG_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    return subprocess.run([*ECOKG, *args], env=env, capture_output=True, text=True, timeout=180,
                          cwd=data_dir)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_ego_into_a_missing_directory(data_dir: Path) -> None:
    line = one_error_line(run(data_dir, "ego", "优必选", "--out", "/nonexistent/x.html"))
    assert "/nonexistent" in line


def test_a_source_meta_file_with_an_impossible_date(data_dir: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("示例科技公司与示例大学签署合作协议。\n", encoding="utf-8")
    meta = tmp_path / "meta.yaml"
    meta.write_text("title: 示例\npublisher: 示例报\ndate: 2025-13-45\n", encoding="utf-8")
    line = one_error_line(run(data_dir, "ingest", str(article), "--source-meta", str(meta), "--fast"))
    assert "2025-13-45" in line or "date" in line


def test_analytics_with_a_misspelt_label(data_dir: Path) -> None:
    line = one_error_line(run(data_dir, "analytics", "degree", "--label", "Compnay"))
    assert "Compnay" in line


def test_ingest_with_files_and_accept_refuses_both(data_dir: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("示例。\n", encoding="utf-8")
    line = one_error_line(run(data_dir, "ingest", str(article), "--accept", str(tmp_path / "c.yaml")))
    assert "not both" in line


def test_an_unknown_name_in_pinyin_suggests_the_chinese_one(data_dir: Path, tmp_path: Path) -> None:
    line = one_error_line(run(data_dir, "ego", "youbixuan", "--out", str(tmp_path / "e.html")))
    assert "did you mean 优必选" in line
    line = one_error_line(run(data_dir, "query", "company_centres", "-p", "company=ybx"))
    assert "优必选" in line


@pytest.mark.parametrize("args", [
    ("query", "entity_timeline", "-p", "entity=ubtech", "-p", "as_of=2025-13-45"),
    ("query", "no_such_query"), ("query", "company_centres", "-p", "max_hops")])
def test_query_errors(data_dir: Path, args: tuple[str, ...]) -> None:
    one_error_line(run(data_dir, *args))
