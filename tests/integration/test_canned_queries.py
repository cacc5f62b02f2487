"""Canned queries on the embedded store, each answered a second time with networkx and compared."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx
import pytest

from cypher.names import NameIndex, UnknownEntity
from cypher.registry import load_queries
from cypher.runner import ParameterError, run_canned
from graph.model import KnowledgeGraph
from graph.stores.embedded import EmbeddedStore

QUERIES = load_queries()


@pytest.fixture(scope="module")
def names(embedded_store: EmbeddedStore) -> NameIndex:
    return NameIndex.from_store(embedded_store)


@pytest.fixture(scope="module")
def g(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    return graph.to_networkx()


@pytest.fixture(scope="module")
def u(g: nx.MultiDiGraph) -> nx.Graph:
    return nx.Graph(g.to_undirected())


def run(store: EmbeddedStore, names: NameIndex, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_canned(store, QUERIES[name], params, names, max_rows=100_000).records()


def edge_types(g: nx.MultiDiGraph, a: str, b: str) -> set[str]:
    types = {d["type"] for d in g.get_edge_data(a, b, default={}).values()}
    return types | {d["type"] for d in g.get_edge_data(b, a, default={}).values()}


def assert_valid_path(g: nx.MultiDiGraph, ids: list[str], types: list[str]) -> None:
    assert len(types) == len(ids) - 1
    for a, b, t in zip(ids, ids[1:], types, strict=False):
        assert t in edge_types(g, a, b), f"no {t} edge between {a} and {b}"


def parallel_types(g: nx.MultiDiGraph, a: str, b: str) -> list[str]:
    """The type of every relationship between a and b, either way (parallel ones repeated)."""
    return ([d["type"] for d in g.get_edge_data(a, b, default={}).values()]
            + [d["type"] for d in g.get_edge_data(b, a, default={}).values()])


def shortest_paths(g: nx.MultiDiGraph, u: nx.Graph, source: str, target: str) -> Counter:
    """Every shortest path as (node ids, relation types), one per choice of parallel relationship —
    what allShortestPaths and ALL SHORTEST return — counted with networkx."""
    found: Counter = Counter()
    for ids in nx.all_shortest_paths(u, source, target):
        choices: list[tuple[str, ...]] = [()]
        for a, b in zip(ids, ids[1:], strict=False):
            choices = [c + (t,) for c in choices for t in parallel_types(g, a, b)]
        found.update((tuple(ids), c) for c in choices)
    return found


def rows_as_paths(rows: list[dict[str, Any]]) -> Counter:
    return Counter((tuple(r["path_ids"]), tuple(r["path_types"])) for r in rows)


def test_there_are_at_least_15_queries_each_documented() -> None:
    assert len(QUERIES) >= 15
    for q in QUERIES.values():
        assert q.title_zh and q.title_en and q.description
        assert q.text("neo4j") and q.text("ladybug")


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_returns_rows_with_its_defaults(embedded_store: EmbeddedStore, names: NameIndex,
                                                    name: str) -> None:
    assert run(embedded_store, names, name), f"{name} returned no rows on the curated data"


def reach(u: nx.Graph, g: nx.MultiDiGraph, source: str, label: str, k: int) -> dict[str, int]:
    lengths = nx.single_source_shortest_path_length(u, source, cutoff=k)
    return {n: d for n, d in lengths.items() if d > 0 and g.nodes[n]["label"] == label}


@pytest.mark.parametrize("company", ["leju", "ubtech", "limx-dynamics", "engineai"])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_company_centres_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                        g: nx.MultiDiGraph, u: nx.Graph, company: str, k: int) -> None:
    rows = run(embedded_store, names, "company_centres", company=company, max_hops=k)
    reached = reach(u, g, company, "InnovationCenter", k)
    assert {r["centre_id"]: r["hops"] for r in rows} == reached
    expected = sum((shortest_paths(g, u, company, c) for c in reached), Counter())
    assert rows_as_paths(rows) == expected
    for r in rows:
        assert len(r["path_ids"]) == r["hops"] + 1


@pytest.mark.parametrize("k", [1, 2, 3])
def test_centre_companies_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                         g: nx.MultiDiGraph, u: nx.Graph, k: int) -> None:
    for centre in (n for n, d in g.nodes(data=True) if d["label"] == "InnovationCenter"):
        rows = run(embedded_store, names, "centre_companies", centre=centre, max_hops=k)
        reached = reach(u, g, centre, "Company", k)
        assert {r["company_id"]: r["hops"] for r in rows} == reached
        assert rows_as_paths(rows) == sum((shortest_paths(g, u, centre, c) for c in reached), Counter())


def test_centre_leaders_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                       g: nx.MultiDiGraph) -> None:
    rows = run(embedded_store, names, "centre_leaders")
    expected = {(v, a) for a, v, d in g.edges(data=True)
                if d["type"] == "牵头" and g.nodes[v]["label"] == "InnovationCenter"}
    assert {(r["centre_id"], r["leader_id"]) for r in rows} == expected


def test_centre_members_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                       g: nx.MultiDiGraph) -> None:
    for centre in (n for n, d in g.nodes(data=True) if d["label"] == "InnovationCenter"):
        rows = run(embedded_store, names, "centre_members", centre=centre)
        got = Counter((r["member_id"], r["relation"], r["direction"]) for r in rows)
        expected = Counter([(a, d["type"], "to centre") for a, _, d in g.in_edges(centre, data=True)]
                           + [(b, d["type"], "from centre") for _, b, d in g.out_edges(centre, data=True)])
        assert got == expected


def test_company_rounds_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                       g: nx.MultiDiGraph) -> None:
    raisers = {a for a, _, d in g.edges(data=True) if d["type"] == "融资"}
    assert raisers
    for company in raisers:
        rows = run(embedded_store, names, "company_rounds", company=company)
        expected = {}
        for _, rnd, d in g.out_edges(company, data=True):
            if d["type"] != "融资":
                continue
            investors = [(g.nodes[i]["name"], e.get("lead", False)) for i, _, e in g.in_edges(rnd, data=True)
                         if e["type"] == "投资"]
            expected[rnd] = (sorted(n for n, _ in investors), sorted(n for n, lead in investors if lead),
                             g.nodes[rnd].get("round"), g.nodes[rnd].get("amount"))
        got = {r["round_id"]: (sorted(r["investors"]), sorted(r["lead_investors"]), r["round"], r["amount"])
               for r in rows}
        assert got == expected


def investees(g: nx.MultiDiGraph, investor: str) -> set[str]:
    out = set()
    for _, t, d in g.out_edges(investor, data=True):
        if d["type"] == "投资":
            raisers = [c for c, _, e in g.in_edges(t, data=True) if e["type"] == "融资"]
            out.add(raisers[0] if raisers else t)
    return out


def test_investor_portfolio_and_co_investors_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                                            g: nx.MultiDiGraph) -> None:
    investors = {a for a, _, d in g.edges(data=True) if d["type"] == "投资"}
    assert investors
    targets = defaultdict(set)
    for a, t, d in g.edges(data=True):
        if d["type"] == "投资":
            targets[a].add(t)
    for investor in investors:
        rows = run(embedded_store, names, "investor_portfolio", investor=investor)
        assert {r["investee_id"] for r in rows} == investees(g, investor)
        co = run(embedded_store, names, "co_investors", investor=investor)
        expected = {o: len(targets[investor] & ts) for o, ts in targets.items()
                    if o != investor and targets[investor] & ts}
        assert {r["co_investor_id"]: r["shared"] for r in co} == expected


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_cooperation_network_matches_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                              g: nx.MultiDiGraph, depth: int) -> None:
    coop = nx.Graph([(a, b) for a, b, d in g.edges(data=True) if d["type"] == "合作"])
    for entity in coop.nodes:
        rows = run(embedded_store, names, "cooperation_network", entity=entity, depth=depth)
        lengths = nx.single_source_shortest_path_length(coop, entity, cutoff=depth)
        assert {r["partner_id"]: r["steps"] for r in rows} == {n: d for n, d in lengths.items() if d}
        for r in rows:
            assert set(r["path_types"]) == {"合作"}
            assert_valid_path(g, r["path_ids"], r["path_types"])


def test_policy_overview_matches_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                          g: nx.MultiDiGraph) -> None:
    rows = {r["policy_id"]: r for r in run(embedded_store, names, "policy_overview")}
    policies = [n for n, d in g.nodes(data=True) if d["label"] == "Policy"]
    assert set(rows) == set(policies)
    for p in policies:
        issuers = {a for a, _, d in g.in_edges(p, data=True) if d["type"] == "发布"}
        benefit = {a for a, _, d in g.in_edges(p, data=True) if d["type"] == "获得"}
        funds = {f for i in issuers for _, f, d in g.out_edges(i, data=True)
                 if d["type"] == "设立" and g.nodes[f]["label"] == "Fund"}
        name = lambda ids: sorted(g.nodes[i]["name"] for i in ids)  # noqa: E731
        assert sorted(rows[p]["issuers"]) == name(issuers)
        assert sorted(rows[p]["beneficiaries"]) == name(benefit)
        assert sorted(rows[p]["related_funds"]) == name(funds)


def test_academic_incubation_matches_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                              g: nx.MultiDiGraph) -> None:
    rows = {r["org_id"]: r for r in run(embedded_store, names, "academic_incubation")}
    expected = {}
    for n, d in g.nodes(data=True):
        if d["label"] not in ("University", "ResearchInstitute"):
            continue
        inc = sorted({g.nodes[b]["name"] for _, b, e in g.out_edges(n, data=True) if e["type"] == "孵化"})
        leads = sorted({g.nodes[b]["name"] for _, b, e in g.out_edges(n, data=True)
                        if e["type"] == "牵头" and g.nodes[b]["label"] == "InnovationCenter"})
        if inc or leads:
            expected[n] = (inc, leads)
    assert {k: (sorted(r["incubated"]), sorted(r["leads"])) for k, r in rows.items()} == expected


def test_person_roles_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                     g: nx.MultiDiGraph) -> None:
    for person in (n for n, d in g.nodes(data=True) if d["label"] == "Person"):
        rows = run(embedded_store, names, "person_roles", person=person)
        expected = Counter((b, d["type"], d.get("role")) for _, b, d in g.out_edges(person, data=True))
        assert Counter((r["org_id"], r["relation"], r["role"]) for r in rows) == expected


@pytest.mark.parametrize("label", ["", "Company", "Person", "InnovationCenter"])
def test_most_connected_matches_networkx_degree(embedded_store: EmbeddedStore, names: NameIndex,
                                                g: nx.MultiDiGraph, label: str) -> None:
    rows = run(embedded_store, names, "most_connected", label=label, limit=15)
    degrees = [(n, deg) for n, deg in g.degree() if deg and (not label or g.nodes[n]["label"] == label)]
    ranked = sorted(degrees, key=lambda x: (-x[1], x[0]))[:15]
    assert [(r["id"], r["degree"]) for r in rows] == ranked


@pytest.mark.parametrize("label", ["", "Company"])
def test_entities_per_region_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                            g: nx.MultiDiGraph, label: str) -> None:
    rows = run(embedded_store, names, "entities_per_region", label=label)
    expected = Counter(d["region"] for _, d in g.nodes(data=True)
                       if d.get("region") and (not label or d["label"] == label))
    assert {r["region_id"]: r["entities"] for r in rows} == dict(expected)


@pytest.mark.parametrize("k", [1, 2, 3, 8])
def test_shortest_paths_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                       g: nx.MultiDiGraph, u: nx.Graph, k: int) -> None:
    pairs = [("limx-dynamics", "cuhk-shenzhen"), ("ubtech", "guangdong-embodied-ai-center"),
             ("leju", "national-embodied-ai-center"), ("engineai", "szvc"), ("dji", "huawei")]
    for source, target in pairs:
        rows = run(embedded_store, names, "shortest_path", source=source, target=target, max_hops=k)
        if nx.has_path(u, source, target) and nx.shortest_path_length(u, source, target) <= k:
            assert rows_as_paths(rows) == shortest_paths(g, u, source, target)
            assert {r["hops"] for r in rows} == {nx.shortest_path_length(u, source, target)}
        else:
            assert rows == []


def test_timeline_and_neighbours_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                                g: nx.MultiDiGraph) -> None:
    for entity in ("leju", "ubtech", "cuhk-shenzhen", "huawei"):
        dated = Counter([(d["date"], d["type"], "out", b) for _, b, d in g.out_edges(entity, data=True)
                         if d.get("date")]
                        + [(d["date"], d["type"], "in", a) for a, _, d in g.in_edges(entity, data=True)
                           if d.get("date")])
        rows = run(embedded_store, names, "entity_timeline", entity=entity)
        assert Counter((r["date"], r["relation"], r["direction"], r["other_id"]) for r in rows) == dated
        all_edges = Counter([(d["type"], "out", b) for _, b, d in g.out_edges(entity, data=True)]
                            + [(d["type"], "in", a) for a, _, d in g.in_edges(entity, data=True)])
        rows = run(embedded_store, names, "entity_neighbours", entity=entity)
        assert Counter((r["relation"], r["direction"], r["other_id"]) for r in rows) == all_edges


def test_event_participants_and_counts_match_networkx(embedded_store: EmbeddedStore, names: NameIndex,
                                                      g: nx.MultiDiGraph, graph: KnowledgeGraph) -> None:
    for event in (n for n, d in g.nodes(data=True) if d["label"] == "Event"):
        rows = run(embedded_store, names, "event_participants", event=event)
        expected = Counter((a, d["type"]) for a, _, d in g.in_edges(event, data=True)
                           if d["type"] in ("参与", "主办"))
        assert Counter((r["participant_id"], r["relation"]) for r in rows) == expected
    labels = {r["label"]: r["entities"] for r in run(embedded_store, names, "label_counts")}
    assert labels == {k: v for k, v in graph.label_counts().items() if v}
    types = {r["relation"]: r["relationships"] for r in run(embedded_store, names, "relation_counts")}
    assert types == {k: v for k, v in graph.type_counts().items() if v}


def test_names_resolve_from_any_script_and_alias(embedded_store: EmbeddedStore, names: NameIndex) -> None:
    for given in ("ubtech", "优必选", "優必選", "UBTECH Robotics", "优必选科技"):
        assert names.resolve(given) == "ubtech"
    assert names.resolve("香港中文大學(深圳)") == "cuhk-shenzhen"
    assert names.resolve("深圳市加快推进人工智能终端产业发展行动计划") == "sz-ai-terminal-plan"  # no period
    with pytest.raises(UnknownEntity) as info:
        names.resolve("优必")
    assert "优必选" in info.value.suggestions


def test_bad_parameters_are_refused_by_name(embedded_store: EmbeddedStore, names: NameIndex) -> None:
    q = QUERIES["company_centres"]
    for given, param in [({"max_hops": "9"}, "max_hops"), ({"max_hops": "two"}, "max_hops"),
                         ({"nope": "1"}, "nope")]:
        with pytest.raises(ParameterError) as info:
            run_canned(embedded_store, q, given, names)
        assert info.value.param == param
    with pytest.raises(ParameterError, match="label"):
        run_canned(embedded_store, QUERIES["most_connected"], {"label": "Startup"}, names)
