"""`ingest --accept` writes all or nothing; a killed run is finished or undone by the next."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from loaders.curated import default_data_dir, load_graph
from loaders.ingest.journal import JOURNAL, STAGING, recover, write_all


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(default_data_dir(), copy)
    return copy


def leftovers(data: Path) -> list[str]:
    return sorted(str(p.relative_to(data)) for p in data.rglob("*")
                  if p.name.startswith(".") or p.suffix not in (".yaml", "") or STAGING in p.parts)


def test_a_write_swaps_every_file_and_leaves_nothing_behind(data: Path) -> None:
    sources = data / "sources.yaml"
    new = sources.read_text(encoding="utf-8") + "\n# reviewed\n"
    write_all(data, {sources: new})
    assert sources.read_text(encoding="utf-8") == new
    assert leftovers(data) == []
    load_graph(data)


def test_a_run_killed_after_the_journal_is_finished_by_the_next(data: Path) -> None:
    sources, company = data / "sources.yaml", data / "entities" / "company.yaml"
    staging = data / STAGING
    staging.mkdir()
    (staging / "0000.yaml").write_text(sources.read_text(encoding="utf-8") + "\n# a\n", encoding="utf-8")
    (staging / "0001.yaml").write_text(company.read_text(encoding="utf-8") + "\n# b\n", encoding="utf-8")
    (staging / JOURNAL).write_text(json.dumps([["sources.yaml", "0000.yaml"],
                                               ["entities/company.yaml", "0001.yaml"]]), encoding="utf-8")
    # killed after swapping the first file in:
    (staging / "0000.yaml").replace(sources)
    assert recover(data) == ["entities/company.yaml"]
    assert sources.read_text(encoding="utf-8").endswith("# a\n")
    assert company.read_text(encoding="utf-8").endswith("# b\n")
    assert leftovers(data) == []


def test_a_run_killed_before_the_journal_changes_nothing(data: Path) -> None:
    before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    staging = data / STAGING
    staging.mkdir()
    (staging / "0000.yaml").write_text("garbage: [", encoding="utf-8")
    (staging / f"{JOURNAL}.partial").write_text("[[", encoding="utf-8")
    assert recover(data) == []
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == before
    assert leftovers(data) == []


def test_a_failed_write_changes_nothing(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    import loaders.ingest.journal as journal

    real = journal.os.fsync
    calls = {"n": 0}

    def full_disk(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(journal.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_all(data, {data / "sources.yaml": "x: 1\n", data / "entities" / "company.yaml": "[]\n"})
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == before
    assert leftovers(data) == []
