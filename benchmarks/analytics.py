"""Benchmark: graph analytics with igraph (ours) against networkx and networkit, at 100k and 1M nodes.

    python benchmarks/analytics.py [--nodes 100000 1000000] [--seed 7] [--sample 32]
                                   [--networkx-max 100000] [--no-networkit] [--reference-sample K]

Edges are drawn in memory with numpy in the shape ``ecokg synth`` writes (its label shares, 5
relationships per node, endpoints from its Zipf/uniform mixture per label; sources weighted by
label size, targets by its square root), so that 1M nodes / 5M relationships take seconds to
make rather than the minutes of writing and validating YAML. Each library gets the same arrays;
graph construction is timed apart from the measures. Betweenness is the pivot estimate (Brandes
& Pich) with ``--sample`` pivots in every library (networkx ``k=``, networkit
``EstimateBetweenness``); exact betweenness is O(n·m) and out of reach at these sizes for all
three. Communities: igraph Leiden (modularity, seeded), networkx Louvain (seeded), networkit PLM
(parallel, and on one seeded thread, its reproducible setting) — with the modularity Q each
reaches and igraph's community count. networkx runs only up to ``--networkx-max`` nodes.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from common import header, met, table

from graph.analytics import Analytics, FastGraph
from graph.analytics.fast import DEFAULT_SEED
from loaders.synth import HUB_SHARE, ZIPF_EXPONENT, label_counts


def synth_edges(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(src, dst, labels) of ``5 n`` relationships over ``n`` nodes shaped like ``ecokg synth``'s."""
    counts = label_counts(n)
    names = list(counts)
    sizes = np.array([counts[label] for label in names], dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    labels = [label for label in names for _ in range(counts[label])]
    rng = np.random.default_rng(seed)
    m = 5 * n

    def endpoints(weights: np.ndarray) -> np.ndarray:
        which = rng.choice(len(names), size=m, p=weights / weights.sum())
        out = np.empty(m, dtype=np.int64)
        for k, size in enumerate(sizes):
            rows = np.flatnonzero(which == k)
            zipf = rng.random(rows.size) < HUB_SHARE
            cum = np.cumsum(1.0 / np.arange(1, size + 1) ** ZIPF_EXPONENT)
            local = rng.integers(0, size, rows.size)
            local[zipf] = np.minimum(np.searchsorted(cum, rng.random(int(zipf.sum())) * cum[-1]), size - 1)
            out[rows] = offsets[k] + local
        return out

    return endpoints(sizes.astype(float)), endpoints(np.sqrt(sizes.astype(float))), labels


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds ``fn`` took, and what it returned."""
    gc.collect()
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def run_size(n: int, args: argparse.Namespace) -> list[list[object]]:
    """The rows of one graph size."""
    src, dst, labels = synth_edges(n, args.seed)
    ids = [f"n{i:07d}" for i in range(n)]
    rows: list[list[object]] = []
    size = f"{n:,} / {src.size:,}"
    build, fg = timed(lambda: FastGraph.from_arrays(n, src, dst, ids, labels=labels))
    ours = Analytics(fg)
    hub = int(np.argmax(fg.degree))
    print(f"{size}: {fg.links:,} undirected links; biggest hub {int(fg.degree[hub]):,} links", flush=True)
    results: dict[str, dict[str, str]] = {}

    def put(measure: str, library: str, seconds: float | None, note: str = "") -> None:
        results.setdefault(measure, {})[library] = ("—" if seconds is None else f"{seconds:.2f}") + \
            (f" ({note})" if note else "")
        print(f"  {measure:<24} {library:<9} {results[measure][library]}", flush=True)

    put("build graph", "igraph", build)
    put("degree", "igraph", timed(lambda: np.bincount(src, minlength=n) + np.bincount(dst, minlength=n))[0])
    put("pagerank", "igraph", timed(ours.pagerank)[0])
    seconds, between = timed(lambda: ours.betweenness(args.sample))
    put(f"betweenness (k={args.sample})", "igraph", seconds)
    betweenness_s = seconds
    if args.reference_sample:
        seconds, finer = timed(lambda: fg.betweenness(args.reference_sample, seed=DEFAULT_SEED + 1))
        ours_top, finer_top = np.argsort(-between.scores)[:10], np.argsort(-finer.scores)[:10]
        overlap = len(set(ours_top.tolist()) & set(finer_top.tolist()))
        corr = float(np.corrcoef(between.scores, finer.scores)[0, 1])
        put(f"betweenness (k={args.reference_sample})", "igraph", seconds,
            f"top 10 shares {overlap} with k={args.sample}; Pearson r {corr:.3f}")
    seconds, membership = timed(ours.membership)
    put("communities", "igraph", seconds, f"Q={fg.modularity(membership):.3f}, {membership.max() + 1:,}")
    put("communities, reproducible", "igraph", seconds, "seeded")
    put("bridges (brokers)", "igraph", timed(lambda: ours.run("bridges", top=20))[0])
    seconds, (pairs, _) = timed(fg.bridge_edges)
    put("bridge edges", "igraph", seconds, f"{len(pairs):,}, with the entities each cuts off")

    if not args.no_networkit:
        import networkit as nk

        def nk_graph() -> Any:
            g = nk.graph.Graph(n, directed=False)
            g.addEdges((fg.edges[:, 0].astype(np.uint64), fg.edges[:, 1].astype(np.uint64)))
            return g

        seconds, ng = timed(nk_graph)
        put("build graph", "networkit", seconds)
        put("degree", "networkit", timed(lambda: nk.centrality.DegreeCentrality(ng).run())[0])
        put("pagerank", "networkit", timed(lambda: nk.centrality.PageRank(ng, 0.85, 1e-8).run())[0])
        put(f"betweenness (k={args.sample})", "networkit",
            timed(lambda: nk.centrality.EstimateBetweenness(ng, args.sample, True, True).run())[0])
        seconds, plm = timed(lambda: nk.community.detectCommunities(ng, nk.community.PLM(ng, True),
                                                                     inspect=False))
        put("communities", "networkit", seconds, f"Q={nk.community.Modularity().getQuality(plm, ng):.3f}")
        # Parallel PLM differs from run to run; one seeded thread is networkit's reproducible setting.
        threads = nk.getMaxNumberOfThreads()
        nk.setNumberOfThreads(1)
        nk.setSeed(DEFAULT_SEED, False)
        seconds, plm = timed(lambda: nk.community.detectCommunities(ng, nk.community.PLM(ng, True),
                                                                     inspect=False))
        nk.setNumberOfThreads(threads)
        put("communities, reproducible", "networkit", seconds,
            f"1 thread, Q={nk.community.Modularity().getQuality(plm, ng):.3f}")
        del ng
    if n <= args.networkx_max:
        import networkx as nx

        from graph.analytics import reference

        def nx_graph() -> Any:
            g = nx.Graph()
            g.add_nodes_from(range(n))
            g.add_edges_from(fg.edges.tolist())
            return g

        seconds, xg = timed(nx_graph)
        put("build graph", "networkx", seconds)
        put("degree", "networkx", timed(lambda: dict(xg.degree()))[0])
        put("pagerank", "networkx", timed(lambda: nx.pagerank(xg, tol=1e-8))[0])
        put(f"betweenness (k={args.sample})", "networkx",
            timed(lambda: nx.betweenness_centrality(xg, k=args.sample, seed=DEFAULT_SEED))[0])
        seconds, louvain = timed(lambda: nx.community.louvain_communities(xg, seed=DEFAULT_SEED))
        put("communities", "networkx", seconds, f"Q={nx.community.modularity(xg, louvain):.3f}")
        found = [reference.Community(i, tuple(int(v) for v in c), "") for i, c in enumerate(louvain)]
        multi = nx.MultiDiGraph(xg)
        put("bridges (brokers)", "networkx", timed(lambda: reference.bridges(multi, found, limit=20))[0])
        seconds, cut = timed(lambda: list(nx.bridges(xg)))
        put("bridge edges", "networkx", seconds, f"{len(cut):,}, found only")
        del xg, multi
    else:
        for measure in results:
            put(measure, "networkx", None, f"not run above {args.networkx_max:,} nodes")
    top = ", ".join(ids[i] for i in np.argsort(-between.scores)[:3])
    print(f"  betweenness top 3 (igraph estimate): {top}; ≤ 60 s: {met(betweenness_s, 60)}", flush=True)
    for measure, by_library in results.items():
        rows.append([size, measure, by_library.get("igraph", "—"), by_library.get("networkit", "—"),
                     by_library.get("networkx", "—")])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample", type=int, default=32, help="betweenness pivots")
    parser.add_argument("--reference-sample", type=int, default=0,
                        help="also estimate with this many pivots (other seed) and compare the top 10")
    parser.add_argument("--networkx-max", type=int, default=100_000)
    parser.add_argument("--no-networkit", action="store_true")
    args = parser.parse_args()
    header("Analytics: igraph (ours) vs networkit vs networkx, seconds (synthetic, in memory)")
    rows: list[list[object]] = []
    for n in args.nodes:
        rows += run_size(n, args)
    print()
    table(["nodes / relationships", "measure", "igraph (ours)", "networkit", "networkx"], rows)


if __name__ == "__main__":
    main()
