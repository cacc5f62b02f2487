"""Candidate entities and statements of ingested articles, compared with the graph; YAML output.

A candidates file is a mapping with three lists, each item carrying ``accept`` for review::

    sources:    [{id, title, publisher, date, script, …}]      the articles ingested
    entities:   [{id, label, name, aliases, properties, sources, found_by, span, raw_span,
                  evidence, confidence, status: new|matches, accept}]
    aliases:    [{entity, alias, source, span, raw_span, evidence, found_by, confidence, accept}]
                 another name of a known entity (a legal name, a short name, an abbreviation)
    statements: [{type, from, to, qualifiers, source, span, raw_span, evidence, trigger,
                  confidence, status: matches|extends|conflicts, conflict, accept}]

``span`` is the [start, end) range in the normalised article text (the offsets ``data/relations``
cites, :mod:`loaders.corpus`); ``raw_span`` the same range in the file as read; ``evidence`` is
``text[span]``, in the article's own script.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from graph.model import KnowledgeGraph, Node
from graph.text import to_simplified
from loaders.curated import label_file_stem
from loaders.ingest.discover import discover
from loaders.ingest.gazetteer import Gazetteer
from loaders.ingest.mentions import Mention, longest_first
from loaders.ingest.names import is_generic
from loaders.ingest.ner import tag_windows
from loaders.ingest.qualifiers import ArticleDate, round_slug
from loaders.ingest.relations import Round, SentenceExtractor, Statement
from loaders.ingest.resolve import forms
from loaders.ingest.segment import tag
from loaders.ingest.text import Article
from loaders.ingest.vocabulary import name_suffix

_TOPICS = frozenset({"Company", "InnovationCenter", "ResearchInstitute"})
_ORGS = frozenset({"Company", "University", "ResearchInstitute", "InnovationCenter", "Government",
                   "Organization", "Fund"})
# matched at a name's end (``match(s, pos)``: no ``^``, which would only match at 0)
_DEFINED = re.compile(r"\s?[（(](?:以下简称|以下称|下称|简称)[：:]?[“\"「]?([^”\"」）)，,]{2,12})[”\"」]?"
                      r"[）)]")
_SOLO_CUES = re.compile(r"融资|投资|入股|领投|跟投|轮|配售|募资|募集|ipo|交付|送进|送入|导入|进驻|进入|"
                        r"发布|印发|出台|推出|公布")
"""Triggers of the patterns that can fire with fewer than two mentions (the article's main company,
a place read by jieba, a round of the sentence before); other sentences need two mentions."""
_ANAPHOR = re.compile(r"(?:^|[，,。；;：:]|\d日)\s*(该公司|公司)(?=[与和同跟]|拟|将|已|正式|近日|日前)")
"""公司与乙方签署…: the company a sentence speaks of without naming it, opening a clause."""
_STOCK_CODE = re.compile(r"\s?[（(](?:\d{6}|\d{4,5}-?hk|\d{6}\.s[hz])[）)]")
"""某公司（002611）: a listed company, the 公司 of an announcement or an investor Q&A."""
_BOTH = re.compile(r"双方|两家公司|两家企业|三方")
"""The parties of an agreement just stated, named together."""
_ONLY_WITH_STATEMENTS = frozenset({"model", "model:LOC", "anaphora"})
"""Mentions proposed as entities only when a statement uses them (the tagger's places are noisy)."""
_RESOLVED = frozenset({"Company", "Fund"})
"""Labels whose names are resolved by reduced forms (legal form, place, 科技)."""
ALIAS_CONFIDENCE = 0.6
"""Alias proposals are never pre-accepted: a reviewer confirms each."""
ACCEPT_THRESHOLD = 0.7
"""Statements at or above this confidence (and not in conflict) are marked ``accept: true``."""

Record = dict[str, Any]


@dataclass
class Candidates:
    """Everything proposed by one ingest run."""

    sources: list[Record] = field(default_factory=list)
    entities: dict[str, Record] = field(default_factory=dict)
    statements: list[Record] = field(default_factory=list)
    aliases: list[Record] = field(default_factory=list)

    def to_yaml(self) -> str:
        """The reviewable YAML document (block style, one list item per candidate)."""
        doc = {"sources": self.sources, "entities": list(self.entities.values()),
               "aliases": self.aliases, "statements": self.statements}
        return yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(yaml.SafeDumper):
    """Block style, except lists of scalars (spans, aliases, sources) in flow style."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(x, dict | list) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def new_id(label: str, name: str) -> str:
    """A stable ASCII id for a discovered entity: its label and a hash of its Simplified name."""
    digest = hashlib.sha1(to_simplified(name).encode("utf-8")).hexdigest()[:8]
    return f"{label_file_stem(label).replace('_', '-')}-{digest}"


def _compatible(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str) and re.match(r"^\d{4}", a) and re.match(r"^\d{4}", b):
        return a.startswith(b) or b.startswith(a)
    return a == b


_COMPARED = ("date", "amount", "currency", "lead")


class Ingester:
    """Ingests articles against a known graph; collects :class:`Candidates`."""

    def __init__(self, graph: KnowledgeGraph, fast: bool = False) -> None:
        self.graph = graph
        self.fast = fast
        """Rules only: no statistical tagger."""
        self.gazetteer = Gazetteer(graph.nodes.values())
        self.result = Candidates()
        self._seen: set[tuple[str, str, str, str]] = set()
        self._rounds = self._index_rounds(graph)
        self._edges: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        self._forms: dict[str, str] = {}
        """Every reduced form of a discovered name → its candidate id (one entity, several names)."""
        for r in graph.relationships:
            self._edges.setdefault((r.type, r.source, r.target), []).append(dict(r.qualifiers))

    @staticmethod
    def _index_rounds(graph: KnowledgeGraph) -> dict[tuple[str, str], Node]:
        rounds = {}
        for r in graph.relationships:
            node = graph.nodes.get(r.target)
            if r.type == "融资" and node is not None:
                rounds[(r.source, str(node.properties.get("round", "")).replace(" ", "").lower())] = node
        return rounds

    # -- one article -----------------------------------------------------------------------
    def ingest(self, raw: str, source: Record) -> None:
        """Add the candidates of one article (``source`` holds at least its ``id``)."""
        article = Article.from_raw(raw)
        if "script" not in source:
            source["script"] = "Traditional" if article.is_traditional() else "Simplified"
        self.result.sources.append(source)
        date = ArticleDate(str(source["date"]) if source.get("date") else None)
        topic: Mention | None = None
        listed: Mention | None = None
        """The last company named with its stock code: whom a bare 公司 means when no topic leads."""
        recent_rounds: list[Round] = []
        partners: list[Mention] = []
        """The parties of the last 合作 stated in the two sentences before (双方 in the next)."""
        partners_age = 0
        last_event: Mention | None = None
        """The one event the sentence before named, if it named exactly one."""
        bounds = article.sentences()
        tagged = [None] * len(bounds) if self.fast else tag_windows([article.simple[s:e] for s, e in bounds])
        defined: dict[str, Mention] = {}
        seen: dict[str, Mention] = {}
        """Names discovered in earlier sentences: found again wherever they recur."""
        counts: dict[str, int] = {}
        gazetteer_hits = self.gazetteer.find_in_sentences(article.simple, bounds)
        for (start, end), model_spans, known in zip(bounds, tagged, gazetteer_hits, strict=True):
            sentence = article.simple[start:end]
            known = longest_first(known + _defined_in(sentence, start, defined)
                                  + _seen_in(sentence, start, seen))
            spans = {(m.start, m.end) for m in known}
            found = [m for m in discover(sentence, start, known, model_spans)
                     if (m.start, m.end) not in spans]
            mentions = _without_acronyms(longest_first(known + found), sentence, start, defined)
            for m in found:
                if m.label != "Region" and len(m.name) >= (3 if m.name.isascii() else 2):
                    seen.setdefault(m.name, m)
            for m in mentions:
                d = _DEFINED.match(sentence, m.end - start)
                if d and m.label in _ORGS:
                    defined[d.group(1)] = m
                if m.label in _TOPICS:
                    counts[m.entity or m.name] = counts.get(m.entity or m.name, 0) + 1
            rounds: list[Round] = []
            mentions = _with_anaphora(sentence, start, mentions, topic or listed)
            if len(mentions) >= 2 or _SOLO_CUES.search(sentence) or (
                    partners and partners_age <= 2 and _BOTH.search(sentence)):
                extractor = SentenceExtractor(sentence, article.cased[start:end], start, mentions, date,
                                              topic, recent_rounds[-3:],
                                              partners if partners_age <= 2 else [], last_event)
                statements = extractor.run()
                for st in statements:
                    self._add_statement(article, source["id"], st)
                rounds = extractor.rounds
                agreed = [(st.source, st.target) for st in statements if st.type == "合作" and st.target]
                if agreed:
                    partners, partners_age = list(agreed[-1]), 0
            partners_age += 1
            events = {(m.entity or m.name): m for m in mentions if m.label == "Event"}
            last_event = next(iter(events.values())) if len(events) == 1 else None
            listed = next((m for m in reversed(mentions) if m.label in _TOPICS and m.how != "anaphora"
                           and _STOCK_CODE.match(sentence, m.end - start)), listed)
            recent_rounds = [*recent_rounds[-2:], *rounds] if rounds else recent_rounds[-2:]
            topic = _main_company(mentions, counts, topic)
            for m in mentions:
                if not m.known and m.label != "Person" and m.how not in _ONLY_WITH_STATEMENTS \
                        and m.how != "seen":
                    self._entity(article, source["id"], m)
                    if m.parent is not None and not m.parent.known:
                        self._entity(article, source["id"], m.parent)

    def _entity(self, article: Article, source_id: str, m: Mention) -> str:
        if m.known:
            assert m.entity is not None
            return m.entity
        span = article.span(m.start, m.end)
        written = article.text[span[0]:span[1]]
        name = to_simplified(m.alias_of or written)
        known_id = self._resolve_known(name, m.label)
        if known_id is not None:
            self._propose_alias(article, source_id, known_id, written, span, m.how)
            return known_id
        reduced = self._reduced_forms(name, m.label)
        entity_id = self._forms.get(name) or next(
            (self._forms[f] for f in reduced if f in self._forms
             and self._forms[f] in self.result.entities
             and self.result.entities[self._forms[f]]["label"] == m.label), None) or new_id(m.label, name)
        for f in (name, *reduced):
            self._forms.setdefault(f, entity_id)
        record = self.result.entities.get(entity_id)
        if record is None:
            record = {"id": entity_id, "label": m.label, "name": name, "aliases": [],
                      "properties": {}, "sources": [], "found_by": m.how, "span": list(span),
                      "raw_span": list(article.raw_span(*span)), "evidence": written,
                      "confidence": 0.6 if m.how.startswith("suffix") else 0.7,
                      "status": "new", "accept": False}
            self.result.entities[entity_id] = record
        for other in (name, written) if m.how != "anaphora" else (name,):
            if other != record["name"] and other not in record["aliases"]:
                record["aliases"].append(other)
        if source_id not in record["sources"]:
            record["sources"].append(source_id)
        return entity_id

    def _reduced_forms(self, name: str, label: str) -> list[str]:
        """The reduced forms two discovered names may share: companies and funds only, and never
        a bare suffix or generic phrase (星海实验室 and 南湖实验室 both reduce to 实验室)."""
        if label not in _RESOLVED:
            return []
        return [f for f in forms(name, self._is_place)
                if f != name and len(f) - len(name_suffix(f)) >= 2 and not is_generic(f)]

    def _is_place(self, name: str) -> bool:
        hit = self.gazetteer.lookup(name)
        return (hit is not None and hit[1] == "Region") or tag(name) == ((name, "ns"),)

    def _resolve_known(self, name: str, label: str) -> str | None:
        """The known entity ``name`` is another name of (legal name, short name, abbreviation), if any."""
        if label not in _RESOLVED:
            return None  # 星海大学（东海） is not 星海大学: campuses and bodies keep their names
        for form in forms(name, self._is_place):
            hit = self.gazetteer.lookup(form)
            if hit is not None and hit[1] in {"Company", "Fund"}:
                return hit[0]
        return None

    def _propose_alias(self, article: Article, source_id: str, entity_id: str, written: str,
                       span: tuple[int, int], how: str) -> None:
        names = {to_simplified(n) for n in self.graph.nodes[entity_id].names()}
        if to_simplified(written) in names or any(a["entity"] == entity_id and a["alias"] == written
                                                  for a in self.result.aliases):
            return
        self.result.aliases.append({
            "entity": entity_id, "alias": written, "source": source_id, "span": list(span),
            "raw_span": list(article.raw_span(*span)), "evidence": written, "found_by": how,
            "confidence": ALIAS_CONFIDENCE, "accept": False})

    def _round_entity(self, article: Article, source_id: str, r: Round,
                      span: tuple[int, int]) -> tuple[str, Record | None]:
        company = self._entity(article, source_id, r.company)
        existing = self._rounds.get((company, r.round.replace(" ", "").lower()))
        if existing is not None:
            return existing.id, None
        year = (r.date or "")[:4] or "undated"
        entity_id = f"{company}-{round_slug(r.round)}-{year}"
        props: dict[str, Any] = {"round": r.round}
        if r.date:
            props["date"] = r.date
        if r.amount is not None:
            props.update(amount=r.amount.value, currency=r.amount.currency,
                         amount_approx=r.amount.approx, amount_text=to_simplified(r.amount.text))
        company_name = self.graph.nodes[company].name if company in self.graph.nodes else \
            self.result.entities[company]["name"]
        record = self.result.entities.setdefault(entity_id, {
            "id": entity_id, "label": "FundingRound", "name": f"{company_name}{r.round}融资",
            "aliases": [], "properties": props, "sources": [], "found_by": "round",
            "span": list(span), "raw_span": list(article.raw_span(*span)),
            "evidence": article.text[span[0]:span[1]], "confidence": 0.8,
            "status": "new", "accept": False})
        if source_id not in record["sources"]:
            record["sources"].append(source_id)
        return entity_id, record

    def _add_statement(self, article: Article, source_id: str, st: Statement) -> None:
        source = self._entity(article, source_id, st.source)
        round_record = None
        span = article.span(st.start, st.end)
        if st.round is not None:
            target, round_record = self._round_entity(article, source_id, st.round, span)
        else:
            assert st.target is not None
            target = self._entity(article, source_id, st.target)
        status, conflict = self.compare(st.type, source, target, st.qualifiers)
        accept = st.confidence >= ACCEPT_THRESHOLD and status != "conflicts"
        record: Record = {
            "type": st.type, "from": source, "to": target, "qualifiers": dict(st.qualifiers),
            "source": source_id, "span": list(span), "raw_span": list(article.raw_span(*span)),
            "evidence": article.text[span[0]:span[1]], "trigger": st.trigger,
            "confidence": st.confidence, "status": status, "accept": accept}
        if conflict:
            record["conflict"] = conflict
        key = _statement_key(record)
        if key in self._seen:
            return
        self._seen.add(key)
        self.result.statements.append(record)
        if accept:
            for entity_id in (source, target):
                if entity_id in self.result.entities:
                    self.result.entities[entity_id]["accept"] = True
        if round_record is not None and accept:
            round_record["accept"] = True

    def compare(self, rel_type: str, source: str, target: str,
                qualifiers: dict[str, Any]) -> tuple[str, str | None]:
        """``matches`` (the graph states it), ``conflicts`` (a qualifier differs) or ``extends``."""
        existing = list(self._edges.get((rel_type, source, target), []))
        if rel_type == "合作":
            existing += self._edges.get((rel_type, target, source), [])
        if not existing:
            return "extends", None
        for known in existing:
            clash = [k for k in _COMPARED if k in known and k in qualifiers
                     and not _compatible(known[k], qualifiers[k])]
            if not clash:
                return "matches", None
        known = existing[0]
        differing = ", ".join(f"{k}: graph {known[k]!r} vs text {qualifiers[k]!r}"
                              for k in _COMPARED if k in known and k in qualifiers
                              and not _compatible(known[k], qualifiers[k]))
        return "conflicts", differing


def _defined_in(sentence: str, offset: int, defined: dict[str, Mention]) -> list[Mention]:
    """Mentions of the short names the article defined earlier (X（下称“Y”）): Y stands for X."""
    out = []
    for short, full in defined.items():
        at = sentence.find(short)
        while at >= 0:
            written = full.alias_of or full.name
            out.append(Mention(offset + at, offset + at + len(short), full.label, full.name, full.entity,
                               how="alias", alias_of=None if full.known else written))
            at = sentence.find(short, at + len(short))
    return out


_ACRONYM = re.compile(r"\s?[（(]([a-z][a-z0-9&\-]{1,9})[）)]")
"""An organisation's ASCII short name in brackets after it: 某某联盟（ABC）."""


def _without_acronyms(mentions: list[Mention], sentence: str, offset: int,
                      defined: dict[str, Mention]) -> list[Mention]:
    """Mentions without the bracketed short names of organisations (某某联盟（ABC）), which are
    defined as that organisation's short name for the sentences after."""
    out: list[Mention] = []
    inside: set[int] = set()
    for m in mentions:
        bracket = _ACRONYM.match(sentence, m.end - offset) if m.label in _ORGS else None
        if bracket:
            defined.setdefault(bracket.group(1), m)
            inside.update(range(offset + bracket.start(1), offset + bracket.end(1)))
    for m in mentions:
        if m.start not in inside or m.known:
            out.append(m)
    return out


def _with_anaphora(sentence: str, offset: int, mentions: list[Mention],
                   referent: Mention | None) -> list[Mention]:
    """``mentions`` and, for a clause opening with 公司/该公司 before 与/拟/将…, the company it
    refers to (the article's main company, else the listed one) at that place."""
    if referent is None or "公司" not in sentence or any(
            (m.entity or m.name) == (referent.entity or referent.name) for m in mentions):
        return mentions  # named in the sentence itself: its own patterns read it
    taken = {i for m in mentions for i in range(m.start - offset, m.end - offset)}
    written = referent.alias_of or (None if referent.known else referent.name)
    extra = [Mention(offset + a.start(1), offset + a.end(1), referent.label, referent.name, referent.entity,
                     how="anaphora", alias_of=written)
             for a in _ANAPHOR.finditer(sentence) if a.start(1) not in taken
             and not any(m.label in _TOPICS and m.end - offset <= a.start(1) for m in mentions)]
    # a company named before 公司 in the sentence is the one it means (X公告，公司拟…)
    return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions


def _seen_in(sentence: str, offset: int, seen: dict[str, Mention]) -> list[Mention]:
    """Mentions of names discovered earlier in the article, wherever they recur in ``sentence``."""
    out = []
    for name, first in seen.items():
        at = sentence.find(name)
        while at >= 0:
            out.append(Mention(offset + at, offset + at + len(name), first.label, name, how="seen",
                               parent=first.parent))
            at = sentence.find(name, at + len(name))
    return out


def _main_company(mentions: list[Mention], counts: dict[str, int],
                  previous: Mention | None) -> Mention | None:
    """The company a sentence without a subject is about: the article's most named one when it
    leads clearly, else the only company of this sentence, else none (not merely the last named)."""
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        lead = ranked[0][0]
        return next((m for m in mentions if (m.entity or m.name) == lead), previous
                    if previous is not None and (previous.entity or previous.name) == lead else
                    next((m for m in reversed(mentions) if m.label in _TOPICS), previous))
    here = {(m.entity or m.name): m for m in mentions if m.label in _TOPICS}
    return next(iter(here.values())) if len(here) == 1 else None


def _statement_key(record: Record) -> tuple[str, str, str, str]:
    """One statement per type, endpoints (either way for 合作) and source."""
    a, b = record["from"], record["to"]
    if record["type"] == "合作":
        a, b = sorted((a, b))
    return record["type"], a, b, record["source"]


def ingest_texts(graph: KnowledgeGraph, articles: Iterable[tuple[str, Record]],
                 fast: bool = False) -> Candidates:
    """Candidates of every (raw text, source metadata) pair against ``graph`` (``fast``: rules only)."""
    ingester = Ingester(graph, fast)
    for raw, source in articles:
        ingester.ingest(raw, source)
    return ingester.result
