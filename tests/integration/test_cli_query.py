"""`ecokg queries` and `ecokg query` against the embedded store built on demand."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path_factory.getbasetemp() / "cli-data"
    monkeypatch.setenv("ECOKG_DATA_DIR", str(directory))
    return directory


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output if result.exit_code else result.stdout


def test_queries_lists_the_library() -> None:
    code, out = invoke("queries")
    assert code == 0 and "company_centres" in out and "centre_leaders" in out


def test_query_builds_the_database_and_answers_json(data_dir: Path) -> None:
    code, out = invoke("query", "centre_leaders", "--format", "json")
    assert code == 0, out
    payload = json.loads(out)
    assert (data_dir / "ecokg.lbug").exists()
    assert payload["columns"][:2] == ["centre_id", "centre"] and payload["rows"]
    leaders = {(r[0], r[2]) for r in payload["rows"]}
    assert ("guangdong-embodied-ai-center", "cuhk-shenzhen") in leaders


def test_query_takes_traditional_names_and_writes_csv() -> None:
    code, out = invoke("query", "company_centres", "-p", "company=優必選", "-p", "max_hops=2", "-f", "csv")
    assert code == 0, out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["centre_id", "centre", "hops"]
    assert any(r[0] == "national-embodied-ai-center" for r in rows[1:])


def test_query_errors_name_the_problem() -> None:
    code, out = invoke("query", "company_centres", "-p", "company=不存在的公司")
    assert code == 2 and "不存在的公司" in out
    code, out = invoke("query", "company_centres", "-p", "max_hops=99")
    assert code == 2 and "max_hops" in out
    code, out = invoke("query", "no_such_query")
    assert code == 2 and "no_such_query" in out
    code, out = invoke("query", "company_centres", "-p", "max_hops")
    assert code == 2 and "key=value" in out


def test_ego_writes_a_standalone_offline_page(tmp_path: Path) -> None:
    import re

    out = tmp_path / "ego.html"
    result = CliRunner().invoke(app, ["ego", "優必選", "--depth", "2", "--out", str(out)])
    code, output = result.exit_code, result.stderr
    assert code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "优必选" in html and "vis-network" in html.lower()
    remote = re.findall(r"<(?:script|link)[^>]+(?:src|href)=[\"']?https?://", html, re.IGNORECASE)
    assert remote == []
    assert re.search(r"wrote .*ego\.html: \d+ nodes, \d+ edges", output)
    code, output = invoke("ego", "不存在", "--out", str(tmp_path / "x.html"))
    assert code == 2 and "不存在" in output


def test_query_and_ego_read_the_data_and_database_the_settings_name(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of the data (ECOKG_CURATED_DIR) with its own database (--db): both commands use them."""
    import shutil

    from loaders.curated import default_data_dir

    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    monkeypatch.setenv("ECOKG_CURATED_DIR", str(data))
    db = tmp_path / "copy.lbug"
    code, out = invoke("query", "company_rounds", "-p", "company=源升智能", "--db", str(db), "-f", "json")
    assert code == 0 and db.is_file() and json.loads(out)["rows"], out
    result = CliRunner().invoke(app, ["ego", "ubtech", "--db", str(db), "--out", str(tmp_path / "e.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "e.html").is_file()
