"""Landlock through its three system calls: file-system, TCP and scope rules for this thread and its children.

Landlock (Linux ≥ 5.13) lets an unprivileged process give up access for good — root included. A
ruleset names the access rights it *handles*; once applied, a handled right is allowed only
beneath the paths (or on the TCP ports) a rule grants it, and denied everywhere else. Rights a
kernel does not know (its ABI version is too old) are left out, and :func:`restrict` says which
layers it could apply. The restriction covers the calling thread and every thread and process
it starts afterwards, so it is applied before any other thread exists.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterable
from dataclasses import dataclass

SYS_CREATE_RULESET, SYS_ADD_RULE, SYS_RESTRICT_SELF = 444, 445, 446  # the same on x86_64 and arm64
PR_SET_NO_NEW_PRIVS = 38
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH, RULE_NET_PORT = 1, 2

# File-system rights, with the ABI version that introduced each.
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
FS_REMOVE_DIR, FS_REMOVE_FILE, FS_MAKE_CHAR, FS_MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
FS_MAKE_REG, FS_MAKE_SOCK, FS_MAKE_FIFO, FS_MAKE_BLOCK = 1 << 8, 1 << 9, 1 << 10, 1 << 11
FS_MAKE_SYM, FS_REFER, FS_TRUNCATE, FS_IOCTL_DEV = 1 << 12, 1 << 13, 1 << 14, 1 << 15
_FS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 4: (1 << 15) - 1, 5: (1 << 16) - 1}
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1

READ = FS_READ_FILE | FS_READ_DIR
"""Read files and list directories."""
READ_EXECUTE = READ | FS_EXECUTE
"""Read, list and map as executable (shared libraries)."""


class LandlockUnavailable(OSError):
    """The kernel has no Landlock, or it is switched off."""


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


class _NetPortAttr(ctypes.Structure):
    _fields_ = [("allowed_access", ctypes.c_uint64), ("port", ctypes.c_uint64)]


_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def _syscall(number: int, *args: object) -> int:
    result = int(_libc.syscall(ctypes.c_long(number), *args))
    if result < 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))
    return result


def abi_version() -> int:
    """The kernel's Landlock ABI version; 0 when Landlock is missing or switched off."""
    try:
        return _syscall(SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(CREATE_RULESET_VERSION))
    except OSError:
        return 0


def no_new_privs() -> None:
    """Forbid this thread and its children to gain privileges (setuid binaries, file capabilities)."""
    if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"prctl(PR_SET_NO_NEW_PRIVS): {os.strerror(err)}")


@dataclass(frozen=True)
class PathRule:
    """Rights granted beneath one path (a file or a directory)."""

    path: str
    access: int


@dataclass(frozen=True)
class Applied:
    """What :func:`restrict` enforced."""

    abi: int
    filesystem: bool
    tcp: bool
    scopes: bool


def restrict(paths: Iterable[PathRule] = (), *, tcp_ports: Iterable[tuple[int, int]] = (),
             handle_tcp: bool = True, scope: bool = True) -> Applied:
    """Deny every file-system right except those ``paths`` grant, for this thread and its children.

    Args:
        paths: rights per path; a path that does not exist is skipped.
        tcp_ports: ``(port, NET_BIND_TCP | NET_CONNECT_TCP …)`` pairs allowed; every other TCP bind
            and connect is denied (Landlock ABI ≥ 4).
        handle_tcp: whether to restrict TCP at all.
        scope: also deny connecting to abstract Unix sockets and signalling processes outside this
            domain (ABI ≥ 6).

    Raises:
        LandlockUnavailable: when the kernel has no Landlock.
    """
    abi = abi_version()
    if abi < 1:
        raise LandlockUnavailable("Landlock is not available in this kernel")
    fs = _FS_BY_ABI.get(abi, _FS_BY_ABI[5])
    net = NET_BIND_TCP | NET_CONNECT_TCP if handle_tcp and abi >= 4 else 0
    scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if scope and abi >= 6 else 0
    attr = _RulesetAttr(fs, net, scoped)
    size = 8 if abi < 4 else 16 if abi < 6 else 24
    ruleset = _syscall(SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    try:
        for rule in paths:
            try:
                fd = os.open(rule.path, os.O_PATH | os.O_CLOEXEC)
            except FileNotFoundError:
                continue
            try:
                allowed = rule.access & fs
                if not os.path.isdir(rule.path):
                    allowed &= _FILE_RIGHTS
                beneath = _PathBeneathAttr(allowed, fd)
                _syscall(SYS_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(RULE_PATH_BENEATH),
                         ctypes.byref(beneath), ctypes.c_uint32(0))
            finally:
                os.close(fd)
        if net:
            for port, access in tcp_ports:
                port_attr = _NetPortAttr(access & net, port)
                _syscall(SYS_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(RULE_NET_PORT),
                         ctypes.byref(port_attr), ctypes.c_uint32(0))
        no_new_privs()
        _syscall(SYS_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0))
    finally:
        os.close(ruleset)
    return Applied(abi, True, bool(net), bool(scoped))


_FILE_RIGHTS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
"""The rights that apply to a file (the others concern directories)."""
