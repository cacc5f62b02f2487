"""What an answer shows of each relationship, kept beside the projection: one UTF-8 JSON text per edge index.

The texts are concatenated into one byte array with int64 offsets (``.npy``, memory-mapped), so
an ego network or a path reads the qualifiers and citations of its relationships by index,
without asking the store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from graph.read.projection import Array

_FILES = ("properties_blob", "properties_offsets")


class EdgeProperties:
    """Per relationship index: ``{"qualifiers": {...}, "citations": ["source:start-end", ...]}``."""

    def __init__(self, blob: Array, offsets: Array) -> None:
        self.blob = blob
        self.offsets = offsets

    @classmethod
    def from_records(cls, records: Sequence[dict[str, Any] | None]) -> EdgeProperties:
        """Pack one record per relationship index (None: no qualifiers, no citations)."""
        texts = [json.dumps(r or {"qualifiers": {}, "citations": []}, ensure_ascii=False,
                            separators=(",", ":")).encode("utf-8") for r in records]
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in texts], out=offsets[1:])
        return cls(np.frombuffer(b"".join(texts), dtype=np.uint8).copy(), offsets)

    def __len__(self) -> int:
        return int(self.offsets.shape[0]) - 1

    def of(self, edge: int) -> dict[str, Any]:
        """The record of relationship ``edge``."""
        start, end = int(self.offsets[edge]), int(self.offsets[edge + 1])
        out: dict[str, Any] = json.loads(bytes(self.blob[start:end]).decode("utf-8"))
        return out

    def save(self, directory: Path) -> None:
        """Write the two arrays (``.npy``) into ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / "properties_blob.npy", self.blob)
        np.save(directory / "properties_offsets.npy", self.offsets)

    @classmethod
    def load(cls, directory: Path) -> EdgeProperties:
        """Memory-map the arrays :meth:`save` wrote."""
        blob, offsets = (_mapped(directory / f"{name}.npy") for name in _FILES)
        return cls(blob, offsets)


def _mapped(path: Path) -> Array:
    try:
        return np.load(path, mmap_mode="r")
    except ValueError:  # an empty array cannot be memory-mapped
        return np.load(path)
