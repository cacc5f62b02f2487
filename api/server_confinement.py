"""``ecokg serve`` confines its own process before it starts serving (see :mod:`graph.confine.layers`)."""

from __future__ import annotations

import atexit
import mimetypes
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from graph.confine import landlock
from graph.confine.layers import Layer, confine_server

_APPLIED: tuple[Layer, ...] = ()
REPO_ROOT = Path(__file__).resolve().parents[1]


def applied() -> tuple[Layer, ...]:
    """The layers this process applied to itself (none when the app runs inside another program)."""
    return _APPLIED


def confine_serving_process(*, port: int, read: Iterable[Path],
                            neo4j_uri: str | None = None) -> tuple[Layer, ...]:
    """Confine this process: read-only code and data, one private writable runtime directory, TCP
    only to bind ``port`` (and to reach Neo4j at ``neo4j_uri``).

    Call it before any worker or server thread starts: the restriction covers the calling thread
    and everything it starts afterwards. Temporary files (the fork server's socket, exports) go
    to the runtime directory from then on.
    """
    global _APPLIED
    mimetypes.init()  # static files need the type map, read from /etc on first use
    runtime = Path(tempfile.mkdtemp(prefix="ecokg-serve-"))
    atexit.register(shutil.rmtree, runtime, ignore_errors=True)
    os.environ["TMPDIR"] = str(runtime)
    tempfile.tempdir = str(runtime)
    ports = [(port, landlock.NET_BIND_TCP)]
    if neo4j_uri:
        parsed = urlparse(neo4j_uri)
        ports.append((parsed.port or 7687, landlock.NET_CONNECT_TCP))
    paths = [REPO_ROOT, *read]
    _APPLIED = confine_server(read=[p for p in paths if p.exists()], write=[runtime], tcp_ports=ports)
    return _APPLIED
