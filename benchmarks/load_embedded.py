"""Benchmark: embedded load throughput next to a raw ``COPY`` of the same Arrow frames.

    python benchmarks/load_embedded.py [--nodes 200000] [--relationships 1000000] [--seed 7]

Prints a table: the command, machine, package versions, then seconds and rows/s for
``build_database`` (our load: DDL, COPY in one transaction, count check, fsync, atomic swap)
and for the raw ``COPY`` of the very same frames into an empty database, and their ratio.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ladybug  # noqa: E402

from graph.model import CitationSpan, KnowledgeGraph, Node, Relationship  # noqa: E402
from graph.ontology import RELATION_TYPES  # noqa: E402
from graph.stores.embedded import build_database  # noqa: E402
from graph.stores.frames import node_frames, relationship_frames  # noqa: E402
from graph.stores.schema import ladybug_ddl, quote  # noqa: E402

LABEL_SHARE = {"Company": 0.55, "Person": 0.2, "Product": 0.08, "Fund": 0.04, "Policy": 0.03,
               "Event": 0.03, "University": 0.02, "ResearchInstitute": 0.02, "Government": 0.02,
               "InnovationCenter": 0.01}


def synthetic_graph(n_nodes: int, n_rels: int, seed: int) -> KnowledgeGraph:
    """A random graph with the ontology's labels and allowed pairs, heavy-tailed endpoints."""
    rng = random.Random(seed)
    g = KnowledgeGraph()
    by_label: dict[str, list[str]] = {}
    for label, share in LABEL_SHARE.items():
        ids = [f"{label.lower()}-{i}" for i in range(max(1, int(n_nodes * share)))]
        by_label[label] = ids
        for node_id in ids:
            g.nodes[node_id] = Node(node_id, label, f"{label}{node_id}", [f"alias-{node_id}"],
                                    {"sources": ["synthetic"], "description": "synthetic"})
    pairs = [(rel, a, b) for rel in RELATION_TYPES for a, b in rel.pairs
             if a in by_label and b in by_label]
    seen: set[tuple[str, str, str]] = set()
    while len(g.relationships) < n_rels:
        rel, a, b = rng.choice(pairs)
        # Pareto-distributed index: a few hubs receive most links.
        src = by_label[a][min(int(rng.paretovariate(1.2)) - 1, len(by_label[a]) - 1)
                          if rng.random() < 0.3 else rng.randrange(len(by_label[a]))]
        dst = by_label[b][rng.randrange(len(by_label[b]))]
        key = (rel.name, src, dst)
        if src == dst or key in seen:
            continue
        seen.add(key)
        g.relationships.append(Relationship(src, dst, rel.name, {},
                                            [CitationSpan("synthetic", 0, 1)]))
    return g


def raw_copy_seconds(graph: KnowledgeGraph, path: Path) -> float:
    """COPY the same frames into an empty database, nothing else; frames built beforehand."""
    nodes = list(node_frames(graph))
    rels = list(relationship_frames(graph))
    # The same database settings as build_database: no auto-checkpoint, one checkpoint at the end.
    db = ladybug.Database(str(path), auto_checkpoint=False)
    conn = ladybug.Connection(db)
    for statement in ladybug_ddl():
        conn.execute(statement)
    started = time.perf_counter()
    for label, table in nodes:
        conn.execute(f"COPY {quote(label)} FROM $t", {"t": table})
    for f in rels:
        conn.execute(f"COPY {quote(f.rel_type)} FROM $t (from='{f.from_label}', to='{f.to_label}')",
                     {"t": f.table})
    conn.execute("CHECKPOINT")
    seconds = time.perf_counter() - started
    conn.close()
    db.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    t = time.perf_counter()
    graph = synthetic_graph(args.nodes, args.relationships, args.seed)
    generated = time.perf_counter() - t
    rows = len(graph.nodes) + len(graph.relationships)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        build_database(graph, Path(tmp) / "ours.lbug")
        ours = time.perf_counter() - t
        raw = raw_copy_seconds(graph, Path(tmp) / "raw.lbug")
    print(f"command: python {' '.join(sys.argv)}")
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"packages: ladybug {version('ladybug')}, pyarrow {version('pyarrow')}")
    print(f"graph: {len(graph.nodes):,} nodes, {len(graph.relationships):,} relationships "
          f"(generated in {generated:.1f} s)")
    print()
    print(f"| {'load':<44} | {'seconds':>8} | {'rows/s':>12} |")
    print(f"|{'-' * 46}|{'-' * 10}|{'-' * 14}|")
    print(f"| {'ecokg build_database (frames + COPY + swap)':<44} | {ours:8.2f} | {rows / ours:12,.0f} |")
    print(f"| {'raw COPY of the same frames':<44} | {raw:8.2f} | {rows / raw:12,.0f} |")
    print(f"| {'ratio (ours / raw throughput)':<44} | {'':>8} | {raw / ours:12.2f} |")


if __name__ == "__main__":
    main()
