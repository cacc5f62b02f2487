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

import datetime
import json
import logging
import multiprocessing
import os
import queue
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from graph.confine.layers import Layer, confine_worker, drop_user
from graph.errors import (
    MAX_ERROR_CHARS,
    EcokgError,
    QueryParameterError,
    QueryRejected,
    QueryTimeout,
    QueryTooLarge,
    StoreError,
    clipped,
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
WORKER_NICENESS = 10
START_TIMEOUT_S = 60.0
ANSWER_OVERHEAD_BYTES = 1 << 20
"""What a worker's answer may hold beyond the result's byte cap (columns, numbers, framing)."""
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    statm: int = -1
    """An open descriptor of the worker's /proc/PID/statm: its memory stays readable even when
    the server is out of file descriptors."""


# Errors a worker may report, by name: nothing else is ever rebuilt from what a worker sends.
_ERRORS: dict[str, type[EcokgError]] = {cls.__name__: cls for cls in (
    QueryTimeout, QueryTooLarge, QueryRejected, QueryParameterError, StoreError)}


def _encode(message: dict[str, Any]) -> bytes:
    """A message as JSON: the server never unpickles what a worker sends."""
    return json.dumps(message, ensure_ascii=False, default=_json_value).encode("utf-8", "surrogatepass")


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)  # UUID, Decimal and anything else the engine returns


def _error_message(exc: BaseException) -> dict[str, Any]:
    name = next((c.__name__ for c in type(exc).__mro__ if c.__name__ in _ERRORS), "StoreError")
    return {"kind": "error", "error": name, "message": clipped(str(exc) if isinstance(exc, EcokgError)
                                                               else f"{type(exc).__name__}: {exc}")}


def _work(path: str, conn: Connection, home: str) -> None:
    """A worker's life: warm up, confine, open read-only, drop root, then answer one request at a time."""
    from graph.confine import probes
    from graph.stores.embedded import open_store, warm_up

    # Below the server in CPU priority, so a statement that burns a core cannot slow the answers
    # the server gives meanwhile (/healthz, search, cached pages).
    os.nice(WORKER_NICENESS)
    # The worker writes nothing anywhere: not even to the server's log.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        warm_up()
        layers = confine_worker(Path(path), Path(home))
        store = open_store(Path(path), read_only=True, threads=1, prepare_first=True)
        layers += (drop_user(),)
    except Exception as exc:  # noqa: BLE001 - reported to the server, which refuses to start
        conn.send_bytes(_encode(_error_message(exc)))
        return
    conn.send_bytes(_encode({"kind": "ready", "layers": [layer.as_dict() for layer in layers]}))
    while True:
        try:
            request = json.loads(conn.recv_bytes())
        except (EOFError, OSError):
            break  # the server went away
        try:
            if request["kind"] == "query":
                result = store.query(request["text"], request["params"], timeout_ms=request["timeout_ms"],
                                     max_rows=request["max_rows"], max_bytes=request["max_bytes"])
                answer: dict[str, Any] = {"kind": "ok", "result": asdict(result)}
            elif request["kind"] == "probe":
                answer = {"kind": "ok", "result": probes.run(str(request["name"]))}
            else:
                answer = _error_message(StoreError(f"unknown request {request['kind']!r}"))
            payload = _encode(answer)
        except Exception as exc:  # noqa: BLE001 - anything else is reported, not fatal
            payload = _encode(_error_message(exc))
        conn.send_bytes(payload)
    store.close()


def _rebuilt(message: dict[str, Any]) -> EcokgError:
    """The error a worker reported, as one of the classes it may report."""
    error = _ERRORS.get(str(message.get("error")), StoreError)
    return error(clipped(str(message.get("message", "worker error")), 2 * MAX_ERROR_CHARS))


def rss_bytes(statm_fd: int) -> int | None:
    """Resident memory of a process through its open /proc/PID/statm; None when unreadable."""
    try:
        return int(os.pread(statm_fd, 128, 0).split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None


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
            message = json.loads(parent.recv_bytes())
            worker.statm = os.open(f"/proc/{process.pid}/statm", os.O_RDONLY | os.O_CLOEXEC)
        except (EOFError, OSError, ValueError):
            self._kill(worker)
            raise StoreError(f"a query worker could not open {self.path}") from None
        if message.get("kind") != "ready":
            self._kill(worker)
            raise _rebuilt(message)
        with self._lock:
            self._all.add(worker)
            self.confinement = tuple(Layer(str(d["name"]), bool(d["active"]), str(d["detail"]))
                                     for d in message["layers"])
        return worker

    def _add(self) -> None:
        """Start a worker and make it available, retrying with back-off (say, while the server is
        out of file descriptors): the pool keeps its size."""
        delay = 0.1
        try:
            while not self._closed:
                try:
                    worker = self._spawn()
                except Exception as exc:  # noqa: BLE001 - whatever failed, try again later
                    log.error("cannot start a query worker (retrying in %.1f s): %s", delay, exc)
                    time.sleep(delay)
                    delay = min(delay * 2, 5.0)
                    continue
                if self._closed:
                    self._kill(worker)
                else:
                    self._idle.put(worker)
                return
        finally:
            with self._lock:
                self._starting -= 1

    def _add_in_background(self) -> None:
        with self._lock:
            self._starting += 1
        threading.Thread(target=self._add, name="ecokg-worker-start", daemon=True).start()

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        if worker.statm >= 0:
            os.close(worker.statm)
            worker.statm = -1
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
        request = {"kind": "query", "text": text, "params": dict(params or {}), "timeout_ms": int(timeout_ms),
                   "max_rows": int(max_rows), "max_bytes": int(max_bytes)}
        result = self._request(request, timeout_ms / 1000 + self.grace_s, f"its time limit ({timeout_ms} ms)")
        return QueryResult(**result)

    def probe(self, name: str) -> Any:
        """Run one of :mod:`graph.confine.probes` inside a worker (tests of the confinement)."""
        return self._request({"kind": "probe", "name": name}, 30.0, "30 s")

    def _request(self, request: dict[str, Any], allowed_s: float, limit: str) -> Any:
        if self._closed:
            raise StoreError(f"the {self.name} workers are closed")
        try:
            text_ = json.dumps(request, ensure_ascii=False, allow_nan=False)
            payload = text_.encode("utf-8", "surrogatepass")
        except (RecursionError, TypeError, ValueError) as exc:
            raise QueryParameterError(f"the parameters cannot be sent to a query worker "
                                      f"({type(exc).__name__})") from None
        self.start()
        try:
            worker = self._idle.get(timeout=self.queue_s)
        except queue.Empty:
            raise QueryTimeout(f"every {self.name} worker stayed busy for {self.queue_s:.0f} s; "
                               "try again") from None
        max_answer = int(request.get("max_bytes", 0)) + ANSWER_OVERHEAD_BYTES
        outcome = self._run(worker, payload, time.monotonic() + allowed_s, limit, max_answer)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def _run(self, worker: _Worker, payload: bytes, deadline: float, limit: str, max_answer: int) -> Any:
        """Send, wait and receive; the worker goes back to the pool or is replaced, whatever happens."""
        healthy = False
        try:
            worker.conn.send_bytes(payload)
            while not worker.conn.poll(POLL_S):
                if time.monotonic() > deadline:
                    return QueryTimeout(f"query stopped at {limit}; its worker process was stopped")
                used = rss_bytes(worker.statm)
                if used is None or used > self.memory_limit:  # unreadable counts as too much
                    shown = "an unknown amount" if used is None else f"{used / 2**20:.0f} MB"
                    return QueryTooLarge(f"query stopped: it used {shown}, more than the "
                                         f"{self.memory_limit / 2**20:.0f} MB a query may use")
            try:
                raw = worker.conn.recv_bytes(max_answer)
            except OSError:  # past the cap ("bad message length"): the worker is replaced
                return QueryTooLarge(f"the answer was larger than {max_answer / 2**20:.0f} MB")
            message = json.loads(raw)
            used = rss_bytes(worker.statm)
            healthy = used is not None and used <= self.memory_limit // 2
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
        if message.get("kind") == "ok":
            return message["result"]
        return _rebuilt(message)

    def counts(self) -> Counts:
        """Nodes per label and relationships per type."""
        return count_all(lambda text: self.query(text, max_rows=100_000).rows, self.dialect)

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
