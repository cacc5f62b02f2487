"""Helpers the browser tests share: waits and probes evaluated in the page."""

from __future__ import annotations

from typing import Any


def wait_for_network(page: Any, center: str | None = None) -> None:
    """Wait until the page's network is drawn (around ``center`` when given)."""
    selector = "#network[data-ready=true]" + (f'[data-center="{center}"]' if center else "")
    page.wait_for_selector(selector, timeout=30_000)
