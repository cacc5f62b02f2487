"""``POST /api/cypher``: read-only ad-hoc Cypher with a time limit and a row cap."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import TIGHT_MAX_ROWS

PATHOLOGICAL = ("MATCH (a), (b), (c), (d), (e) WHERE a.name + b.name + c.name + d.name + e.name = 'x' "
                "RETURN count(*)")


def test_read_query_with_parameters(client: httpx.Client) -> None:
    query = "MATCH (c:Company) WHERE c.id = $id RETURN c.id AS id, c.name AS name"
    response = client.post("/api/cypher", json={"query": query, "params": {"id": "ubtech"}})
    assert response.status_code == 200
    body = response.json()
    assert body["columns"] == ["id", "name"] and body["rows"] == [["ubtech", "优必选"]]
    assert body["truncated"] is False and body["query_ms"] >= 0


def test_nodes_come_back_as_plain_json(client: httpx.Client) -> None:
    body = client.post("/api/cypher", json={"query": "MATCH (c:Company {id: 'ubtech'}) RETURN c"}).json()
    assert body["rows"][0][0]["label"] == "Company" and body["rows"][0][0]["name"] == "优必选"


@pytest.mark.parametrize("statement", ["MATCH (n RETURN n", "RETURN 1; RETURN 2",
                                       "MATCH (n:NoSuchLabel) RETURN n"])
def test_bad_cypher_is_400(client: httpx.Client, statement: str) -> None:
    response = client.post("/api/cypher", json={"query": statement})
    assert response.status_code == 400
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]


@pytest.mark.parametrize("body", [{}, {"query": ""}, {"query": "RETURN 1", "params": [1]},
                                  {"query": "RETURN 1", "timeout_ms": 0}])
def test_malformed_request_is_422(client: httpx.Client, body: dict) -> None:
    assert client.post("/api/cypher", json=body).status_code == 422


def test_not_json_is_a_json_client_error(client: httpx.Client) -> None:
    response = client.post("/api/cypher", content=b"\xff\xfe not json",
                           headers={"content-type": "application/json"})
    assert response.status_code in (400, 422) and response.json()["detail"]


def test_time_limit_is_504(tight_client: httpx.Client) -> None:
    response = tight_client.post("/api/cypher", json={"query": PATHOLOGICAL})
    assert response.status_code == 504
    assert "time limit" in response.json()["detail"]
    # The connection that was interrupted still answers.
    assert tight_client.post("/api/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [[1]]


def test_request_can_lower_the_time_limit(client: httpx.Client) -> None:
    response = client.post("/api/cypher", json={"query": PATHOLOGICAL, "timeout_ms": 200})
    assert response.status_code == 504


def test_row_cap_sets_truncated(tight_client: httpx.Client, client: httpx.Client) -> None:
    body = tight_client.post("/api/cypher", json={"query": "MATCH (n) RETURN n.id ORDER BY n.id"}).json()
    assert body["truncated"] is True and len(body["rows"]) == TIGHT_MAX_ROWS
    # A request may lower the cap, never raise it.
    body = tight_client.post("/api/cypher",
                             json={"query": "MATCH (n) RETURN n.id", "max_rows": 10_000}).json()
    assert len(body["rows"]) == TIGHT_MAX_ROWS
    body = client.post("/api/cypher", json={"query": "MATCH (n) RETURN n.id", "max_rows": 2}).json()
    assert body["truncated"] is True and len(body["rows"]) == 2
