"""A user's walk through the explorer's Bloom- and Neo4j-Browser-like parts, a screenshot per step:
ego depth 2 → expand a node in place → the console renders a path query as a graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.test_explorer_ui import EXPANDABLE, FOCUS, INK, NODE_COUNT, PATH_QUERY
from tests.browser.views import wait_for_network


def test_walk_ego_expand_then_console_path_graph(page: Any, base_url: str, tmp_path: Path) -> None:
    shots = tmp_path / "walk-ui"
    shots.mkdir()

    # 1. The ego network of 优必选 at depth 2.
    page.goto(base_url + "/entity/ubtech")
    wait_for_network(page, "ubtech")
    depth1 = page.evaluate(NODE_COUNT)
    page.select_option("#depth", "2")
    page.wait_for_function(f"{NODE_COUNT} > {depth1}")
    wait_for_network(page, "ubtech")
    assert "depth=2" in page.url
    before = page.evaluate(NODE_COUNT)
    page.screenshot(path=shots / "01-ego-depth-2.png")

    # 2. Double-click a node at the rim: its neighbours join the view, the centre stays.
    target = page.evaluate(EXPANDABLE)
    assert target, "no node at depth 2 has neighbours outside the view"
    spot = page.evaluate(FOCUS, target)
    assert spot["hit"] == target
    page.mouse.dblclick(spot["x"], spot["y"])
    page.wait_for_function(f"{NODE_COUNT} > {before}")
    assert page.get_attribute("#network", "data-center") == "ubtech"
    assert page.url.endswith("/entity/ubtech?depth=2")
    page.evaluate("window.ecokgNetwork.fit({animation: false})")
    page.mouse.move(5, 5)  # no tooltip over the picture
    page.screenshot(path=shots / "02-expanded-in-place.png")

    # 3. The console runs a path query and draws it as a graph.
    page.goto(base_url + "/console")
    page.fill("#cypher", PATH_QUERY)
    page.fill("#cypher-params", '{"id": "ubtech"}')
    page.click("#run-cypher")
    wait_for_network(page)
    assert page.get_attribute("#tab-graph", "aria-selected") == "true"
    assert page.evaluate(NODE_COUNT) >= 3
    assert page.evaluate("window.ecokgNetwork.ecokgData.nodes.get('ubtech') !== null")
    assert page.evaluate(INK) > 500, "the canvas is blank"
    assert page.locator("#legend .legend-item").count() >= 2
    page.screenshot(path=shots / "03-console-path-graph.png")

    assert sorted(p.name for p in shots.iterdir()) == [
        "01-ego-depth-2.png", "02-expanded-in-place.png", "03-console-path-graph.png"]
