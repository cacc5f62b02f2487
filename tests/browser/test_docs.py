"""``/docs`` and ``/redoc`` render offline, from the app's own assets, under its Content-Security-Policy."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(("path", "ready"), [("/docs", ".swagger-ui .opblock"),
                                             ("/redoc", "[data-section-id]")])
def test_docs_render_offline_under_the_policy(browser: Any, base_url: str, path: str, ready: str) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    tab = context.new_page()
    outside: list[str] = []
    # Anything not from the app itself (a CDN) is refused and recorded.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                  else (outside.append(route.request.url), route.abort()))
    problems: list[str] = []
    tab.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: problems.append(str(exc)))
    response = tab.goto(base_url + path)
    assert response is not None and response.status == 200
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    tab.wait_for_selector(ready, timeout=30_000)
    if path == "/docs":
        assert tab.locator(".opblock-summary-path", has_text="/api/search").count() >= 1
    else:
        assert tab.get_by_text("/api/search").count() >= 1
    context.close()
    assert outside == []
    # ReDoc's sidebar always asks for Redocly's logo from its CDN; the policy refuses it (the
    # image hides itself), which is what offline means here.
    assert [p for p in problems if "cdn.redoc.ly/redoc/logo-mini.svg" not in p] == [], problems
