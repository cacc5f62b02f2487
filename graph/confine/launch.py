"""Run a program under Landlock: ``python -m graph.confine.launch [rules] -- PROGRAM ARGS…``.

Used to start the development and CI Neo4j server with least privilege below the read-only gate:
Neo4j Community cannot switch off ``LOAD CSV`` from URLs, but a JVM that may connect to no TCP
port cannot fetch one, and one that may write only its data directory cannot write elsewhere.
The restriction survives ``execve`` and binds every thread the program starts.

Options: ``--read PATH`` (read and execute), ``--write PATH`` (everything beneath it),
``--bind-tcp PORT``, ``--connect-tcp PORT``; each may repeat.
"""

from __future__ import annotations

import argparse
import os
import sys

from graph.confine import landlock

_ALL = (1 << 16) - 1


def main(argv: list[str] | None = None) -> None:
    """Parse the rules, restrict this process, and become the program."""
    parser = argparse.ArgumentParser(prog="python -m graph.confine.launch")
    parser.add_argument("--read", action="append", default=[], metavar="PATH")
    parser.add_argument("--write", action="append", default=[], metavar="PATH")
    parser.add_argument("--bind-tcp", action="append", type=int, default=[], metavar="PORT")
    parser.add_argument("--connect-tcp", action="append", type=int, default=[], metavar="PORT")
    parser.add_argument("program", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    program = args.program[1:] if args.program[:1] == ["--"] else args.program
    if not program:
        parser.error("give the program to run after --")
    rules = [landlock.PathRule(p, landlock.READ_EXECUTE) for p in args.read]
    rules += [landlock.PathRule(p, _ALL) for p in args.write]
    ports = [(p, landlock.NET_BIND_TCP) for p in args.bind_tcp]
    ports += [(p, landlock.NET_CONNECT_TCP) for p in args.connect_tcp]
    try:
        applied = landlock.restrict(rules, tcp_ports=ports, scope=False)
    except OSError as exc:
        sys.exit(f"graph.confine.launch: cannot confine {program[0]}: {exc}")
    if not applied.tcp:
        print(f"graph.confine.launch: Landlock ABI {applied.abi} cannot restrict TCP", file=sys.stderr)
    os.execvp(program[0], program)


if __name__ == "__main__":
    main()
