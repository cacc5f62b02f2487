"""A seccomp filter for query workers: no new sockets, no programs, no namespaces, no kernel modules.

The filter is a short classic-BPF program installed with ``prctl(PR_SET_SECCOMP)``: a listed system
call fails with EPERM, any call made through another architecture's table (i386, x32) kills the
process, and everything else is allowed. A worker needs none of the listed calls: it talks to the
server over the socket pair it inherited, and reads its database through a descriptor it opened
before confinement. Only x86-64 is described here; elsewhere :func:`install` reports it could not.
"""

from __future__ import annotations

import ctypes
import os
import platform

PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
AUDIT_ARCH_X86_64 = 0xC000003E
X32_SYSCALL_BIT = 0x40000000
RET_ALLOW, RET_KILL_PROCESS, RET_ERRNO = 0x7FFF0000, 0x80000000, 0x00050000
EPERM = 1
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06

DENIED_X86_64 = {
    "socket": 41, "connect": 42, "accept": 43, "bind": 49, "listen": 50, "socketpair": 53,
    "accept4": 288, "execve": 59, "execveat": 322, "ptrace": 101, "process_vm_readv": 310,
    "process_vm_writev": 311, "personality": 135, "pivot_root": 155, "chroot": 161, "mount": 165,
    "umount2": 166, "init_module": 175, "delete_module": 176, "kexec_load": 246, "add_key": 248,
    "request_key": 249, "keyctl": 250, "unshare": 272, "perf_event_open": 298, "fanotify_init": 300,
    "name_to_handle_at": 303, "open_by_handle_at": 304, "setns": 308, "finit_module": 313,
    "kexec_file_load": 320, "bpf": 321, "userfaultfd": 323, "io_uring_setup": 425,
    "io_uring_enter": 426, "io_uring_register": 427, "open_tree": 428, "move_mount": 429,
    "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433, "mount_setattr": 442,
}
"""System calls a worker may not make, by name (x86-64 numbers)."""


class _Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8),
                ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Instruction))]


def supported() -> bool:
    """Whether this module describes the machine's system-call table."""
    return platform.machine() in ("x86_64", "AMD64")


def program(denied: dict[str, int] | None = None) -> list[tuple[int, int, int, int]]:
    """The filter as (code, jt, jf, k) instructions."""
    numbers = sorted(set((denied or DENIED_X86_64).values()))
    ops: list[tuple[int, int, int, int]] = [
        (_LD_W_ABS, 0, 0, 4),                      # seccomp_data.arch
        (_JEQ_K, 1, 0, AUDIT_ARCH_X86_64),
        (_RET_K, 0, 0, RET_KILL_PROCESS),          # another ABI's table: never
        (_LD_W_ABS, 0, 0, 0),                      # seccomp_data.nr
        (_JGE_K, 0, 1, X32_SYSCALL_BIT),
        (_RET_K, 0, 0, RET_KILL_PROCESS),          # the x32 table: never
    ]
    # One comparison per denied call: jump to the EPERM return at the end, or fall through.
    for i, number in enumerate(numbers):
        to_deny = len(numbers) - i  # instructions to skip: the remaining tests and the ALLOW
        ops.append((_JEQ_K, to_deny, 0, number))
    ops.append((_RET_K, 0, 0, RET_ALLOW))
    ops.append((_RET_K, 0, 0, RET_ERRNO | EPERM))
    return ops


def install(denied: dict[str, int] | None = None) -> None:
    """Install the filter for this thread and its children (needs no_new_privs first).

    Raises:
        OSError: when the kernel refuses it or the architecture is not x86-64.
    """
    if not supported():
        raise OSError(f"no seccomp filter for {platform.machine()}")
    ops = program(denied)
    instructions = (_Instruction * len(ops))(*(_Instruction(*op) for op in ops))
    prog = _Program(len(ops), instructions)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"prctl(PR_SET_SECCOMP): {os.strerror(err)}")
