"""Network analytics with networkx (the oracle of the fast backend): centrality, communities, brokers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

DEFAULT_SEED = 42


@dataclass(frozen=True)
class Ranked:
    """An entity with a score."""

    id: str
    name: str
    label: str
    score: float


@dataclass(frozen=True)
class Community:
    """A Louvain community: its members and its best-connected member."""

    index: int
    members: tuple[str, ...]
    hub: str


@dataclass(frozen=True)
class Bridge:
    """An entity that links several communities."""

    id: str
    name: str
    label: str
    communities: int
    cross_links: int


def undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected graph underlying ``g`` (parallel edges and directions merged)."""
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes(data=True))
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    return simple


def _ranked(g: nx.MultiDiGraph, scores: dict[str, float], label: str | None, limit: int) -> list[Ranked]:
    items = [(n, s) for n, s in scores.items() if label is None or g.nodes[n].get("label") == label]
    items.sort(key=lambda item: (-item[1], item[0]))
    return [Ranked(n, g.nodes[n].get("name", n), g.nodes[n].get("label", ""), float(s))
            for n, s in items[:limit]]


def degree_ranking(g: nx.MultiDiGraph, label: str | None = None, limit: int = 20) -> list[Ranked]:
    """Entities by degree: relationships in either direction, each counted once."""
    return _ranked(g, dict(g.degree()), label, limit)


def betweenness_ranking(g: nx.MultiDiGraph, label: str | None = None, limit: int = 20) -> list[Ranked]:
    """Entities by normalised betweenness centrality on the undirected simple graph."""
    return _ranked(g, nx.betweenness_centrality(undirected(g), normalized=True), label, limit)


def pagerank_ranking(g: nx.MultiDiGraph, label: str | None = None, limit: int = 20) -> list[Ranked]:
    """Entities by PageRank of the undirected simple graph (damping 0.85)."""
    return _ranked(g, nx.pagerank(undirected(g), alpha=0.85, tol=1e-10, max_iter=1000), label, limit)


def communities(g: nx.MultiDiGraph, seed: int = DEFAULT_SEED) -> list[Community]:
    """Louvain communities of the undirected graph, largest first (deterministic for a seed)."""
    simple = undirected(g)
    found = nx.community.louvain_communities(simple, seed=seed)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return [Community(i, tuple(members), max(members, key=lambda n: (simple.degree(n), n)))
            for i, members in enumerate(ordered)]


def bridges(g: nx.MultiDiGraph, found: list[Community] | None = None, limit: int = 20) -> list[Bridge]:
    """Entities whose links reach the most other communities (brokers between clusters)."""
    groups = found if found is not None else communities(g)
    member_of = {n: c.index for c in groups for n in c.members}
    simple = undirected(g)
    out = []
    for node in simple:
        touched = Counter(member_of[m] for m in simple[node] if member_of[m] != member_of[node])
        if touched:
            out.append(Bridge(node, g.nodes[node].get("name", node), g.nodes[node].get("label", ""),
                              len(touched) + 1, sum(touched.values())))
    out.sort(key=lambda b: (-b.communities, -b.cross_links, b.id))
    return out[:limit]
