"""Result rows as CSV people open in Excel: plain values, lists joined with ';', optional UTF-8 BOM."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

BOM = "\ufeff"


def cell(value: Any) -> str:
    """One value as plain text: true/false, integral floats without ``.0``, lists joined with ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, list | tuple):
        return ";".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def csv_text(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, bom: bool = False) -> str:
    """Rows as CSV with a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return (BOM if bom else "") + out.getvalue()
