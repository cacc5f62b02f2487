"""Benchmark: every canned query on an embedded database, warm and cold, with varied parameters.

    python benchmarks/queries.py --db FILE [--runs 200] [--budget 60] [--cold 5]

Parameters are drawn from the database itself: entity parameters are entities of the label the
query is about, chosen uniformly at random, plus the ten highest-degree entities of that label
(the hubs users look at most) mixed in; integer parameters vary over their allowed range.

- warm: one process, one open read-only database; each query runs once untimed, then up to
  ``--runs`` times (or until ``--budget`` seconds are spent) with a new parameter set each run;
- cold: for each of ``--cold`` parameter sets, the database is opened afresh (new buffer pool,
  nothing cached by LadybugDB; the operating system's page cache is not dropped) and the query
  runs once.

A run's time is ``run_canned``: parameter binding, the query, and reading the rows into Python
(row cap 1000, as the server). Whole-graph queries (rankings and counts over every entity)
have the 1 s target, the others 50 ms.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import header, met, percentile, rng, table

from cypher.names import NameIndex
from cypher.registry import load_queries
from cypher.runner import run_canned
from graph.errors import EcokgError
from graph.ontology import LABELS, RELATION_TYPES
from graph.stores.embedded import EmbeddedStore, open_store

WHOLE_GRAPH = frozenset({"label_counts", "relation_counts", "entities_per_region", "most_connected",
                         "academic_incubation (all)", "centre_leaders (all)", "policy_overview (all)"})
ORGS = ("Company", "University", "ResearchInstitute", "InnovationCenter", "Government",
        "Organization", "Fund")
Params = Callable[[random.Random], dict[str, Any]]


class Pools:
    """Entity ids per label: a uniform sample plus the hubs (highest degree) of the label."""

    def __init__(self, store: EmbeddedStore, seed: int, size: int = 2000) -> None:
        r = random.Random(seed)
        self.ids: dict[str, list[str]] = {}
        self.hubs: dict[str, list[str]] = {}
        for label in LABELS:
            rows = store.query(f"MATCH (n:{label.name}) RETURN n.id", max_rows=100_000_000).rows
            ids = [row[0] for row in rows]
            self.ids[label.name] = r.sample(ids, min(size, len(ids)))
            self.hubs[label.name] = [row[0] for row in store.query(
                f"MATCH (n:{label.name}) RETURN n.id AS id ORDER BY n.degree DESC, id LIMIT 10",
                max_rows=10, timeout_ms=600_000).rows]

    def pick(self, r: random.Random, *labels: str) -> str:
        label = r.choice(labels)
        if r.random() < 0.05 and self.hubs[label]:
            return r.choice(self.hubs[label])
        return r.choice(self.ids[label])


def parameter_makers(p: Pools) -> dict[str, tuple[str, Params]]:
    """(query name, parameter maker) per benchmark row."""
    label_names = [label.name for label in LABELS]
    types = [rel.name for rel in RELATION_TYPES]
    return {
        "academic_incubation": ("academic_incubation",
                                lambda r: {"org": p.pick(r, "University", "ResearchInstitute")}),
        "academic_incubation (all)": ("academic_incubation", lambda r: {"org": ""}),
        "centre_companies": ("centre_companies", lambda r: {"centre": p.pick(r, "InnovationCenter"),
                                                            "max_hops": str(r.randint(1, 2))}),
        "centre_leaders": ("centre_leaders", lambda r: {"centre": p.pick(r, "InnovationCenter")}),
        "centre_leaders (all)": ("centre_leaders", lambda r: {"centre": ""}),
        "centre_members": ("centre_members", lambda r: {"centre": p.pick(r, "InnovationCenter")}),
        "co_investors": ("co_investors", lambda r: {"investor": p.pick(r, "Fund", "Fund", "Government",
                                                                       "Company")}),
        "company_centres": ("company_centres", lambda r: {"company": p.pick(r, "Company"),
                                                          "max_hops": str(r.randint(1, 3))}),
        "company_rounds": ("company_rounds", lambda r: {"company": p.pick(r, "Company")}),
        "cooperation_network": ("cooperation_network", lambda r: {"entity": p.pick(r, *ORGS),
                                                                  "depth": str(r.randint(1, 2))}),
        "entities_per_region": ("entities_per_region",
                                lambda r: {"label": r.choice(["", *label_names])}),
        "entity_neighbours": ("entity_neighbours", lambda r: {"entity": p.pick(r, *label_names),
                                                              "type": r.choice(["", "", *types])}),
        "entity_timeline": ("entity_timeline", lambda r: {"entity": p.pick(r, *label_names)}),
        "event_participants": ("event_participants", lambda r: {"event": p.pick(r, "Event")}),
        "investor_portfolio": ("investor_portfolio", lambda r: {"investor": p.pick(r, "Fund")}),
        "label_counts": ("label_counts", lambda r: {}),
        "most_connected": ("most_connected", lambda r: {"label": r.choice(["", *label_names]),
                                                        "limit": str(r.choice((10, 20, 50)))}),
        "person_roles": ("person_roles", lambda r: {"person": p.pick(r, "Person")}),
        "policy_overview": ("policy_overview", lambda r: {"policy": p.pick(r, "Policy")}),
        "policy_overview (all)": ("policy_overview", lambda r: {"policy": ""}),
        "relation_counts": ("relation_counts", lambda r: {}),
        "shortest_path": ("shortest_path", lambda r: {"source": p.pick(r, *ORGS), "target": p.pick(r, *ORGS),
                                                      "max_hops": str(r.randint(3, 6))}),
    }


def timed(store: EmbeddedStore, name: str, params: dict[str, Any], names: NameIndex,
          timeout_ms: int) -> float | None:
    """Milliseconds of one run, or None when it failed (time-out or error)."""
    query = load_queries()[name]
    t = time.perf_counter()
    try:
        run_canned(store, query, params, names, timeout_ms=timeout_ms, max_rows=1000)
    except EcokgError:
        return None
    return (time.perf_counter() - t) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--budget", type=float, default=60.0, help="most seconds per query (warm)")
    parser.add_argument("--cold", type=int, default=5, help="fresh opens per query")
    parser.add_argument("--timeout-ms", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", help="comma-separated benchmark rows")
    parser.add_argument("--skip", help="comma-separated benchmark rows to leave out")
    args = parser.parse_args()
    store = open_store(args.db)
    counts = store.counts()
    n_nodes, n_rels = sum(counts.nodes.values()), sum(counts.relationships.values())
    header(f"Canned queries — {n_nodes:,} nodes, {n_rels:,} relationships ({args.db.name})")
    t = time.perf_counter()
    pools = Pools(store, args.seed)
    labels = {i: label for label, ids in pools.ids.items() for i in ids}
    labels.update({i: label for label, ids in pools.hubs.items() for i in ids})
    # As the server's index: ids resolve to themselves, and carry their label (labelled anchors).
    names = NameIndex(ids=set(labels), labels=labels)
    print(f"parameter pools drawn in {time.perf_counter() - t:.1f} s")
    print()
    makers = parameter_makers(pools)
    wanted = args.only.split(",") if args.only else list(makers)
    wanted = [row for row in wanted if row not in (args.skip or "").split(",")]
    rows = []
    summary = {"fast": 0, "fast_met": 0, "whole": 0, "whole_met": 0}
    for row in wanted:
        name, make = makers[row]
        r = rng(args.seed)
        timed(store, name, make(r), names, args.timeout_ms)  # warm-up, not counted
        warm: list[float] = []
        failed = 0
        started = time.perf_counter()
        while len(warm) + failed < args.runs and time.perf_counter() - started < args.budget:
            ms = timed(store, name, make(r), names, args.timeout_ms)
            if ms is None:
                failed += 1
            else:
                warm.append(ms)
        cold: list[float] = []
        cr = rng(args.seed + 1)
        for _ in range(args.cold):
            fresh = open_store(args.db)
            try:
                ms = timed(fresh, name, make(cr), names, args.timeout_ms)
            finally:
                fresh.close()
            if ms is not None:
                cold.append(ms)
        target = 1000.0 if row in WHOLE_GRAPH else 50.0
        p99 = percentile(warm, 99)
        ok = met(p99, target) if warm else "**no**"
        kind = "whole" if row in WHOLE_GRAPH else "fast"
        summary[kind] += 1
        summary[f"{kind}_met"] += ok == "yes"
        rows.append([row, f"{len(warm)}", f"{failed}", f"{percentile(warm, 50):.1f}", f"{p99:.1f}",
                     f"{max(warm) if warm else float('nan'):.1f}",
                     f"{percentile(cold, 50):.1f}", f"{max(cold) if cold else float('nan'):.1f}",
                     f"≤ {target:,.0f}", ok])
        print(f"  {row}: warm p50 {percentile(warm, 50):.1f} ms, p99 {p99:.1f} ms over {len(warm)} runs",
              flush=True)
    print()
    table(["query", "warm runs", "failed", "warm p50 ms", "warm p99 ms", "warm max ms",
           "cold p50 ms", f"cold max ms (n={args.cold})", "target p99 ms", "met?"], rows)
    print(f"entity-anchored queries meeting p99 ≤ 50 ms: {summary['fast_met']} of {summary['fast']}; "
          f"whole-graph queries meeting p99 ≤ 1 s: {summary['whole_met']} of {summary['whole']}")
    print(f"load average at end (1/5/15 min): {__import__('common').load_average()}")
    store.close()


if __name__ == "__main__":
    main()
