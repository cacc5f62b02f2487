"""``/api/export``: the whole graph as a JSON, JSON Lines, GraphML or Turtle download."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.routes.deps import StateDep
from api.schemas import error_responses
from loaders.writers import export as write_export

router = APIRouter(tags=["export"])

MEDIA_TYPES = {"json": "application/json", "jsonl": "application/x-ndjson",
               "graphml": "application/graphml+xml", "ttl": "text/turtle"}


@router.get("/api/export", response_class=Response,
            responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()}}, **error_responses(422)})
def export(
    state: StateDep,
    format: Annotated[Literal["json", "jsonl", "graphml", "ttl"], Query(description="Export format.")]
    = "json",
) -> Response:
    """Download the curated graph the database was built from (see ``ecokg export``)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ecokg.{format}"
        write_export(state.graph, format, path)
        content = path.read_bytes()
    return Response(content, media_type=f"{MEDIA_TYPES[format]}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="ecokg.{format}"'})
