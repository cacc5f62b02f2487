"""Readable deep ego networks (collapsed hubs that expand) and merged path lists, in real Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.browser.test_explorer import NODE_COUNT, NODE_SCREEN_POSITION
from tests.browser.views import wait_for_network

STUBS = "Number(document.getElementById('network').dataset.stubs || 0)"
PATH_NODES = """() => [...document.querySelectorAll('#path-list > li')].map((li) =>
  [...li.querySelectorAll(':scope > .path-node a')].map((a) => a.textContent).join(' > '))"""




def test_ubtech_at_depth_three_collapses_hubs_into_stubs_that_expand(page: Any, base_url: str,
                                                                     tmp_path: Path) -> None:
    page.goto(base_url + "/entity/ubtech?depth=3")
    wait_for_network(page, "ubtech")
    page.wait_for_function(f"{STUBS} > 0")
    ego = page.evaluate("() => fetch('/api/entities/ubtech/ego?depth=3&limit=50').then((r) => r.json())")
    assert ego["truncated"] and ego["total_nodes"] > 100
    stubs = page.evaluate(STUBS)
    assert page.evaluate(NODE_COUNT) == len(ego["nodes"]) + stubs <= 50 + stubs
    labels = page.evaluate("() => window.ecokgNetwork.ecokgData.nodes.get().map((n) => n.label)")
    assert any(label.startswith("深圳 +") for label in labels), labels
    page.screenshot(path=tmp_path / "ubtech-depth-3-collapsed.png")
    before = page.evaluate(NODE_COUNT)
    stub = max(ego["stubs"], key=lambda s: s["count"])
    spot = page.evaluate(NODE_SCREEN_POSITION, stub["id"])
    if spot["hit"] == stub["id"]:
        page.mouse.click(spot["x"], spot["y"])
    else:  # another node covers it: expand it as the click handler does
        page.evaluate("""(id) => ecokg.expandStub(document.getElementById('network'), null, id,
            (p) => ecokg.api(`/api/entities/${encodeURIComponent(p)}/ego?depth=1`))""", stub["id"])
    page.wait_for_function(f"{NODE_COUNT} > {before}")
    assert "/entity/ubtech" in page.url  # expanding does not re-centre
    page.screenshot(path=tmp_path / "ubtech-depth-3-expanded.png")
    print(f"screenshots in {tmp_path}")


def test_limx_to_huawei_lists_each_path_once_with_merged_hops(page: Any, base_url: str,
                                                              tmp_path: Path) -> None:
    page.goto(base_url + "/paths?source=limx-dynamics&target=huawei&max_hops=4")
    page.wait_for_selector("#path-list > li")
    wait_for_network(page)
    listed = page.evaluate(PATH_NODES)
    body = page.evaluate("() => fetch('/api/paths?source=limx-dynamics&target=huawei&max_hops=4')"
                         ".then((r) => r.json())")
    assert len(listed) == len(set(listed)) == len(body["paths"]) >= 2
    assert all(text.startswith("逐际动力") and text.endswith("华为") for text in listed)
    text = page.locator("#path-list").inner_text()
    # 乐聚机器人 and 华为: three 合作 relations, one hop, no direction.
    assert re.search(r"乐聚机器人—合作×3—华为", text.replace(" ", "")), text
    drawn_edges = page.evaluate("() => window.ecokgNetwork.ecokgData.edges.get()"
                                ".map((e) => [e.from, e.to].sort().join('|'))")
    assert len(drawn_edges) == len(set(drawn_edges)), "parallel relations are one edge"
    page.screenshot(path=tmp_path / "limx-to-huawei-paths.png", full_page=True)
    print(f"screenshots in {tmp_path}")
