"""The embedded default store: LadybugDB (the maintained fork of Kùzu), one database file.

Loads bulk-copy Arrow tables (``COPY … FROM``) into a fresh file that replaces the previous one
atomically (:func:`build_database`): the swap, not a transaction, makes a load all-or-nothing.
The server opens its file read-only (:func:`open_store`).
"""

from __future__ import annotations

import contextlib
import math
import os
import queue
import secrets
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

from graph.errors import QueryParameterError, QueryRejected, QueryTimeout, QueryTooLarge, StoreError
from graph.gc_pause import paused_gc
from graph.model import KnowledgeGraph
from graph.paths import DB_FILENAME, default_data_dir
from graph.stores.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT_MS,
    Counts,
    Dialect,
    LoadReport,
    Progress,
    QueryResult,
    approx_size,
    count_all,
)
from graph.stores.frames import RelationshipFrame, node_frames, relationship_frames
from graph.stores.schema import ladybug_ddl, quote

# query() prepares before it executes, to refuse what must not run; the binding warns about it.
warnings.filterwarnings("ignore", message="The use of separate prepare", category=DeprecationWarning)


def default_db_path() -> Path:
    """The embedded database file under the per-user data directory (settings may say otherwise)."""
    return default_data_dir() / DB_FILENAME


class EmbeddedStore:
    """A LadybugDB database behind the store protocol; one connection per thread."""

    name = "embedded"
    dialect: Dialect = "ladybug"

    def __init__(self, database: ladybug.Database, *, read_only: bool = False,
                 prepare_first: bool = False) -> None:
        self._db = database
        self.read_only = read_only
        self.prepare_first = prepare_first
        self._local = threading.local()
        self._connections: list[ladybug.Connection] = []
        self._lock = threading.Lock()

    def _conn(self) -> ladybug.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = ladybug.Connection(self._db)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    # -- writing ---------------------------------------------------------------------------
    def load(self, graph: KnowledgeGraph, progress: Progress | None = None) -> LoadReport:
        """Replace the contents of this (read-write) database with ``graph`` by bulk COPY."""
        if self.read_only:
            raise StoreError("this embedded database is open read-only")
        started = time.perf_counter()
        conn = self._conn()
        self._copy_all(conn, graph, progress)
        # Databases built by build_database() run without auto-checkpoints: one checkpoint at
        # the end is several times faster than one per COPY or one large transaction.
        conn.execute("CHECKPOINT")
        return LoadReport(self.counts(), time.perf_counter() - started)

    def _copy_all(self, conn: ladybug.Connection, graph: KnowledgeGraph,
                  progress: Progress | None) -> None:
        self._drop_tables(conn)
        for statement in ladybug_ddl():
            conn.execute(statement)
        # Frames are built in a second thread while the database copies the previous ones:
        # COPY runs without the GIL, so the two overlap instead of adding up.
        for item in _prefetched(_frames(graph)):
            if isinstance(item, RelationshipFrame):
                conn.execute(f"COPY {quote(item.rel_type)} FROM $frame "
                             f"(from={_string(item.from_label)}, to={_string(item.to_label)})",
                             {"frame": item.table})
                if progress:
                    progress(f"relationships {item.rel_type}", item.table.num_rows)
            else:
                label, table = item
                conn.execute(f"COPY {quote(label)} FROM $frame", {"frame": table})
                if progress:
                    progress(f"nodes {label}", table.num_rows)

    def _drop_tables(self, conn: ladybug.Connection) -> None:
        tables = _rows(conn, "CALL show_tables() RETURN name, type")
        for name, _kind in sorted(tables, key=lambda t: t[1] != "REL"):
            conn.execute(f"DROP TABLE {quote(name)}")

    # -- reading ---------------------------------------------------------------------------
    def query(self, text: str, params: Mapping[str, Any] | None = None, *,
              timeout_ms: int = DEFAULT_TIMEOUT_MS, max_rows: int = DEFAULT_MAX_ROWS,
              max_bytes: int = DEFAULT_MAX_BYTES) -> QueryResult:
        """Run one Cypher statement; writes fail because the server's database is read-only.

        Rows stop at ``max_rows`` or once they hold about ``max_bytes``; ``truncated`` says so.
        """
        conn = self._conn()
        conn.set_query_timeout(max(1, int(timeout_ms)))
        started = time.perf_counter()
        try:
            if self.prepare_first:
                # Refuses several statements, and writes (the file is read-only), before
                # anything runs; costs a few milliseconds, so only for statements users send.
                prepared = conn.prepare(text)
                if not prepared.is_success():
                    raise RuntimeError(prepared.get_error_message())
                result = conn.execute(prepared, dict(params or {}))
            else:
                result = conn.execute(text, dict(params or {}))
        except RuntimeError as exc:
            raise _translate(exc) from None
        except (ValueError, TypeError) as exc:  # parameters the database cannot bind
            raise QueryParameterError(f"cannot bind the query parameters: {exc}") from None
        if isinstance(result, list):
            for r in result:
                r.close()
            raise QueryRejected("send one statement per request")
        try:
            columns = list(result.get_column_names())
            rows: list[list[Any]] = []
            truncated = False
            size = 0
            while result.has_next():
                if len(rows) >= max_rows or size > max_bytes:
                    truncated = True
                    break
                row = [plain(v) for v in result.get_next()]
                size += approx_size(row)
                if size > max_bytes:
                    truncated = True
                    break
                rows.append(row)
        except RuntimeError as exc:
            raise _translate(exc) from None
        finally:
            result.close()
        return QueryResult(columns, rows, truncated, (time.perf_counter() - started) * 1000)

    def counts(self) -> Counts:
        """Nodes per label and relationships per type."""
        return count_all(lambda text: self.query(text, max_rows=100_000).rows, self.dialect)

    def close(self) -> None:
        """Close every connection and the database."""
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._db.close()


Frame = tuple[str, pa.Table] | RelationshipFrame


def _frames(graph: KnowledgeGraph) -> Iterator[Frame]:
    """Node frames, then relationship frames (COPY order: relationships need their nodes)."""
    yield from node_frames(graph)
    yield from relationship_frames(graph)


def _prefetched(items: Iterator[Frame], depth: int = 4) -> Iterator[Frame]:
    """``items``, produced by a background thread up to ``depth`` ahead; its errors re-raised here."""
    box: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        box.put(("item", item), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            box.put(("done", None))
        except BaseException as exc:  # handed to the consumer
            box.put(("error", exc))

    worker = threading.Thread(target=produce, name="ecokg-frames", daemon=True)
    worker.start()
    try:
        while True:
            kind, value = box.get()
            if kind == "done":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        while worker.is_alive():
            with contextlib.suppress(queue.Empty):
                box.get_nowait()
            worker.join(timeout=0.05)


def _rows(conn: ladybug.Connection, text: str) -> list[list[Any]]:
    result = conn.execute(text)
    assert not isinstance(result, list), "one statement, one result"
    return [list(row) for row in result.get_all()]


def _string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _translate(exc: RuntimeError) -> Exception:
    message = str(exc)
    lowered = message.lower()
    if "interrupted" in lowered or "timeout" in lowered:
        return QueryTimeout(f"query stopped at its time limit ({message})")
    if "read-only" in lowered or "read only" in lowered:
        return QueryRejected("the graph is read-only: writes are refused")
    if "buffer pool is full" in lowered:
        return QueryTooLarge("query stopped: it needs more memory than the database's page cache holds")
    if "multiple statements" in lowered:
        return QueryRejected("send one statement per request")
    return StoreError(message)


def plain(value: Any) -> Any:
    """Convert LadybugDB values (nodes, relationships, paths) into plain JSON-able data."""
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            nodes = [plain(n) for n in value["_NODES"]]
            ids = {_internal(n): n.get("id") for n in value["_NODES"]}
            rels = []
            for r in value["_RELS"]:
                rel = plain(r)
                rel["source"], rel["target"] = ids.get(_internal_ref(r["_SRC"])), ids.get(
                    _internal_ref(r["_DST"]))
                rels.append(rel)
            return {"nodes": nodes, "relationships": rels}
        if "_SRC" in value and "_LABEL" in value:
            out = {"type": value["_LABEL"]}
            out.update({k: plain(v) for k, v in value.items() if not k.startswith("_") and v is not None})
            return out
        if "_LABEL" in value and "_ID" in value:
            out = {"label": value["_LABEL"]}
            out.update({k: plain(v) for k, v in value.items() if not k.startswith("_") and v is not None})
            return out
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # nan, inf: JSON has no such numbers
    return value


def _internal(node: Mapping[str, Any]) -> tuple[int, int]:
    return _internal_ref(node["_ID"])


def _internal_ref(ref: Mapping[str, int]) -> tuple[int, int]:
    return int(ref["table"]), int(ref["offset"])


def warm_up() -> None:
    """Load the engine's native module and every value conversion once, on a throwaway in-memory database.

    A query worker does this before it confines itself: afterwards it may not open the files a
    first use would import.
    """
    database = ladybug.Database(None, max_num_threads=1)
    conn = ladybug.Connection(database)
    try:
        result = conn.execute(_WARM_UP)
        assert not isinstance(result, list)
        result.get_all()
        result.close()
        prepared = conn.prepare("RETURN $s AS s, $i AS i, $f AS f, $b AS b, $l AS l, $m AS m")
        bound = conn.execute(prepared, {"s": "a", "i": 1, "f": 1.5, "b": True, "l": ["a"], "m": {"k": 1}})
        assert not isinstance(bound, list)
        bound.get_all()
        bound.close()
    finally:
        conn.close()
        database.close()


_WARM_UP = ("RETURN 1 AS i, 'x' AS s, [1.5] AS l, {k: date('2025-01-01')} AS m, "
            "CAST('2025-01-01 10:00:00' AS TIMESTAMP) AS t, interval('1 day') AS d, "
            "uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11') AS u, true AS b, NULL AS n")

SIDECAR_SUFFIXES = (".wal", ".shadow", ".wal.checkpoint", ".lock", ".checkpoint.intent.lock", ".tmp")
"""Files LadybugDB keeps beside a database file ``X`` as ``X.wal``, ``X.shadow`` …"""


def sidecars(path: Path) -> list[Path]:
    """The LadybugDB files beside ``path`` that exist (a WAL, a pending checkpoint's shadow …)."""
    return [p for p in (Path(f"{path}{suffix}") for suffix in SIDECAR_SUFFIXES) if p.exists()]


def open_store(path: Path | None = None, *, read_only: bool = True, buffer_pool_mb: int = 0,
               threads: int = 0, prepare_first: bool = False) -> EmbeddedStore:
    """Open the embedded database file (read-only unless asked).

    Args:
        buffer_pool_mb: the page cache; 0 lets LadybugDB choose (most of the machine's memory).
        threads: threads one query may use; 0 for all cores.
        prepare_first: prepare each statement before running it (for statements users send).
    """
    target = path or default_db_path()
    if read_only and not target.exists():
        raise StoreError(f"no embedded database at {target}: run `ecokg load` first")
    try:
        database = ladybug.Database(str(target), read_only=read_only, buffer_pool_size=buffer_pool_mb << 20,
                                    max_num_threads=threads)
        return EmbeddedStore(database, read_only=read_only, prepare_first=prepare_first)
    except RuntimeError as exc:
        raise StoreError(f"cannot open {target}: {_first_line(exc)}") from None


def build_database(graph: KnowledgeGraph, path: Path | None = None,
                   progress: Progress | None = None) -> LoadReport:
    """Build ``graph`` into a new file beside ``path`` and atomically replace ``path`` with it.

    A failure or a kill midway leaves the previous database untouched (and still served); the
    next build removes what a killed one left. Files a failed checkpoint left beside ``path``
    (which stop LadybugDB from opening it read-only) are removed with the old file.

    Raises:
        StoreError: naming the file, when it cannot be written (a full disk, no permission).
    """
    target = path or default_db_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_builds(target)
    except OSError as exc:
        raise StoreError(f"cannot write {exc.filename or target.parent}: {exc.strerror}") from None
    building = target.with_name(f".{target.name}.building-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        store = EmbeddedStore(ladybug.Database(str(building), auto_checkpoint=False))
        try:
            with paused_gc():
                report = store.load(graph, progress)
        finally:
            store.close()
        _check_counts(report.counts, graph)
        with open(building, "rb") as f:
            os.fsync(f.fileno())
        for stale in sidecars(target):  # a pending checkpoint of the old file must not meet the new
            stale.unlink()
        os.replace(building, target)
        _write_standing(graph, target)
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise StoreError(f"cannot write {exc.filename or building}: {exc.strerror}") from None
    except RuntimeError as exc:  # LadybugDB's IO errors (a full disk among them)
        raise StoreError(f"cannot build {target}: {_first_line(exc)}") from None
    finally:
        _remove_build(building)
    return report


def _write_standing(graph: KnowledgeGraph, target: Path) -> None:
    """PageRank ranks and communities beside the database, for the entity page (best effort)."""
    from graph.analytics.standing import standing_path, write_standing

    try:
        write_standing(graph, target)
    except Exception:  # analytics must never fail a load; the app computes them itself
        standing_path(target).unlink(missing_ok=True)


def data_mtime(data_dir: Path) -> float:
    """Newest modification time of the curated data files."""
    files = [p for p in data_dir.rglob("*.yaml") if p.is_file()]
    return max((p.stat().st_mtime for p in files), default=0.0)


def needs_build(data_dir: Path, path: Path) -> str | None:
    """Why the database file must be (re)built from ``data_dir``, or None when it is current."""
    if not path.exists():
        return "it does not exist yet"
    if pending := sidecars(path):
        return f"{', '.join(p.name for p in pending)} beside it (an interrupted write or checkpoint)"
    if path.stat().st_mtime < data_mtime(data_dir):
        return "the curated data is newer"
    return None


def ensure_database(load: Callable[[], KnowledgeGraph], data_dir: Path, path: Path | None = None,
                    progress: Progress | None = None, say: Callable[[str], None] | None = None) -> Path:
    """Build the database from ``data_dir`` when it is missing, stale or left mid-checkpoint."""
    target = path or default_db_path()
    if reason := needs_build(data_dir, target):
        if say:
            say(f"building the embedded database {target} from {data_dir} ({reason})")
        build_database(load(), target, progress)
    return target


def _check_counts(counts: Counts, graph: KnowledgeGraph) -> None:
    if counts.nodes != graph.label_counts() or counts.relationships != graph.type_counts():
        raise StoreError("embedded load wrote different counts than the graph holds; "
                         "the previous database was kept")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _remove_build(building: Path) -> None:
    for candidate in [building, *sidecars(building)]:
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def _remove_stale_builds(target: Path) -> None:
    """Remove every file of a build whose process is gone (or whose PID this process now has)."""
    prefix = f".{target.name}.building-"
    for stale in target.parent.glob(f"{prefix}*"):
        pid = stale.name[len(prefix):].split("-", 1)[0].split(".", 1)[0]
        if pid.isdigit() and (int(pid) == os.getpid() or not _alive(int(pid))):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
