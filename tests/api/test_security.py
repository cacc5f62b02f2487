"""Safe by construction, tried against a real ``ecokg serve`` process: every defence layer and every
defect found by attacking the service, as a regression test."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.stores.embedded import build_database, sidecars
from graph.stores.workers import QueryWorkers
from loaders.curated import load_graph
from tests.serving import serve_process

DISGUISED_CHECKPOINTS = [
    "CHECKPOINT", "checkpoint;", "/* it's */ CHECKPOINT /* ' */", "// it's\nCHECKPOINT // '",
    "RETURN 1; CHECKPOINT", "RETURN '/*'; CHECKPOINT", "`x` CHECKPOINT", "\ufeffCHECKPOINT",
    "RETURN 1 UNION CHECKPOINT", "CALL checkpoint()", "CHECK\u200bPOINT", "RETURN 1 /* */ ; /* */ CHECKPOINT",
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("served")
    build_database(load_graph(), directory / "ecokg.lbug")
    return directory


@pytest.fixture(scope="module")
def served(data_dir: Path) -> Iterator[str]:
    with serve_process(data_dir) as (url, _):
        yield url


@pytest.fixture()
def http(served: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served, timeout=60) as client:
        yield client


def counts(http: httpx.Client) -> tuple[int, int]:
    body = http.get("/healthz").json()
    return body["nodes"], body["relationships"]


def files_of(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir()}


# -- the layers are in force --------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/entity/ubtech", "/paths", "/queries", "/console", "/docs",
                                  "/static/ecokg.js", "/static/ecokg.css",
                                  "/static/vendor/vis-network/vis-network.min.js",
                                  "/api/export?format=ttl", "/api/queries/company_centres"])
def test_the_confined_server_serves_every_page_and_file(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 200, (path, response.text[:200])


def test_every_defence_layer_is_in_force(http: httpx.Client) -> None:
    body = http.get("/healthz").json()["confinement"]
    if body["missing"] and os.environ.get("ECOKG_NO_SKIPS") != "1":
        pytest.skip(f"this machine lacks: {'; '.join(body['missing'])}")
    assert body["missing"] == []
    workers = {layer["name"] for layer in body["workers"] if layer["active"]}
    assert workers >= {"network namespace", "unprivileged user", "landlock filesystem", "landlock tcp",
                       "landlock scopes", "seccomp", "empty HOME", "no core dumps"}
    assert {layer["name"] for layer in body["server"] if layer["active"]} >= {"landlock filesystem",
                                                                              "landlock tcp"}
    assert "/tmp" not in json.dumps(body), "health reports no paths"


@pytest.fixture(scope="module")
def workers(data_dir: Path) -> Iterator[QueryWorkers]:
    pool = QueryWorkers(data_dir / "ecokg.lbug", workers=1, memory_mb=1024, grace_ms=200)
    pool.start()
    if any(not layer.active for layer in pool.confinement) and os.environ.get("ECOKG_NO_SKIPS") != "1":
        pytest.skip("this machine lacks a confinement layer: "
                    + "; ".join(f"{lay.name}: {lay.detail}" for lay in pool.confinement if not lay.active))
    yield pool
    pool.close()


@pytest.fixture()
def listener() -> Iterator[tuple[int, list[str]]]:
    """A loopback TCP listener recording every connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)
    seen: list[str] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, peer = server.accept()
            except OSError:
                continue
            seen.append(str(peer))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join(timeout=2)
    server.close()


@pytest.mark.parametrize("probe", ["read_passwd", "write_tmp", "load_library", "run_program"])
def test_inside_a_worker_files_libraries_and_programs_are_out_of_reach(workers: QueryWorkers,
                                                                       probe: str) -> None:
    assert workers.probe(probe).startswith("refused"), probe


def test_inside_a_worker_no_connection_leaves(workers: QueryWorkers, listener: tuple[int, list[str]],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    port, seen = listener
    # The probe reads the port from its own environment, which it inherited at start: ask a fresh
    # pool so the variable is there.
    monkeypatch.setenv("ECOKG_PROBE_PORT", str(port))
    pool = QueryWorkers(workers.path, workers=1, memory_mb=1024)
    try:
        assert pool.probe("connect_loopback").startswith("refused")
        assert pool.probe("identity").startswith("uid=65534")
    finally:
        pool.close()
    assert seen == []


def test_past_the_gate_the_engine_can_touch_nothing(workers: QueryWorkers, data_dir: Path,
                                                    listener: tuple[int, list[str]],
                                                    tmp_path: Path) -> None:
    """Statements the gate refuses, sent straight to a confined worker as if the gate had a hole."""
    port, seen = listener
    before = files_of(data_dir)
    target = tmp_path / "out.csv"
    for statement in [
        "LOAD FROM '/etc/passwd' (file_format='csv', header=false, delim='|') RETURN * LIMIT 1",
        f"COPY (RETURN 'x' AS x) TO '{target}'",
        f"COPY (RETURN 'x' AS x) TO '{target.with_suffix('.parquet')}'",
        f"INSTALL json FROM 'http://127.0.0.1:{port}/repo/'",
        "LOAD EXTENSION '/usr/lib/x86_64-linux-gnu/libz.so.1'",
        "CHECKPOINT",
        f"EXPORT DATABASE '{tmp_path / 'dump'}'",
    ]:
        with pytest.raises(Exception):  # noqa: B017 - refused, whichever error the engine gives
            workers.query(statement)
    assert not any(tmp_path.iterdir()), "nothing was written"
    assert seen == [], "no connection left the worker"
    assert files_of(data_dir) == before and sidecars(data_dir / "ecokg.lbug") == []
    assert workers.query("MATCH (c:Company {id: 'ubtech'}) RETURN c.name").rows == [["优必选"]]


# -- over HTTP --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", DISGUISED_CHECKPOINTS)
def test_checkpoint_in_any_disguise_is_refused(http: httpx.Client, text: str) -> None:
    response = http.post("/api/cypher", json={"query": text})
    assert response.status_code in (400, 422), response.text


def test_after_the_attempts_the_database_is_unchanged_and_a_restart_serves(http: httpx.Client,
                                                                          data_dir: Path) -> None:
    before = counts(http)
    for text in DISGUISED_CHECKPOINTS:
        http.post("/api/cypher", json={"query": text})
    assert sidecars(data_dir / "ecokg.lbug") == [], "no WAL or shadow file beside the database"
    stamp = (data_dir / "ecokg.lbug").stat().st_mtime_ns
    with serve_process(data_dir) as (url, _):
        assert counts(httpx.Client(base_url=url)) == before
    assert (data_dir / "ecokg.lbug").stat().st_mtime_ns == stamp, "served again without a rebuild"


def test_deeply_nested_params_are_refused_and_the_console_keeps_working(http: httpx.Client) -> None:
    nested: Any = 1
    for _ in range(500):
        nested = [nested]
    for _ in range(3):
        response = http.post("/api/cypher", json={"query": "RETURN $p AS p", "params": {"p": nested}})
        assert response.status_code in (400, 422)
        assert "nested deeper" in response.text or "params" in response.text
    assert http.post("/api/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [[1]]


def test_a_huge_result_is_cut_in_the_worker(http: httpx.Client) -> None:
    query = "UNWIND range(1, 1000) AS i RETURN repeat('\\u0001', 600000) AS s"
    response = http.post("/api/cypher", json={"query": query})
    assert response.status_code == 200
    assert response.json()["truncated"] is True
    assert len(response.content) <= 8.5 * 2**20, "escapes are counted as they are sent"


def test_hosts_headers_and_methods(http: httpx.Client) -> None:
    assert http.get("/healthz", headers={"Host": "evil.example"}).status_code == 400
    refused = http.get("/", headers={"Host": "127.0.0.1.nip.io"})
    assert refused.status_code == 400 and refused.headers["x-content-type-options"] == "nosniff"
    page = http.get("/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["referrer-policy"]
    for path in ("/", "/healthz", "/api/meta"):
        head = http.head(path)
        assert head.status_code == 200 and head.content == b"", path
    big = {"X-Padding": "x" * (10 * 2**20)}
    with pytest.raises(httpx.HTTPError):  # the server answers 431 and closes before reading it all
        response = http.get("/healthz", headers=big)
        assert response.status_code == 431
        raise httpx.HTTPError("431")


def test_a_head_that_arrives_in_one_read_is_measured_too(served: str) -> None:
    host, port = served.removeprefix("http://").split(":")
    request = (f"GET /healthz HTTP/1.1\r\nHost: {host}\r\nX-Pad: {'y' * 40_000}\r\n\r\n").encode()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        answer = sock.recv(200)
    assert answer.startswith(b"HTTP/1.1 431")


def test_a_client_that_stops_sending_its_head_is_dropped(served: str) -> None:
    host, port = served.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        started = time.monotonic()
        assert sock.recv(100) == b""  # closed by the server, not by our timeout
        assert time.monotonic() - started < 25


def test_an_error_message_is_clipped_in_the_worker_and_the_server(http: httpx.Client) -> None:
    # error() is an allowed function: it turned any string into a 400 of any size (90 MB seen).
    response = http.post("/api/cypher", json={"query": "RETURN error(repeat(repeat('A', 1000), 9000))"})
    assert response.status_code == 400
    assert len(response.content) < 10_000 and "more characters left out" in response.json()["detail"]
    assert http.post("/api/cypher", json={"query": "RETURN 3 AS three"}).json()["rows"] == [[3]]


def test_a_body_that_never_ends_is_dropped(served: str) -> None:
    # 256 such connections held every connection slot: everyone else got 503 for as long as they stayed.
    host, port = served.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(b"POST /api/cypher HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
        started = time.monotonic()
        assert sock.recv(100) == b""  # closed by the server, not by our timeout
        assert time.monotonic() - started < 45


def test_two_host_headers_and_unparsable_requests_get_400_with_the_headers(served: str) -> None:
    host, port = served.removeprefix("http://").split(":")
    for request in (b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n",
                    b"GET /\xff HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"):
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(request)
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
        head = answer.split(b"\r\n\r\n")[0].lower()
        assert head.startswith(b"http/1.1 400"), request
        assert b"content-security-policy:" in head and b"x-frame-options: deny" in head, request


def test_healthz_answers_while_the_console_is_saturated(http: httpx.Client, served: str) -> None:
    hog = {"query": "UNWIND range(1, 300000000) AS x RETURN sum(x)", "timeout_ms": 4000}
    with ThreadPoolExecutor(max_workers=32) as pool, httpx.Client(base_url=served, timeout=60) as other:
        slow = [pool.submit(other.post, "/api/cypher", json=hog) for _ in range(32)]
        time.sleep(0.5)
        answers = [http.get("/healthz") for _ in range(10)]
        running = sum(not f.done() for f in slow)
        results = [f.result() for f in slow]
    assert all(a.status_code == 200 for a in answers)
    assert running > 0, "the health checks were answered while console statements were still queued"
    assert all(r.status_code in (400, 504) for r in results)
    assert http.post("/api/cypher", json={"query": "RETURN 2 AS two"}).json()["rows"] == [[2]]


def test_export_is_built_once_and_cached(http: httpx.Client) -> None:
    first = http.get("/api/export", params={"format": "ttl"})
    with ThreadPoolExecutor(max_workers=8) as pool:
        again = list(pool.map(lambda _: http.get("/api/export", params={"format": "ttl"}), range(8)))
    assert first.status_code == 200 and all(a.content == first.content for a in again)


# -- the console's switch and token --------------------------------------------------------------

def test_the_console_can_be_switched_off(data_dir: Path) -> None:
    with serve_process(data_dir, "--no-console") as (url, _), httpx.Client(base_url=url) as client:
        response = client.post("/api/cypher", json={"query": "RETURN 1"})
        assert response.status_code == 404 and "switched off" in response.text
        assert client.get("/healthz").json()["console"] == "off"
        assert client.get("/api/queries/label_counts").status_code == 200


def test_the_console_token_is_required_when_set(data_dir: Path) -> None:
    env = {"ECOKG_CONSOLE_TOKEN": "s3cret-token-for-tests"}
    with serve_process(data_dir, env=env) as (url, _), httpx.Client(base_url=url) as client:
        body = {"query": "RETURN 1 AS one"}
        assert client.post("/api/cypher", json=body).status_code == 401
        wrong = client.post("/api/cypher", json=body, headers={"Authorization": "Bearer wrong"})
        assert wrong.status_code == 401
        ok = client.post("/api/cypher", json=body,
                         headers={"Authorization": "Bearer s3cret-token-for-tests"})
        assert ok.status_code == 200 and ok.json()["rows"] == [[1]]
        assert client.get("/healthz").json()["console"] == "token"
