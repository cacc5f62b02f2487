"""The ingest dev set (``ingest_devset.yaml``): excerpts read from a local directory, scored by name.

The repository keeps only each excerpt's retrieval key, SHA-256 and our annotations; the text
is read from ``DIR/<key>.txt`` and used only if its SHA-256 matches. Scoring:

* a system endpoint stands for the annotated entity one of whose names (name or alias) equals
  one of its own names (a known entity's name, aliases and English name; a candidate's name
  and aliases), compared in :func:`graph.text.match_form` with dashes read as ``-``;
* 融资 is keyed by company and round (an unnamed round — ``新一轮`` or none stated — as
  ``?``); 投资 by investor and the company whose round (or who) is invested in; 合作 either way;
* a candidate entity is *exact* when its name is an annotated name, a *boundary* error when
  one contains the other, *junk* otherwise.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.model import KnowledgeGraph
from graph.text import match_form, to_simplified
from loaders.ingest.candidates import Candidates

DEVSET = Path(__file__).with_name("ingest_devset.yaml")
ORGS = frozenset({"Company", "University", "ResearchInstitute", "InnovationCenter", "Government",
                  "Organization", "Fund"})
UNNAMED_ROUNDS = frozenset({"", "?", "新一轮", "未披露"})


def same_name(name: str) -> str:
    """The comparison form of a name: Simplified, :func:`match_form`, every dash as ``-``."""
    return re.sub("[—–－]", "-", match_form(to_simplified(str(name))))


def round_key(text: str | None) -> str:
    """``Pre-A 轮`` → ``prea轮``; unnamed rounds → ``?``."""
    t = re.sub(r"[\s\-]", "", to_simplified(text or "")).lower()
    return "?" if t.removesuffix("轮") in UNNAMED_ROUNDS or t in UNNAMED_ROUNDS else t


@dataclass
class Excerpt:
    key: str
    split: str
    script: str
    date: str | None
    text: str
    entities: list[list[str]]
    relations: list[list[Any]]


def load(directory: Path, devset: Path = DEVSET) -> tuple[list[Excerpt], list[str]]:
    """The excerpts whose text is in ``directory`` with the stated SHA-256, and what was skipped."""
    doc = yaml.safe_load(devset.read_text(encoding="utf-8"))
    found, skipped = [], []
    for e in doc["excerpts"]:
        path = directory / f"{e['key']}.txt"
        if not path.is_file():
            skipped.append(f"{e['key']}: no {path}")
            continue
        raw = path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != e["sha256"]:
            skipped.append(f"{e['key']}: SHA-256 differs from {devset.name}")
            continue
        found.append(Excerpt(e["key"], e["split"], e["script"], e.get("date"), raw.decode("utf-8"),
                             e["entities"], e["relations"]))
    return found, skipped


@dataclass
class Score:
    """Counts per relation type and for entities, added over excerpts."""

    tp: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    accepted_tp: int = 0
    """Correct statements among those pre-accepted (confidence ≥ 0.7, no conflict)."""
    accepted: int = 0
    org_gold: int = 0
    org_found: int = 0
    candidates: int = 0
    exact: int = 0
    boundary: int = 0
    junk: int = 0
    junk_names: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("tp", "pred", "gold"):
            getattr(self, name).update(getattr(other, name))
        for name in ("accepted_tp", "accepted", "org_gold", "org_found", "candidates", "exact", "boundary",
                     "junk"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.junk_names += other.junk_names
        self.missed += other.missed
        self.wrong += other.wrong


def score(graph: KnowledgeGraph, result: Candidates, excerpt: Excerpt, types: tuple[str, ...]) -> Score:
    """Relation and entity counts of one ingested excerpt against its annotations."""
    canon: dict[str, str] = {}
    for ent in excerpt.entities:
        for n in (ent[0], *ent[2:]):
            canon.setdefault(same_name(n), ent[0])

    def names_of(entity_id: str) -> list[str]:
        if entity_id in graph.nodes:
            return list(graph.nodes[entity_id].names())
        rec = result.entities.get(entity_id)
        return [rec["name"], *rec.get("aliases", [])] if rec else []

    def who(entity_id: str) -> str:
        return next((canon[same_name(n)] for n in names_of(entity_id) if same_name(n) in canon),
                    f"∅{entity_id}")

    round_company: dict[str, str] = {}
    round_name: dict[str, str] = {}
    for r in graph.relationships:
        if r.type == "融资":
            round_company[r.target] = r.source
            round_name[r.target] = str(graph.nodes[r.target].properties.get("round", ""))
    for st in result.statements:
        if st["type"] == "融资":
            round_company[st["to"]] = st["from"]
            rec = result.entities.get(st["to"])
            if rec is not None:
                round_name[st["to"]] = str(rec["properties"].get("round", ""))

    def key(rel_type: str, a: str, b: str, round_text: str | None = None) -> tuple[str, ...]:
        if rel_type == "合作":
            a, b = sorted((a, b))
        if rel_type == "融资":
            return rel_type, a, round_key(round_text)
        return rel_type, a, b

    got = set()
    accepted = set()
    for st in result.statements:
        if st["type"] not in types:
            continue
        if st["type"] == "融资":
            k = key("融资", who(st["from"]), "", round_name.get(st["to"]))
        elif st["type"] == "投资":
            k = key("投资", who(st["from"]), who(round_company.get(st["to"], st["to"])))
        else:
            k = key(st["type"], who(st["from"]), who(st["to"]))
        got.add(k)
        if st["accept"]:
            accepted.add(k)
    gold = set()
    for rel in excerpt.relations:
        if rel[0] not in types:
            continue
        if rel[0] == "融资":
            gold.add(key("融资", rel[1], "", rel[2]))
        else:
            gold.add(key(rel[0], rel[1], rel[2]))
    s = Score()
    for t in types:
        s.pred[t] += sum(1 for k in got if k[0] == t)
        s.gold[t] += sum(1 for k in gold if k[0] == t)
        s.tp[t] += sum(1 for k in got & gold if k[0] == t)
    s.accepted, s.accepted_tp = len(accepted), len(accepted & gold)
    s.missed = [f"{excerpt.key}: {k}" for k in sorted(gold - got)]
    s.wrong = [f"{excerpt.key}: {k}" for k in sorted(got - gold)]

    known = {same_name(n) for node in graph.nodes.values() for n in node.names()}
    gold_names = {same_name(n) for ent in excerpt.entities for n in (ent[0], *ent[2:])}
    candidates = [e for e in result.entities.values() if e["label"] != "FundingRound"]
    found = {same_name(n) for e in candidates for n in (e["name"], *e.get("aliases", []))}
    for ent in excerpt.entities:
        names = {same_name(n) for n in (ent[0], *ent[2:])}
        if ent[1] in ORGS and not names & known:
            s.org_gold += 1
            s.org_found += bool(names & found)
    for e in candidates:
        s.candidates += 1
        n = same_name(e["name"])
        if n in gold_names:
            s.exact += 1
        elif any(len(g) >= 2 and (g in n or n in g) for g in gold_names):
            s.boundary += 1
        else:
            s.junk += 1
            s.junk_names.append(f"{excerpt.key}: {e['name']} ({e['label']}, {e['found_by']})")
    return s
