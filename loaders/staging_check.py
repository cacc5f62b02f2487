"""Check a curator's staging file (data/staging/STEM.yaml) against the ontology and the corpus.

Usage: ``python -m loaders.staging_check data/staging/STEM.yaml`` — prints every problem.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from graph.ontology import label_properties, labels_by_name, relation_types_by_name
from loaders.corpus import read_article
from loaders.spans import mentions

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
SEED = Path(__file__).resolve().parents[1] / "data" / "staging" / "_seed.yaml"


def check(path: Path) -> list[str]:
    """Return the problems found in one staging file."""
    problems: list[str] = []
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))["entities"]
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entities: dict[str, dict] = {}
    for e in seed + (doc.get("entities") or []):
        if e["id"] in entities:
            entities[e["id"]].setdefault("aliases", [])
            entities[e["id"]]["aliases"] = list(entities[e["id"]]["aliases"]) + list(e.get("aliases", []))
            continue
        entities[e["id"]] = dict(e)
    for e in doc.get("entities") or []:
        if not ID_RE.match(str(e.get("id", ""))):
            problems.append(f"entity id not ASCII slug: {e}")
        if e.get("label") not in labels_by_name():
            problems.append(f"unknown label: {e}")
            continue
        allowed = {p.name for p in label_properties(e["label"])} | {"label"}
        for key in e:
            if key not in allowed:
                problems.append(f"{e['id']}: property {key!r} not allowed for {e['label']}")
    text = read_article(path.stem)
    rel_types = relation_types_by_name()
    for r in doc.get("relations") or []:
        rt = rel_types.get(r.get("type"))
        if rt is None:
            problems.append(f"unknown relation type: {r}")
            continue
        a, b = entities.get(r.get("from")), entities.get(r.get("to"))
        if a is None or b is None:
            problems.append(f"dangling endpoint: {r}")
            continue
        if not rt.allows(a["label"], b["label"]):
            problems.append(f"{rt.name} not allowed {a['label']}->{b['label']}: {r}")
        allowed_q = {q.name for q in rt.qualifiers} | {"type", "from", "to", "span"}
        for key in r:
            if key not in allowed_q:
                problems.append(f"qualifier {key!r} not allowed on {rt.name}: {r}")
        for key in ("date",):
            if key in r and not DATE_RE.match(str(r[key])):
                problems.append(f"bad date: {r}")
        span = r.get("span")
        if not (isinstance(span, list) and len(span) == 2 and 0 <= span[0] < span[1] <= len(text)):
            problems.append(f"bad span: {r}")
            continue
        seg = text[span[0]:span[1]]
        for end in (a, b):
            names = [end["name"], *end.get("aliases", [])]
            if end["label"] == "FundingRound":
                names = [end.get("round", "")]
            if not mentions(seg, names):
                problems.append(f"span does not mention {end['id']} ({names[:3]}): {r}")
    return problems


if __name__ == "__main__":
    found = check(Path(sys.argv[1]))
    print("\n".join(found) or "OK")
    raise SystemExit(1 if found else 0)
