"""Leave-one-article-out evaluation and throughput of ``ecokg ingest`` (prints tables; not a test).

For each article of ``../shared/corpus`` in turn:

* **known graph** — the curated data minus every entity whose ``sources`` name only that
  article, and minus every relationship cited only by that article (or touching a removed entity);
* **ingest** — the article is ingested against the known graph (its ``sources.yaml`` metadata);
* **gold** — the curated relationships citing that article, of the types ingest extracts
  (牵头 融资 投资 合作 参与 孵化 发布 获得 任职 创立).

Matching: an extracted statement is correct when a gold relationship has the same type and the
same endpoint ids (合作, being symmetric, in either direction). A discovered entity stands for a
curated entity when its Simplified name equals the curated entity's name or one of its aliases
(compared in :func:`graph.text.match_form`, dashes —–－ read as -); a discovered funding round
stands for the curated round of the same company with the same round (``Pre A+轮`` = ``pre a+轮``).
Precision is over all candidate statements of the evaluated types, recall over the gold ones,
per type and overall (micro-averaged over the five articles).

**New-organisation recall**: of the curated organisations (Company, University,
ResearchInstitute, InnovationCenter, Government, Organization, Fund) that only the left-out
article supports, the share that discovery proposes as a candidate entity (same name rule).

**Throughput**: the five articles ingested against the full curated graph, after jieba is
loaded and the gazetteer built (both one-off costs, printed apart), repeated ``--repeat``
times on one core, each run with an empty part-of-speech cache; MB/s counts the UTF-8 bytes
of the article files.

Run: ``python benchmarks/ingest_eval.py [--corpus DIR] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.model import KnowledgeGraph  # noqa: E402
from graph.text import match_form  # noqa: E402
from loaders.corpus import default_corpus_dir  # noqa: E402
from loaders.curated import load_graph  # noqa: E402
from loaders.ingest.candidates import Candidates, Ingester  # noqa: E402
from loaders.ingest.segment import tag  # noqa: E402

TYPES = ("牵头", "融资", "投资", "合作", "参与", "孵化", "发布", "获得", "任职", "创立")
ORGS = {"Company", "University", "ResearchInstitute", "InnovationCenter", "Government",
        "Organization", "Fund"}


def known_graph(full: KnowledgeGraph, stem: str) -> KnowledgeGraph:
    """The curated graph without what only ``stem`` supports."""
    known = KnowledgeGraph()
    known.sources = dict(full.sources)
    known.nodes = {i: n for i, n in full.nodes.items() if n.properties.get("sources") != [stem]}
    for r in full.relationships:
        cites = [c for c in r.citations if c.source != stem]
        if cites and r.source in known.nodes and r.target in known.nodes:
            kept = copy.copy(r)
            kept.citations = cites
            known.relationships.append(kept)
    return known


def key(rel_type: str, a: str, b: str) -> tuple[str, str, str]:
    if rel_type == "合作":
        a, b = sorted((a, b))
    return rel_type, a, b


def same_name(name: str) -> str:
    """The comparison form of a name: :func:`match_form` with every dash as ``-``."""
    return re.sub("[—–－]", "-", match_form(name))


def resolve(full: KnowledgeGraph, result: Candidates) -> dict[str, str]:
    """Candidate entity id → curated id, by name (and rounds by company and round)."""
    by_name = {same_name(name): n.id for n in full.nodes.values() for name in n.names()}
    rounds = {}
    for r in full.relationships:
        if r.type == "融资":
            rounds[(r.source, match_form(str(full.nodes[r.target].properties.get("round", ""))))] = r.target
    out = {}
    for e in result.entities.values():
        if e["label"] == "FundingRound":
            continue
        hit = by_name.get(same_name(e["name"]))
        if hit:
            out[e["id"]] = hit
    for st in result.statements:
        if st["type"] == "融资":
            round_node = result.entities.get(st["to"])
            if round_node is not None:
                company = out.get(st["from"], st["from"])
                hit = rounds.get((company, match_form(round_node["properties"]["round"])))
                if hit:
                    out[st["to"]] = hit
    return out


def evaluate(full: KnowledgeGraph, corpus: Path) -> None:
    tp: Counter[str] = Counter()
    pred: Counter[str] = Counter()
    gold_n: Counter[str] = Counter()
    org_gold = org_found = org_typed = 0
    for stem, source in full.sources.items():
        ingester = Ingester(known_graph(full, stem))
        raw = (corpus / f"{stem}.txt").read_bytes().decode("utf-8")
        ingester.ingest(raw, {"id": stem, "date": source.date, "title": source.title,
                              "publisher": source.publisher})
        result = ingester.result
        ids = resolve(full, result)
        got = {key(s["type"], ids.get(s["from"], s["from"]), ids.get(s["to"], s["to"]))
               for s in result.statements if s["type"] in TYPES}
        gold = {key(r.type, r.source, r.target) for r in full.relationships
                if r.type in TYPES and any(c.source == stem for c in r.citations)}
        for t in TYPES:
            pred[t] += sum(1 for k in got if k[0] == t)
            gold_n[t] += sum(1 for k in gold if k[0] == t)
            tp[t] += sum(1 for k in got & gold if k[0] == t)
        only = [n for n in full.nodes.values() if n.label in ORGS and n.properties.get("sources") == [stem]]
        found = {same_name(e["name"]) for e in result.entities.values()}
        found_typed = {(same_name(e["name"]), e["label"]) for e in result.entities.values()}
        org_gold += len(only)
        org_found += sum(1 for n in only if any(same_name(x) in found for x in n.names()))
        org_typed += sum(1 for n in only if any((same_name(x), n.label) in found_typed for x in n.names()))
    print("| relation type | extracted | curated | correct | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for t in (*TYPES, "overall"):
        p, g, c = ((sum(pred.values()), sum(gold_n.values()), sum(tp.values())) if t == "overall"
                   else (pred[t], gold_n[t], tp[t]))
        prec = f"{c / p:.2f}" if p else "–"
        rec = f"{c / g:.2f}" if g else "–"
        name = f"**{t}**" if t == "overall" else t
        print(f"| {name} | {p} | {g} | {c} | {prec} | {rec} |")
    if org_gold:
        print(f"\nnew-organisation recall: {org_found}/{org_gold} = {org_found / org_gold:.2f} "
              f"(found by name; with the curated label too: {org_typed}/{org_gold} = "
              f"{org_typed / org_gold:.2f})")


def throughput(full: KnowledgeGraph, corpus: Path, repeat: int, load_s: float) -> None:
    articles = [((corpus / f"{s}.txt").read_bytes(), s, src) for s, src in full.sources.items()]
    size = sum(len(raw) for raw, _, _ in articles)
    runs = []
    start = time.perf_counter()
    Ingester(full)
    setup_s = time.perf_counter() - start
    for _ in range(repeat):
        tag.cache_clear()  # every run starts cold: no part-of-speech results carried over
        ingester = Ingester(full)
        start = time.perf_counter()
        for raw, stem, src in articles:
            ingester.ingest(raw.decode("utf-8"), {"id": stem, "date": src.date})
        runs.append(time.perf_counter() - start)
    best, median = min(runs), statistics.median(runs)
    print(f"\nthroughput: {size:,} bytes of UTF-8 Chinese text (5 articles), {repeat} runs; "
          f"median {median:.3f} s = {size / median / 1e6:.2f} MB/s, best {best:.3f} s = "
          f"{size / best / 1e6:.2f} MB/s; not counted: jieba load (once per process) {load_s:.2f} s, "
          f"gazetteer of {len(full.nodes)} entities (once per graph) {setup_s:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus_dir())
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() \
        else platform.processor()
    print(f"command: python benchmarks/ingest_eval.py --repeat {args.repeat}")
    print(f"machine: {cpu}, {os.cpu_count()} cores (pinned to one); {platform.platform()}")
    print(f"versions: Python {platform.python_version()}, jieba {version('jieba')}, "
          f"pyahocorasick {version('pyahocorasick')}, opencc {version('opencc')}\n")
    start = time.perf_counter()
    tag("预热")
    load_s = time.perf_counter() - start
    full = load_graph()
    evaluate(full, args.corpus)
    throughput(full, args.corpus, args.repeat, load_s)


if __name__ == "__main__":
    main()
