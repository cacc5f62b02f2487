"""Merge curators' staging files (data/staging/*.yaml) into the curated data layout.

``python -m loaders.staging_merge [DATA_DIR]``: entities are merged by id (aliases united), each
entity's ``sources`` are the articles whose text mentions one of its names, and entities whose
names collide are reported so that a person can unify them.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from graph.ontology import labels_by_name
from loaders.corpus import match_form, read_article
from loaders.curated import default_data_dir, label_file_stem
from loaders.data_writer import write_entities, write_relations


def merge(data_dir: Path) -> list[str]:
    """Write entities/ and relations/ from staging/; return warnings."""
    staging = data_dir / "staging"
    sources = [s["id"] for s in yaml.safe_load((data_dir / "sources.yaml").read_text("utf-8"))]
    texts = {s: match_form(read_article(s)) for s in sources}
    entities: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []
    relations: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(staging.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text("utf-8")) or {}
        for e in doc.get("entities") or []:
            current = entities.get(e["id"])
            if current is None:
                entities[e["id"]] = dict(e)
                continue
            if current.get("label") != e.get("label"):
                warnings.append(f"{e['id']}: label {current.get('label')} vs {e.get('label')}")
            aliases = list(current.get("aliases", []))
            aliases += [a for a in e.get("aliases", []) if a not in aliases]
            current["aliases"] = aliases
            for key, value in e.items():
                current.setdefault(key, value)
        if path.stem in sources:
            relations[path.stem] = list(doc.get("relations") or [])
    by_name: dict[str, list[str]] = defaultdict(list)
    for e in entities.values():
        e["aliases"] = [a for a in e.get("aliases", []) if a != e.get("name")]
        if not e["aliases"]:
            del e["aliases"]
        names = [e.get("name", ""), *e.get("aliases", [])]
        for name in {match_form(n) for n in names if n}:
            by_name[name].append(e["id"])
        e["sources"] = [s for s in sources
                        if any(match_form(n) in texts[s] for n in names if n)]
        if e.get("label") == "FundingRound" or not e["sources"]:
            cited = sorted({s for s, rels in relations.items() for r in rels
                            if e["id"] in (r.get("from"), r.get("to"))})
            e["sources"] = sorted(set(e["sources"]) | set(cited))
    for name, ids in by_name.items():
        if len(ids) > 1:
            warnings.append(f"name {name!r} shared by {ids}")
    out = data_dir / "entities"
    out.mkdir(exist_ok=True)
    for label in labels_by_name().values():
        members = sorted((e for e in entities.values() if e.get("label") == label.name),
                         key=lambda e: e["id"])
        write_entities(out / f"{label_file_stem(label.name)}.yaml",
                       f"{label.name} ({label.zh}): {label.description}", members)
    rel_dir = data_dir / "relations"
    rel_dir.mkdir(exist_ok=True)
    for stem, rels in relations.items():
        rels.sort(key=lambda r: (r["span"][0], r["type"], r["from"], r["to"]))
        write_relations(rel_dir / f"{stem}.yaml", f"Relations stated in {stem}", rels)
    return warnings


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_data_dir()
    for warning in merge(target):
        print(warning)
