"""``/api/queries``: the canned query library as JSON and CSV."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from cypher.registry import load_queries
from tests.api.conftest import TIGHT_MAX_ROWS


def test_query_list_describes_every_canned_query(client: httpx.Client) -> None:
    body = client.get("/api/queries").json()
    assert [q["name"] for q in body["queries"]] == list(load_queries())
    centres = next(q for q in body["queries"] if q["name"] == "company_centres")
    assert centres["title_zh"] == "企业可达的创新中心"
    assert centres["graph_columns"] == ["path_ids", "path_types"]
    max_hops = next(p for p in centres["params"] if p["name"] == "max_hops")
    assert max_hops == {"name": "max_hops", "type": "int", "default": 3, "example": None,
                        "description": max_hops["description"], "min": 1, "max": 6}


def test_run_a_canned_query_with_a_traditional_name(client: httpx.Client) -> None:
    body = client.get("/api/queries/company_centres", params={"company": "優必選", "max_hops": 2}).json()
    assert body["name"] == "company_centres" and body["truncated"] is False and body["query_ms"] > 0
    assert body["columns"][:3] == ["centre_id", "centre", "hops"]
    assert ["national-embodied-ai-center", 1] in [[r[0], r[2]] for r in body["rows"]]


def test_defaults_apply_and_csv_downloads(client: httpx.Client) -> None:
    json_body = client.get("/api/queries/relation_counts").json()
    response = client.get("/api/queries/relation_counts", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())  # a UTF-8 BOM, so Excel reads Chinese
    rows = list(csv.reader(io.StringIO(response.text.removeprefix("\ufeff"))))
    assert rows[0] == json_body["columns"]
    assert [[str(v) for v in r] for r in json_body["rows"]] == rows[1:]


def test_csv_cells_are_plain_values(client: httpx.Client) -> None:
    response = client.get("/api/queries/company_rounds", params={"company": "源升智能", "format": "csv"})
    text = response.text.removeprefix("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text)))
    row = dict(zip(header, rows[0], strict=True))
    assert row["amount"] == "10000000" and row["investors"] and "[" not in row["investors"]
    assert "True" not in text and "10000000.0" not in text


def test_row_cap_truncates(tight_client: httpx.Client) -> None:
    body = tight_client.get("/api/queries/most_connected", params={"limit": 50}).json()
    assert body["truncated"] is True and len(body["rows"]) == TIGHT_MAX_ROWS


def test_unknown_query_is_404_with_suggestions(client: httpx.Client) -> None:
    response = client.get("/api/queries/company_centre")
    assert response.status_code == 404
    assert "company_centres" in response.json()["detail"]["suggestions"]


@pytest.mark.parametrize("params, param", [({"max_hops": "far"}, "max_hops"), ({"max_hops": 99}, "max_hops"),
                                           ({"colour": "red"}, "colour"), ({"format": "xml"}, "format")])
def test_bad_query_parameters_are_422(client: httpx.Client, params: dict, param: str) -> None:
    response = client.get("/api/queries/company_centres", params=params)
    assert response.status_code == 422
    assert any(e["loc"][-1] == param for e in response.json()["detail"])


def test_unknown_entity_parameter_is_404_with_suggestions(client: httpx.Client) -> None:
    response = client.get("/api/queries/company_centres", params={"company": "ubtek"})
    assert response.status_code == 404
    assert "优必选" in response.json()["detail"]["suggestions"]
