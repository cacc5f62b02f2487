"""Bounded work: pathological statements stop at the time or memory limit while others are served."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from graph.errors import QueryRejected, QueryTimeout, QueryTooLarge
from graph.stores.workers import QueryWorkers
from tests.api.conftest import TIGHT_TIMEOUT_MS

# Each would run far past a 300 ms limit; the comment says how it defeats the engine's own limit.
PATHOLOGICAL = {
    "cartesian product": "MATCH (a), (b), (c), (d), (e) "
                         "WHERE a.name + b.name + c.name + d.name + e.name = 'x' RETURN count(*)",
    "unbounded variable-length paths": "MATCH p = (a)-[*1..30]-(b) RETURN count(p)",
    # materialises the list before any operator checks the time limit (20 s in one run)
    "huge UNWIND": "UNWIND range(1, 300000000) AS x RETURN sum(x)",
    "sort of a cross product": "MATCH (a), (b), (c) RETURN a.name, b.name, c.name "
                               "ORDER BY a.name + b.name + c.name",
}
# Well past the limit, far below the minutes the huge UNWIND takes: the watchdog, not the engine.
BOUND_S = TIGHT_TIMEOUT_MS / 1000 + 5


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_statements_stop_at_the_limit(tight_client: httpx.Client, name: str) -> None:
    started = time.monotonic()
    response = tight_client.post("/api/cypher", json={"query": PATHOLOGICAL[name]})
    elapsed = time.monotonic() - started
    detail = response.json()["detail"]
    # Path enumeration or a materialised list may pass the memory limit before the time limit
    # (which comes first depends on the machine's speed): stopped by a watchdog all the same.
    assert (response.status_code, "time limit" in detail) == (504, True) or (
        response.status_code == 400 and "more than the" in detail and "a query may use" in detail
    ), response.text
    assert elapsed < BOUND_S, f"{name} answered after {elapsed:.1f} s"
    assert tight_client.post("/api/cypher", json={"query": "RETURN 1 AS one"}).json()["rows"] == [[1]]


def test_other_requests_are_served_while_pathological_ones_run(client: httpx.Client) -> None:
    """Two huge UNWINDs hold both query workers for 3 s; search, entities, ego and canned queries
    are all answered while they still run, and the UNWINDs then stop at their limit."""
    quick = ["/api/search?q=优必选", "/api/entities/ubtech", "/api/entities/ubtech/ego?depth=2",
             "/api/queries/centre_leaders", "/healthz"] * 4
    hog = {"query": PATHOLOGICAL["huge UNWIND"], "timeout_ms": 3_000}
    with ThreadPoolExecutor(max_workers=8) as pool:
        slow = [pool.submit(client.post, "/api/cypher", json=hog) for _ in range(2)]
        time.sleep(0.2)
        answers = list(pool.map(client.get, quick))
        still_running = [not f.done() for f in slow]
        slow_answers = [f.result() for f in slow]
    assert [a.status_code for a in answers] == [200] * len(quick)
    assert still_running == [True, True], "the quick requests waited for the slow ones"
    # Each hog stops at the time limit (504) or, when its list grows faster, at the memory limit.
    assert all(a.status_code == 504 or (a.status_code == 400 and "MB" in a.text) for a in slow_answers)


def test_the_row_cap_bounds_a_huge_result(tight_client: httpx.Client) -> None:
    body = tight_client.post("/api/cypher", json={"query": "UNWIND range(1, 1000000) AS x RETURN x"}).json()
    assert body["truncated"] is True and len(body["rows"]) == 5


@pytest.fixture(scope="module")
def sandbox(api_db: Path) -> QueryWorkers:
    """One worker process with a low memory limit, on the API's database file."""
    box = QueryWorkers(api_db, workers=1, memory_mb=256, grace_ms=200)
    yield box
    box.close()


def test_a_statement_past_the_memory_limit_is_stopped(sandbox: QueryWorkers) -> None:
    with pytest.raises(QueryTooLarge, match="more than the 256 MB"):
        sandbox.query("WITH range(1, 200000000) AS l RETURN size(l)", timeout_ms=60_000)
    assert sandbox.query("RETURN 2 AS two").rows == [[2]]


def test_a_statement_that_crashes_the_engine_costs_only_a_worker(sandbox: QueryWorkers) -> None:
    # This table function crashes LadybugDB 0.22 (SIGSEGV); graph.statements.readonly refuses it at the API,
    # here it reaches the engine to show that a crash costs a worker, never the server.
    with pytest.raises(QueryRejected, match="stopped the query engine"):
        sandbox.query("CALL read_csv_serial('/etc/hostname') RETURN *")
    assert sandbox.query("MATCH (c:Company {id: 'ubtech'}) RETURN c.name").rows == [["优必选"]]


def test_the_sandbox_time_limit_holds_without_the_engine(api_db: Path) -> None:
    roomy = QueryWorkers(api_db, workers=1, memory_mb=8192, grace_ms=200)
    try:
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="worker process was stopped"):
            roomy.query(PATHOLOGICAL["huge UNWIND"], timeout_ms=300)
        assert time.monotonic() - started < BOUND_S
        assert roomy.query("RETURN 3 AS three").rows == [[3]]
    finally:
        roomy.close()


def test_a_statement_waits_for_a_free_worker_only_so_long(api_db: Path) -> None:
    single = QueryWorkers(api_db, workers=1, memory_mb=8192, grace_ms=200, queue_s=0.2)
    try:
        single.query("RETURN 1")  # the worker is up
        with ThreadPoolExecutor(max_workers=1) as pool:
            hog = pool.submit(single.query, PATHOLOGICAL["huge UNWIND"], timeout_ms=2_000)
            deadline = time.monotonic() + 10
            while single._idle.qsize() and time.monotonic() < deadline:  # until the hog holds it
                time.sleep(0.01)
            with pytest.raises(QueryTimeout, match="stayed busy"):
                single.query("RETURN 2")
            with pytest.raises(QueryTimeout, match="time limit"):
                hog.result()
        single.queue_s = 30.0  # the killed worker's replacement may take a moment to start
        assert single.query("RETURN 3 AS three").rows == [[3]]
    finally:
        single.close()
