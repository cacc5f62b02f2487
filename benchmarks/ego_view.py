"""Benchmark: the 2-hop ego network around hubs and around median-degree entities.

    python benchmarks/ego_view.py --db FILE [--runs 200] [--cap 200]

"Ego JSON" is what ``/api/entities/{id}/ego?depth=2`` computes on a cache miss: ``ego_network``
(store queries for both hops, node records, the edges among the kept nodes) and its JSON text
through the API's response model. "HTML view" is ``ecokg ego``'s standalone page: the same
network rendered by ``viz.ego_html.render_ego_html`` (vis-network inlined). Hubs are the ten
entities of highest degree; median entities are drawn from those whose degree equals the median
degree of a uniform sample (degrees read from the ``degree`` column the load writes).
Nothing is cached between runs.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from common import header, met, percentile, table

from api.schemas import EgoNetwork
from cypher.ego import ego_network
from cypher.names import NameIndex
from graph.stores.embedded import EmbeddedStore, open_store
from viz.ego_html import render_ego_html


def pick_nodes(store: EmbeddedStore, seed: int) -> tuple[list[str], list[str], float]:
    """(hubs, median-degree entities, median degree)."""
    hubs = [row[0] for row in store.query(
        "MATCH (n) RETURN n.id AS id ORDER BY n.degree DESC, id LIMIT 10", max_rows=10,
        timeout_ms=600_000).rows]
    rows = store.query("MATCH (n) RETURN n.id, n.degree", max_rows=100_000_000, timeout_ms=600_000).rows
    every = dict((row[0], row[1]) for row in rows)
    sample = random.Random(seed).sample(sorted(every), min(5000, len(every)))
    degree = {i: every[i] for i in sample}
    ordered = sorted(degree.values())
    median = ordered[len(ordered) // 2]
    medians = [i for i in sample if degree[i] == median][:200]
    return hubs, medians, median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--cap", type=int, default=200, help="node cap (the server's default)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    store = open_store(args.db)
    counts = store.counts()
    header(f"Ego view — {sum(counts.nodes.values()):,} nodes, "
           f"{sum(counts.relationships.values()):,} relationships ({args.db.name})")
    hubs, medians, median = pick_nodes(store, args.seed)
    labels = NameIndex.from_store(store).labels  # as the server does: lookups anchored on labels
    print(f"hubs: {', '.join(hubs[:3])} …; median degree of a 5,000-entity sample: {median}")
    print()
    rows = []
    results: dict[str, float] = {}
    for kind, centres in (("hub", hubs), ("median", medians)):
        ego_network(store, centres[0], 2, node_cap=args.cap, labels=labels)  # warm-up
        json_ms: list[float] = []
        html_ms: list[float] = []
        sizes: list[int] = []
        truncated = 0
        for i in range(args.runs):
            centre = centres[i % len(centres)]
            t = time.perf_counter()
            network = ego_network(store, centre, 2, node_cap=args.cap, labels=labels)
            EgoNetwork.model_validate(network).model_dump_json()
            json_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            render_ego_html(network, f"{centre} · ego network (depth 2)")
            html_ms.append(json_ms[-1] + (time.perf_counter() - t) * 1000)
            sizes.append(len(network["nodes"]))
            truncated += bool(network["truncated"])
        results[kind] = percentile(json_ms, 99)
        rows.append([f"{kind} ({len(centres)} distinct)", f"{args.runs}",
                     f"{sorted(sizes)[len(sizes) // 2]}", f"{truncated}",
                     f"{percentile(json_ms, 50):.1f}", f"{percentile(json_ms, 99):.1f}",
                     f"{percentile(html_ms, 50):.1f}", f"{percentile(html_ms, 99):.1f}"])
    table(["centre", "runs", "median nodes", "capped runs", "ego JSON p50 ms", "ego JSON p99 ms",
           "HTML view p50 ms", "HTML view p99 ms"], rows)
    table(["target", "measured", "met?"],
          [[f"2-hop ego JSON around a hub, p99 ≤ 30 ms (cap {args.cap})", f"{results['hub']:.1f} ms",
            met(results["hub"], 30)]])
    store.close()


if __name__ == "__main__":
    main()
