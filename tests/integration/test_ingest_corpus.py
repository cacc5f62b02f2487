"""Ingest on the real articles: offsets map back exactly, and accepted candidates validate.

Reads ../shared/corpus (skipped with the reason when absent); prints no article text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from graph.ontology import relation_types_by_name
from loaders.corpus import normalise
from loaders.curated import default_data_dir, load_graph
from loaders.ingest import accept, ingest_files

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def candidates(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    files = sorted(corpus_dir.glob("*.txt"))
    result = ingest_files(files)
    out = tmp_path_factory.mktemp("ingest") / "candidates.yaml"
    out.write_text(result.to_yaml(), encoding="utf-8")
    raws = {p.stem: p.read_bytes().decode("utf-8") for p in files}
    return out, raws


def test_every_span_maps_back_to_the_article(candidates: tuple[Path, dict[str, str]]) -> None:
    import yaml

    path, raws = candidates
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert doc["statements"]
    wrong = []
    for s in doc["statements"]:
        raw = raws[s["source"]]
        start, end = s["span"]
        raw_start, raw_end = s["raw_span"]
        if normalise(raw)[start:end] != s["evidence"] or \
                re.sub(r"[\r\n]", "", raw[raw_start:raw_end]) != s["evidence"].replace("\n", ""):
            wrong.append(f"{s['source']} {s['type']} {s['from']}->{s['to']} {s['span']}")
    assert not wrong, wrong


def test_statements_respect_the_ontology(candidates: tuple[Path, dict[str, str]]) -> None:
    import yaml

    path, _ = candidates
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    graph = load_graph()
    labels = {e["id"]: e["label"] for e in doc["entities"]} | {i: n.label for i, n in graph.nodes.items()}
    bad = [(s["type"], s["from"], s["to"]) for s in doc["statements"]
           if not relation_types_by_name()[s["type"]].allows(labels[s["from"]], labels[s["to"]])]
    assert not bad, bad


def test_accepting_the_corpus_candidates_gives_valid_data(candidates: tuple[Path, dict[str, str]],
                                                          tmp_path: Path) -> None:
    path, _ = candidates
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    before = load_graph(data)
    changed = accept(path, data)
    after = load_graph(data)
    assert changed and len(after.relationships) > len(before.relationships)
    assert accept(path, data) == []
