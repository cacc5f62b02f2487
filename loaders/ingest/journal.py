"""All-or-nothing writes of several data files: stage, journal, swap — and replay after a crash.

The new contents go to a staging directory inside the data directory (same file system), each
file fsynced. Then a journal naming every file is written and fsynced: from that moment the
change is decided. The staged files are renamed over their targets, and the staging directory
is removed. A process killed before the journal leaves only a staging directory, which the next
run removes (nothing was applied); one killed after it leaves the journal, which the next run
replays to the end. No temporary file is ever left beside a data file.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

STAGING = ".ecokg-accept"
JOURNAL = "journal.json"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover(data: Path) -> list[str]:
    """Finish a change a killed run decided, or drop one it had not; returns the files it completed."""
    staging = data / STAGING
    if not staging.is_dir():
        return []
    journal = staging / JOURNAL
    done: list[str] = []
    if journal.is_file():
        for rel, staged in json.loads(journal.read_text(encoding="utf-8")):
            source = staging / staged
            if source.exists():  # not yet swapped in when the run was killed
                target = data / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
                done.append(rel)
        _fsync_dir(data)
    shutil.rmtree(staging)
    return done


def write_all(data: Path, changed: dict[Path, str], order: dict[str, int] | None = None) -> None:
    """Replace the files of ``changed`` (paths under ``data``) with their new texts, all or none.

    Args:
        order: swap order by first path part (sources before entities before relations), so that
            even a reader between two swaps sees data that loads.

    Raises:
        OSError: a failed write (a full disk) before the journal: nothing was changed.
    """
    recover(data)
    staging = data / STAGING
    staging.mkdir()
    entries: list[tuple[str, str]] = []
    try:
        for i, (path, text) in enumerate(changed.items()):
            name = f"{i:04d}.yaml"
            with open(staging / name, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            entries.append((str(path.relative_to(data)), name))
        rank = order or {}
        entries.sort(key=lambda e: rank.get(Path(e[0]).parts[0], len(rank)))
        with open(staging / f"{JOURNAL}.partial", "w", encoding="utf-8") as handle:
            json.dump(entries, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(staging / f"{JOURNAL}.partial", staging / JOURNAL)  # the decision
        _fsync_dir(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    recover(data)
