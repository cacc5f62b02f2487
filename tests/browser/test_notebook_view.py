"""``ecokg``'s pyvis view draws in Chromium from the file alone: nothing is fetched from anywhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import ecokg
from graph.settings import Settings
from graph.stores.embedded import build_database
from loaders.curated import load_graph


def test_show_renders_offline(browser: Any, tmp_path: Path) -> None:
    db = tmp_path / "ecokg.lbug"
    build_database(load_graph(), db)
    with ecokg.open(Settings(data_dir=tmp_path, db_path=db, build=False)) as g:
        ego = g.ego("优必选", depth=2)
        page = ego.show(path=tmp_path / "ego.html")
    assert re.findall(r"<(?:script|link)\b[^>]*\b(?:src|href)=", page.html, re.I) == []
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    fetched: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else (fetched.append(route.request.url), route.abort()))
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto((tmp_path / "ego.html").as_uri())
    tab.wait_for_function("() => typeof network !== 'undefined' && network.body.data.nodes.length > 0")
    drawn = tab.evaluate("() => [network.body.data.nodes.length, network.body.data.edges.length]")
    tab.wait_for_selector("canvas")
    tab.screenshot(path=tmp_path / "pyvis.png")
    context.close()
    assert drawn == [ego.number_of_nodes(), ego.number_of_edges()]
    assert fetched == [] and errors == []
