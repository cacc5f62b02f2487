"""Benchmark: embedded load of a synthetic ecosystem next to a raw ``COPY`` of the same frames.

    python benchmarks/load_embedded.py --data DIR          # a directory written by `ecokg synth`
    python benchmarks/load_embedded.py --nodes 100000      # synthesise one first (5 relations/node)

Steps, each timed on its own:

1. read + validate: ``load_graph(DIR)`` — YAML files → validated in-memory graph;
2. ecokg load: ``build_database(graph)`` — Arrow frames from the graph, DDL, one ``COPY`` per
   node label and per (type, source label, target label), one CHECKPOINT, count check, fsync,
   atomic swap: everything ``ecokg load`` does after validation;
3. raw COPY: the very same frames, built beforehand and not timed, copied into an empty
   database with the same settings (DDL, the COPYs, one CHECKPOINT), nothing else.

The issue's ratio is (2)'s throughput over (3)'s; (1) + (2) is what ``ecokg load --data`` costs.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import tempfile
import time
from pathlib import Path

import ladybug
from common import header, met, table

from graph.stores.embedded import build_database
from graph.stores.frames import node_frames, relationship_frames
from graph.stores.schema import ladybug_ddl, quote
from loaders.curated import load_graph
from loaders.synth import write_synthetic


def raw_copy_seconds(nodes: list, rels: list, path: Path) -> float:  # type: ignore[type-arg]
    """COPY prebuilt frames into an empty database; only the DDL, COPYs and CHECKPOINT are timed."""
    started = time.perf_counter()
    db = ladybug.Database(str(path), auto_checkpoint=False)
    conn = ladybug.Connection(db)
    for statement in ladybug_ddl():
        conn.execute(statement)
    for label, frame in nodes:
        conn.execute(f"COPY {quote(label)} FROM $t", {"t": frame})
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
    parser.add_argument("--data", type=Path, help="a data directory written by `ecokg synth`")
    parser.add_argument("--nodes", type=int, default=100_000, help="synthesise this many (no --data)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, help="where the databases go (default: a temp dir)")
    parser.add_argument("--keep", type=Path, help="keep the database `build_database` wrote here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ecokg-load-", dir=args.workdir))
    try:
        data = args.data
        if data is None:
            data = work / "data"
            write_synthetic(data, args.nodes, args.seed)
        header(f"Embedded load — {data}")
        t = time.perf_counter()
        graph = load_graph(data)
        parse = time.perf_counter() - t
        n_nodes, n_rels = len(graph.nodes), len(graph.relationships)
        rows = n_nodes + n_rels
        t = time.perf_counter()
        nodes = list(node_frames(graph))
        rels = list(relationship_frames(graph))
        frames = time.perf_counter() - t
        groups = len(rels)
        del nodes, rels
        gc.collect()
        t = time.perf_counter()
        build_database(graph, work / "ours.lbug")
        ours = time.perf_counter() - t
        nodes = list(node_frames(graph))
        rels = list(relationship_frames(graph))
        del graph
        gc.collect()
        raw = raw_copy_seconds(nodes, rels, work / "raw.lbug")
        if args.keep:
            args.keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(work / "ours.lbug", args.keep)
        print(f"graph: {n_nodes:,} nodes, {n_rels:,} relationships; {len(nodes)} node COPYs and "
              f"{groups} relationship COPYs (one per type, source label, target label)")
        print()
        table(["step", "seconds", "rows/s"], [
            ["read + validate YAML (`load_graph`)", f"{parse:.2f}", f"{rows / parse:,.0f}"],
            ["  of which: Arrow frames (measured apart, also inside the next row)", f"{frames:.2f}",
             f"{rows / frames:,.0f}"],
            ["ecokg load into the embedded store (`build_database`)", f"{ours:.2f}", f"{rows / ours:,.0f}"],
            ["raw COPY of the same frames (prebuilt)", f"{raw:.2f}", f"{rows / raw:,.0f}"],
            ["end to end `ecokg load --data` (read + validate + load)", f"{parse + ours:.2f}",
             f"{rows / (parse + ours):,.0f}"],
        ])
        ratio = raw / ours
        table(["target", "measured", "met?"], [
            ["embedded load ≤ 60 s (`build_database`)", f"{ours:.1f} s", met(ours, 60)],
            ["ratio to raw COPY throughput ≥ 0.75", f"{ratio:.2f}", "yes" if ratio >= 0.75 else "**no**"],
            ["(for reference) end to end from YAML ≤ 60 s", f"{parse + ours:.1f} s", met(parse + ours, 60)],
        ])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
