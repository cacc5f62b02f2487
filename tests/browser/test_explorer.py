"""The explorer in real headless Chromium: search, ego network, re-centre, canned query, paths, console."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.views import wait_for_network

NODE_COUNT = "window.ecokgNetwork.ecokgData.nodes.length"
INK = """() => {
  const canvas = document.querySelector('#network canvas');
  const {width, height} = canvas;
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  let ink = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
  return ink;
}"""
NODE_SCREEN_POSITION = """(id) => {
  const network = window.ecokgNetwork;
  const dom = network.canvasToDOM(network.getPosition(id));
  const box = document.getElementById('network').getBoundingClientRect();
  return {x: box.left + dom.x, y: box.top + dom.y, hit: network.getNodeAt(dom)};
}"""





@pytest.mark.parametrize("base_url", ["embedded", "neo4j"], indirect=True)
def test_explore_search_ego_recentre_query_paths_console(page: Any, base_url: str, artifacts: Path) -> None:
    # 1. Home: counts per label, then suggestions as we type.
    page.goto(base_url + "/")
    page.wait_for_selector("#label-counts tbody tr")
    assert page.locator("#label-counts tbody tr").count() >= 10
    page.locator("#search").press_sequentially("优必选", delay=60)
    suggestion = page.locator('#suggestions li[role=option][data-id="ubtech"]')
    suggestion.wait_for()
    page.screenshot(path=artifacts / "01-home-search.png")
    suggestion.click()

    # 2. The entity page draws the ego network on a canvas.
    page.wait_for_url("**/entity/ubtech")
    wait_for_network(page, "ubtech")
    ego = page.evaluate("() => fetch('/api/entities/ubtech/ego?depth=1').then((r) => r.json())")
    drawn = page.evaluate(NODE_COUNT)
    assert drawn == len({n["id"] for n in ego["nodes"]}) and drawn >= 3
    assert page.evaluate(INK) > 500, "the canvas is blank"
    assert page.locator("#legend .legend-item").count() >= 2
    assert page.locator("#relations .citations li").count() >= 1
    assert page.locator("#entity-name").inner_text() == "优必选"
    assert page.locator("#truncated-notice").is_hidden() == (not ego["truncated"])
    page.screenshot(path=artifacts / "02-entity-ubtech.png")
    with page.expect_download() as download:
        page.click("#download-png")
    assert download.value.suggested_filename.endswith(".png")

    # Depth 2 draws more nodes and keeps the depth in the URL.
    page.select_option("#depth", "2")
    page.wait_for_function(f"{NODE_COUNT} > {drawn}")
    wait_for_network(page, "ubtech")
    assert "depth=2" in page.url
    page.select_option("#depth", "1")
    page.wait_for_function(f"{NODE_COUNT} === {drawn}")
    wait_for_network(page, "ubtech")

    # 3. Clicking a neighbour on the canvas selects it; its action bar re-centres the view on it.
    neighbours = [n["id"] for n in ego["nodes"] if n["id"] != "ubtech"]
    target = None
    for node_id in neighbours:
        spot = page.evaluate(NODE_SCREEN_POSITION, node_id)
        if spot["hit"] == node_id:
            target = node_id
            break
    assert target, "no neighbour is clickable"
    page.mouse.click(spot["x"], spot["y"])
    page.click("#node-recentre")
    page.wait_for_url(f"**/entity/{target}")
    wait_for_network(page, target)
    assert page.evaluate(INK) > 500
    page.screenshot(path=artifacts / "03-entity-recentred.png")

    # 4. A canned query: rows in a table, downloads, its paths drawn.
    page.goto(base_url + "/queries")
    form = page.locator("#query-form-company_centres")
    form.wait_for()
    form.locator("input[name=company]").fill("乐聚机器人")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#results table tbody tr")
    assert page.locator("#results table tbody tr").count() >= 1
    assert "format=csv" in (page.locator("#download-csv").get_attribute("href") or "")
    wait_for_network(page)
    assert page.evaluate(NODE_COUNT) >= 2
    page.screenshot(path=artifacts / "04-query-company-centres.png")

    # 5. Paths from a company to any innovation centre.
    page.goto(base_url + "/paths")
    page.locator("#path-source").press_sequentially("乐聚机器人", delay=40)
    page.locator('#path-source-suggestions li[data-id="leju"]').click()
    page.check("#path-any-centre")
    assert page.locator("#path-target").is_disabled()
    page.click("#path-find")
    page.wait_for_selector("#path-list li")
    paths = page.locator("#path-list li")
    assert paths.count() >= 1
    assert "乐聚机器人" in paths.first.inner_text()
    wait_for_network(page)
    assert page.evaluate(NODE_COUNT) >= 2
    assert page.evaluate(INK) > 500
    page.screenshot(path=artifacts / "05-paths-leju-to-centres.png")

    # 6. The console: an example runs; a write is refused with a visible error.
    page.goto(base_url + "/console")
    page.click("#example-0")
    page.click("#run-cypher")
    page.wait_for_selector("#results table tbody tr")
    page.fill("#cypher", "CREATE (n:Company {id: 'x', name: 'x'})")
    page.fill("#cypher-params", "{}")
    page.click("#run-cypher")
    page.wait_for_selector("#cypher-error:not([hidden])")
    assert page.locator("#cypher-error").inner_text().strip()
    page.screenshot(path=artifacts / "06-console-error.png")
