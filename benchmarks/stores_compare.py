"""The embedded store and Neo4j side by side on one synthetic graph: load throughput, canned queries and
the 2-hop ego network (prints tables; not a test).

    NEO4J_URI=… NEO4J_PASSWORD=… python benchmarks/stores_compare.py [--nodes 100000] [--runs 100]

- **load**: ``build_database`` (bulk COPY into a new file) against ``Neo4jStore.load`` (batched
  ``UNWIND … MERGE`` in write transactions, then the prune) and against Neo4j's own bulk importer
  (``ecokg export --format neo4j-import`` then ``tools/neo4j/import`` into a fresh data directory,
  which a second server then serves, to check the counts); rows/s counts nodes + relationships.
- **queries**: each canned query with entity parameters drawn at random from their label (a tenth
  of the draws are the label's hubs, the highest-degree entities), the same draws on both stores;
  p50/p99 of ``run_canned`` (binding, the statement, the rows read into Python).
- **ego**: ``cypher.ego.ego_network`` at depth 2 around random entities and around hubs.

The Neo4j server (``tools/neo4j/start``) must be running; its graph is replaced by the synthetic
one (load the curated data again afterwards: ``ecokg load --target neo4j``).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import header, percentile, table

from cypher.ego import ego_network
from cypher.names import NameIndex
from cypher.registry import load_queries
from cypher.runner import run_canned
from graph.errors import QueryTimeout
from graph.model import KnowledgeGraph
from graph.settings import Settings
from graph.stores.base import QueryRunner
from graph.stores.embedded import build_database, open_store
from graph.stores.neo4j_store import Neo4jStore
from loaders.curated import load_graph
from loaders.neo4j_import import ARRAY_DELIMITER, write_neo4j_import
from loaders.synth import write_synthetic

REPO = Path(__file__).resolve().parents[1]
LIMIT_MS = 10_000
"""A run past this is stopped and counted, not timed."""
QUERIES: dict[str, Callable[[random.Random, dict[str, list[str]]], dict[str, Any]]] = {
    "centre_leaders": lambda r, ids: {"centre": r.choice(ids["InnovationCenter"])},
    "company_rounds": lambda r, ids: {"company": r.choice(ids["Company"])},
    "entity_neighbours": lambda r, ids: {"entity": r.choice(ids["Company"])},
    "person_roles": lambda r, ids: {"person": r.choice(ids["Person"])},
    "investor_portfolio": lambda r, ids: {"investor": r.choice(ids["Fund"])},
    "entity_timeline": lambda r, ids: {"entity": r.choice(ids["Company"])},
    "co_investors": lambda r, ids: {"investor": r.choice(ids["Fund"])},
    "company_centres": lambda r, ids: {"company": r.choice(ids["Company"]), "max_hops": 2},
    "most_connected": lambda r, ids: {"label": "Company", "limit": 20},
}


def pools(graph: KnowledgeGraph, seed: int) -> dict[str, list[str]]:
    """Per label: 200 random ids, plus the 20 highest-degree ones counted twice each."""
    r = random.Random(seed)
    degree: dict[str, int] = {}
    for rel in graph.relationships:
        degree[rel.source] = degree.get(rel.source, 0) + 1
        degree[rel.target] = degree.get(rel.target, 0) + 1
    out: dict[str, list[str]] = {}
    for label in {n.label for n in graph.nodes.values()}:
        ids = [n.id for n in graph.nodes_of(label)]
        hubs = sorted(ids, key=lambda i: -degree.get(i, 0))[:20]
        out[label] = r.sample(ids, min(200, len(ids))) + hubs * 2
    return out


def timed(fn: Callable[[], object], runs: int) -> tuple[list[float], int]:
    """Milliseconds of each run that finished, and how many stopped at the time limit."""
    out, stopped = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        try:
            fn()
        except QueryTimeout:
            stopped += 1
            continue
        out.append((time.perf_counter() - started) * 1000)
    return out, stopped


def cells(values: list[float], stopped: int) -> list[str]:
    note = f" ({stopped} > {LIMIT_MS // 1000} s)" if stopped else ""
    if not values:
        return ["—", f"—{note}"]
    return [f"{percentile(values, 50):.1f}", f"{percentile(values, 99):.1f}{note}"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bulk_import(graph: KnowledgeGraph, settings: Settings) -> tuple[float, float, dict[str, int]]:
    """Seconds to write the CSV files and to import them, and the counts a server on the result reports."""
    work = Path(tempfile.mkdtemp(prefix="ecokg-import-"))
    try:
        started = time.perf_counter()
        nodes, rels = write_neo4j_import(graph, work / "csv")
        written = time.perf_counter() - started
        args = [str(REPO / "tools" / "neo4j" / "import"), str(work / "db"), "--", "neo4j",
                f"--array-delimiter={ARRAY_DELIMITER}", *(f"--nodes={p}" for p in nodes),
                *(f"--relationships={p}" for p in rels)]
        started = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        imported = time.perf_counter() - started
        port = free_port()
        env = {**os.environ, "NEO4J_PORT": str(port)}
        server = subprocess.Popen([str(REPO / "tools" / "neo4j" / "start"), str(work / "db")], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            assert server.stdout is not None
            for line in server.stdout:
                if line.startswith("ready"):
                    break
            store = Neo4jStore.connect(f"bolt://127.0.0.1:{port}", settings.neo4j_user,
                                       settings.neo4j_password.get_secret_value())
            found = store.counts()
            store.close()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        return written, imported, {"nodes": sum(found.nodes.values()),
                                   "relationships": sum(found.relationships.values())}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=None, help="curated-format data (default: synthesise)")
    parser.add_argument("--skip-import", action="store_true", help="leave out neo4j-admin import")
    args = parser.parse_args()
    settings = Settings()
    header(f"embedded vs Neo4j at {args.nodes:,} nodes")
    work = Path(tempfile.mkdtemp(prefix="ecokg-stores-"))
    data = args.data or work / "data"
    if args.data is None:
        write_synthetic(data, args.nodes, args.seed)
    started = time.perf_counter()
    graph = load_graph(data)
    read_s = time.perf_counter() - started
    rows = len(graph.nodes) + len(graph.relationships)
    print(f"graph: {len(graph.nodes):,} nodes, {len(graph.relationships):,} relationships "
          f"(read from YAML in {read_s:.1f} s, not counted below)")

    loads = []
    started = time.perf_counter()
    build_database(graph, work / "ecokg.lbug")
    seconds = time.perf_counter() - started
    loads.append(["embedded: build_database (COPY, new file)", f"{seconds:.1f}", f"{rows / seconds:,.0f}"])
    neo4j = Neo4jStore.connect(settings.neo4j_uri, settings.neo4j_user,
                               settings.neo4j_password.get_secret_value(), settings.neo4j_database)
    started = time.perf_counter()
    neo4j.load(graph)
    seconds = time.perf_counter() - started
    loads.append(["neo4j: ecokg load (UNWIND … MERGE, 5000/tx)", f"{seconds:.1f}", f"{rows / seconds:,.0f}"])
    started = time.perf_counter()
    neo4j.load(graph)
    seconds = time.perf_counter() - started
    loads.append(["neo4j: the same load again (nothing changes)", f"{seconds:.1f}", f"{rows / seconds:,.0f}"])
    if not args.skip_import:
        written, imported, found = bulk_import(graph, settings)
        loads.append(["neo4j: export neo4j-import (CSV files)", f"{written:.1f}", f"{rows / written:,.0f}"])
        loads.append(["neo4j: neo4j-admin database import full", f"{imported:.1f}",
                      f"{rows / imported:,.0f}"])
        assert found == {"nodes": len(graph.nodes), "relationships": len(graph.relationships)}, found
    table(["load", "seconds", "rows/s"], loads)

    embedded = open_store(work / "ecokg.lbug")
    stores: dict[str, QueryRunner] = {"embedded": embedded, "neo4j": neo4j}
    names = {name: NameIndex.from_store(store) for name, store in stores.items()}
    ids = pools(graph, args.seed)
    queries = load_queries()
    results = []
    for qname, make in QUERIES.items():
        draws = [make(random.Random(args.seed + i), ids) for i in range(args.runs)]
        row = [qname]
        for sname, store in stores.items():
            run_canned(store, queries[qname], draws[0], names[sname])  # warm
            it = iter(draws)
            def once(s: QueryRunner = store, n: NameIndex = names[sname], it: Any = it,
                     q: Any = queries[qname]) -> object:
                return run_canned(s, q, next(it), n, timeout_ms=LIMIT_MS)

            values, stopped = timed(once, args.runs)
            row += cells(values, stopped)
        results.append(row)
    for kind, picks in (("random", [ids["Company"][i % 200] for i in range(args.runs)]),
                        ("hubs", [ids["Company"][200 + i % 20] for i in range(args.runs)])):
        row = [f"ego depth 2 ({kind} companies)"]
        for sname, store in stores.items():
            it = iter(picks)
            values, stopped = timed(lambda s=store, n=names[sname], it=it: ego_network(  # type: ignore[misc]
                s, next(it), 2, labels=n.labels, timeout_ms=LIMIT_MS), args.runs)
            row += cells(values, stopped)
        results.append(row)
    table(["question", "embedded p50 ms", "embedded p99 ms", "neo4j p50 ms", "neo4j p99 ms"], results)
    embedded.close()
    neo4j.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
