"""A standalone, offline HTML file of one ego network, with vis-network and the data inlined."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

from graph.ontology import LABELS, RELATION_TYPES
from viz.pages import STATIC_DIR, VIS_NETWORK_CSS, VIS_NETWORK_JS, environment


def ontology_meta() -> dict[str, Any]:
    """The label and relation-type styles of ``/api/meta``, from the ontology (counts omitted)."""
    return {
        "labels": [{"name": lb.name, "zh": lb.zh, "color": lb.color, "shape": lb.shape, "count": 0}
                   for lb in LABELS],
        "relation_types": [{"name": rt.name, "gloss": rt.gloss, "symmetric": rt.symmetric, "count": 0}
                           for rt in RELATION_TYPES],
    }


def script_json(value: Any) -> Markup:
    """JSON safe inside a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes, so no value can close the element
    (``</script>``) or open a comment; ``JSON.parse`` reads them back unchanged.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _inline(path: Path, element: str) -> Markup:
    """A trusted local asset, read for inlining in a ``<script>`` or ``<style>`` element."""
    path_text = path.read_text(encoding="utf-8")
    if f"</{element}" in path_text.lower():
        raise ValueError(f"asset would close its <{element}> element")
    return Markup(path_text)


def render_ego_html(ego: dict[str, Any], title: str) -> str:
    """Render an ego network as one self-contained HTML file (no network access needed).

    Args:
        ego: the ``/api/entities/{id}/ego`` shape: ``center``, ``depth``, ``nodes`` (``id``,
            ``label``, ``name``, …, ``hop``), ``edges`` (``id``, ``source``, ``target``, ``type``,
            ``properties``), ``truncated``, ``node_cap``.
        title: the page title and heading (escaped).

    Returns:
        The HTML text: vis-network, the explorer's CSS and scripts, the ontology's label styles and
        the data all inlined; the same look as the explorer's entity page.
    """
    data = {
        "center": ego.get("center"),
        "depth": ego.get("depth"),
        "nodes": list(ego.get("nodes", [])),
        "edges": list(ego.get("edges", [])),
        "truncated": bool(ego.get("truncated", False)),
        "node_cap": ego.get("node_cap"),
    }
    return environment().get_template("ego_standalone.html").render(
        title=title,
        center=data["center"] or "",
        depth=data["depth"] if data["depth"] is not None else "",
        node_cap=data["node_cap"] if data["node_cap"] is not None else "",
        meta_json=script_json(ontology_meta()),
        ego_json=script_json(data),
        vis_css=_inline(VIS_NETWORK_CSS, "style"),
        site_css=_inline(STATIC_DIR / "ecokg.css", "style"),
        vis_js=_inline(VIS_NETWORK_JS, "script"),
        ecokg_js=_inline(STATIC_DIR / "ecokg.js", "script"),
        ego_js=_inline(STATIC_DIR / "ego.js", "script"),
    )
