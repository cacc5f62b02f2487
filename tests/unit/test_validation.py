"""Validation: one broken file per error class, each failing the whole load with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.errors import DataValidationError
from loaders.curated import load_graph

SOURCES = """\
- id: art1
  publisher: 测试报
  title: 测试
  date: '2025-03-12'
  script: Simplified
"""
COMPANIES = """\
- id: acme
  name: 阿克米机器人
  aliases: [阿克米]
  sources: [art1]
- id: beta
  name: 贝塔科技
  sources: [art1]
"""
CENTRES = """\
- id: centre
  name: 测试创新中心
  level: provincial
  sources: [art1]
"""
ROUNDS = """\
- id: beta-angel-2025
  name: 贝塔科技天使轮融资
  round: 天使轮
  amount: 10000000
  currency: CNY
  amount_approx: true
  sources: [art1]
"""
RELATIONS = """\
- {type: 牵头, from: acme, to: centre, span: [0, 10], date: '2023-12'}
- {type: 合作, from: acme, to: beta, span: [10, 20]}
- {type: 融资, from: beta, to: beta-angel-2025, span: [20, 30], date: '2025-02'}
- {type: 投资, from: acme, to: beta-angel-2025, span: [20, 30], lead: true}
"""


def make_data(root: Path, overrides: dict[str, str | bytes] | None = None) -> Path:
    """Write a small valid data directory; ``overrides`` replace files by relative path."""
    files: dict[str, str | bytes] = {
        "sources.yaml": SOURCES,
        "entities/company.yaml": COMPANIES,
        "entities/innovation_center.yaml": CENTRES,
        "entities/funding_round.yaml": ROUNDS,
        "relations/art1.yaml": RELATIONS,
    }
    files.update(overrides or {})
    for rel, content in files.items():
        path = root / "data" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root / "data"


def test_valid_data_loads(tmp_path: Path) -> None:
    graph = load_graph(make_data(tmp_path))
    assert set(graph.nodes) == {"acme", "beta", "centre", "beta-angel-2025"}
    assert graph.type_counts()["投资"] == 1
    invest = next(r for r in graph.relationships if r.type == "投资")
    assert invest.qualifiers == {"lead": True}
    assert [str(c) for c in invest.citations] == ["art1:20-30"]
    assert graph.nodes["beta-angel-2025"].properties["amount"] == 10000000


def test_same_fact_twice_becomes_one_edge_with_two_citations(tmp_path: Path) -> None:
    rels = RELATIONS + "- {type: 牵头, from: acme, to: centre, span: [40, 50], date: '2023-12'}\n"
    graph = load_graph(make_data(tmp_path, {"relations/art1.yaml": rels}))
    lead = [r for r in graph.relationships if r.type == "牵头"]
    assert len(lead) == 1
    assert [str(c) for c in lead[0].citations] == ["art1:0-10", "art1:40-50"]


BROKEN: dict[str, tuple[str, str | bytes, str, int, str]] = {
    # case: (file, content, expected file in message, expected line, message fragment)
    "unknown label file": ("entities/startup.yaml", "- {id: x, name: 某, sources: [art1]}\n",
                           "entities/startup.yaml", 1, "unknown label file"),
    "label mismatch": ("entities/company.yaml",
                       COMPANIES + "- {id: y, label: Robot, name: 某, sources: [art1]}\n",
                       "entities/company.yaml", 8, "does not match file label"),
    "unknown relation type": ("relations/art1.yaml",
                              RELATIONS + "- {type: 收购, from: acme, to: beta, span: [1, 2]}\n",
                              "relations/art1.yaml", 5, "unknown relation type '收购'"),
    "endpoint label not allowed": ("relations/art1.yaml",
                                   RELATIONS + "- {type: 融资, from: acme, to: beta, span: [1, 2]}\n",
                                   "relations/art1.yaml", 5, "融资 does not allow Company → Company"),
    "duplicate id": ("entities/innovation_center.yaml",
                     CENTRES + "- {id: acme, name: 重复, sources: [art1]}\n",
                     "entities/innovation_center.yaml", 5, "duplicate id 'acme'"),
    "dangling reference": ("relations/art1.yaml",
                           RELATIONS + "- {type: 合作, from: acme, to: nobody, span: [1, 2]}\n",
                           "relations/art1.yaml", 5, "to 'nobody' is not a known entity id"),
    "dangling region": ("entities/company.yaml",
                        COMPANIES + "- {id: z, name: 某, region: atlantis, sources: [art1]}\n",
                        "entities/company.yaml", 8, "region 'atlantis' is not the id of a Region"),
    "malformed qualifier date": ("relations/art1.yaml",
                                 RELATIONS + "- {type: 合作, from: acme, to: beta, span: [1, 2], "
                                             "date: 2025-13}\n",
                                 "relations/art1.yaml", 5, "malformed date"),
    "malformed founded date": ("entities/company.yaml",
                               COMPANIES + "- {id: z, name: 某, founded: 去年, sources: [art1]}\n",
                               "entities/company.yaml", 8, "malformed date"),
    "malformed amount": ("entities/funding_round.yaml",
                         ROUNDS.replace("10000000", "数千万"),
                         "entities/funding_round.yaml", 1, "malformed amount"),
    "negative amount": ("relations/art1.yaml",
                        RELATIONS + "- {type: 投资, from: acme, to: beta, span: [1, 2], "
                                    "amount: -5, currency: CNY}\n",
                        "relations/art1.yaml", 5, "malformed amount"),
    "unknown currency": ("entities/funding_round.yaml", ROUNDS.replace("CNY", "RMB"),
                         "entities/funding_round.yaml", 1, "unknown currency 'RMB'"),
    "qualifier not allowed": ("relations/art1.yaml",
                              RELATIONS + "- {type: 位于, from: acme, to: acme, span: [1, 2], "
                                          "lead: true}\n",
                              "relations/art1.yaml", 5, "not allowed"),
    "unknown property": ("entities/company.yaml", COMPANIES.replace("aliases", "alias"),
                         "entities/company.yaml", 1, "unknown property 'alias'"),
    "missing name": ("entities/company.yaml", COMPANIES.replace("  name: 贝塔科技\n", ""),
                     "entities/company.yaml", 5, "missing required property 'name'"),
    "non-slug id": ("entities/company.yaml", COMPANIES.replace("id: beta", "id: Beta 2"),
                    "entities/company.yaml", 5, "not a lowercase ASCII slug"),
    "bad span": ("relations/art1.yaml",
                 RELATIONS + "- {type: 合作, from: acme, to: beta, span: [9, 3]}\n",
                 "relations/art1.yaml", 5, "span [9, 3]"),
    "relation file of unknown source": ("relations/art9.yaml",
                                        "- {type: 合作, from: acme, to: beta, span: [1, 2]}\n",
                                        "relations/art9.yaml", 1, "does not name a source"),
    "unknown source of entity": ("entities/company.yaml", COMPANIES.replace("[art1]\n- id: beta",
                                                                          "[art7]\n- id: beta"),
                                 "entities/company.yaml", 1, "unknown source 'art7'"),
    "yaml syntax error": ("relations/art1.yaml", RELATIONS + "- {type: 合作, from: [acme\n",
                          "relations/art1.yaml", 6, "YAML syntax error"),
    "invalid utf-8": ("entities/company.yaml", COMPANIES.encode() + b"- {id: q, name: \xff}\n",
                      "entities/company.yaml", 8, "not valid UTF-8"),
    "not a list": ("entities/company.yaml", "id: acme\n", "entities/company.yaml", 1,
                   "expected a list"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_fails_whole_load_naming_file_and_line(tmp_path: Path, case: str) -> None:
    rel, content, where, line, fragment = BROKEN[case]
    data = make_data(tmp_path, {rel: content})
    with pytest.raises(DataValidationError) as info:
        load_graph(data)
    message = str(info.value)
    assert "nothing was loaded" in message
    assert re.search(rf"data/{re.escape(where)}:{line}: .*{re.escape(fragment)}", message), message


def test_missing_data_directory_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match="data directory not found"):
        load_graph(tmp_path / "nope")
