"""The standalone ego-network HTML file: self-contained, offline, and safe with hostile names."""

from __future__ import annotations

import json
import re
from typing import Any

from graph.ontology import LABELS, RELATION_TYPES
from tests.unit.test_viz_pages import references, remote_references
from viz.ego_html import render_ego_html, script_json

HOSTILE = "<script>alert(1)</script>"


def ego_of(name: str = "优必选") -> dict[str, Any]:
    return {
        "center": "ubtech",
        "depth": 1,
        "nodes": [
            {"id": "ubtech", "label": "Company", "name": name, "name_en": "UBTECH", "aliases": ["優必選"],
             "properties": {"sector": "人形机器人"}, "hop": 0},
            {"id": "evil", "label": "Person", "name": HOSTILE, "name_en": "</script><b>x</b>",
             "aliases": ["a&b", "<!--"], "properties": {"description": "<img src=x onerror=alert(2)>"},
             "hop": 1},
        ],
        "edges": [
            {"id": "e1", "source": "evil", "target": "ubtech", "type": "任职",
             "properties": {"role": "<i>CEO</i>", "citations": ["000_056a4252377f11b0:3070-3152"]}},
        ],
        "truncated": True,
        "node_cap": 200,
    }


def embedded(html: str, element_id: str) -> Any:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def test_hostile_names_are_escaped() -> None:
    html = render_ego_html(ego_of(HOSTILE), f"ego of {HOSTILE}")
    assert HOSTILE not in html
    assert "<img src=x" not in html and "<b>x</b>" not in html and "<i>CEO</i>" not in html
    assert "<title>ego of &lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    # The data cannot end its <script> element early: the document still has exactly the
    # template's six inline scripts (two JSON blocks, vis-network, two modules, the call).
    assert references(html).inline_scripts == 6
    assert embedded(html, "ecokg-ego")["nodes"][1]["name"] == HOSTILE


def test_data_round_trips_through_the_json_blocks() -> None:
    ego = ego_of()
    html = render_ego_html(ego, "优必选")
    data = embedded(html, "ecokg-ego")
    assert data["nodes"] == ego["nodes"] and data["edges"] == ego["edges"]
    assert data["center"] == "ubtech" and data["truncated"] is True and data["node_cap"] == 200
    meta = embedded(html, "ecokg-meta")
    assert [lb["name"] for lb in meta["labels"]] == [lb.name for lb in LABELS]
    assert {lb["name"]: (lb["color"], lb["shape"]) for lb in meta["labels"]} == {
        lb.name: (lb.color, lb.shape) for lb in LABELS}
    assert [rt["name"] for rt in meta["relation_types"]] == [rt.name for rt in RELATION_TYPES]


def test_standalone_file_is_self_contained() -> None:
    html = render_ego_html(ego_of(), "优必选")
    assert remote_references(html) == []
    refs = references(html)
    # Nothing fetched at all (the empty data: icon only stops a favicon request).
    assert [url for _, url in refs.fetched if not url.startswith("data:")] == []
    assert "vis.Network" in html and "@version 9.1.2" in html  # vis-network inlined with its license
    assert "ecokg.initStandaloneEgo()" in html
    for element_id in ("network", "legend", "type-filters", "truncated-notice", "download-png", "relations"):
        assert element_id in refs.ids
    assert "cdnjs" not in html and "jsdelivr" not in html and "bootstrap" not in html.lower()


def test_script_json_escapes_markup_characters() -> None:
    text = str(script_json({"a": "</script><!-- & \u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}
