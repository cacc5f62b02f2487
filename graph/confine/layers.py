"""Least privilege for the server and its query workers, in layers, each reported as applied or not.

A query worker gives up, for good, before it opens its database file read-only:

1. the network — a new, empty network namespace (no interface is up, not even loopback);
2. privilege gain — ``no_new_privs``;
3. the file system — a Landlock ruleset that grants reading the database file and nothing else,
   so no other file can be opened, no TCP port can be bound or connected, and no abstract Unix
   socket or process outside the worker can be reached;
4. system calls — a seccomp filter refusing new sockets, ``execve``, namespaces, ``ptrace``,
   ``bpf``, ``io_uring`` and kernel modules;
5. core dumps are off, and ``HOME`` is an empty directory it cannot write;
6. its user, once the database is open — root becomes ``nobody``, with no supplementary groups.

The server itself (``ecokg serve``) keeps read access to its code, data and database, write access
to one private runtime directory, and TCP only on its own port (and Neo4j's): it cannot write the
database it serves either. Each layer the kernel or the process's privileges do not allow is
reported with the reason, at start-up and in ``/healthz``.
"""

from __future__ import annotations

import ctypes
import os
import pwd
import resource
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.confine import landlock, seccomp

CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000
UNPRIVILEGED_USER = "nobody"


@dataclass(frozen=True)
class Layer:
    """One defence: whether it is active, and what it does or why it is missing."""

    name: str
    active: bool
    detail: str

    def as_dict(self) -> dict[str, object]:
        """The layer as JSON-able data."""
        return asdict(self)


def _unshare(flags: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(ctypes.c_int(flags)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def _network_namespace() -> Layer:
    name = "network namespace"
    try:
        # Root may make a network namespace; anyone else needs a user namespace around it.
        _unshare(CLONE_NEWNET if os.geteuid() == 0 else CLONE_NEWUSER | CLONE_NEWNET)
    except OSError as exc:
        return Layer(name, False, f"unshare failed: {exc.strerror}")
    return Layer(name, True, "a new network namespace with no interface up")


def _unprivileged_user(entry: pwd.struct_passwd | None) -> Layer:
    name = "unprivileged user"
    if os.geteuid() != 0:
        return Layer(name, True, f"runs as uid {os.geteuid()} (not root)")
    if entry is None:
        return Layer(name, False, f"there is no user {UNPRIVILEGED_USER!r} to become")
    try:
        os.setgroups([])
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)
    except OSError as exc:
        return Layer(name, False, f"cannot become {UNPRIVILEGED_USER}: {exc}")
    if os.geteuid() == 0 or os.getuid() == 0:
        return Layer(name, False, "still root after setuid")
    return Layer(name, True, f"root dropped to {UNPRIVILEGED_USER} (uid {entry.pw_uid})")


def _lookup_user() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError:
        return None


_target_user: list[pwd.struct_passwd | None] = []
"""The user :func:`drop_user` becomes, looked up before Landlock hides /etc/passwd."""


def _landlock(rules: Iterable[landlock.PathRule], tcp_ports: Iterable[tuple[int, int]],
              what: str) -> list[Layer]:
    abi = landlock.abi_version()
    if abi < 1:
        missing = "the kernel has no Landlock (or it is switched off)"
        return [Layer("landlock filesystem", False, missing), Layer("landlock tcp", False, missing)]
    try:
        applied = landlock.restrict(list(rules), tcp_ports=list(tcp_ports))
    except OSError as exc:
        failed = f"landlock_restrict_self failed: {exc}"
        return [Layer("landlock filesystem", False, failed), Layer("landlock tcp", False, failed)]
    layers = [Layer("landlock filesystem", True, f"ABI {applied.abi}: {what}"),
              Layer("landlock tcp", applied.tcp,
                    "TCP bind and connect denied except the listed ports" if applied.tcp
                    else f"needs Landlock ABI 4, the kernel has {abi}")]
    layers.append(Layer("landlock scopes", applied.scopes,
                        "no abstract Unix sockets or signals outside its own domain" if applied.scopes
                        else f"needs Landlock ABI 6, the kernel has {abi}"))
    return layers


def _seccomp() -> Layer:
    name = "seccomp"
    if not seccomp.supported():
        return Layer(name, False, "no filter described for this architecture")
    try:
        seccomp.install()
    except OSError as exc:
        return Layer(name, False, str(exc))
    return Layer(name, True, f"{len(seccomp.DENIED_X86_64)} system calls refused (sockets, exec, "
                             "namespaces, ptrace, bpf, io_uring, modules)")


def _no_core_dumps() -> Layer:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return Layer("no core dumps", True, "RLIMIT_CORE is 0")


def confine_worker(database: Path, home: Path | None = None) -> tuple[Layer, ...]:
    """Confine this worker process before it opens ``database``, the one file it may read.

    Landlock and seccomp bind the calling thread and the threads it starts later, so this runs
    while the worker has a single thread, and the database (whose engine starts threads of its
    own) is opened afterwards; then :func:`drop_user` gives up root for every thread at once.
    """
    _target_user[:] = [_lookup_user()]
    layers = [_network_namespace(), _no_core_dumps()]
    if home is not None:
        os.environ["HOME"] = str(home)
        layers.append(Layer("empty HOME", True, "HOME is an empty directory it cannot write"))
    layers += _landlock([landlock.PathRule(str(database), landlock.FS_READ_FILE)], (),
                        "only the database file may be opened, read-only")
    layers.append(_seccomp())
    return tuple(layers)


def drop_user() -> Layer:
    """Give up root (every thread: glibc changes the credentials of all of them)."""
    return _unprivileged_user(_target_user[0] if _target_user else _lookup_user())


def code_paths() -> list[str]:
    """Where Python and its libraries live: read and execute for the server's own imports."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, "/usr/lib", "/usr/lib64", "/lib",
             "/lib64", "/usr/local/lib", "/usr/share/zoneinfo", "/etc/localtime"}
    paths.update(p for p in sys.path if p and os.path.isdir(p))
    return sorted(paths)


def confine_server(*, read: Sequence[Path], write: Sequence[Path],
                   tcp_ports: Iterable[tuple[int, int]]) -> tuple[Layer, ...]:
    """Confine the serving process: code and ``read`` read-only, ``write`` writable, listed TCP only."""
    rules = [landlock.PathRule(p, landlock.READ_EXECUTE) for p in code_paths()]
    rules += [landlock.PathRule(str(p), landlock.READ) for p in read]
    # Name services (the workers' unprivileged user, Neo4j's host name) and the workers' memory.
    rules += [landlock.PathRule(f"/etc/{name}", landlock.READ) for name in _SYSTEM_FILES]
    rules += [landlock.PathRule("/proc", landlock.READ),
              landlock.PathRule("/dev/null", landlock.READ | landlock.FS_WRITE_FILE),
              landlock.PathRule("/dev/urandom", landlock.READ)]
    rules += [landlock.PathRule(str(p), _ALL_FS) for p in write]
    return tuple(_landlock(rules, tcp_ports, "read-only code and data; writes only to its private "
                                             "runtime directory"))


_ALL_FS = (1 << 16) - 1
_SYSTEM_FILES = ("passwd", "group", "hosts", "nsswitch.conf", "resolv.conf", "host.conf", "gai.conf",
                 "ssl", "localtime", "mime.types")


def missing(layers: Iterable[Layer]) -> list[str]:
    """'name: reason' of each layer that is not active."""
    return [f"{layer.name}: {layer.detail}" for layer in layers if not layer.active]
