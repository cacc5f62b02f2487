"""A user's walk through the explorer in real headless Chromium, a screenshot per step.

Pinyin search → entity page at depth 2 → a node expanded in place → the as-of slider moved back
(relations disappear) → the evidence of a citation → the console draws a path query as a graph →
``/docs``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.settings import Settings
from tests.browser.test_explorer_ui import EXPANDABLE, FOCUS, INK, NODE_COUNT, PATH_QUERY
from tests.browser.views import wait_for_network

EDGES = "window.ecokgNetwork.ecokgData.edges.length"
NODES = "window.ecokgNetwork.ecokgData.nodes.length"



def test_walk_pinyin_ego_expand_as_of_evidence_console_docs(page: Any, base_url: str, tmp_path: Path) -> None:
    shots = tmp_path / "walk"
    shots.mkdir()

    # 1. Pinyin on the home page: youbixuan suggests 优必选.
    page.goto(base_url + "/")
    page.locator("#search").press_sequentially("youbixuan", delay=40)
    suggestion = page.locator('#suggestions li[role=option][data-id="ubtech"]')
    suggestion.wait_for()
    assert "优必选" in suggestion.inner_text()
    page.screenshot(path=shots / "01-pinyin-search.png")

    # 2. Its entity page, at depth 2.
    suggestion.click()
    page.wait_for_url("**/entity/ubtech")
    wait_for_network(page, "ubtech")
    depth_one = page.evaluate(NODES)
    page.select_option("#depth", "2")
    page.wait_for_function("() => new URL(location.href).searchParams.get('depth') === '2'")
    page.wait_for_function(f"() => {NODES} > {depth_one}", timeout=30_000)
    wait_for_network(page, "ubtech")
    all_edges = page.evaluate(EDGES)
    all_relations = page.locator("#relations li.relation").count()
    # Properties name things: the region by its name (a link), the sources by publisher and title.
    region = page.locator('#entity-info dd a.entity-link[data-id="shenzhen"]')
    assert region.inner_text() == "深圳"
    assert "《" in page.locator("#entity-info ul.sources li").first.inner_text()
    page.screenshot(path=shots / "02-entity-depth-2.png")

    # 3. Double-click a node at the rim: its neighbours join the view, the centre stays.
    before = page.evaluate(NODE_COUNT)
    target = page.evaluate(EXPANDABLE)
    assert target, "no node of the view has neighbours outside it"
    spot = page.evaluate(FOCUS, target)
    assert spot["hit"] == target
    page.mouse.dblclick(spot["x"], spot["y"])
    page.wait_for_function(f"{NODE_COUNT} > {before}")
    assert page.get_attribute("#network", "data-center") == "ubtech"
    page.evaluate("window.ecokgNetwork.fit({animation: false})")
    page.mouse.move(5, 5)  # no tooltip over the picture
    page.screenshot(path=shots / "03-expanded-in-place.png")

    # 4. The as-of slider, moved to its first stop (before any dated relation): later relations go.
    slider = page.locator("#as-of")
    assert slider.is_enabled()
    slider.focus()
    page.keyboard.press("Home")
    page.wait_for_function("() => new URL(location.href).searchParams.get('as_of') !== null")
    page.wait_for_selector("#as-of-notice:not([hidden])")
    wait_for_network(page, "ubtech")
    page.wait_for_function(f"() => {EDGES} < {all_edges}", timeout=30_000)
    as_of = page.evaluate("() => new URL(location.href).searchParams.get('as_of')")
    assert page.locator("#as-of-value").inner_text() == as_of
    page.wait_for_selector("#undated-relations")
    assert int(page.get_attribute("#network", "data-undated-edges") or 0) > 0
    dated_left = page.locator("#relations > section:not(.undated) li.relation").count()
    assert dated_left < all_relations
    page.screenshot(path=shots / "04-as-of-first-stop.png")
    # Back to the end: every relation again.
    page.keyboard.press("End")
    page.wait_for_function("() => new URL(location.href).searchParams.get('as_of') === null")
    page.wait_for_function(f"() => {EDGES} === {all_edges}", timeout=30_000)
    page.wait_for_selector("#as-of-notice[hidden]", state="attached")
    page.screenshot(path=shots / "05-as-of-all.png")

    # 5. The evidence of a citation: publisher, title, date, and the sentence with the span marked.
    cite = page.locator("#relations .cite-open").first
    citation = cite.get_attribute("data-citation")
    cite.click()
    page.wait_for_selector(f'#evidence[data-ready=true][data-citation="{citation}"]')
    panel = page.locator("#evidence")
    assert panel.locator(".evidence-source").inner_text().strip()
    corpus = Settings().corpus_dir
    if corpus.is_dir():
        from loaders.corpus import read_article

        source, span = citation.rsplit(":", 1)
        start, end = (int(x) for x in span.split("-"))
        assert panel.locator("mark").inner_text() == read_article(source, corpus)[start:end]
    else:
        assert panel.locator(".evidence-missing").count() == 1
    page.screenshot(path=shots / "06-evidence.png")

    # 6. The console runs a path query and draws it as a graph.
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
    page.screenshot(path=shots / "07-console-path-graph.png")

    # 7. /docs renders from the app's own assets.
    page.goto(base_url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".opblock-summary-path", has_text="/api/evidence").count() >= 1
    page.screenshot(path=shots / "08-docs.png")
    assert len(list(shots.glob("*.png"))) == 8
