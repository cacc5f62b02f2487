"""The HTML hooks: pages from ``viz.pages`` and static files from ``viz/static``."""

from __future__ import annotations

import re

import httpx
import pytest

PAGES = ["/", "/entity/ubtech", "/entity/優必選", "/paths", "/queries", "/console"]
REMOTE = re.compile(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//""",
                    re.IGNORECASE)


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_html(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<html" in response.text.lower()


def test_entity_page_names_its_entity_escaped(client: httpx.Client) -> None:
    response = client.get("/entity/<img src=x onerror=alert(1)>")
    assert response.status_code == 200 and "<img src=x" not in response.text


def test_static_files_are_served(client: httpx.Client) -> None:
    response = client.get("/static/ecokg.js")
    assert response.status_code == 200 and "ecokg" in response.text
    assert client.get("/static/no-such-file.js").status_code == 404


@pytest.mark.parametrize("path", PAGES)
def test_no_served_page_references_remote_scripts_styles_or_fonts(client: httpx.Client, path: str) -> None:
    html = client.get(path).text
    assert not REMOTE.findall(html)
    for asset in re.findall(r"""(?:src|href)=["'](/static/[^"']+)""", html):
        response = client.get(asset)
        body = response.text
        assert response.status_code == 200, asset
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:|@font-face[^}]*https?://", body), asset
