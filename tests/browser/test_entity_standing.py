"""The entity page shows the entity's PageRank rank and community with the community's top members."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_entity_page_shows_rank_and_community(page: Any, base_url: str, artifacts: Path) -> None:
    page.goto(base_url + "/entity/ubtech")
    page.wait_for_selector('#network[data-ready=true][data-center="ubtech"]', timeout=20_000)
    standing = page.evaluate("() => fetch('/api/entities/ubtech').then((r) => r.json())")["standing"]
    line = page.locator("#entity-standing")
    text = line.inner_text()
    assert f"{standing['pagerank_rank']} / {standing['of']}" in text
    assert f"community {standing['community']} ({standing['community_size']})" in text
    links = line.locator("a")
    assert links.count() == len(standing["community_top"])
    assert links.first.inner_text() == standing["community_top"][0]["name"]
    page.screenshot(path=artifacts / "entity-standing-ubtech.png")
