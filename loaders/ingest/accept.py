"""Merging accepted candidates into a data directory, through the same validation as every load.

The merge is built and validated in a temporary copy of the data directory first
(:func:`loaders.curated.load_graph`); only a valid result is written back, all or nothing
(:mod:`loaders.ingest.journal`: staged, journalled, swapped in; a killed run is finished or
undone by the next one), referencing files last. Any problem raises
:class:`graph.errors.DataValidationError` naming ``candidates.yaml:line`` (or the merged data
file and line) and leaves the data untouched. Accepting the same file twice changes nothing.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from graph.errors import DataIssue, DataValidationError
from graph.ontology import labels_by_name, relation_types_by_name
from loaders.curated import label_file_stem, load_graph
from loaders.ingest.journal import recover, write_all
from loaders.yaml_lines import Item, YamlFileError, read_list

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SOURCE_KEYS = ("id", "publisher", "title", "date", "script", "author", "note")


def _flow(value: dict[str, Any]) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=True,
                          width=1 << 20).strip()


def _read(path: Path, key: str) -> list[Item]:
    try:
        return list(read_list(path, str(path), key=key))
    except YamlFileError as exc:
        raise DataValidationError([exc.issue]) from None
    except OSError as exc:
        raise DataValidationError([DataIssue(str(path), 1, f"cannot read: {exc.strerror}")]) from None


class _Merge:
    def __init__(self, data: Path, candidates: Path) -> None:
        self.data = data
        self.where = str(candidates)
        self.issues: list[DataIssue] = []
        self.files: dict[Path, str] = {}
        self.graph = load_graph(data)
        self.source_ids = set(self.graph.sources)
        self.lines: dict[tuple[str, int], int] = {}
        """(data file, line) of each appended relation → line of its candidate."""

    def text(self, rel: str) -> str:
        path = self.data / rel
        if path not in self.files:
            self.files[path] = path.read_text(encoding="utf-8") if path.is_file() else ""
        return self.files[path]

    def put(self, rel: str, text: str) -> None:
        self.files[self.data / rel] = text

    def fail(self, item: Item, message: str) -> None:
        self.issues.append(DataIssue(self.where, item.line, message))

    # -- sources ---------------------------------------------------------------------------
    def add_source(self, item: Item) -> None:
        v = item.value
        if not isinstance(v, dict) or not isinstance(v.get("id"), str):
            self.fail(item, "a source needs at least an id (a string)")
            return
        if v["id"] in self.source_ids:
            return
        missing = [k for k in ("title", "publisher", "date") if not v.get(k)]
        if missing:
            self.fail(item, f"source {v['id']!r} is new and lacks {missing}; pass --source-meta "
                            "when ingesting")
            return
        block = {k: str(v[k]) for k in _SOURCE_KEYS if v.get(k) is not None}
        self.put("sources.yaml", self.text("sources.yaml").rstrip("\n") + "\n"
                 + yaml.safe_dump([block], allow_unicode=True, sort_keys=False, width=100))
        self.source_ids.add(str(v["id"]))

    # -- aliases ---------------------------------------------------------------------------
    def read_aliases(self, items: list[Item]) -> dict[str, list[str]]:
        """Accepted alias proposals: entity id → the names to add (checked: a string, a known or candidate id)."""  # noqa: E501
        out: dict[str, list[str]] = {}
        for item in items:
            v = item.value
            if not isinstance(v, dict) or not v.get("accept"):
                continue
            entity, alias = v.get("entity"), v.get("alias")
            if not isinstance(entity, str) or not isinstance(alias, str) or not alias.strip():
                self.fail(item, "an alias proposal needs an entity id and an alias (strings)")
                continue
            out.setdefault(entity, [])
            if alias not in out[entity]:
                out[entity].append(alias)
        return out

    def add_known_aliases(self, aliases: dict[str, list[str]], accepted: set[str], items: list[Item]) -> None:
        """Add accepted aliases to the blocks of known entities (those of candidates went with them)."""
        where = {str(i.value.get("entity")): i for i in items if isinstance(i.value, dict)}
        for entity_id, names in aliases.items():
            node = self.graph.nodes.get(entity_id)
            if node is None:
                if entity_id not in accepted:
                    self.fail(where[entity_id], f"alias for {entity_id!r}: neither a known entity nor an "
                                                "accepted candidate")
                continue
            new = [n for n in names if n not in node.names()]
            if not new:
                continue
            rel = f"entities/{label_file_stem(node.label)}.yaml"
            lines = self.text(rel).split("\n")
            start = lines.index(f"- id: {entity_id}")
            stop = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
            listed = next((i for i in range(start + 1, stop) if lines[i].startswith("  aliases: [")), None)
            if listed is not None and lines[listed].endswith("]"):
                lines[listed] = lines[listed][:-1] + "".join(f", {_flow_scalar(n)}" for n in new) + "]"
            else:
                after = next((i for i in range(start + 1, stop) if lines[i].startswith("  name:")), start)
                lines.insert(after + 1, "  aliases: [" + ", ".join(_flow_scalar(n) for n in new) + "]")
            node.aliases = [*node.aliases, *new]
            self.put(rel, "\n".join(lines))

    # -- entities --------------------------------------------------------------------------
    def add_entity(self, item: Item, aliases: dict[str, list[str]] | None = None) -> str | None:
        v = item.value
        if not isinstance(v, dict) or not v.get("accept"):
            return None
        label, entity_id = v.get("label"), v.get("id")
        if not isinstance(label, str) or label not in labels_by_name():
            self.fail(item, f"unknown label {label!r}")
            return None
        if not isinstance(entity_id, str) or not _SLUG.fullmatch(entity_id):
            self.fail(item, f"id {entity_id!r} is not a lowercase ASCII slug ([a-z0-9-])")
            return None
        if entity_id in self.graph.nodes:
            return str(entity_id)
        block: dict[str, Any] = {"id": entity_id, "name": v.get("name")}
        names = [*(v.get("aliases") or []), *(aliases or {}).get(str(entity_id), [])]
        if names:
            block["aliases"] = list(dict.fromkeys(n for n in names if n != v.get("name")))
        block.update(v.get("properties") or {})
        block["sources"] = list(v.get("sources") or [])
        rel = f"entities/{label_file_stem(str(label))}.yaml"
        body = self.text(rel)
        if f"\n- id: {entity_id}\n" in f"\n{body}":
            return str(entity_id)
        header = "" if body else f"# {label} ({labels_by_name()[str(label)].zh})\n"
        self.put(rel, header + body.rstrip("\n") + ("\n" if body else "")
                 + yaml.safe_dump([block], allow_unicode=True, sort_keys=False,
                                  default_flow_style=None, width=100))
        return str(entity_id)

    def cite_entity(self, entity_id: str, source: str) -> None:
        """Add ``source`` to the ``sources`` list of an existing entity block."""
        node = self.graph.nodes.get(entity_id)
        if node is None or source in (node.properties.get("sources") or []):  # type: ignore[operator]
            return
        rel = f"entities/{label_file_stem(node.label)}.yaml"
        lines = self.text(rel).split("\n")
        start = lines.index(f"- id: {entity_id}")
        for i in range(start + 1, len(lines)):
            if lines[i].startswith("- "):
                break
            if lines[i].startswith("  sources: [") and lines[i].endswith("]"):
                lines[i] = lines[i][:-1] + f", {source}]"
                node.properties["sources"] = [*node.properties["sources"], source]  # type: ignore[misc]
                self.put(rel, "\n".join(lines))
                return

    # -- statements ------------------------------------------------------------------------
    def add_statement(self, item: Item, accepted: set[str]) -> None:
        v = item.value
        if not isinstance(v, dict):
            self.fail(item, "a statement must be a mapping")
            return
        if not v.get("accept"):
            return
        missing = [k for k in ("type", "from", "to", "source", "span") if k not in v]
        if missing:
            self.fail(item, f"statement lacks {missing}")
            return
        if v["type"] not in relation_types_by_name():
            self.fail(item, f"unknown relation type {v['type']!r}")
            return
        for end in ("from", "to"):
            if v[end] not in self.graph.nodes and v[end] not in accepted:
                self.fail(item, f"{end} {v[end]!r} is neither a known entity nor an accepted candidate")
                return
        source = str(v["source"])
        if source not in self.source_ids:
            self.fail(item, f"source {source!r} is not in sources.yaml nor in this file's sources")
            return
        line: dict[str, Any] = {"type": v["type"], "from": v["from"], "to": v["to"], "span": v["span"]}
        line.update(v.get("qualifiers") or {})
        rel = f"relations/{source}.yaml"
        body = self.text(rel) or f"# Relations stated in {source}\n"
        existing = {_key(x.value) for x in _parse_lines(body)}
        if _key(line) in existing:
            return
        self.put(rel, body.rstrip("\n") + "\n- " + _flow(line) + "\n")
        self.lines[(rel, body.rstrip("\n").count("\n") + 2)] = item.line
        for end in ("from", "to"):
            self.cite_entity(str(v[end]), source)


def _flow_scalar(value: str) -> str:
    """``value`` as an item of a YAML flow list (quoted when it needs to be)."""
    return yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, width=1 << 20).strip()[1:-1]


def _parse_lines(body: str) -> list[Item]:
    data = yaml.safe_load(body) or []
    return [Item("", 0, x) for x in data]


def _key(value: Any) -> str:
    return _flow({k: value[k] for k in sorted(value)}) if isinstance(value, dict) else repr(value)


def accept(candidates: Path, data: Path) -> list[Path]:
    """Merge the ``accept: true`` candidates of ``candidates`` into ``data``; return the files changed.

    Raises:
        DataValidationError: a malformed candidates file or a merge that fails validation; the
            data directory is left unchanged.
    """
    data = data.resolve()
    recover(data)  # a merge a killed run decided is finished first
    merge = _Merge(data, candidates)
    for item in _read(candidates, "sources"):
        merge.add_source(item)
    alias_items = _read(candidates, "aliases")
    aliases = merge.read_aliases(alias_items)
    accepted = {x for item in _read(candidates, "entities") if (x := merge.add_entity(item, aliases))}
    merge.add_known_aliases(aliases, accepted, alias_items)
    for item in _read(candidates, "statements"):
        merge.add_statement(item, accepted)
    if merge.issues:
        raise DataValidationError(merge.issues)
    changed = {p: t for p, t in merge.files.items()
               if not p.is_file() or p.read_text(encoding="utf-8") != t}
    if not changed:
        return []
    with tempfile.TemporaryDirectory(prefix="ecokg-accept-") as tmp:
        trial = Path(tmp) / data.name
        shutil.copytree(data, trial)
        for path, text in changed.items():
            target = trial / path.relative_to(data)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            load_graph(trial)
        except DataValidationError as exc:
            issues = []
            for issue in exc.issues:
                rel = issue.path.split("/", 1)[-1]
                origin = merge.lines.get((rel, issue.line))
                where = f" (from {merge.where}:{origin})" if origin else ""
                issues.append(DataIssue(issue.path, issue.line, issue.message + where))
            raise DataValidationError(issues) from None
    _write_all(data, changed)
    return sorted(changed)


def _write_all(data: Path, changed: dict[Path, str]) -> None:
    """Swap every changed file in, all or none (:mod:`loaders.ingest.journal`): sources, then
    entities, then relations, so a reader between two swaps still sees data that loads."""
    write_all(data, changed, {"sources.yaml": 0, "entities": 1, "relations": 2})
