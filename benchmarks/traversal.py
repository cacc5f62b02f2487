"""Benchmark: ego networks and paths on the projection, the Cypher path, igraph and networkx, side by side.

    python benchmarks/traversal.py --db FILE [--runs 100] [--cypher-runs 20]
    python benchmarks/traversal.py --data DIR [--runs 100]   # no database: built from the YAML

With ``--db``, the projection is read from the embedded store by the ``projection_edges``
statements, as ``ecokg serve`` does at start-up, and the answers the API gives (node records,
qualifiers and citations fetched from the store) are timed against ``cypher.ego`` — the Cypher
path the service used before. With ``--data`` (for graphs too big to load here), ids, labels and
relations are read from the synthetic YAML by a regular expression and the Cypher rows are
skipped. Every backend is built from the same integer edge arrays; "traversal" rows time the
breadth-first work alone (2-hop neighbourhood; every shortest path ≤ 4 hops of a pair of
companies; the best path to each innovation centre), nothing cached between runs.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import numpy as np
from common import header, met, percentile, table

from api.schemas import EgoNetwork, Paths
from graph.ontology import LABELS
from graph.read import egos, vectorised
from graph.read.projection import Projection
from graph.read.traversal import levels, ranked_ego, ranked_paths

PAGE = os.sysconf("SC_PAGE_SIZE")
_ENTITY = re.compile(r"^- \{id: ([^,}]+)")
PAIRS = "company → company, all shortest ≤ 4 hops, traversal"
CENTRES = "company → every centre ≤ 4 hops, traversal"
_RELATION = re.compile(r"^- \{type: ([^,]+), from: ([^,]+), to: ([^,}]+)")


def rss_mb() -> float:
    """Resident memory of this process."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE / 2**20


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, seconds, resident MB it added)."""
    gc.collect()
    before, t = rss_mb(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t, rss_mb() - before


def projection_from_yaml(data: Path) -> Projection:
    """The projection of a synthetic data directory, without validating it (keys: line hashes)."""
    file_label = {re.sub(r"(?<!^)(?=[A-Z])", "_", lb.name).lower(): lb.name for lb in LABELS}
    labels: dict[str, str] = {}
    for path in sorted((data / "entities").glob("*.yaml")):
        label = file_label[path.stem]
        with path.open(encoding="utf-8") as f:
            for line in f:
                if m := _ENTITY.match(line):
                    labels[m[1]] = label

    def rows() -> Any:
        for path in sorted((data / "relations").glob("*.yaml")):
            with path.open(encoding="utf-8") as f:
                for line in f:
                    if m := _RELATION.match(line):
                        key = hashlib.blake2b(line.encode(), digest_size=8).hexdigest()
                        yield m[2], m[3], m[1], key

    return Projection.from_rows(labels, rows())


def run(fn: Callable[[Any], Any], items: list[Any], runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) milliseconds of ``runs`` calls over ``items`` in turn (one warm-up call first).

    CPU time is this process's: on a shared machine it shows the work apart from the waiting.
    """
    fn(items[0])
    out = []
    for i in range(runs):
        c, t = time.process_time(), time.perf_counter()
        fn(items[i % len(items)])
        out.append(((time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", type=Path)
    source.add_argument("--data", type=Path)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--cypher-runs", type=int, default=20)
    parser.add_argument("--nx-runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-networkx", action="store_true", help="skip networkx (hours at 5M)")
    parser.add_argument("--no-pure", action="store_true",
                        help="skip the pure-Python rows (about 10 GB and a minute a run at 5M)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp"), help="where the .npy projection goes")
    args = parser.parse_args()

    build_rows: list[list[Any]] = []
    store = reader = before = None
    if args.db is not None:
        from cypher.names import NameIndex
        from cypher.reader import GraphReader, read_edge_properties, read_node_records, read_projection
        from graph.read.properties import EdgeProperties
        from graph.stores.embedded import open_store

        store = open_store(args.db)
        names, names_s, _ = timed(lambda: NameIndex.from_store(store))
        build_rows.append(["name index (entity_names, for reference)", f"{names_s:.2f}", "—"])
        p, secs, mb = timed(lambda: read_projection(store, names.labels))
        build_rows.append(["projection from the store (18 projection_edges reads + CSR)", f"{secs:.2f}",
                           f"{p.nbytes / 2**20:.0f} arrays, {mb:.0f} RSS"])
        before = GraphReader(store, names, p)
        props, secs, mb = timed(lambda: read_edge_properties(store, p))
        build_rows.append(["edge properties side table from the store (18 projection_properties reads)",
                           f"{secs:.2f}", f"{props.nbytes_total / 2**20:.0f} arrays, {mb:.0f} RSS"])
        props_dir = args.workdir / f"properties-{p.relationships}"
        _, save_s, _ = timed(lambda: props.save(props_dir))
        mapped_props, load_s, load_mb = timed(lambda: EdgeProperties.load(props_dir))
        build_rows.append(["edge properties saved as .npy / memory-mapped", f"{save_s:.2f} / {load_s:.2f}",
                           f"{load_mb:.0f} RSS (pages on demand)"])
        nodes, secs, mb = timed(lambda: read_node_records(store, p))
        build_rows.append([f"node records side table from the store ({len(LABELS)} projection_nodes reads)",
                           f"{secs:.2f}",
                           f"{nodes.nbytes_total / 2**20:.0f} arrays, {mb:.0f} RSS"])
        nodes.save(props_dir, "nodes")
        mapped_nodes, load_s, load_mb = timed(lambda: EdgeProperties.load(props_dir, "nodes"))
        build_rows.append(["node records memory-mapped", f"{load_s:.2f}",
                           f"{load_mb:.0f} RSS (pages on demand)"])
        reader = GraphReader(store, names, p, properties=mapped_props, nodes=mapped_nodes)
        title = args.db.name
    else:
        p, secs, mb = timed(lambda: projection_from_yaml(args.data))
        build_rows.append(["projection from the YAML (regex read + CSR; no database)", f"{secs:.2f}",
                           f"{p.nbytes / 2**20:.0f} arrays, {mb:.0f} RSS"])
        title = f"{args.data.name}, no database"
    directory = args.workdir / f"projection-{p.relationships}"
    _, save_s, _ = timed(lambda: p.save(directory))
    mapped, load_s, load_mb = timed(lambda: Projection.load(directory))
    build_rows.append(["projection saved as .npy (as a load would write it beside the database)",
                       f"{save_s:.2f}", "—"])
    build_rows.append(["projection memory-mapped from .npy (start-up without a store read)", f"{load_s:.2f}",
                       f"{load_mb:.0f} RSS (pages on demand)"])
    del mapped
    pairs = np.column_stack([p.src, p.dst])
    ig, ig_s, ig_mb = timed(lambda: igraph.Graph(n=len(p.ids), edges=pairs, directed=True,
                                                 edge_attrs={"type": p.etype}))
    build_rows.append(["igraph Graph from the same arrays", f"{ig_s:.2f}", f"{ig_mb:.0f} RSS"])

    def nx_graph() -> nx.MultiGraph:
        g = nx.MultiGraph()
        g.add_nodes_from(range(len(p.ids)))
        g.add_edges_from(zip(p.src.tolist(), p.dst.tolist(), strict=True))
        return g

    if not args.no_networkx:
        g, nx_s, nx_mb = timed(nx_graph)
        build_rows.append(["networkx MultiGraph from the same arrays", f"{nx_s:.2f}", f"{nx_mb:.0f} RSS"])

    header(f"Traversal — {len(p.ids):,} nodes, {p.relationships:,} relationships ({title})")
    table(["ready", "seconds", "memory MB"], build_rows)

    rng = np.random.default_rng(args.seed)
    hubs = [int(v) for v in np.argsort(-p.degrees, kind="stable")[:10]]
    sample = rng.choice(len(p.ids), size=min(5000, len(p.ids)), replace=False)
    median = int(np.median(p.degrees[sample]))
    medians = [int(v) for v in sample if p.degrees[v] == median][:200]
    companies = np.flatnonzero(p.label_mask(["Company"]))
    pairs_c = [(int(a), int(b)) for a, b in rng.choice(companies, size=(200, 2))]
    centre_mask = p.label_mask(["InnovationCenter"])
    print(f"hubs: degree {p.degree(hubs[0]):,} … {p.degree(hubs[-1]):,}; median degree {median}; "
          f"{len(companies):,} companies, {int(centre_mask.sum())} innovation centres")
    print()

    def ego_projection(v: int) -> Any:
        return vectorised.ranked_ego(p, v, 2, 200)

    def ego_deep(v: int) -> Any:
        return vectorised.ranked_ego(p, v, 3, 200)

    def ego_full(v: int) -> Any:
        """Every reached node ranked (best walks over the whole depth), then the cap picked: the full pass."""
        with p.scratch.borrow() as scratch:
            return egos.full_ego(p, vectorised.WEIGHTS, scratch, v, 2, 200, vectorised.ALL_TYPES)

    def ego_pure(v: int) -> Any:
        return ranked_ego(levels(p.neighbours, v, 2), p.degree, 200, p.neighbours, 2)

    def ego_igraph(v: int) -> Any:
        return ig.neighborhood(v, order=2, mode="all")

    def ego_nx(v: int) -> Any:
        return nx.ego_graph(g, v, radius=2)

    def paths_projection(pair: tuple[int, int]) -> Any:
        a, b = pair
        return ranked_paths(vectorised.shortest_levels(p, a, 4, target=b), [b], p.degree, 10)

    def paths_pure(pair: tuple[int, int]) -> Any:
        a, b = pair
        return ranked_paths(levels(p.neighbours, a, 4, stop=lambda level: b in level), [b], p.degree, 10)

    def paths_igraph(pair: tuple[int, int]) -> Any:
        return ig.get_all_shortest_paths(pair[0], to=pair[1], mode="all")

    def paths_nx(pair: tuple[int, int]) -> Any:
        try:
            return list(nx.all_shortest_paths(g, pair[0], pair[1]))
        except nx.NetworkXNoPath:
            return []

    def centres_projection(a: int) -> Any:
        return vectorised.paths_to_targets(p, a, 4, 10, targets=centre_mask)

    rows: list[list[Any]] = []
    p99: dict[str, float] = {}
    cpu99: dict[str, float] = {}

    def row(operation: str, backend: str, times: list[tuple[float, float]]) -> None:
        ms, cpu = [w for w, _ in times], [c for _, c in times]
        rows.append([operation, backend, len(ms), f"{percentile(ms, 50):.1f}", f"{percentile(ms, 99):.1f}",
                     f"{percentile(cpu, 50):.1f}", f"{percentile(cpu, 99):.1f}"])
        print(" | ".join(str(c) for c in rows[-1]), file=sys.stderr, flush=True)  # progress
        p99[f"{operation}|{backend}"] = percentile(ms, 99)
        cpu99[f"{operation}|{backend}"] = percentile(cpu, 99)

    for kind, centres in (("hub", hubs), ("median", medians)):
        op = f"2-hop ego, traversal ({kind})"
        row(op, "projection", run(ego_projection, centres, args.runs))
        row(op, "projection, every node ranked (before)", run(ego_full, centres, args.runs))
        if not args.no_pure:
            row(op, "projection, pure-Python BFS", run(ego_pure, centres, args.nx_runs))
        row(op, "igraph", run(ego_igraph, centres, args.runs))
        row(f"3-hop ego, traversal ({kind})", "projection", run(ego_deep, centres, args.runs))
        if not args.no_networkx:
            row(op, "networkx", run(ego_nx, centres, args.nx_runs))
        if reader is not None and store is not None:
            from cypher.ego import ego_network

            op = f"2-hop ego JSON, cap 200 ({kind})"
            row(op, "projection + side tables", run(lambda v: EgoNetwork.model_validate(
                reader.ego(p.ids[v], 2, node_cap=200)).model_dump_json(), centres, args.runs))
            row(op, "projection + store (before)", run(lambda v: EgoNetwork.model_validate(
                before.ego(p.ids[v], 2, node_cap=200)).model_dump_json(), centres, args.cypher_runs))
            row(op, "Cypher (cypher.ego)", run(lambda v: EgoNetwork.model_validate(ego_network(
                store, p.ids[v], 2, node_cap=200, labels=reader.names.labels)).model_dump_json(), centres,
                args.cypher_runs))
    op = PAIRS
    row(op, "projection (top 10 ranked)", run(paths_projection, pairs_c, args.runs))
    if not args.no_pure:
        row(op, "projection, pure-Python BFS", run(paths_pure, pairs_c, args.nx_runs))
    row(op, "igraph (all, unranked)", run(paths_igraph, pairs_c, args.runs))
    if not args.no_networkx:
        row(op, "networkx (all, unranked)", run(paths_nx, pairs_c, args.nx_runs))
    op = CENTRES
    starts = [a for a, _ in pairs_c]
    row(op, "projection (best per centre, top 10)", run(centres_projection, starts, args.runs))
    if reader is not None and store is not None:
        from cypher.ego import find_paths

        op = "company → company paths JSON"
        row(op, "projection + side tables", run(lambda ab: Paths.model_validate(reader.paths(
            p.ids[ab[0]], target=p.ids[ab[1]])).model_dump_json(), pairs_c, args.runs))
        row(op, "projection + store (before)", run(lambda ab: Paths.model_validate(before.paths(
            p.ids[ab[0]], target=p.ids[ab[1]])).model_dump_json(), pairs_c, args.runs))
        row(op, "Cypher (cypher.ego)", run(lambda ab: find_paths(
            store, p.ids[ab[0]], target=p.ids[ab[1]], labels=reader.names.labels, timeout_ms=600_000),
            pairs_c, args.cypher_runs))
        op = "company → every centre paths JSON"
        row(op, "projection + side tables", run(lambda ab: Paths.model_validate(reader.paths(
            p.ids[ab[0]], target_label="InnovationCenter")).model_dump_json(), pairs_c, args.runs))
        row(op, "projection + store (before)", run(lambda ab: Paths.model_validate(before.paths(
            p.ids[ab[0]], target_label="InnovationCenter")).model_dump_json(), pairs_c, args.runs))
        row(op, "Cypher (cypher.ego)", run(lambda ab: find_paths(
            store, p.ids[ab[0]], target_label="InnovationCenter", labels=reader.names.labels,
            timeout_ms=600_000), pairs_c, args.cypher_runs))
    table(["operation", "backend", "runs", "p50 ms", "p99 ms", "CPU p50", "CPU p99"], rows)
    def measured(key: str) -> str:
        return f"{p99[key]:.1f} ms (CPU {cpu99[key]:.1f} ms)"

    targets = [["2-hop ego around a hub, p99 ≤ 30 ms (projection traversal)",
                measured("2-hop ego, traversal (hub)|projection"),
                met(p99["2-hop ego, traversal (hub)|projection"], 30)],
               ["company → company paths, p99 ≤ 50 ms (projection traversal)",
                measured(PAIRS + "|projection (top 10 ranked)"),
                met(p99[PAIRS + "|projection (top 10 ranked)"], 50)]]
    targets.append(["company → every centre, p99 ≤ 50 ms (projection traversal)",
                    measured(CENTRES + "|projection (best per centre, top 10)"),
                    met(p99[CENTRES + "|projection (best per centre, top 10)"], 50)])
    if reader is not None:
        for kind in ("hub", "median"):
            key = f"2-hop ego JSON, cap 200 ({kind})|projection + side tables"
            targets.append([f"2-hop ego JSON around a {kind} entity, p99 ≤ 30 ms", measured(key),
                            met(p99[key], 30)])
        for op in ("company → company paths JSON", "company → every centre paths JSON"):
            key = f"{op}|projection + side tables"
            targets.append([f"{op}, p99 ≤ 50 ms", measured(key), met(p99[key], 50)])
    table(["target", "measured p99 (wall, CPU)", "met? (wall)"], targets)
    if store is not None:
        store.close()


if __name__ == "__main__":
    main()
