"""The ``ecokg`` package: its docstring example runs; ego networks match the API attribute for attribute."""

from __future__ import annotations

import doctest
import sys
import types
from pathlib import Path

import httpx
import pytest

import ecokg
from graph.settings import Settings, get_settings


def test_the_docstring_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOKG_DATA_DIR", str(tmp_path))  # ecokg.open() builds the database there
    get_settings.cache_clear()
    try:
        failures, tried = doctest.testmod(ecokg, raise_on_error=False, report=True)
    finally:
        get_settings.cache_clear()
    assert tried >= 8 and failures == 0


@pytest.fixture(scope="module")
def opened(api_db: Path) -> ecokg.Graph:
    g = ecokg.open(Settings(data_dir=api_db.parent, db_path=api_db, build=False))
    yield g
    g.close()


@pytest.mark.parametrize(("name", "params"), [("优必选", {"depth": 2}), ("limx-dynamics", {"depth": 1}),
                                              ("ubtech", {"depth": 2, "as_of": "2025-03-05"}),
                                              ("優必選", {"depth": 1, "types": "合作,位于"})])
def test_ego_has_the_apis_node_and_edge_attributes(opened: ecokg.Graph, client: httpx.Client, name: str,
                                                   params: dict) -> None:
    g = opened.ego(name, **params)
    body = client.get(f"/api/entities/{name}/ego", params=params).json()
    assert {k: g.graph[k] for k in ("center", "depth", "truncated", "node_cap", "as_of", "later")} == {
        k: body[k] for k in ("center", "depth", "truncated", "node_cap", "as_of", "later")}
    assert dict(g.nodes(data=True)) == {n["id"]: n for n in body["nodes"]}
    assert sorted(((s, t, k, d) for s, t, k, d in g.edges(keys=True, data=True)), key=repr) == sorted(
        ((e["source"], e["target"], e["id"], e) for e in body["edges"]), key=repr)


def test_query_rows_are_dicts_without_pandas_and_a_frame_with_it(opened: ecokg.Graph,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas → ImportError
    rows = opened.query("company_centres", company="優必選", max_hops=2)
    assert isinstance(rows, list) and rows and {"centre_id", "centre", "hops"} <= set(rows[0])

    class FakeFrame:  # stands in for pandas.DataFrame, which may not be installed
        def __init__(self, records: list[dict], columns: list[str]) -> None:
            self.records, self.columns = records, columns

    monkeypatch.setitem(sys.modules, "pandas", types.SimpleNamespace(DataFrame=FakeFrame))
    frame = opened.query("company_centres", company="優必選", max_hops=2)
    assert isinstance(frame, FakeFrame) and frame.records == rows and frame.columns[:3] == [
        "centre_id", "centre", "hops"]


def test_bad_names_and_parameters_say_what_is_wrong(opened: ecokg.Graph) -> None:
    from cypher.names import UnknownEntity
    from cypher.runner import ParameterError

    with pytest.raises(UnknownEntity, match="优必选"):
        opened.ego("youbixuan")
    with pytest.raises(ParameterError, match="as_of"):
        opened.ego("ubtech", as_of="2025-13-45")
    with pytest.raises(ParameterError, match="no_such"):
        opened.query("no_such")
