"""Paths and ego networks of :mod:`graph.read.traversal` over the projection, checked against networkx."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import pairwise
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from graph.model import KnowledgeGraph
from graph.ontology import RELATION_TYPES
from graph.read import egos, vectorised
from graph.read.projection import Projection
from graph.read.properties import EdgeProperties
from graph.read.strength import WEAK_WEIGHT, hub_factor
from graph.read.traversal import NodePath, Step, levels, ranked_ego, ranked_paths

EVERYTHING = 100


@pytest.fixture(scope="module")
def projection(graph: KnowledgeGraph) -> Projection:
    return Projection.from_rows({n.id: n.label for n in graph.nodes.values()},
                                ((r.source, r.target, r.type, r.key) for r in graph.relationships))


def simple(graph: KnowledgeGraph, types: frozenset[str] = frozenset(),
           barred: AbstractSet[str] = frozenset()) -> nx.Graph:
    """The graph without direction or parallel edges, of ``types``, without the ``barred`` nodes."""
    g = nx.Graph()
    g.add_nodes_from(n for n in graph.nodes if n not in barred)
    g.add_edges_from((r.source, r.target) for r in graph.relationships
                     if (not types or r.type in types) and r.source not in barred and r.target not in barred
                     and r.source != r.target)
    return g


def pairs(graph: KnowledgeGraph, n: int, seed: int = 7) -> list[tuple[str, str]]:
    ids = sorted(graph.nodes)
    rng = random.Random(seed)
    return [(rng.choice(ids), rng.choice(ids)) for _ in range(n)] + [("limx-dynamics", "huawei")]


def node_paths(p: Projection, source: str, target: str, *, types: frozenset[str] = frozenset(),
               barred: AbstractSet[str] = frozenset(), k: int = 10**6) -> list[tuple[str, ...]]:
    start, end = p.index[source], p.index[target]
    found = levels(p.neighbours, start, EVERYTHING, types=types,
                   enter=lambda v: v == end or p.ids[v] not in barred,
                   expand=lambda v: p.ids[v] not in barred, stop=lambda level: end in level)
    ranked, _ = ranked_paths(found, [end], p.degree, k)
    return [tuple(p.ids[v] for v in path.nodes) for path in ranked]


def test_path_sets_equal_networkx_all_shortest_paths(graph: KnowledgeGraph, projection: Projection) -> None:
    g = simple(graph)
    for source, target in pairs(graph, 150):
        if source == target:
            continue
        ours = node_paths(projection, source, target)
        assert len(ours) == len(set(ours)), "a node path came twice"
        try:
            expected = {tuple(p) for p in nx.all_shortest_paths(g, source, target)}
        except nx.NetworkXNoPath:
            expected = set()
        assert set(ours) == expected, (source, target)


def test_excluded_labels_and_types_are_never_passed(graph: KnowledgeGraph, projection: Projection) -> None:
    regions = {n.id for n in graph.nodes.values() if n.label == "Region"}
    types = frozenset(r.name for r in RELATION_TYPES if r.name not in ("位于", "获得"))
    for source, target in pairs(graph, 80, seed=11):
        if source == target or source in regions:
            continue
        g = simple(graph, types, regions - {target})
        ours = node_paths(projection, source, target, types=types, barred=regions)
        try:
            expected = {tuple(p) for p in nx.all_shortest_paths(g, source, target)}
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            expected = set()
        assert set(ours) == expected, (source, target)


def test_a_hop_merges_every_parallel_relation(graph: KnowledgeGraph, projection: Projection) -> None:
    between = Counter(frozenset((r.source, r.target)) for r in graph.relationships)
    p = projection
    start, end = p.index["limx-dynamics"], p.index["huawei"]
    found = levels(p.neighbours, start, 6, stop=lambda level: end in level)
    ranked, truncated = ranked_paths(found, [end], p.degree, 100)
    assert ranked and not truncated
    merged = 0
    for path in ranked:
        for (a, b), steps in zip(pairwise(path.nodes), path.hops, strict=True):
            assert len(steps) == between[frozenset((p.ids[a], p.ids[b]))]
            assert len({s.key for s in steps}) == len(steps)
            merged += len(steps) > 1
    assert merged, "乐聚机器人 and 华为 are linked by several 合作 relations: one hop"


def test_ranked_fewer_hops_then_by_score_with_top_k(graph: KnowledgeGraph, projection: Projection) -> None:
    p = projection
    start = p.index["ubtech"]
    found = levels(p.neighbours, start, 4)
    centres = [v for v in found.hops if p.label_of(v) == "InnovationCenter"]
    every, truncated = ranked_paths(found, centres, p.degree, 1000)
    assert not truncated and len(every) > len(centres)  # several shortest paths to some centre
    keys = [(len(path.nodes), -path.score) for path in every]
    assert keys == sorted(keys)
    top, cut = ranked_paths(found, centres, p.degree, 3)
    assert cut and [t.nodes for t in top] == [e.nodes for e in every[:3]]
    best, _ = ranked_paths(found, centres, p.degree, 1000, one_per_target=True)
    assert sorted(path.nodes[-1] for path in best) == sorted(centres)


def test_score_is_the_documented_product() -> None:
    edges = {("a", "hub"): "位于", ("hub", "b"): "位于", ("a", "x"): "合作", ("x", "b"): "投资",
             ("hub", "c"): "位于", ("hub", "d"): "位于"}

    def neighbours(ids: Sequence[str], types: frozenset[str]) -> Iterator[Step]:
        for (u, v), t in edges.items():
            if u in ids:
                yield Step(u, v, t, True, (u, v))
            if v in ids:
                yield Step(v, u, t, False, (u, v))

    degree = Counter(n for pair in edges for n in pair)
    found = levels(neighbours, "a", 3, stop=lambda level: "b" in level)
    ranked, truncated = ranked_paths(found, ["b"], degree.__getitem__, 5)
    assert not truncated
    assert [path.nodes for path in ranked] == [("a", "x", "b"), ("a", "hub", "b")]
    assert ranked[0].score == pytest.approx(hub_factor(2))
    assert ranked[1].score == pytest.approx(WEAK_WEIGHT * WEAK_WEIGHT * hub_factor(4))


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_ego_before_the_cap_equals_networkx_ego_graph(graph: KnowledgeGraph, projection: Projection,
                                                      depth: int) -> None:
    g = simple(graph)
    for centre in ["ubtech", "shenzhen", *sorted(graph.nodes)[::37]]:
        found = levels(projection.neighbours, projection.index[centre], depth)
        assert {projection.ids[v] for v in found.hops} == set(nx.ego_graph(g, centre, radius=depth))


def test_ego_type_and_label_filters_equal_networkx(graph: KnowledgeGraph, projection: Projection) -> None:
    types = frozenset({"合作", "牵头", "任职"})
    people = {n.id for n in graph.nodes.values() if n.label not in ("Company", "Person", "InnovationCenter")}
    g = simple(graph, types, people)
    mask = projection.label_mask(["Company", "Person", "InnovationCenter"])
    found = levels(projection.neighbours, projection.index["ubtech"], 3, types=types,
                   enter=lambda v: bool(mask[v]))
    assert {projection.ids[v] for v in found.hops} == set(nx.ego_graph(g, "ubtech", radius=3))


@pytest.mark.parametrize("cap", [1, 10, 40, 1000])
def test_the_cap_keeps_a_connected_most_relevant_core(projection: Projection, cap: int) -> None:
    p = projection
    found = levels(p.neighbours, p.index["ubtech"], 3)
    ego = ranked_ego(found, p.degree, cap, p.neighbours, 3)
    assert len(ego.kept) == min(cap, len(found.hops)) and ego.kept[0] == p.index["ubtech"]
    assert ego.truncated == (cap < len(found.hops))
    kept = set(ego.kept)
    for v in ego.kept[1:]:
        assert kept & set(found.preds[v]), "a kept node hangs from a kept node"
    for v, hidden in ego.stubs.items():  # a stub counts what expanding its node (depth 1) adds
        around = set(levels(p.neighbours, v, 1).hops) - kept
        assert found.hops[v] < 3 and hidden == len(around) > 0
    scores = [ego.relevance[v] for v in ego.kept]
    assert scores == sorted(scores, reverse=True)
    if cap == 40:
        hubs = {p.ids[v]: n for v, n in ego.stubs.items()}
        assert hubs["shenzhen"] > 10, "深圳's many 位于 neighbours collapse into one stub"


def test_projection_round_trips_through_files(projection: Projection, tmp_path: Path) -> None:
    projection.save(tmp_path / "proj")
    again = Projection.load(tmp_path / "proj")
    assert again.ids == projection.ids and again.relationships == projection.relationships
    v = projection.index["ubtech"]
    assert list(again.neighbours([v], frozenset())) == list(projection.neighbours([v], frozenset()))
    assert again.key_of(0) == projection.key_of(0)


def shape(path: NodePath) -> tuple[object, ...]:
    """A path with each hop's relations as a set (their order within a hop is the reader's)."""
    return path.nodes, tuple(frozenset(hop) for hop in path.hops), path.score


def allowed(mask: np.ndarray | None, also: int | None = None) -> Callable[[int], bool]:
    """A node predicate from a boolean mask (every node when None), ``also`` admitted too."""
    return lambda v: mask is None or bool(mask[v]) or v == also


@pytest.mark.parametrize("depth, cap", [(1, 5), (2, 30), (3, 40), (3, 1000)])
def test_vectorised_ego_equals_the_pure_one(projection: Projection, graph: KnowledgeGraph, depth: int,
                                            cap: int) -> None:
    p = projection
    mask = p.label_mask(["Company", "Person", "InnovationCenter"])
    for centre in ["ubtech", "shenzhen", *sorted(graph.nodes)[::23]]:
        for types, enter in ((frozenset(), None), (frozenset({"合作", "任职", "位于"}), mask)):
            admit = allowed(enter)
            pure = ranked_ego(levels(p.neighbours, p.index[centre], depth, types=types, enter=admit),
                              p.degree, cap, p.neighbours, depth, types=types)
            fast = vectorised.ranked_ego(p, p.index[centre], depth, cap, types=types, enter=enter)
            assert fast.kept == pure.kept and fast.stubs == pure.stubs and fast.total == pure.total
            assert fast.relevance == {v: pure.relevance[v] for v in pure.kept}


def test_vectorised_paths_equal_the_pure_ones(projection: Projection, graph: KnowledgeGraph) -> None:
    p = projection
    regions = p.label_mask(["Region"])
    for source, target in pairs(graph, 120, seed=3):
        if source == target:
            continue
        a, b = p.index[source], p.index[target]
        for types, barred in ((frozenset(), None), (frozenset({"合作", "参与", "任职", "入选"}), regions)):
            if barred is not None and barred[a]:
                continue
            passable = allowed(None if barred is None else ~barred)
            pure_levels = levels(p.neighbours, a, 4, types=types, enter=allowed(None if barred is None else
                                                                                ~barred, also=b),
                                 expand=passable, stop=lambda level, end=b: end in level)
            fast_levels = vectorised.shortest_levels(p, a, 4, types=types, barred=barred, target=b)
            pure, cut = ranked_paths(pure_levels, [b], p.degree, 5)
            fast, fast_cut = ranked_paths(fast_levels, [b], p.degree, 5)
            assert [shape(x) for x in fast] == [shape(x) for x in pure]
            assert fast_cut == cut


@pytest.mark.parametrize("k", [1, 3, 10, 500])
def test_paths_to_every_target_equal_the_pure_ranking(projection: Projection, graph: KnowledgeGraph,
                                                      k: int) -> None:
    p = projection
    regions = p.label_mask(["Region"])
    some = frozenset({"合作", "参与", "任职", "投资"})
    for label in ("InnovationCenter", "Company", "Fund"):
        targets = p.label_mask([label])
        for source in ["ubtech", "shenzhen", *sorted(graph.nodes)[::17]]:
            a = p.index[source]
            for types, barred in ((frozenset(), None), (some, regions)):
                if barred is not None and barred[a]:
                    continue
                passable = allowed(None if barred is None else ~barred)
                admit = allowed(None if barred is None else ~barred | targets)
                found = levels(p.neighbours, a, 4, types=types, expand=passable, enter=admit)
                ends = [v for v in found.hops if targets[v] and v != a]
                pure, cut = ranked_paths(found, ends, p.degree, k, one_per_target=True)
                fast, fast_cut = vectorised.paths_to_targets(p, a, 4, k, targets=targets, types=types,
                                                             barred=barred)
                assert [shape(x) for x in fast] == [shape(x) for x in pure], (label, source, types)
                assert fast_cut == cut


def test_searches_deeper_than_the_int8_hop_marks_are_refused(projection: Projection) -> None:
    with pytest.raises(ValueError, match="at most 120"):
        vectorised.ranked_ego(projection, projection.index["ubtech"], 200, 5)
    with pytest.raises(ValueError, match="at most 120"):
        vectorised.shortest_levels(projection, 0, 200, target=1)
    with pytest.raises(ValueError, match="keeps at least its centre"):
        vectorised.ranked_ego(projection, projection.index["ubtech"], 2, 0)


def hubby(seed: int, n: int = 400, m: int = 1600) -> Projection:
    """A random graph with a few hubs (preferential ends), parallel and self relations, every type."""
    rng = random.Random(seed)
    labels = {f"n{i:03d}": rng.choice(["Company", "Person", "Region", "InnovationCenter"]) for i in range(n)}
    ends = [f"n{i:03d}" for i in range(n)]
    rows = []
    for k in range(m):
        a = rng.choice(ends[:8]) if rng.random() < 0.3 else rng.choice(ends)
        b = rng.choice(ends[:8]) if rng.random() < 0.2 else rng.choice(ends)
        rows.append((a, b, rng.choice([r.name for r in RELATION_TYPES]), str(k)))
        ends.append(b)  # preferential: ends seen before are picked again
    return Projection.from_rows(labels, rows)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_capped_egos_around_hubs_equal_the_pure_ones(seed: int) -> None:
    """The best-first kernel (and, deeper than it goes, the full ranking) against the pure ranking
    where it matters: caps below, at and above each level's size, hubs at the centre and next to
    it, parallel relations of different strengths, nodes reachable by a stronger but longer walk."""
    p = hubby(seed)
    mask = p.label_mask(["Company", "Person", "InnovationCenter"])
    centres = [int(v) for v in np.argsort(-p.degrees, kind="stable")[:6]] + list(range(0, len(p.ids), 37))
    for centre in centres:
        for depth in (1, 2, 3, 4):
            for types, enter in ((frozenset(), None), (frozenset({"合作", "任职", "位于", "投资"}), mask)):
                admit = allowed(enter)
                found = levels(p.neighbours, centre, depth, types=types, enter=admit)
                for cap in (1, 2, 7, 50, 199, len(found.hops) - 1, len(found.hops), 5000):
                    if cap < 1:
                        continue
                    pure = ranked_ego(found, p.degree, cap, p.neighbours, depth, types=types)
                    fast = vectorised.ranked_ego(p, centre, depth, cap, types=types, enter=enter)
                    where = (centre, depth, sorted(types), cap)
                    assert fast.kept == pure.kept, where
                    assert fast.stubs == pure.stubs, where
                    assert fast.total == pure.total, where
                    assert fast.relevance == {v: pure.relevance[v] for v in pure.kept}, where
                    assert fast.hops == {v: pure.hops[v] for v in pure.kept}, where


def test_a_view_without_some_relationships_equals_a_projection_built_without_them(
        graph: KnowledgeGraph, projection: Projection) -> None:
    """:meth:`Projection.without` (the graph as of a date) against the projection of the rows left."""
    p = projection
    dropped = np.array([i % 3 == 0 for i in range(p.relationships)])
    view = p.without(dropped)
    index = {p.key_of(e): e for e in range(p.relationships)}
    rows = [r for r in graph.relationships if not dropped[index[r.key]]]
    built = Projection.from_rows({n.id: n.label for n in graph.nodes.values()},
                                 ((r.source, r.target, r.type, r.key) for r in rows))
    assert view.ids == built.ids and view.degrees.tolist() == built.degrees.tolist()
    for centre in ("ubtech", "shenzhen"):
        for depth in (1, 2, 3):
            a = vectorised.ranked_ego(view, view.index[centre], depth, 30)
            b = vectorised.ranked_ego(built, built.index[centre], depth, 30)
            assert (a.kept, a.stubs, a.total, a.relevance) == (b.kept, b.stubs, b.total, b.relevance)


def test_relationship_dates_are_read_from_the_side_table() -> None:
    records = [{"qualifiers": {"date": "2025-03", "note": 'said "date":"1999"'}, "citations": []},
               {"qualifiers": {}, "citations": ["a:1-2"]}, None,
               {"qualifiers": {"role": "x", "date": "2024"}, "citations": []},
               {"qualifiers": {"date": "2025-03-05"}, "citations": []}]
    assert EdgeProperties.from_records(records).dates().tolist() == ["2025-03", "", "", "2024", "2025-03-05"]


def test_slots_are_ranked_strongest_type_first_then_by_neighbour() -> None:
    p = hubby(4)
    weights = vectorised.WEIGHTS[p.slot_type]
    for v in range(len(p.ids)):
        lo, hi = int(p.indptr[v]), int(p.indptr[v + 1])
        ranked = list(zip((-weights[lo:hi]).tolist(), p.other[lo:hi].tolist(), strict=True))
        assert ranked == sorted(ranked), p.ids[v]
        ends = [e for e in range(p.relationships) for end in (p.src[e], p.dst[e]) if end == v]
        assert sorted(p.edge[lo:hi].tolist()) == ends


def test_the_total_is_left_uncounted_past_the_count_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    p = hubby(5)
    hub = int(np.argmax(p.degrees))
    counted = vectorised.ranked_ego(p, hub, 2, 20)
    monkeypatch.setattr(egos, "COUNT_LIMIT", 10)
    uncounted = vectorised.ranked_ego(p, hub, 2, 20)
    assert counted.total is not None and counted.total > 20 and uncounted.total is None
    assert (uncounted.kept, uncounted.stubs, uncounted.relevance) == (counted.kept, counted.stubs,
                                                                      counted.relevance)
    with p.scratch.borrow() as scratch:  # the count leaves its marks clean for the next call
        assert (scratch.on == -1).all()
