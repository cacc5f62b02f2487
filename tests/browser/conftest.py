"""Browser fixtures: the real app over a real embedded database, and headless Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("ECOKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


@pytest.fixture(scope="session")
def base_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the running explorer: ``$ECOKG_EXPLORER_URL`` if set, else the app served by uvicorn
    on a free local port over the curated graph built into a temporary embedded database — or,
    for a test parametrized with ``indirect=["base_url"]`` and ``"neo4j"``, ``ecokg serve --store
    neo4j`` over the Neo4j server the tests use."""
    external = os.environ.get("ECOKG_EXPLORER_URL")
    if external:
        yield external.rstrip("/")
        return
    if getattr(request, "param", "embedded") == "neo4j":
        from tests.serving import serve_process

        settings = request.getfixturevalue("neo4j_settings")
        request.getfixturevalue("neo4j_store")  # the curated graph, loaded
        env = {"NEO4J_URI": settings.neo4j_uri or "", "NEO4J_USER": settings.neo4j_user,
               "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value()}
        with serve_process(tmp_path_factory.mktemp("browser-neo4j"), "--store", "neo4j", env=env) as (url, _):
            yield url
        return
    from api.app import create_app
    from graph.stores.embedded import build_database
    from loaders.curated import load_graph
    from tests.serving import serving

    data_dir = tmp_path_factory.mktemp("browser-data")
    db_path = data_dir / "ecokg.lbug"
    build_database(load_graph(), db_path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ECOKG_DATA_DIR", str(data_dir))
        from graph.settings import get_settings

        get_settings.cache_clear()
        with serving(create_app(db_path=db_path)) as url:
            yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium (the Debian package), driven by Playwright."""
    if not Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is None:
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (.ci/run does)")
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def artifacts() -> Path:
    """Where screenshots go (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page that fails the test on a script error or a request leaving the app's origin."""
    # CSP is bypassed for the driver only (its waits evaluate strings); test_csp.py checks the policy.
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN", bypass_csp=True)
    tab = context.new_page()
    tab.errors, tab.foreign = [], []
    origin = urlsplit(base_url).netloc
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.on("request", lambda req: tab.foreign.append(req.url)
           if urlsplit(req.url).scheme in ("http", "https") and urlsplit(req.url).netloc != origin else None)
    yield tab
    context.close()
    assert tab.errors == [], tab.errors
    assert tab.foreign == [], f"requests outside the app: {tab.foreign}"

