"""The explorer under its own Content-Security-Policy: every page works with no violation reported."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = ["/", "/entity/ubtech", "/paths", "/queries", "/console"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_run_under_the_policy(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    tab = context.new_page()
    violations: list[str] = []
    errors: list[str] = []
    tab.on("console", lambda msg: violations.append(msg.text)
           if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    response = tab.goto(base_url + path)
    assert response is not None
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    assert response.headers.get("x-content-type-options") == "nosniff"
    if path.startswith("/entity"):
        tab.wait_for_selector("#network[data-ready=true]", timeout=20_000)
    else:
        tab.wait_for_load_state("networkidle")
    context.close()
    assert violations == [], violations
    assert errors == [], errors
