"""Explorer, second pass (issue 17), in real headless Chromium: the console's views, history,
saved queries and completion; coloured query graphs; readable errors; tooltips in the viewport;
the /paths keyboard; expand, hide, pin and the high-resolution PNG; the only-centre message and
fast changes without a race."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

from tests.browser.views import wait_for_network

NODE_COUNT = "window.ecokgNetwork.ecokgData.nodes.length"
INK = """() => {
  const canvas = document.querySelector('#network canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
  return ink;
}"""

PATH_QUERY = "MATCH p=(a)-[*1..2]-(b) WHERE a.id = $id RETURN p LIMIT 5"
# A node drawn in the ego view (not the centre, not a stub) with neighbours outside the view, so
# that expanding it adds nodes; the outermost first.
EXPANDABLE = """async () => {
  const data = window.ecokgNetwork.ecokgData.nodes;
  const center = document.getElementById('network').dataset.center;
  const drawn = data.get().filter((n) => n.id !== center && !String(n.id).startsWith('+'));
  const have = new Set(data.get().map((n) => n.id));
  drawn.sort((a, b) => (b.hop || 0) - (a.hop || 0));
  for (const n of drawn) {
    const e = await (await fetch(`/api/entities/${encodeURIComponent(n.id)}/ego?depth=1`)).json();
    if (e.nodes.some((m) => !have.has(m.id))) return n.id;
  }
  return null;
}"""
# Centre the view on a node and return where it is on screen.
FOCUS = """(id) => {
  const network = window.ecokgNetwork;
  network.moveTo({position: network.getPosition(id), scale: 1.2, animation: false});
  const dom = network.canvasToDOM(network.getPosition(id));
  const box = document.getElementById('network').getBoundingClientRect();
  return {x: box.left + dom.x, y: box.top + dom.y, hit: network.getNodeAt(dom)};
}"""
COLOURS = "() => window.ecokgNetwork.ecokgData.nodes.get().map((n) => [n.group, n.color.background])"





def label_colours(page: Any) -> dict[str, str]:
    meta = page.evaluate("() => fetch('/api/meta').then((r) => r.json())")
    return {lb["name"]: lb["color"] for lb in meta["labels"]}


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def run_console(page: Any, query: str, params: str = "{}") -> None:
    page.fill("#cypher", query)
    page.fill("#cypher-params", params)
    page.click("#run-cypher")
    page.wait_for_function("() => !document.getElementById('run-cypher').disabled"
                           " && document.getElementById('results-info').textContent.includes('rows')")


def test_console_draws_graphs_keeps_history_and_saved_queries_and_completes(page: Any,
                                                                            base_url: str) -> None:
    page.goto(base_url + "/console")
    colours = label_colours(page)

    # A path result opens on the graph tab, drawn with the ontology's colours and a legend.
    run_console(page, PATH_QUERY, '{"id": "ubtech"}')
    wait_for_network(page)
    assert page.get_attribute("#tab-graph", "aria-selected") == "true"
    assert page.locator("#pane-graph").is_visible() and page.locator("#pane-table").is_hidden()
    drawn = page.evaluate(COLOURS)
    assert len(drawn) >= 3 and page.evaluate("window.ecokgNetwork.ecokgData.edges.length") >= 2
    assert all(colours[group] == colour for group, colour in drawn), drawn
    assert page.locator("#legend .legend-item").count() == len({g for g, _ in drawn})

    # Nodes and bare relationships (`RETURN a, r, c`) are joined in their row.
    run_console(page, "MATCH (a)-[r:牵头]->(c) RETURN a, r, c LIMIT 5")
    wait_for_network(page)
    assert page.evaluate("window.ecokgNetwork.ecokgData.edges.length") >= 1

    # Table and JSON views of the same rows; the JSON wraps instead of running off the edge.
    page.click("#tab-table")
    assert page.locator("#results table tbody tr").count() == 5
    page.click("#tab-json")
    json_view = page.locator("#results-json")
    assert '"columns"' in json_view.inner_text()
    assert page.evaluate("() => { const el = document.getElementById('results-json');"
                         " return el.scrollWidth <= el.clientWidth + 1; }")
    # A scalar result has no graph: the table opens... unless the user picked JSON, which stays.
    run_console(page, "MATCH (n) RETURN count(*) AS n")
    assert page.locator("#tab-graph").is_disabled()
    assert page.get_attribute("#tab-json", "aria-selected") == "true"

    # Saved queries and history live in localStorage and survive a reload.
    page.fill("#cypher", PATH_QUERY)
    page.fill("#cypher-params", '{"id": "ubtech"}')
    page.fill("#save-name", "优必选两跳 paths")
    page.click("#save-query")
    page.reload()
    page.wait_for_selector("#saved .saved-load")
    assert page.locator("#saved .saved-load").inner_text() == "优必选两跳 paths"
    history = page.locator("#history li button")
    assert history.count() == 3 and "count(*)" in history.first.inner_text()
    page.fill("#cypher", "")
    page.click("#saved .saved-load")
    assert page.input_value("#cypher") == PATH_QUERY
    assert '"ubtech"' in page.input_value("#cypher-params")
    page.click("#saved .saved-delete")
    assert page.locator("#saved .saved-load").count() == 0

    # Completion of labels, relation types (by name or English gloss) and properties.
    editor = page.locator("#cypher")
    page.fill("#cypher", "")
    editor.press_sequentially("MATCH (a:Com", delay=20)
    page.wait_for_selector('#cypher-completions li[data-value="Company"]')
    editor.press("Tab")
    editor.press_sequentially(")-[r:lea", delay=20)
    page.wait_for_selector('#cypher-completions li[data-value="牵头"]')
    editor.press("Enter")
    editor.press_sequentially("]->(c) RETURN a.sec", delay=20)
    page.wait_for_selector('#cypher-completions li[data-value="sector"]')
    editor.press("Tab")
    assert page.input_value("#cypher") == "MATCH (a:Company)-[r:牵头]->(c) RETURN a.sector"
    editor.press_sequentially(", r.", delay=20)
    page.wait_for_selector('#cypher-completions li[data-value="citations"]')
    editor.press("Escape")
    assert page.locator("#cypher-completions").is_hidden()


def test_canned_query_graph_uses_the_ontology_colours_and_a_legend(page: Any, base_url: str) -> None:
    page.goto(base_url + "/queries")
    colours = label_colours(page)
    form = page.locator("#query-form-company_centres")
    form.wait_for()
    form.locator("input[name=company]").fill("乐聚机器人")
    form.locator("button[type=submit]").click()
    wait_for_network(page)
    drawn = page.evaluate(COLOURS)
    assert len(drawn) >= 2
    assert all(group in colours and colours[group] == colour for group, colour in drawn), drawn
    assert "InnovationCenter" in {g for g, _ in drawn}
    assert page.locator("#legend .legend-item").count() == len({g for g, _ in drawn}) >= 2


def test_error_answers_are_one_readable_line(page: Any, base_url: str) -> None:
    page.goto(base_url + "/queries")
    form = page.locator("#query-form-company_centres")
    form.wait_for()
    form.locator("input[name=company]").fill("不存在的公司")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#query-error:not([hidden])")
    text = page.locator("#query-error").inner_text()
    assert text.startswith("查询失败 Query failed — no entity is called") and "{" not in text, text

    # Out of range (the form's own min/max would stop it; a URL does not): FastAPI's list detail.
    page.goto(base_url + "/queries?run=cooperation_network&entity=乐聚机器人&depth=9")
    page.wait_for_function("() => document.getElementById('query-error').textContent.includes('depth')")
    text = page.locator("#query-error").inner_text()
    assert "must be between" in text or "less than" in text
    assert "[" not in text.split("—", 1)[1] and "{" not in text, text

    page.goto(base_url + "/entity/no-such-entity")
    page.wait_for_selector("#status.error")
    text = page.locator("#status").inner_text()
    assert "no entity is called" in text and "{" not in text and "\n" not in text.strip(), text


def test_tooltips_stay_inside_the_viewport_in_a_sans_serif_font(page: Any, base_url: str) -> None:
    page.set_viewport_size({"width": 1000, "height": 760})
    page.goto(base_url + "/entity/ubtech")
    wait_for_network(page, "ubtech")
    # Put the centre (long aliases and sources) at the right edge of the canvas, then hover it.
    spot = page.evaluate("""() => {
      const network = window.ecokgNetwork;
      const el = document.getElementById('network');
      const pos = network.getPosition('ubtech');
      const scale = network.getScale();
      network.moveTo({position: {x: pos.x - (el.clientWidth / 2 - 24) / scale, y: pos.y}, scale: scale,
                      animation: false});
      const dom = network.canvasToDOM(pos);
      const box = el.getBoundingClientRect();
      return {x: box.left + dom.x, y: box.top + dom.y, hit: network.getNodeAt(dom)};
    }""")
    assert spot["hit"] == "ubtech"
    page.mouse.move(spot["x"] - 3, spot["y"])
    page.mouse.move(spot["x"], spot["y"])
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    page.wait_for_timeout(200)
    box = tip.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1000, box
    style = page.evaluate("() => { const s = getComputedStyle(document.querySelector('div.vis-tooltip'));"
                          " return [s.fontFamily, s.whiteSpace, s.overflowWrap]; }")
    assert "verdana" not in style[0].lower() and "sans-serif" in style[0], style
    assert style[1] == "normal" and style[2] == "anywhere", style
    assert "UBTECH" in tip.inner_text()


def test_paths_suggestions_close_on_tab_and_escape_keeps_the_text(page: Any, base_url: str) -> None:
    page.goto(base_url + "/paths")
    source = page.locator("#path-source")
    suggestions = page.locator("#path-source-suggestions")
    # Tab before the (debounced) answer arrives: the list must not open behind the user's back.
    source.press_sequentially("乐聚", delay=30)
    source.press("Tab")
    page.wait_for_timeout(800)
    assert suggestions.is_hidden()
    # Tab with the list open closes it.
    source.click()
    source.press_sequentially("机器人", delay=30)
    page.wait_for_selector("#path-source-suggestions li[role=option]")
    source.press("Tab")
    assert suggestions.is_hidden()
    # Esc closes the list and keeps the text; no "请选择起点".
    source.click()
    source.press("End")
    source.press("Backspace")
    source.press_sequentially("人", delay=30)
    page.wait_for_selector("#path-source-suggestions li[role=option]")
    source.press("Escape")
    assert suggestions.is_hidden()
    assert source.input_value() == "乐聚机器人"
    assert page.locator("#status").is_hidden()
    # Blur (a click elsewhere) closes it too.
    source.press("Backspace")
    page.wait_for_selector("#path-source-suggestions li[role=option]")
    page.click("h1")
    page.wait_for_timeout(300)
    assert suggestions.is_hidden()


def test_ego_expand_in_place_hide_pin_and_high_resolution_png(page: Any, base_url: str,
                                                              tmp_path: Path) -> None:
    page.goto(base_url + "/entity/ubtech?depth=2")
    wait_for_network(page, "ubtech")
    before = page.evaluate(NODE_COUNT)
    target = page.evaluate(EXPANDABLE)
    assert target
    spot = page.evaluate(FOCUS, target)
    assert spot["hit"] == target
    page.mouse.dblclick(spot["x"], spot["y"])
    page.wait_for_function(f"{NODE_COUNT} > {before}")
    assert page.get_attribute("#network", "data-center") == "ubtech"
    assert "/entity/ubtech" in page.url and target in (page.get_attribute("#network", "data-expanded") or "")
    assert page.locator("#node-selected").get_attribute("data-id") == target
    grown = page.evaluate(NODE_COUNT)

    # Pin, then hide, then show again.
    page.click("#node-pin")
    assert page.evaluate(f"window.ecokgNetwork.ecokgData.nodes.get('{target}').fixed.x") is True
    assert page.get_attribute("#network", "data-pinned") == target
    page.click("#node-hide")
    assert page.evaluate(f"window.ecokgNetwork.ecokgData.nodes.get('{target}').hidden") is True
    assert page.get_attribute("#network", "data-node-count") == str(grown - 1)
    page.click("#node-show-all")
    assert page.get_attribute("#network", "data-node-count") == str(grown)
    # Keyboard: select a node with a click, H hides it.
    spot = page.evaluate(FOCUS, target)
    page.mouse.click(spot["x"], spot["y"])
    page.keyboard.press("h")
    assert page.get_attribute("#network", "data-hidden-count") == "1"

    # PNG: 3× the canvas wide, taller than 3× for the title and legend band.
    canvas = page.evaluate("() => { const c = document.querySelector('#network canvas');"
                           " return [c.width, c.height]; }")
    with page.expect_download() as download:
        page.click("#download-png")
    saved = tmp_path / "ego.png"
    download.value.save_as(saved)
    width, height = png_size(saved)
    assert download.value.suggested_filename == "ecokg-ubtech.png"
    assert width == 3 * canvas[0] and height > 3 * canvas[1], (width, height, canvas)
    # The view is restored afterwards.
    assert page.evaluate("() => document.querySelector('#network canvas').width") == canvas[0]


def test_only_centre_explained_and_fast_changes_raise_nothing(page: Any, base_url: str) -> None:
    page.goto(base_url + "/entity/ubtech")
    wait_for_network(page, "ubtech")
    assert page.locator("#empty-notice").is_hidden()
    page.click("#types-none")
    page.wait_for_selector("#empty-notice:not([hidden])")
    assert "只显示中心节点" in page.locator("#empty-notice").inner_text()
    # Only a type the entity does not have: the centre alone, with the reason.
    page.click("#types-all")
    wait_for_network(page, "ubtech")
    assert page.locator("#empty-notice").is_hidden()
    page.goto(base_url + "/entity/ubtech?types=投资")
    wait_for_network(page, "ubtech")
    if page.evaluate(NODE_COUNT) == 1:
        assert "1 种关系类型" in page.locator("#empty-notice").inner_text()

    # Fast depth and filter changes and a re-centre, then past the 8 s layout fallback: the
    # page fixture fails on any page error (the old "reading 'setOptions'" race).
    page.goto(base_url + "/entity/ubtech")
    wait_for_network(page, "ubtech")
    for depth in ("2", "3", "1", "2"):
        page.select_option("#depth", depth)
    # Replace a network while its layout is still running (its 8 s fallback timer pending).
    page.select_option("#depth", "3")
    page.wait_for_function("() => window.ecokgNetwork && window.ecokgNetwork.ecokgData.nodes.length > 40"
                           " && document.getElementById('network').dataset.ready === 'false'")
    page.click("#types-none")
    page.click("#types-all")
    page.evaluate("() => { history.pushState({}, '', '/entity/leju');"
                  " dispatchEvent(new PopStateEvent('popstate')); }")
    page.select_option("#depth", "3")
    page.select_option("#depth", "1")
    wait_for_network(page, "leju")
    # The same, made certain: a network replaced before its layout settles.
    page.evaluate("""() => {
      const box = document.createElement('div');
      box.style.width = '400px';
      box.style.height = '300px';
      document.body.appendChild(box);
      const nodes = Array.from({length: 150}, (_, i) => ({id: i}));
      const edges = nodes.slice(1).map((n) => ({from: n.id, to: Math.floor(n.id / 3)}));
      ecokg.drawNetwork(box, nodes, edges).destroy();
    }""")
    page.wait_for_timeout(9_000)
    assert page.get_attribute("#network", "data-center") == "leju"
    assert page.evaluate(NODE_COUNT) >= 2
