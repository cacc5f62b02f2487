"""HTML pages of the web explorer, rendered from Jinja2 templates; their scripts fetch the JSON API."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
PAGES: tuple[str, ...] = ("home", "entity", "paths", "queries", "console")
"""Page names accepted by :func:`render_page`."""

VIS_NETWORK_JS = STATIC_DIR / "vendor" / "vis-network" / "vis-network.min.js"
VIS_NETWORK_CSS = STATIC_DIR / "vendor" / "vis-network" / "vis-network.css"


@cache
def environment() -> Environment:
    """The Jinja2 environment: templates from ``viz/templates``, HTML autoescaping always on."""
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_page(name: str, **context: Any) -> str:
    """Render one page of the explorer.

    Args:
        name: one of :data:`PAGES`.
        **context: template values; ``entity`` needs ``entity_id``. ``static_url`` (default
            ``/static``) is where ``viz/static`` is served.

    Raises:
        ValueError: for an unknown page name, or the entity page without ``entity_id``.
    """
    if name not in PAGES:
        raise ValueError(f"unknown page {name!r}; expected one of {', '.join(PAGES)}")
    if name == "entity" and not context.get("entity_id"):
        raise ValueError("the entity page needs entity_id")
    values: dict[str, Any] = {"static_url": "/static", **context, "page": name}
    values["static_url"] = str(values["static_url"]).rstrip("/")
    return environment().get_template(f"{name}.html").render(**values)
