"""Each entity's PageRank rank and community, computed at load and kept in a JSON file beside the database."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from graph.analytics.measures import Analytics
from graph.model import KnowledgeGraph

STANDING_SUFFIX = ".analytics.json"
STANDING_MAX_NODES = 200_000
"""Larger graphs get no standing file (at 200k nodes it takes ~6 s and 6 MB; at 1M, Leiden alone ~45 s)."""
TOP_MEMBERS = 5
FORMAT = 1


def standing_path(database: Path) -> Path:
    """The standing file beside ``database``."""
    return database.with_name(database.name + STANDING_SUFFIX)


@dataclass(frozen=True)
class Standing:
    """PageRank ranks and communities of one graph: ``entities[id] = [rank, pagerank, community]``."""

    nodes: int
    entities: dict[str, list[Any]]
    communities: list[dict[str, Any]]

    def of(self, entity_id: str) -> dict[str, Any] | None:
        """An entity's rank and community with the community's top members, or None."""
        found = self.entities.get(entity_id)
        if found is None:
            return None
        rank, score, index = found
        community = self.communities[index]
        return {"pagerank_rank": rank, "of": self.nodes, "pagerank": score, "community": index,
                "community_size": community["size"], "community_top": community["top"]}

    def to_json(self) -> dict[str, Any]:
        """The file's content."""
        return {"format": FORMAT, "nodes": self.nodes, "entities": self.entities,
                "communities": self.communities}


def compute_standing(analytics: Analytics) -> Standing:
    """Rank every node by PageRank (1 the highest, ties by id) and list each community's top members."""
    g = analytics.graph
    scores = analytics.pagerank()
    membership = analytics.membership()
    order = g.top(scores)
    rank = np.empty(g.n, dtype=np.int64)
    rank[order] = np.arange(1, g.n + 1)
    sizes = np.bincount(membership) if g.n else np.zeros(0, dtype=np.int64)
    top: list[list[dict[str, str]]] = [[] for _ in range(sizes.size)]
    for i in order:  # best first, so each community's list fills with its top members
        members = top[membership[i]]
        if len(members) < TOP_MEMBERS:
            members.append({"id": g.ids[i], "name": g.names[i], "label": g.label_of(int(i))})
    entities = {g.ids[i]: [int(rank[i]), round(float(scores[i]), 8), int(membership[i])] for i in range(g.n)}
    communities = [{"size": int(size), "top": members} for size, members in zip(sizes, top, strict=True)]
    return Standing(g.n, entities, communities)


def write_standing(graph: KnowledgeGraph, database: Path) -> Path | None:
    """Write the standing of ``graph`` beside ``database`` atomically; None (old one removed) if too big."""
    target = standing_path(database)
    if len(graph.nodes) > STANDING_MAX_NODES:
        target.unlink(missing_ok=True)
        return None
    from graph.analytics.fast import FastGraph

    standing = compute_standing(Analytics(FastGraph.from_knowledge_graph(graph)))
    tmp = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(standing.to_json(), f, ensure_ascii=False, separators=(",", ":"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def read_standing(database: Path, nodes: int | None = None) -> Standing | None:
    """The standing file beside ``database``; None when absent, unreadable or for another node count."""
    try:
        with open(standing_path(database), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if nodes is not None and data.get("nodes") != nodes:
        return None
    return Standing(int(data["nodes"]), data["entities"], data["communities"])
