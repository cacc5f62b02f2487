"""Bad input anywhere is a JSON client error, never a 500."""

from __future__ import annotations

import httpx
import pytest

PROBES = [
    ("GET", "/api/entities/%00", None),
    ("GET", "/api/entities/" + "长" * 300, None),
    ("GET", "/api/entities/ubtech/ego?depth=1&types=,,,", None),
    ("GET", "/api/entities/ubtech/ego?depth=99999999999999999999", None),
    ("GET", "/api/search?q=%00", None),
    ("GET", "/api/search?q=(", None),
    ("GET", "/api/paths/to-label?source=ubtech&label=", None),
    ("GET", "/api/paths?source=%27%20OR%201%3D1&target=leju", None),
    ("GET", "/api/queries/shortest_path?source=&target=leju", None),
    ("GET", "/api/queries/most_connected?label=Spaceship", None),
    ("GET", "/api/queries/entity_neighbours?type=朋友", None),
    ("GET", "/api/queries/most_connected?limit=true", None),
    ("POST", "/api/cypher", {"query": "RETURN $x AS x", "params": {"x": {"nested": [1, "二", None]}}}),
    ("POST", "/api/cypher", {"query": "CALL nosuch() RETURN *"}),
    ("POST", "/api/cypher", {"query": "MATCH (n) RETURN n.nosuchproperty LIMIT 1"}),
    ("POST", "/api/cypher", {"query": "RETURN 1/0"}),
    ("POST", "/api/cypher", {"query": "x" * 100_001}),
]


@pytest.mark.parametrize("method, path, body", PROBES)
def test_bad_input_is_never_a_server_error(client: httpx.Client, method: str, path: str,
                                           body: dict | None) -> None:
    response = client.request(method, path, json=body)
    assert response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/json")
    if response.status_code >= 400:
        assert response.json()["detail"]
