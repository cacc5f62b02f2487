"""``ecokg ingest`` end to end: candidates from a file we write, then --accept into a copy of data/."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from api.cli import app
from loaders.curated import default_data_dir, load_graph

ARTICLE = ("2025年3月，优必选与香港中文大学（深\n圳）签署战略合作协议。\n\n"
           "3月6日，星河跃动科技宣布完成了数千万元天使轮融资，本轮由深创投领\n投。\n")
META = "title: 测试稿件\npublisher: 测试通讯社\ndate: '2025-03-20'\n"
runner = CliRunner()


def snapshot(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture()
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    (tmp_path / "zz_test_news.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "meta.yaml").write_text(META, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "zz_test_news.txt"), "--source-meta",
                                 str(tmp_path / "meta.yaml"), "--out", str(tmp_path / "c.yaml"),
                                 "--data", str(data)])
    assert result.exit_code == 0, result.output
    return tmp_path / "c.yaml", data


def test_ingest_writes_candidates_with_evidence(workspace: tuple[Path, Path]) -> None:
    candidates, _ = workspace
    doc = yaml.safe_load(candidates.read_text(encoding="utf-8"))
    assert doc["sources"] == [{"id": "zz_test_news", "title": "测试稿件", "publisher": "测试通讯社",
                               "date": "2025-03-20", "script": "Simplified"}]
    facts = {(s["type"], s["from"], s["to"]): s for s in doc["statements"]}
    coop = facts[("合作", "ubtech", "cuhk-shenzhen")]
    assert coop["status"] == "extends" and coop["accept"] and coop["qualifiers"] == {"date": "2025-03"}
    assert coop["evidence"] == "2025年3月，优必选与香港中文大学（深圳）签署战略合作协议。"
    company = next(e for e in doc["entities"] if e["name"] == "星河跃动科技")
    raised = next(s for s in doc["statements"] if s["type"] == "融资")
    assert raised["from"] == company["id"] and raised["qualifiers"] == {"date": "2025-03-06"}
    assert ("投资", "szvc", raised["to"]) in facts


def test_accept_merges_into_data_and_the_graph_loads(workspace: tuple[Path, Path]) -> None:
    candidates, data = workspace
    result = runner.invoke(app, ["ingest", "--accept", str(candidates), "--data", str(data)])
    assert result.exit_code == 0, result.output
    graph = load_graph(data)
    assert graph.sources["zz_test_news"].title == "测试稿件"
    coop = next(r for r in graph.relationships if r.type == "合作"
                and {r.source, r.target} == {"ubtech", "cuhk-shenzhen"})
    assert [c.source for c in coop.citations] == ["zz_test_news"]
    company = next(n for n in graph.nodes.values() if n.name == "星河跃动科技")
    assert company.label == "Company" and company.properties["sources"] == ["zz_test_news"]
    round_id = next(r.target for r in graph.relationships if r.type == "融资" and r.source == company.id)
    assert graph.nodes[round_id].properties["amount"] == 10_000_000
    lead = next(r for r in graph.relationships if r.type == "投资" and r.target == round_id)
    assert (lead.source, lead.qualifiers["lead"]) == ("szvc", True)
    assert "zz_test_news" in graph.nodes["ubtech"].properties["sources"]  # type: ignore[operator]


def test_accepting_twice_changes_nothing(workspace: tuple[Path, Path]) -> None:
    candidates, data = workspace
    assert runner.invoke(app, ["ingest", "--accept", str(candidates), "--data", str(data)]).exit_code == 0
    before = snapshot(data)
    again = runner.invoke(app, ["ingest", "--accept", str(candidates), "--data", str(data)])
    assert again.exit_code == 0 and "nothing new" in again.output
    assert snapshot(data) == before


def _edit_statement(candidates: Path, old: str, new: str) -> int:
    text = candidates.read_text(encoding="utf-8")
    assert old in text
    candidates.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_bad_candidate_is_reported_by_line_and_data_unchanged(workspace: tuple[Path, Path]) -> None:
    candidates, data = workspace
    before = snapshot(data)
    line = _edit_statement(candidates, "to: cuhk-shenzhen", "to: no-such-entity")
    result = runner.invoke(app, ["ingest", "--accept", str(candidates), "--data", str(data)])
    assert result.exit_code == 2
    doc_line = next(i for i in range(line, 0, -1)
                    if candidates.read_text(encoding="utf-8").split("\n")[i - 1].startswith("- type:"))
    assert f"c.yaml:{doc_line}:" in result.output and "no-such-entity" in result.output
    assert snapshot(data) == before


def test_merge_failing_validation_leaves_data_unchanged(workspace: tuple[Path, Path]) -> None:
    candidates, data = workspace
    before = snapshot(data)
    _edit_statement(candidates, "qualifiers:\n    date: 2025-03\n", "qualifiers:\n    lead: true\n")
    result = runner.invoke(app, ["ingest", "--accept", str(candidates), "--data", str(data)])
    assert result.exit_code == 2
    assert "relations/zz_test_news.yaml" in result.output and "qualifier 'lead' not allowed" in result.output
    assert "from " in result.output and "c.yaml:" in result.output
    assert snapshot(data) == before


def test_ingest_without_files_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code != 0 and "FILE" in result.output
    missing = runner.invoke(app, ["ingest", str(tmp_path / "missing.txt")])
    assert missing.exit_code == 2 and "missing.txt" in missing.output and "cannot read" in missing.output
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    binary = runner.invoke(app, ["ingest", str(tmp_path / "latin1.txt")])
    assert binary.exit_code == 2 and "not valid UTF-8" in binary.output


def test_new_source_without_metadata_cannot_be_accepted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    (tmp_path / "plain.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "c.yaml"
    assert runner.invoke(app, ["ingest", str(tmp_path / "plain.txt"), "--out", str(out),
                               "--data", str(data)]).exit_code == 0
    before = snapshot(data)
    result = runner.invoke(app, ["ingest", "--accept", str(out), "--data", str(data)])
    assert result.exit_code == 2
    assert "c.yaml:2:" in result.output and "--source-meta" in result.output
    assert snapshot(data) == before


def test_unreadable_candidates_and_metadata_are_reported_by_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    before = snapshot(data)
    bad = tmp_path / "c.yaml"
    bad.write_text("sources: []\nstatements:\n- {type: 合作, from: [\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", "--accept", str(bad), "--data", str(data)])
    assert result.exit_code == 2 and "c.yaml:" in result.output and "YAML syntax error" in result.output
    assert snapshot(data) == before
    (tmp_path / "news.txt").write_text(ARTICLE, encoding="utf-8")
    meta = tmp_path / "meta.yaml"
    meta.write_text("title: 测试\nheadline: 多余\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "news.txt"), "--source-meta", str(meta)])
    assert result.exit_code == 2 and "meta.yaml:1:" in result.output and "headline" in result.output


def test_cli_errors_are_one_line_not_tracebacks(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text("星海大学牵头组建东岭创新中心。\n", encoding="utf-8")
    bad_date = tmp_path / "meta.yaml"
    bad_date.write_text("title: 标题\npublisher: 报社\ndate: 03/20/2025\n", encoding="utf-8")
    cases = [
        (["ingest", str(article), "--source-meta", str(bad_date)], "is not YYYY"),
        (["ingest", "--accept", str(tmp_path / "missing.yaml")], "cannot read"),
        (["ingest", str(article), "--out", str(tmp_path / "no-dir" / "c.yaml")], "cannot write"),
    ]
    for args, message in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert message in result.output and "Traceback" not in result.output
