"""Statements run in confined worker processes: none can stall, bloat, crash or escape the server.

Each worker warms up the LadybugDB binding, confines itself (:mod:`graph.confine.layers`: no
network, no file but its database, no new sockets or programs), opens the database file
read-only and then drops root. It runs one statement at a time and caps each result in rows and
bytes. The server waits up to the time limit plus a grace period and watches the worker's
memory; a worker that overruns either, dies, or fails in any other way is killed and replaced,
and one whose memory stays high after a statement is recycled. The pool never hands out a worker
twice and never loses one: each borrowed worker goes back to the idle queue or is replaced.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from graph.confine.layers import Layer, confine_worker, drop_user
from graph.errors import (
    EcokgError,
    QueryParameterError,
    QueryRejected,
    QueryTimeout,
    QueryTooLarge,
    StoreError,
)
from graph.stores.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT_MS,
    Counts,
    Dialect,
    QueryResult,
    count_all,
)

log = logging.getLogger("ecokg.workers")
POLL_S = 0.02
START_TIMEOUT_S = 60.0
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection


def _work(path: str, conn: Connection, home: str) -> None:
    """A worker's life: warm up, confine, open read-only, drop root, then answer one request at a time."""
    from graph.confine import probes
    from graph.stores.embedded import open_store, warm_up

    try:
        warm_up()
        layers = confine_worker(Path(path), Path(home))
        store = open_store(Path(path), read_only=True, threads=1, prepare_first=True)
        layers += (drop_user(),)
    except EcokgError as exc:
        conn.send(("error", exc))
        return
    except OSError as exc:
        conn.send(("error", StoreError(f"a query worker could not start: {exc}")))
        return
    conn.send(("ready", layers))
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            break  # the server went away
        except Exception as exc:  # noqa: BLE001 - a request that does not unpickle is refused
            _reply(conn, ("error", QueryParameterError(f"cannot read the request: {exc}")))
            continue
        kind, args = request[0], request[1:]
        try:
            if kind == "query":
                text, params, timeout_ms, max_rows, max_bytes = args
                answer: tuple[str, Any] = ("ok", store.query(text, params, timeout_ms=timeout_ms,
                                                             max_rows=max_rows, max_bytes=max_bytes))
            elif kind == "probe":
                answer = ("ok", probes.run(str(args[0])))
            else:
                answer = ("error", StoreError(f"unknown request {kind!r}"))
        except EcokgError as exc:
            answer = ("error", exc)
        except Exception as exc:  # noqa: BLE001 - anything else is reported, not fatal
            answer = ("error", StoreError(f"{type(exc).__name__}: {exc}"))
        _reply(conn, answer)
    store.close()


def _reply(conn: Connection, answer: tuple[str, Any]) -> None:
    try:
        payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - e.g. a value the engine returned that cannot be sent
        payload = pickle.dumps(("error", StoreError(f"the result cannot be sent: {type(exc).__name__}")))
    conn.send_bytes(payload)


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


class QueryWorkers:
    """A pool of confined worker processes over one read-only LadybugDB file (dialect ``ladybug``).

    Args:
        path: the database file.
        workers: how many statements may run at once.
        memory_mb: resident memory a worker may reach while it runs a statement; a worker above
            half of it after a statement is recycled.
        grace_ms: how long past the time limit a worker may take before it is killed.
        queue_s: how long a statement may wait for a free worker.
        name: what the pool is for, in messages and logs.
    """

    dialect: Dialect = "ladybug"

    def __init__(self, path: Path, *, workers: int = 2, memory_mb: int = 2048, grace_ms: int = 500,
                 queue_s: float = 10.0, name: str = "query") -> None:
        self.path = path
        self.name = name
        self.queue_s = queue_s
        self.memory_limit = memory_mb * 2**20
        self.grace_s = grace_ms / 1000
        self._size = workers
        # A fork server with our modules loaded: a replacement worker starts in about 0.1 s,
        # from a clean single-threaded process (never a fork of the threaded server).
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["graph.stores.embedded", "graph.stores.workers"])
        self._home = tempfile.mkdtemp(prefix="ecokg-worker-home-")
        os.chmod(self._home, 0o555)  # empty, and nobody may write it
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._started = False
        self._starting = 0
        self._closed = False
        self.confinement: tuple[Layer, ...] = ()

    # -- workers ---------------------------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_work, args=(str(self.path), child, self._home),
                                        name=f"ecokg-{self.name}-worker", daemon=True)
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
            self.confinement = tuple(payload)
        return worker

    def _add(self) -> None:
        """Start a worker and make it available (replacements start in a background thread)."""
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

    def start(self) -> None:
        """Start the pool now: the first worker in this thread, so that a broken file errors here."""
        with self._lock:
            first, self._started = not self._started, True
            empty = not self._all and not self._starting
        if first or empty:
            self._idle.put(self._spawn())
        if first:
            for _ in range(self._size - 1):
                self._add_in_background()

    # -- requests ----------------------------------------------------------------------------
    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              timeout_ms: int = DEFAULT_TIMEOUT_MS, max_rows: int = DEFAULT_MAX_ROWS,
              max_bytes: int = DEFAULT_MAX_BYTES) -> QueryResult:
        """Run one statement in a worker; kill the worker when it overruns time or memory.

        Raises:
            QueryTimeout: past the time limit, or no worker free within ``queue_s``.
            QueryTooLarge: the worker went past its memory limit.
            QueryRejected: the statement crashed the worker.
            QueryParameterError: parameters that cannot be sent to a worker.
            StoreError: as the store raised it in the worker.
        """
        request = ("query", text, dict(params or {}), int(timeout_ms), int(max_rows), int(max_bytes))
        result = self._request(request, timeout_ms / 1000 + self.grace_s, f"its time limit ({timeout_ms} ms)")
        assert isinstance(result, QueryResult)
        return result

    def probe(self, name: str) -> Any:
        """Run one of :mod:`graph.confine.probes` inside a worker (tests of the confinement)."""
        return self._request(("probe", name), 30.0, "30 s")

    def _request(self, request: tuple[Any, ...], allowed_s: float, limit: str) -> Any:
        if self._closed:
            raise StoreError(f"the {self.name} workers are closed")
        try:
            payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        except (RecursionError, pickle.PicklingError, TypeError, ValueError) as exc:
            raise QueryParameterError(f"the parameters cannot be sent to a query worker "
                                      f"({type(exc).__name__})") from None
        self.start()
        try:
            worker = self._idle.get(timeout=self.queue_s)
        except queue.Empty:
            raise QueryTimeout(f"every {self.name} worker stayed busy for {self.queue_s:.0f} s; "
                               "try again") from None
        outcome = self._run(worker, payload, time.monotonic() + allowed_s, limit)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _run(self, worker: _Worker, payload: bytes, deadline: float, limit: str) -> Any:
        """Send, wait and receive; the worker goes back to the pool or is replaced, whatever happens."""
        pid = worker.process.pid or 0
        healthy = False
        try:
            worker.conn.send_bytes(payload)
            while not worker.conn.poll(POLL_S):
                if time.monotonic() > deadline:
                    return QueryTimeout(f"query stopped at {limit}; its worker process was stopped")
                if (used := rss_bytes(pid)) > self.memory_limit:
                    return QueryTooLarge(f"query stopped: it used {used / 2**20:.0f} MB, more than the "
                                         f"{self.memory_limit / 2**20:.0f} MB a query may use")
            kind, answer = pickle.loads(worker.conn.recv_bytes())
            healthy = rss_bytes(pid) <= self.memory_limit // 2
        except (EOFError, OSError):
            code = worker.process.exitcode
            return QueryRejected(f"the statement stopped the query engine (worker exit code {code}); "
                                 "it is refused")
        except Exception as exc:  # noqa: BLE001 - any other failure costs the worker, never the pool
            return StoreError(f"a query worker failed: {type(exc).__name__}")
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._replace(worker)
        if kind == "ok":
            return answer
        return answer if isinstance(answer, Exception) else StoreError(str(answer))

    def counts(self) -> Counts:
        """Nodes per label and relationships per type."""
        return count_all(lambda text: self.query(text, max_rows=100_000).rows)

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._kill(worker)
        try:
            os.rmdir(self._home)
        except OSError:
            pass
