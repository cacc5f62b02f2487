"""The timeline query with ``as_of``: the dated relations on or before the date, against networkx."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pytest

from cypher.as_of import parse_as_of, stood_by
from cypher.names import NameIndex
from cypher.registry import load_queries
from cypher.runner import ParameterError, run_canned
from graph.model import KnowledgeGraph
from graph.stores.embedded import EmbeddedStore

TIMELINE = load_queries()["entity_timeline"]


def test_a_partial_date_counts_from_its_first_day() -> None:
    assert stood_by("2025-03", "2025-03-01") and stood_by("2025", "2025-01-01")
    assert not stood_by("2025-04", "2025-03-31") and not stood_by("2025-03-06", "2025-03-05")
    assert not stood_by(None, "2030-01-01")


@pytest.mark.parametrize("raw", ["2025-13-45", "2025-02-30", "2025-3-1", "yesterday", "20250301"])
def test_bad_dates_name_the_parameter(raw: str) -> None:
    with pytest.raises(ParameterError) as caught:
        parse_as_of(raw)
    assert caught.value.param == "as_of"


@pytest.mark.parametrize("as_of", ["2024-12-31", "2025-03-05", "2025-03-31", ""])
def test_timeline_as_of_matches_networkx(embedded_store: EmbeddedStore, graph: KnowledgeGraph,
                                         as_of: str) -> None:
    names = NameIndex.from_store(embedded_store)
    g: nx.MultiDiGraph = graph.to_networkx()
    for entity in ("ubtech", "limx-dynamics", "shenzhen", "huawei"):
        dated = Counter([(d["date"], d["type"], b) for _, b, d in g.out_edges(entity, data=True)
                         if d.get("date") and (not as_of or stood_by(str(d["date"]), as_of))]
                        + [(d["date"], d["type"], a) for a, _, d in g.in_edges(entity, data=True)
                           if d.get("date") and (not as_of or stood_by(str(d["date"]), as_of))])
        rows = run_canned(embedded_store, TIMELINE, {"entity": entity, "as_of": as_of}, names).records()
        assert Counter((r["date"], r["relation"], r["other_id"]) for r in rows) == dated
    every = run_canned(embedded_store, TIMELINE, {"entity": "limx-dynamics"}, names).records()
    early = run_canned(embedded_store, TIMELINE, {"entity": "limx-dynamics", "as_of": "2024-12-31"},
                       names).records()
    assert len(early) < len(every)


def test_timeline_refuses_a_bad_as_of(embedded_store: EmbeddedStore) -> None:
    with pytest.raises(ParameterError, match="as_of"):
        run_canned(embedded_store, TIMELINE, {"entity": "ubtech", "as_of": "2025-13-45"},
                   NameIndex.from_store(embedded_store))
