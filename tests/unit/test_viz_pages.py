"""The explorer's pages and vendored assets: local references only, stable element ids."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from viz.pages import PAGES, STATIC_DIR, VIS_NETWORK_CSS, VIS_NETWORK_JS, render_page

REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
FETCHING_TAGS = ("link", "img", "iframe", "embed", "object", "source", "video", "audio", "track", "input")
CSS_REMOTE = re.compile(r"""(url\(\s*['"]?\s*(https?:)?//|@import)""", re.IGNORECASE)


class References(HTMLParser):
    """Collects what a document would fetch: script src, link href, and the like; and all ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetched: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "script":
            if "src" in values:
                self.fetched.append((tag, values["src"]))
            else:
                self.inline_scripts += 1
        for attr in ("href", "src", "srcset", "data", "poster"):
            if attr in values and tag in FETCHING_TAGS:
                self.fetched.append((tag, values[attr]))


def references(html: str) -> References:
    parser = References()
    parser.feed(html)
    return parser


def remote_references(html: str) -> list[str]:
    """Every remote script, stylesheet, font or other fetched resource a document names."""
    found = [f"{tag} {url}" for tag, url in references(html).fetched if REMOTE.match(url)]
    found += [m.group(0) for m in CSS_REMOTE.finditer(html)]
    found += re.findall(r"@font-face", html, flags=re.IGNORECASE)
    return found


PAGE_IDS = {
    "home": {"search", "suggestions", "label-counts", "relation-counts", "link-paths", "link-queries",
             "link-console"},
    "entity": {"network", "depth", "type-filters", "truncated-notice", "download-png", "legend", "relations",
               "entity-info", "nav-search", "nav-suggestions"},
    "paths": {"path-source", "path-target", "path-any-centre", "path-list", "max-hops", "path-find",
              "network"},
    "queries": {"query-forms", "results", "results-info", "downloads", "network", "query-error"},
    "console": {"cypher", "cypher-params", "run-cypher", "cypher-error", "results", "examples"},
}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_only_local_references(name: str) -> None:
    html = render_page(name, entity_id="ubtech")
    assert html.startswith("<!doctype html>")
    assert remote_references(html) == []
    for tag, url in references(html).fetched:
        assert url.startswith("/static/") or url.startswith("data:"), (tag, url)


@pytest.mark.parametrize("name", PAGES)
def test_page_scripts_and_styles_exist(name: str) -> None:
    for _, url in references(render_page(name, entity_id="x")).fetched:
        if url.startswith("/static/"):
            assert (STATIC_DIR / url.removeprefix("/static/")).is_file(), url


@pytest.mark.parametrize("name", PAGES)
def test_page_has_stable_ids(name: str) -> None:
    ids = references(render_page(name, entity_id="ubtech")).ids
    assert PAGE_IDS[name] <= ids


def test_graph_pages_load_vis_network_locally() -> None:
    for name in ("entity", "paths", "queries"):
        fetched = {url for _, url in references(render_page(name, entity_id="x")).fetched}
        assert "/static/vendor/vis-network/vis-network.min.js" in fetched
        assert "/static/vendor/vis-network/vis-network.css" in fetched


def test_static_url_is_configurable() -> None:
    html = render_page("home", static_url="/assets/")
    assert '<script src="/assets/ecokg.js">' in html
    assert "/static/" not in html


def test_entity_id_is_escaped() -> None:
    html = render_page("entity", entity_id='"><script>alert(1)</script>')
    assert "<script>alert(1)" not in html
    assert 'data-entity-id="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_unknown_page_and_missing_entity_id_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown page"):
        render_page("admin")
    with pytest.raises(ValueError, match="entity_id"):
        render_page("entity")


def test_vis_network_is_vendored_with_its_license() -> None:
    js = VIS_NETWORK_JS.read_text(encoding="utf-8")
    header = js[:1200]
    assert "vis-network" in header and "@version 9.1.2" in header
    assert "@license" in header and "MIT License" in header and "Apache 2.0" in header
    css = VIS_NETWORK_CSS.read_text(encoding="utf-8")
    assert "@license" in css[:600] and ".vis-network" in css
    assert (VIS_NETWORK_JS.parent / "LICENSE").is_file()
    # Inlined into standalone files: neither asset may close its element.
    assert "</script" not in js.lower() and "</style" not in css.lower()
    assert CSS_REMOTE.search(css) is None


def test_own_scripts_never_use_inner_html() -> None:
    for path in STATIC_DIR.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
            assert sink not in text, f"{path.name} uses {sink}"
