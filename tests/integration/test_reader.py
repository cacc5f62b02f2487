"""The read layer on the embedded store and on Neo4j: the same projection, paths and ego networks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest

from cypher.names import NameIndex
from cypher.reader import GraphReader, cached_projection, projection_dir
from graph.model import KnowledgeGraph
from graph.settings import Settings
from graph.stores.base import QueryRunner
from loaders.curated import load_sources


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def reader(request: pytest.FixtureRequest) -> Iterator[GraphReader]:
    store: QueryRunner = request.getfixturevalue(f"{request.param}_store")
    yield GraphReader.build(store, NameIndex.from_store(store), load_sources(Settings().curated_dir))


@pytest.fixture(scope="module")
def embedded_reader(embedded_store: QueryRunner) -> GraphReader:
    return GraphReader.build(embedded_store, NameIndex.from_store(embedded_store))


def test_projection_holds_every_relationship(reader: GraphReader, graph: KnowledgeGraph) -> None:
    p = reader.projection
    assert p.ids == sorted(graph.nodes)
    stored = sorted((p.ids[int(a)], p.ids[int(b)], p.key_of(e)) for e, (a, b) in enumerate(zip(p.src, p.dst,
                                                                                               strict=True)))
    assert stored == sorted((r.source, r.target, r.key) for r in graph.relationships)


def _relation(r: dict[str, Any]) -> Any:
    return r["key"], r["direction"], tuple(sorted(r["qualifiers"].items())), len(r["citations"])


def _shape(answer: dict[str, Any]) -> Any:
    return [(tuple(n["id"] for n in p["nodes"]),
             tuple((e["source"], e["target"], tuple(e["types"]), tuple(map(_relation, e["relations"])))
                   for e in p["edges"]), p["score"])
            for p in answer["paths"]]


def test_paths_are_the_same_on_both_stores(reader: GraphReader, embedded_reader: GraphReader) -> None:
    for kwargs in ({"target": "huawei"}, {"target_label": "InnovationCenter"},
                   {"target": "huawei", "exclude_labels": ("Region",), "exclude_types": ("获得",)}):
        ours = reader.paths("limx-dynamics", **kwargs)  # type: ignore[arg-type]
        assert _shape(ours) == _shape(embedded_reader.paths("limx-dynamics", **kwargs))  # type: ignore[arg-type]


def test_limx_to_huawei_lists_each_path_once_with_merged_cooperation(reader: GraphReader,
                                                                      graph: KnowledgeGraph) -> None:
    answer = reader.paths("limx-dynamics", target="huawei", k=100)
    node_paths = [tuple(n["id"] for n in p["nodes"]) for p in answer["paths"]]
    assert len(node_paths) == len(set(node_paths))
    g = nx.Graph(graph.to_networkx().to_undirected())
    assert set(node_paths) == {tuple(p) for p in nx.all_shortest_paths(g, "limx-dynamics", "huawei")}
    hops = [e for p in answer["paths"] for e in p["edges"] if "合作" in e["types"]]
    assert hops and all(not e["directed"] for e in hops)
    assert all(r["direction"] == "both" for e in hops for r in e["relations"] if r["type"] == "合作")
    assert all(r["citations"] for p in answer["paths"] for e in p["edges"] for r in e["relations"])
    scores = [p["score"] for p in answer["paths"]]
    assert scores == sorted(scores, reverse=True)


def test_ego_is_the_same_on_both_stores(reader: GraphReader, embedded_reader: GraphReader) -> None:
    for depth, cap in ((2, 30), (3, 40)):
        ours = reader.ego("ubtech", depth, node_cap=cap)
        theirs = embedded_reader.ego("ubtech", depth, node_cap=cap)
        assert [n["id"] for n in ours["nodes"]] == [n["id"] for n in theirs["nodes"]]
        assert ours["stubs"] == theirs["stubs"] and ours["truncated"]
        assert {e["id"] for e in ours["edges"]} == {e["id"] for e in theirs["edges"]}


def test_projection_is_kept_beside_the_database_until_the_file_changes(embedded_store: QueryRunner,
                                                                       tmp_path: Path) -> None:
    database = tmp_path / "ecokg.lbug"
    database.write_bytes(b"a database file")
    labels = NameIndex.from_store(embedded_store).labels
    first = cached_projection(embedded_store, labels, database)
    assert (projection_dir(database) / "database.stamp").is_file()
    mapped = cached_projection(embedded_store, labels, database)
    assert isinstance(mapped.src.base, np.memmap) and mapped.ids == first.ids  # a plain view of a map
    assert mapped.key_of(3) == first.key_of(3)
    database.write_bytes(b"a rebuilt database file")
    again = cached_projection(embedded_store, labels, database)
    assert not isinstance(again.src.base, np.memmap) and again.relationships == first.relationships


def test_the_side_table_answers_as_the_store_reads_do(embedded_store: QueryRunner, tmp_path: Path) -> None:
    names = NameIndex.from_store(embedded_store)
    sources = load_sources(Settings().curated_dir)
    database = tmp_path / "ecokg.lbug"
    database.write_bytes(b"a database file")
    fast = GraphReader.build(embedded_store, names, sources, database=database)
    assert (projection_dir(database) / "properties.stamp").is_file()
    assert (projection_dir(database) / "nodes.stamp").is_file()
    mapped = GraphReader.build(embedded_store, names, sources, database=database)
    assert isinstance(mapped.properties.blob.base, np.memmap)  # type: ignore[union-attr]
    assert isinstance(mapped.nodes.blob.base, np.memmap)  # type: ignore[union-attr]
    slow = GraphReader(embedded_store, names, fast.projection, sources)
    for reader in (fast, mapped):
        for centre, depth, cap in (("ubtech", 1, 200), ("ubtech", 2, 30), ("shenzhen", 3, 40),
                                   ("huawei", 2, 200)):
            assert reader.ego(centre, depth, node_cap=cap) == slow.ego(centre, depth, node_cap=cap)
        assert reader.ego("ubtech", 2, ["合作", "位于"]) == slow.ego("ubtech", 2, ["合作", "位于"])
        for kwargs in ({"target": "huawei", "k": 100}, {"target_label": "InnovationCenter"},
                       {"target": "huawei", "exclude_labels": ("Region",), "exclude_types": ("获得",)}):
            assert reader.paths("limx-dynamics", **kwargs) == slow.paths("limx-dynamics", **kwargs)  # type: ignore[arg-type]
