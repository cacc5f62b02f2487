"""Ad-hoc statements in worker processes, so no statement can stall, bloat or crash the server.

LadybugDB's time limit interrupts operators, but not everything: ``UNWIND range(1, 3e8)``
materialises its list first and ran 20 s past a 1 s limit, and some table functions crash the
process. Each worker opens the database file read-only and runs one statement at a time; the
server waits up to the time limit plus a grace period, and watches the worker's memory. A worker
that overruns either, or dies, is killed and replaced, and the request gets a clear error.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from graph.errors import EcokgError, QueryRejected, QueryTimeout, QueryTooLarge, StoreError
from graph.stores.base import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_MS, QueryResult

log = logging.getLogger("ecokg.sandbox")
POLL_S = 0.02
START_TIMEOUT_S = 60.0
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection


def _work(path: str, conn: Connection, buffer_pool_mb: int) -> None:
    """A worker's loop: open the file read-only, then answer one request at a time."""
    from graph.stores.embedded import open_store  # in the worker process

    try:
        store = open_store(Path(path), read_only=True, buffer_pool_mb=buffer_pool_mb, threads=1,
                           prepare_first=True)
    except EcokgError as exc:
        conn.send(("error", exc))
        return
    conn.send(("ready", None))
    while True:
        try:
            text, params, timeout_ms, max_rows = conn.recv()
        except (EOFError, OSError):
            break  # the server went away
        try:
            conn.send(("ok", store.query(text, params, timeout_ms=timeout_ms, max_rows=max_rows)))
        except EcokgError as exc:
            conn.send(("error", exc))
        except Exception as exc:  # noqa: BLE001 - anything else is reported, not fatal
            conn.send(("error", StoreError(f"{type(exc).__name__}: {exc}")))
    store.close()


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


class QuerySandbox:
    """A small pool of query worker processes over one read-only database file.

    Args:
        path: the database file.
        workers: how many statements may run at once.
        memory_mb: resident memory a worker may reach while it runs a statement.
        grace_ms: how long past the time limit a worker may take before it is killed.
        queue_s: how long a statement may wait for a free worker.
    """

    name = "embedded"

    def __init__(self, path: Path, *, workers: int = 2, memory_mb: int = 2048, grace_ms: int = 500,
                 queue_s: float = 10.0) -> None:
        self.path = path
        self.queue_s = queue_s
        self.memory_limit = memory_mb * 2**20
        self.grace_s = grace_ms / 1000
        self._size = workers
        # LadybugDB reserves page-cache room generously (returning shortest paths to a label
        # needs over 2 GB of it on the curated graph) without touching it: its default page
        # cache, and the resident-memory check as the bound.
        self._buffer_pool_mb = 0
        # A fork server with our modules loaded: a replacement worker starts in about 0.1 s,
        # from a clean process (never a fork of the threaded server).
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["graph.stores.embedded", "graph.stores.sandbox"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._started = False
        self._starting = 0
        self._closed = False

    # -- workers ---------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_work, args=(str(self.path), child, self._buffer_pool_mb),
                                        name="ecokg-query-worker", daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        if not parent.poll(START_TIMEOUT_S):
            self._kill(worker)
            raise StoreError(f"a query worker did not open {self.path} within {START_TIMEOUT_S:.0f} s")
        try:
            kind, payload = parent.recv()
        except (EOFError, OSError):
            self._kill(worker)
            raise StoreError(f"a query worker could not open {self.path}") from None
        if kind != "ready":
            self._kill(worker)
            raise payload if isinstance(payload, EcokgError) else StoreError(str(payload))
        with self._lock:
            self._all.add(worker)
        return worker

    def _add(self) -> None:
        """Start a worker and make it available (replacements run in a background thread)."""
        try:
            worker = self._spawn()
        except EcokgError as exc:
            log.error("cannot start a query worker: %s", exc)
            return
        finally:
            with self._lock:
                self._starting -= 1
        if self._closed:
            self._kill(worker)
        else:
            self._idle.put(worker)

    def _add_in_background(self) -> None:
        with self._lock:
            self._starting += 1
        threading.Thread(target=self._add, name="ecokg-worker-start", daemon=True).start()

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        if not self._closed:
            self._add_in_background()

    def _ensure_workers(self) -> None:
        """Start the pool on first use; start one worker here whenever none is alive or starting."""
        with self._lock:
            first, self._started = not self._started, True
            empty = not self._all and not self._starting
        if first or empty:
            self._idle.put(self._spawn())  # in this thread, so that a broken file errors here
        if first:
            for _ in range(self._size - 1):
                self._add_in_background()

    # -- the store protocol's read side ----------------------------------------------------
    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              timeout_ms: int = DEFAULT_TIMEOUT_MS, max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
        """Run one statement in a worker; kill the worker when it overruns time or memory.

        Raises:
            QueryTimeout: past the time limit, or no worker free within ``queue_s``.
            QueryTooLarge: the worker went past its memory limit.
            QueryRejected: the statement crashed the worker.
            StoreError, QueryParameterError: as the store raised them in the worker.
        """
        if self._closed:
            raise StoreError("the query sandbox is closed")
        self._ensure_workers()
        try:
            worker = self._idle.get(timeout=self.queue_s)
        except queue.Empty:
            raise QueryTimeout(f"every query worker stayed busy for {self.queue_s:.0f} s; "
                               "try again") from None
        deadline = time.monotonic() + timeout_ms / 1000 + self.grace_s
        outcome = self._run(worker, (text, dict(params or {}), timeout_ms, max_rows), deadline)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _run(self, worker: _Worker, request: tuple[Any, ...], deadline: float) -> QueryResult | Exception:
        pid = worker.process.pid or 0
        try:
            worker.conn.send(request)
            while not worker.conn.poll(POLL_S):
                if time.monotonic() > deadline:
                    self._replace(worker)
                    return QueryTimeout(f"query stopped at its time limit ({request[2]} ms); "
                                        "its worker process was stopped")
                if (used := rss_bytes(pid)) > self.memory_limit:
                    self._replace(worker)
                    return QueryTooLarge(f"query stopped: it used {used / 2**20:.0f} MB, more than the "
                                         f"{self.memory_limit / 2**20:.0f} MB a query may use")
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            code = worker.process.exitcode
            self._replace(worker)
            return QueryRejected(f"the statement stopped the query engine (worker exit code {code}); "
                                 "it is refused")
        self._idle.put(worker)
        if kind == "ok":
            return payload  # type: ignore[no-any-return]
        return payload if isinstance(payload, Exception) else StoreError(str(payload))

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._kill(worker)
