"""``/api/export``: the whole graph as a JSON, JSON Lines, GraphML or Turtle download."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.routes.deps import ServiceState, StateDep, bounded
from api.schemas import error_responses
from loaders.writers import export as write_export

router = APIRouter(tags=["export"])

MEDIA_TYPES = {"json": "application/json", "jsonl": "application/x-ndjson",
               "graphml": "application/graphml+xml", "ttl": "text/turtle"}


CACHED_EXPORT_BYTES = 64 * 2**20
"""Exports up to this size are kept (the data does not change while it is served)."""


@router.get("/api/export", response_class=Response,
            responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()}}, **error_responses(422, 504)})
async def export(
    state: StateDep,
    format: Annotated[Literal["json", "jsonl", "graphml", "ttl"], Query(description="Export format.")]
    = "json",
) -> Response:
    """Download the curated graph the database was built from (see ``ecokg export``).

    One export is built at a time (others wait, then get the cached bytes).
    """
    content = state.exports.get(format)
    if content is None:
        content = await bounded(state.export_slots, state.settings.queue_s, _build, state, format)
    return Response(content, media_type=f"{MEDIA_TYPES[format]}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="ecokg.{format}"'})


def _build(state: ServiceState, format: str) -> bytes:
    if (cached := state.exports.get(format)) is not None:  # built while this request waited
        return cached
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ecokg.{format}"
        write_export(state.graph, format, path)
        content = path.read_bytes()
    if len(content) <= CACHED_EXPORT_BYTES:
        state.exports[format] = content
    return content
