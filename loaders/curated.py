"""Load the curated data directory into a validated :class:`KnowledgeGraph`.

Layout of a data directory::

    sources.yaml               the source articles (id, publisher, title, date, script …)
    entities/<label>.yaml      a list of entities per label, e.g. entities/innovation_center.yaml
    relations/<source>.yaml    the relations one article states, one flow mapping per line

Every problem is reported with its file and line, and any problem fails the whole load.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import DataIssue, DataValidationError
from graph.gc_pause import paused_gc
from graph.model import CitationSpan, KnowledgeGraph, Node, Relationship, Source, Value
from graph.ontology import (
    CURRENCIES,
    Property,
    label_properties,
    labels_by_name,
    relation_types_by_name,
)
from graph.paths import default_curated_dir
from loaders.yaml_lines import Item, YamlFileError, read_list

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE_PATTERN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
RELATION_KEYS = ("type", "from", "to", "span")
SOURCE_FIELDS = ("id", "publisher", "title", "date", "script", "author", "note", "url")


def default_data_dir() -> Path:
    """The curated data shipped with the repository."""
    return default_curated_dir()


def label_file_stem(label: str) -> str:
    """``InnovationCenter`` → ``innovation_center`` (the entity file of a label)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", label).lower()


@dataclass
class _Loader:
    root: Path
    issues: list[DataIssue] = field(default_factory=list)
    graph: KnowledgeGraph = field(default_factory=KnowledgeGraph)
    node_lines: dict[str, tuple[str, int]] = field(default_factory=dict)

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def fail(self, item: Item | tuple[str, int], message: str) -> None:
        path, line = (item.path, item.line) if isinstance(item, Item) else item
        self.issues.append(DataIssue(path, line, message))

    def items(self, path: Path) -> list[Item]:
        try:
            return list(read_list(path, self.rel(path)))
        except YamlFileError as exc:
            self.issues.append(exc.issue)
            return []

    # -- sources ---------------------------------------------------------------------------
    def load_sources(self) -> None:
        path = self.root / "sources.yaml"
        if not path.is_file():
            self.fail((self.rel(path), 1), "missing sources registry")
            return
        for item in self.items(path):
            v = item.value
            if not isinstance(v, dict):
                self.fail(item, "a source must be a mapping")
                continue
            unknown = set(v) - set(SOURCE_FIELDS)
            missing = {"id", "publisher", "title", "date", "script"} - set(v)
            if unknown or missing:
                self.fail(item, f"source fields: unknown {sorted(unknown)}, missing {sorted(missing)}")
                continue
            values = {k: _text(val) for k, val in v.items()}
            if not DATE_PATTERN.match(values["date"]):
                self.fail(item, f"malformed date {values['date']!r} (want YYYY[-MM[-DD]])")
            if values.get("url") and not re.match(r"^https?://[^\s<>\"']+$", values["url"]):
                # Shown as a link in the explorer: never a javascript: or data: URL.
                self.fail(item, f"url must be an http(s) address, got {values['url']!r}")
            if values["id"] in self.graph.sources:
                self.fail(item, f"duplicate source id {values['id']!r}")
            self.graph.sources[values["id"]] = Source(**values)

    # -- entities --------------------------------------------------------------------------
    def load_entities(self) -> None:
        directory = self.root / "entities"
        files = {label_file_stem(name): name for name in labels_by_name()}
        for path in sorted(directory.glob("*.yaml")):
            label = files.get(path.stem)
            if label is None:
                self.fail((self.rel(path), 1),
                          f"unknown label file {path.name!r}; expected one of "
                          f"{sorted(f + '.yaml' for f in files)}")
                continue
            for item in self.items(path):
                self.load_entity(item, label)

    def load_entity(self, item: Item, label: str) -> None:
        v = item.value
        if not isinstance(v, dict):
            self.fail(item, "an entity must be a mapping")
            return
        if "label" in v and v["label"] != label:
            self.fail(item, f"label {v['label']!r} does not match file label {label!r}")
        node_id = v.get("id")
        if not isinstance(node_id, str) or not ID_PATTERN.match(node_id):
            self.fail(item, f"id {node_id!r} is not a lowercase ASCII slug ([a-z0-9-])")
            return
        if node_id in self.node_lines:
            path, line = self.node_lines[node_id]
            self.fail(item, f"duplicate id {node_id!r} (first defined at {path}:{line})")
            return
        props: dict[str, Value] = {}
        spec = {p.name: p for p in label_properties(label)}
        for key, raw in v.items():
            if key in ("id", "label"):
                continue
            prop = spec.get(key)
            if prop is None:
                self.fail(item, f"{node_id}: unknown property {key!r} for {label}")
                continue
            value = self.coerce(item, f"{node_id}.{key}", prop, raw)
            if value is not None:
                props[key] = value
        for prop in spec.values():
            if prop.required and prop.name not in props and prop.name != "id":
                self.fail(item, f"{node_id}: missing required property {prop.name!r}")
        name = props.pop("name", "")
        aliases = props.pop("aliases", [])
        self.node_lines[node_id] = (item.path, item.line)
        self.graph.nodes[node_id] = Node(node_id, label, str(name),
                                         list(aliases) if isinstance(aliases, list) else [],
                                         props)

    def check_entity_references(self) -> None:
        for node in self.graph.nodes.values():
            where = self.node_lines[node.id]
            region = node.properties.get("region")
            if region is not None:
                target = self.graph.nodes.get(str(region))
                if target is None or target.label != "Region":
                    self.fail(where, f"{node.id}: region {region!r} is not the id of a Region")
            for source in node.properties.get("sources", []) or []:  # type: ignore[union-attr]
                if source not in self.graph.sources:
                    self.fail(where, f"{node.id}: unknown source {source!r}")
            has_amount = "size" in node.properties or "amount" in node.properties
            if has_amount != ("currency" in node.properties):
                self.fail(where, f"{node.id}: an amount (size/amount) needs a currency and a "
                                 "currency needs an amount")

    # -- relations -------------------------------------------------------------------------
    def load_relations(self) -> None:
        merged: dict[str, Relationship] = {}
        for path in sorted((self.root / "relations").glob("*.yaml")):
            if path.stem not in self.graph.sources:
                self.fail((self.rel(path), 1),
                          f"relation file {path.name!r} does not name a source in sources.yaml")
                continue
            for item in self.items(path):
                rel = self.load_relation(item, path.stem)
                if rel is None:
                    continue
                existing = merged.get(rel.key)
                if existing is None:
                    merged[rel.key] = rel
                else:
                    existing.citations = sorted(set(existing.citations) | set(rel.citations))
        self.graph.relationships = list(merged.values())

    def load_relation(self, item: Item, source: str) -> Relationship | None:
        v = item.value
        if not isinstance(v, dict):
            self.fail(item, "a relation must be a mapping")
            return None
        missing = [k for k in RELATION_KEYS if k not in v]
        if missing:
            self.fail(item, f"relation lacks {missing}")
            return None
        rel_type = relation_types_by_name().get(str(v["type"]))
        if rel_type is None:
            self.fail(item, f"unknown relation type {v['type']!r}; known: "
                            f"{', '.join(relation_types_by_name())}")
            return None
        ok = True
        ends = []
        for key in ("from", "to"):
            node = self.graph.nodes.get(str(v[key]))
            if node is None:
                self.fail(item, f"{key} {v[key]!r} is not a known entity id")
                ok = False
            ends.append(node)
        a, b = ends
        if a is not None and b is not None and not rel_type.allows(a.label, b.label):
            self.fail(item, f"{rel_type.name} does not allow {a.label} → {b.label} "
                            f"({a.id} → {b.id})")
            ok = False
        span = v["span"]
        if not (isinstance(span, list) and len(span) == 2
                and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
                and 0 <= span[0] < span[1]):
            self.fail(item, f"span {span!r} must be [start, end) with 0 <= start < end")
            ok = False
        qualifiers: dict[str, Value] = {}
        spec = {q.name: q for q in rel_type.qualifiers}
        for key, raw in v.items():
            if key in RELATION_KEYS:
                continue
            prop = spec.get(key)
            if prop is None:
                self.fail(item, f"qualifier {key!r} not allowed on {rel_type.name}; allowed: "
                                f"{sorted(spec)}")
                ok = False
                continue
            value = self.coerce(item, key, prop, raw)
            if value is None:
                ok = False
            else:
                qualifiers[key] = value
        if ("currency" in qualifiers) != ("amount" in qualifiers):
            self.fail(item, "an amount needs a currency and a currency needs an amount")
            ok = False
        if not ok:
            return None
        return Relationship(str(v["from"]), str(v["to"]), rel_type.name, qualifiers,
                            [CitationSpan(source, span[0], span[1])])

    # -- values ----------------------------------------------------------------------------
    def coerce(self, item: Item, where: str, prop: Property, raw: Any) -> Value | None:
        """Check ``raw`` against the property type; report and return None when malformed."""
        kind = prop.type
        if kind == "date":
            text = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
            if isinstance(raw, bool) or not DATE_PATTERN.match(text):
                self.fail(item, f"{where}: malformed date {raw!r} (want YYYY, YYYY-MM or YYYY-MM-DD)")
                return None
            return text
        if kind == "amount":
            if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0:
                self.fail(item, f"{where}: malformed amount {raw!r} (want a non-negative number)")
                return None
            return raw
        if kind == "currency":
            if raw not in CURRENCIES:
                self.fail(item, f"{where}: unknown currency {raw!r}; known: {', '.join(CURRENCIES)}")
                return None
            return str(raw)
        if kind == "bool":
            if not isinstance(raw, bool):
                self.fail(item, f"{where}: expected true/false, got {raw!r}")
                return None
            return raw
        if kind == "int":
            if isinstance(raw, bool) or not isinstance(raw, int):
                self.fail(item, f"{where}: expected an integer, got {raw!r}")
                return None
            return raw
        if kind == "float":
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                self.fail(item, f"{where}: expected a number, got {raw!r}")
                return None
            return float(raw)
        if kind == "string[]":
            if not isinstance(raw, list) or not all(isinstance(x, str | int) for x in raw):
                self.fail(item, f"{where}: expected a list of strings, got {raw!r}")
                return None
            return [str(x) for x in raw]
        if isinstance(raw, dict | list) or raw is None or (isinstance(raw, str) and not raw.strip()):
            self.fail(item, f"{where}: expected a non-empty string, got {raw!r}")
            return None
        return _text(raw)


def _text(raw: Any) -> str:
    return raw.isoformat() if isinstance(raw, dt.date) else str(raw)


def load_sources(data_dir: Path | None = None) -> dict[str, Source]:
    """Read and validate only ``sources.yaml`` of a data directory.

    Raises:
        DataValidationError: naming the file and line of every problem.
    """
    root = (data_dir or default_data_dir()).resolve()
    loader = _Loader(root)
    if not root.is_dir():
        raise DataValidationError([DataIssue(str(root), 0, "data directory not found")])
    loader.load_sources()
    if loader.issues:
        raise DataValidationError(loader.issues)
    return loader.graph.sources


def load_graph(data_dir: Path | None = None) -> KnowledgeGraph:
    """Read, validate and build the graph of a data directory.

    Raises:
        DataValidationError: listing every problem by file and line; nothing is returned.
    """
    root = (data_dir or default_data_dir()).resolve()
    loader = _Loader(root)
    if not root.is_dir():
        raise DataValidationError([DataIssue(str(root), 0, "data directory not found")])
    with paused_gc():
        loader.load_sources()
        loader.load_entities()
        loader.check_entity_references()
        loader.load_relations()
    if loader.issues:
        raise DataValidationError(loader.issues)
    return loader.graph
