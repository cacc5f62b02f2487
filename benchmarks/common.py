"""Shared parts of the benchmark scripts: the header every table carries, tables, percentiles."""

from __future__ import annotations

import os
import platform
import random
import sys
import time
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PACKAGES = ("ladybug", "pyarrow", "fastapi", "uvicorn", "orjson", "pyyaml")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _versions() -> str:
    out = []
    for name in PACKAGES:
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    return ", ".join(out)


def load_average() -> str:
    """The 1/5/15-minute load averages (other work on the machine skews timings)."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def header(title: str) -> None:
    """Print what every benchmark table carries: title, command, machine, versions, load."""
    print(f"## {title}")
    print()
    print(f"- command: `python {' '.join(sys.argv)}`")
    print(f"- date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}")
    print(f"- machine: {platform.platform()}, {_cpu_model()}, {os.cpu_count()} cores, "
          f"{_memory_gb():.0f} GB RAM")
    print(f"- Python {platform.python_version()}; {_versions()}")
    print(f"- load average at start (1/5/15 min): {load_average()}")
    print()


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A Markdown table; numbers right-aligned."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [all(_is_number(r[i]) for r in cells) and bool(cells) for i in range(len(headers))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join(("-" * (w + 1) + ":") if n else ("-" * (w + 2))
                         for w, n in zip(widths, numeric, strict=True)) + "|")
    for r in cells:
        print("| " + " | ".join(c.rjust(w) if n else c.ljust(w)
                                for c, w, n in zip(r, widths, numeric, strict=True)) + " |")
    print()


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``values``."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def met(measured: float, target: float) -> str:
    """``yes`` or ``**no**`` for a measured value against an upper-bound target."""
    return "yes" if measured <= target else "**no**"


def rng(seed: int = 7) -> random.Random:
    """The benchmarks' random generator (parameters are drawn reproducibly)."""
    return random.Random(seed)
