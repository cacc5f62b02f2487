"""Bad input never gives a 500: each case gets a 4xx naming what was wrong."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from loaders.corpus import REPO_ROOT

HUGE = "深" * 1_000  # 9 kB percent-encoded: past every parameter's length limit, under the 16 KB head
HEAD_TOO_BIG = "深" * 3_000  # 27 kB percent-encoded: past the server's limit on a request head
CONTROL = "优必\x00选\x07\x1b[31m"
# (method, path, params or JSON body, expected status, a word the error names)
CASES: dict[str, tuple[str, str, dict[str, Any] | None, int, str]] = {
    "unknown entity": ("GET", "/api/entities/no-such-entity", None, 404, "no entity"),
    "unknown entity ego": ("GET", "/api/entities/no-such-entity/ego", None, 404, "no entity"),
    "unknown query": ("GET", "/api/queries/no_such_query", None, 404, "no canned query"),
    "unknown path end": ("GET", "/api/paths", {"source": "ubtech", "target": "nobody"}, 404, "no entity"),
    "empty search": ("GET", "/api/search", {"q": ""}, 422, "q"),
    "blank entity": ("GET", "/api/entities/%20", None, 404, "no entity"),
    "empty path source": ("GET", "/api/paths", {"source": "", "target": "ubtech"}, 422, "source"),
    "empty cypher": ("POST", "/api/cypher", {"query": ""}, 422, "query"),
    "huge search": ("GET", "/api/search", {"q": HUGE}, 422, "q"),
    "huge entity id": ("GET", f"/api/entities/{HUGE}", None, 422, "entity_id"),
    "huge path target": ("GET", "/api/paths", {"source": "ubtech", "target": HUGE}, 422, "target"),
    "huge cypher": ("POST", "/api/cypher", {"query": "RETURN 1 " + " " * 200_000}, 422, "query"),
    "huge canned parameter": ("GET", "/api/queries/company_rounds", {"company": HUGE}, 404, "no entity"),
    "request head too big": ("GET", "/api/queries/company_rounds", {"company": HEAD_TOO_BIG}, 431, "16 KB"),
    "control characters in search": ("GET", "/api/search", {"q": CONTROL}, 200, ""),
    "control characters in id": ("GET", "/api/entities/" + "%00%07", None, 404, "no entity"),
    "control characters in cypher": ("POST", "/api/cypher", {"query": "RETURN '\x00\x07' AS x"}, 200, ""),
    "control characters in canned parameter": ("GET", "/api/queries/company_rounds", {"company": CONTROL},
                                               404, "no entity"),
    "depth not a number": ("GET", "/api/entities/ubtech/ego", {"depth": "two"}, 422, "depth"),
    "depth too small": ("GET", "/api/entities/ubtech/ego", {"depth": 0}, 422, "depth"),
    "depth too large": ("GET", "/api/entities/ubtech/ego", {"depth": 4}, 422, "depth"),
    "unknown relation type filter": ("GET", "/api/entities/ubtech/ego", {"types": "收购"}, 422, "types"),
    "hops too large": ("GET", "/api/paths", {"source": "ubtech", "target": "huawei", "max_hops": 99}, 422,
                       "max_hops"),
    "hops not an integer": ("GET", "/api/paths", {"source": "ubtech", "target": "huawei", "max_hops": 1.5},
                            422, "max_hops"),
    "unknown target label": ("GET", "/api/paths/to-label", {"source": "ubtech", "label": "Robot"}, 422,
                             "label"),
    "canned int out of range": ("GET", "/api/queries/most_connected", {"limit": 100_000}, 422, "limit"),
    "canned int not a number": ("GET", "/api/queries/most_connected", {"limit": "many"}, 422, "limit"),
    "canned unknown parameter": ("GET", "/api/queries/most_connected", {"limt": 3}, 422, "limt"),
    "canned bad format": ("GET", "/api/queries/most_connected", {"format": "xml"}, 422, "format"),
    "export bad format": ("GET", "/api/export", {"format": "pdf"}, 422, "format"),
    "cypher params not a map": ("POST", "/api/cypher", {"query": "RETURN 1", "params": [1]}, 422, "params"),
    "cypher timeout not a number": ("POST", "/api/cypher", {"query": "RETURN 1", "timeout_ms": "soon"}, 422,
                                    "timeout_ms"),
    "cypher query not a string": ("POST", "/api/cypher", {"query": 42}, 422, "query"),
    "cypher does not parse": ("POST", "/api/cypher", {"query": "MATCH (n RETURN n"}, 400, "unexpected"),
    "cypher unknown label": ("POST", "/api/cypher", {"query": "MATCH (n:Robot) RETURN n"}, 400, "Robot"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gets_a_clear_4xx(client: httpx.Client, case: str) -> None:
    method, path, data, status, word = CASES[case]
    if method == "GET":
        response = client.get(path, params=data)
    else:
        response = client.post(path, json=data)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert word in response.text


@pytest.mark.parametrize("raw", [b"\xff\xfe{", b'{"query": "RETURN 1"', b"", b"[]", b'"RETURN 1"'])
def test_bodies_that_are_not_a_json_object_are_a_client_error(client: httpx.Client, raw: bytes) -> None:
    response = client.post("/api/cypher", content=raw, headers={"content-type": "application/json"})
    assert response.status_code in (400, 422) and response.json()["detail"]


@pytest.mark.parametrize("raw_query", ["q=%FF%FE", "q=%ED%A0%80", "q=%C0%AF"])
def test_invalid_utf8_in_the_url_is_not_a_500(client: httpx.Client, raw_query: str) -> None:
    response = client.get(f"/api/search?{raw_query}")
    assert response.status_code in (200, 400, 422), response.text


def test_a_missing_corpus_directory_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-corpus"
    result = subprocess.run([sys.executable, "-m", "loaders.spans", "find", "000_056a4252377f11b0", "优必选"],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
                            env={"ECOKG_CORPUS_DIR": str(missing), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 2
    assert f"corpus directory not found: {missing}" in result.stderr and "Traceback" not in result.stderr


def test_a_body_over_one_megabyte_is_413(client: httpx.Client) -> None:
    huge = {"query": "RETURN 1", "params": {"blob": "x" * 2_000_000}}
    response = client.post("/api/cypher", json=huge)
    assert response.status_code == 413 and "larger than" in response.json()["detail"]


def test_a_streamed_body_over_one_megabyte_is_refused(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"query": "RETURN 1", "params": {"blob": "'
        for _ in range(40):
            yield b"x" * 65_536
        yield b'"}}'

    response = client.post("/api/cypher", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413, response.text
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("query", ["depth=1&types=合作&types=位于", "labels=Company&labels=Person",
                                   "limit=1&limit=500"])
def test_a_parameter_given_twice_is_refused_naming_it(client: httpx.Client, query: str) -> None:
    """Keeping one of the values would answer another question (the attack round found types cut to one)."""
    name = query.split("&")[-1].split("=")[0]
    response = client.get(f"/api/entities/shenzhen/ego?{query}")
    assert response.status_code == 422
    assert f"parameter {name!r}: given 2 times" in response.text
    assert client.get("/api/entities/shenzhen/ego", params={"types": "合作,位于"}).status_code == 200
