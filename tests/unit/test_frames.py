"""Column-wise Arrow frames equal a plain row-by-row construction of the same tables."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa

from graph.model import KnowledgeGraph, Relationship
from graph.ontology import LABELS
from graph.stores.frames import ARROW_TYPES, node_frames, relationship_frames
from graph.stores.schema import node_columns, relationship_columns
from loaders.curated import load_graph
from loaders.synth import write_synthetic


def reference_nodes(graph: KnowledgeGraph) -> list[tuple[str, pa.Table]]:
    degree: dict[str, int] = defaultdict(int)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for r in graph.relationships:
        degree[r.source] += 1
        degree[r.target] += 1
        neighbours[r.source].add(r.target)
        neighbours[r.target].add(r.source)
    out = []
    for label in LABELS:
        rows: list[dict[str, Any]] = [dict(n.properties, id=n.id, name=n.name, aliases=list(n.aliases),
                                           degree=degree[n.id], neighbours=len(neighbours[n.id]))
                                      for n in graph.nodes.values() if n.label == label.name]
        if rows:
            schema = pa.schema([(c, ARROW_TYPES[k]) for c, k in node_columns(label.name)])
            out.append((label.name, pa.Table.from_pylist(rows, schema=schema)))
    return out


def reference_relationships(graph: KnowledgeGraph) -> list[tuple[str, str, str, pa.Table]]:
    groups: dict[tuple[str, str, str], list[Relationship]] = defaultdict(list)
    for r in graph.relationships:
        groups[(r.type, graph.nodes[r.source].label, graph.nodes[r.target].label)].append(r)
    out = []
    for (rel_type, a, b), rels in sorted(groups.items()):
        columns = relationship_columns(rel_type)
        rows = [{"from": r.source, "to": r.target, **r.qualifiers, "key": r.key,
                 "citations": [str(c) for c in r.citations],
                 "sources": sorted({c.source for c in r.citations})} for r in rels]
        schema = pa.schema([("from", pa.string()), ("to", pa.string())]
                           + [(c, ARROW_TYPES[k]) for c, k in columns])
        out.append((rel_type, a, b, pa.Table.from_pylist(rows, schema=schema)))
    return out


def check(graph: KnowledgeGraph) -> None:
    nodes = list(node_frames(graph))
    expected_nodes = reference_nodes(graph)
    assert [n for n, _ in nodes] == [n for n, _ in expected_nodes]
    for (_, got), (_, want) in zip(nodes, expected_nodes, strict=True):
        assert got.equals(want)
    rels = [(f.rel_type, f.from_label, f.to_label, f.table) for f in relationship_frames(graph)]
    expected = reference_relationships(graph)
    assert [r[:3] for r in rels] == [r[:3] for r in expected]
    for got, want in zip(rels, expected, strict=True):
        assert got[3].equals(want[3]), got[:3]


def test_curated_frames_equal_the_row_by_row_tables(graph: KnowledgeGraph) -> None:
    assert any(len(r.citations) > 1 for r in graph.relationships)  # both citation paths run
    check(graph)


def test_synthetic_frames_equal_the_row_by_row_tables(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "data", 400, seed=3)
    check(load_graph(tmp_path / "data"))


def test_prefetched_frames_keep_order_and_hand_over_errors() -> None:
    import pytest

    from graph.stores.embedded import _prefetched

    def items(fail: bool):  # type: ignore[no-untyped-def]
        yield from ((str(i), pa.table({"x": [i]})) for i in range(10))
        if fail:
            raise ValueError("frame 10 is broken")

    assert [name for name, _ in _prefetched(items(False), depth=2)] == [str(i) for i in range(10)]
    seen = []
    with pytest.raises(ValueError, match="frame 10 is broken"):
        for name, _ in _prefetched(items(True), depth=2):
            seen.append(name)
    assert len(seen) == 10
    stopped = _prefetched(items(False), depth=1)
    assert next(stopped)[0] == "0"
    stopped.close()  # the consumer stops early: the producer thread ends too
