"""No XSS: a hostile graph (HTML and script in names, properties, notes and sources) is shown as
text in every page, tooltip and standalone ego file, and no script of it runs (real Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.browser.test_explorer import NODE_SCREEN_POSITION
from tests.browser.views import wait_for_network

# Every payload calls xss(n) if it ever runs; the page defines xss() to record n.
EVIL_NAME = "<img src=x onerror=xss(1)>恶意科技"
EVIL_PARTNER = "<svg/onload=xss(2)>伙伴公司"
EVIL_CENTRE = "</script><script>xss(3)</script>恶意中心"
EVIL_NOTE = "<b onmouseover=xss(4)>悬停</b>"
EVIL = {
    "sources.yaml": [{"id": "art1", "publisher": "<script>xss(5)</script>报社",
                      "title": "<img src=x onerror=xss(6)>标题", "date": "2025-03-12",
                      "script": "Simplified"}],
    "entities/company.yaml": [
        {"id": "evil-co", "name": EVIL_NAME, "name_en": "javascript:xss(7)",
         "aliases": ["<script>xss(8)</script>"],
         "sector": "\"><svg onload=xss(9)>", "description": "<iframe src=\"javascript:xss(10)\"></iframe>",
         "sources": ["art1"]},
        {"id": "evil-partner", "name": EVIL_PARTNER, "sources": ["art1"]},
    ],
    "entities/innovation_center.yaml": [{"id": "evil-centre", "name": EVIL_CENTRE, "sources": ["art1"]}],
    "relations/art1.yaml": [
        {"type": "合作", "from": "evil-co", "to": "evil-partner", "span": [0, 10], "note": EVIL_NOTE},
        {"type": "牵头", "from": "evil-co", "to": "evil-centre", "span": [10, 20],
         "note": "{{7*7}}<style>body{display:none}</style>"},
    ],
}
RECORD_XSS = "window.__xss = []; window.xss = (n) => window.__xss.push(n);"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The explorer serving the hostile graph; yields its URL and a standalone ego file of it."""
    from api.app import create_app
    from cypher.ego import ego_network
    from graph.settings import Settings
    from graph.stores.embedded import build_database, open_store
    from loaders.curated import load_graph
    from tests.serving import serving
    from viz.ego_html import render_ego_html

    root = tmp_path_factory.mktemp("hostile")
    for rel, items in EVIL.items():
        path = root / "data" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    graph = load_graph(root / "data")
    db = root / "ecokg.lbug"
    build_database(graph, db)
    store = open_store(db)
    standalone = root / "ego.html"
    network = ego_network(store, "evil-co", 2, node_cap=200, sources=graph.sources)
    standalone.write_text(render_ego_html(network, f"{EVIL_NAME} · ego network"), encoding="utf-8")
    store.close()
    settings = Settings(data_dir=root, db_path=db, curated_dir=root / "data", build=False)
    with serving(create_app(settings)) as url:
        yield url, standalone


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A page that records any payload that runs, and any dialog."""
    # Without the CSP, so that this tests the pages' own escaping (test_csp.py tests the policy).
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    context.add_init_script(RECORD_XSS)
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def assert_nothing_ran(page: Any) -> None:
    assert page.evaluate("window.__xss") == [], "a hostile payload ran"
    assert page.dialogs == []


def hover_everything(page: Any) -> list[str]:
    """Hover every node and every edge midpoint; return the tooltip texts shown."""
    texts = []
    ids = page.evaluate("window.ecokgNetwork.ecokgData.nodes.getIds()")
    for node_id in ids:
        spot = page.evaluate(NODE_SCREEN_POSITION, node_id)
        page.mouse.move(spot["x"], spot["y"])
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        texts.append(page.locator("div.vis-tooltip").inner_text())
        page.mouse.move(5, 5)
    for edge_id in page.evaluate("window.ecokgNetwork.ecokgData.edges.getIds()"):
        ends = page.evaluate("(id) => window.ecokgNetwork.getConnectedNodes(id)", edge_id)
        a, b = (page.evaluate(NODE_SCREEN_POSITION, end) for end in ends)
        page.mouse.move((a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
        page.wait_for_timeout(400)
        if page.locator("div.vis-tooltip").is_visible():
            texts.append(page.locator("div.vis-tooltip").inner_text())
        page.mouse.move(5, 5)
    return texts


def test_entity_page_and_tooltips_show_hostile_text_as_text(page: Any, hostile: tuple[str, Path],
                                                            artifacts: Path) -> None:
    url, _ = hostile
    page.goto(f"{url}/entity/evil-co?depth=2")
    wait_for_network(page, "evil-co")
    assert page.locator("#entity-name").inner_text() == EVIL_NAME
    tooltips = "\n".join(hover_everything(page))
    for text in (EVIL_NAME, EVIL_PARTNER, EVIL_CENTRE, "<script>xss(8)</script>"):
        assert text in tooltips
    assert EVIL_NOTE in page.locator("#relations").inner_text() or EVIL_NOTE in tooltips
    page.screenshot(path=artifacts / "xss-entity.png")
    assert_nothing_ran(page)


def test_search_paths_queries_and_console_escape_hostile_text(page: Any, hostile: tuple[str, Path]) -> None:
    url, _ = hostile
    page.goto(url + "/")
    page.locator("input[type=search]").first.press_sequentially("恶意", delay=40)
    page.wait_for_selector("li[data-id=evil-co]")
    assert EVIL_NAME in page.locator("li[data-id=evil-co]").inner_text()

    page.goto(url + "/paths")
    page.locator("#path-source").press_sequentially("伙伴公司", delay=40)
    page.locator('#path-source-suggestions li[data-id="evil-partner"]').click()
    page.check("#path-any-centre")
    page.click("#path-find")
    page.wait_for_selector("#path-list li")
    assert EVIL_CENTRE in page.locator("#path-list").inner_text()
    hover_everything(page)

    page.goto(url + "/queries")
    form = page.locator("#query-form-most_connected")
    form.wait_for()
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#results table tbody tr")
    assert EVIL_NAME in page.locator("#results table").inner_text()

    page.goto(url + "/console")
    page.fill("#cypher", "MATCH (n)-[r]->(m) RETURN n.name, r.note, m.name, n")
    page.fill("#cypher-params", "{}")
    page.click("#run-cypher")
    page.wait_for_selector("#results table tbody tr")
    assert EVIL_NOTE in page.locator("#results table").inner_text()
    assert_nothing_ran(page)


def test_standalone_ego_file_escapes_hostile_text(page: Any, hostile: tuple[str, Path]) -> None:
    _, standalone = hostile
    page.goto(standalone.as_uri())
    wait_for_network(page)
    assert page.title() == f"{EVIL_NAME} · ego network"
    tooltips = "\n".join(hover_everything(page))
    assert EVIL_CENTRE in tooltips and EVIL_PARTNER in tooltips
    assert_nothing_ran(page)


def test_api_serves_hostile_names_as_json_not_html(hostile: tuple[str, Path]) -> None:
    url, _ = hostile
    response = httpx.get(f"{url}/api/entities/evil-co")
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["name"] == EVIL_NAME
    page_html = httpx.get(f"{url}/entity/evil-co").text
    assert "onerror=xss" not in page_html and "<script>xss" not in page_html
