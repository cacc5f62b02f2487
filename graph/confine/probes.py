"""What a confined worker tries, for the tests of its confinement: each probe reports what the OS allowed.

A probe is named, never sent as code: the worker looks it up here. Each returns a short string —
``"allowed: …"`` if the attempt succeeded, ``"refused: …"`` with the error otherwise.
"""

from __future__ import annotations

import ctypes
import encodings.idna  # noqa: F401 - loaded now: a confined worker could not import it later
import os
import socket
from collections.abc import Callable


def _attempt(action: Callable[[], object]) -> str:
    try:
        outcome = action()
    except OSError as exc:
        return f"refused: {exc.strerror or exc}"
    return f"allowed: {outcome!r}"[:200]


def read_passwd() -> str:
    """Read /etc/passwd."""
    def act() -> object:
        with open("/etc/passwd", "rb") as f:
            return f.read(16)
    return _attempt(act)


def write_tmp() -> str:
    """Create a file under /tmp."""
    def act() -> object:
        path = f"/tmp/ecokg-probe-{os.getpid()}"
        with open(path, "w", encoding="ascii") as f:
            f.write("x")
        os.unlink(path)
        return path
    return _attempt(act)


def connect_loopback() -> str:
    """Open a TCP connection to the port in $ECOKG_PROBE_PORT on 127.0.0.1."""
    port = int(os.environ.get("ECOKG_PROBE_PORT", "9"))

    def act() -> object:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            return sock.getpeername()
    return _attempt(act)


def load_library() -> str:
    """dlopen a shared library that is not loaded yet."""
    return _attempt(lambda: ctypes.CDLL("libresolv.so.2"))


def run_program() -> str:
    """Start a program."""
    def act() -> object:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                os.execv("/bin/true", ["true"])
            finally:
                os._exit(127)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise PermissionError(1, "execve was refused in the child")
        return status
    return _attempt(act)


def identity() -> str:
    """The user the worker runs as, and its HOME."""
    return f"uid={os.getuid()} euid={os.geteuid()} gid={os.getgid()} home={os.environ.get('HOME')}"


PROBES: dict[str, Callable[[], str]] = {f.__name__: f for f in (read_passwd, write_tmp, connect_loopback,
                                                                 load_library, run_program, identity)}


def run(name: str) -> str:
    """Run the probe called ``name``."""
    if name not in PROBES:
        raise ValueError(f"no probe {name!r}")
    return PROBES[name]()
