"""ecokg in Python and notebooks: ego networks as networkx graphs, canned queries as rows, pyvis views.

The graph opened is the one ``ecokg serve`` answers from (the embedded database, built from the
curated data when missing, or Neo4j when the settings say so), and ego networks carry the same
node and edge attributes as ``GET /api/entities/{id}/ego``.

>>> import ecokg
>>> g = ecokg.open()
>>> ego = g.ego("优必选", depth=2)
>>> ego.graph["center"], ego.nodes["ubtech"]["name"], ego.nodes["ubtech"]["hop"]
('ubtech', '优必选', 0)
>>> {"任职", "位于"} <= {d["type"] for _, _, d in ego.edges(data=True)}
True
>>> rows = g.query("company_centres", company="優必選", max_hops=2)
>>> records = rows.to_dict("records") if hasattr(rows, "to_dict") else rows
>>> "national-embodied-ai-center" in {r["centre_id"] for r in records}
True
>>> view = ego.show()  # in a notebook the view displays itself; view.save("ego.html") writes it
>>> "new vis.Network" in view.html and "cdn.jsdelivr" not in view.html
True
>>> g.close()
"""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graph.settings import Settings, get_settings

__all__ = ["EgoGraph", "Graph", "PyvisView", "open"]


class EgoGraph(nx.MultiDiGraph):  # type: ignore[misc]  # networkx ships no type hints
    """An ego network: nodes keyed by id and edges by relationship key, attributes as the API's.

    ``graph`` holds ``center``, ``depth``, ``truncated``, ``node_cap``, ``as_of`` and ``later``.
    """

    def show(self, *, height: str = "640px", path: str | Path | None = None) -> PyvisView:
        """Draw with pyvis, every resource in the page (no CDN); write it to ``path`` if given."""
        view = render_pyvis(self, height=height)
        if path is not None:
            view.save(path)
        return view


class PyvisView:
    """A self-contained HTML page; a notebook shows it in an isolated frame."""

    def __init__(self, page: str) -> None:
        self.html = page

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path``."""
        target = Path(path)
        target.write_text(self.html, encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html_text.escape(self.html, quote=True)}" style="width:100%;'
                f'height:680px;border:0" sandbox="allow-scripts"></iframe>')


class Graph:
    """The knowledge graph, open for reading: ego networks and canned queries."""

    def __init__(self, settings: Settings) -> None:
        from cypher.names import NameIndex
        from cypher.reader import GraphReader
        from graph import stores
        from loaders.curated import load_sources

        self.settings = settings
        self.sources = load_sources(settings.curated_dir)
        self._opened = stores.open(settings, purpose="query")
        try:
            self.names = NameIndex.from_store(self._opened.reads)
            embedded = settings.database if self._opened.backend.name == "embedded" else None
            # The read layer the API answers ego networks with (its projection, beside the database).
            self.reader = GraphReader.build(self._opened.reads, self.names, self.sources,
                                            timeout_ms=settings.timeout_ms, database=embedded)
        except BaseException:
            self._opened.close()
            raise

    def ego(self, name: str, depth: int = 1, *, types: str | list[str] | None = None,
            limit: int | None = None, as_of: str | None = None) -> EgoGraph:
        """The ego network of the entity called ``name`` (id, name or alias, 简体 or 繁體).

        Args:
            depth: hops from the centre (1–3), direction ignored.
            types: relation types to follow (Chinese or ASCII names); all by default.
            limit: node cap (default the settings' ``ego_node_cap``).
            as_of: ``YYYY-MM-DD``: only relations dated on or before it (undated ones flagged).
        """
        from api.schemas import EgoNetwork
        from cypher.as_of import parse_as_of
        from cypher.ego import relation_type_names
        from cypher.references import property_links
        from cypher.runner import ParameterError

        if not 1 <= depth <= 3:
            raise ParameterError("depth", "must be between 1 and 3")
        date = parse_as_of(as_of)
        center = self.names.resolve(name)
        wanted = tuple(sorted(relation_type_names(types)))  # as the API orders them
        network = self.reader.ego(center, depth, wanted, node_cap=limit or self.settings.ego_node_cap,
                                  as_of=date)
        for node in network["nodes"]:
            node["links"] = property_links(node["properties"], self.names.display, self.names.labels,
                                           self.sources)
        body = EgoNetwork.model_validate(network).model_dump(mode="json")
        g = EgoGraph(**{k: body[k] for k in ("center", "depth", "truncated", "node_cap", "as_of", "later")})
        for node in body["nodes"]:
            g.add_node(node["id"], **node)
        for edge in body["edges"]:
            g.add_edge(edge["source"], edge["target"], key=edge["id"], **edge)
        return g

    def query(self, name: str, **params: Any) -> Any:
        """Run the canned query ``name`` (see ``ecokg queries``) with ``params``.

        Returns a pandas DataFrame when pandas is installed, else a list of dicts (one per row).
        """
        from cypher.registry import load_queries
        from cypher.runner import ParameterError, run_canned

        queries = load_queries()
        if name not in queries:
            raise ParameterError("name", f"no canned query {name!r}; known: {', '.join(sorted(queries))}")
        result = run_canned(self._opened.reads, queries[name], params, self.names,
                            timeout_ms=self.settings.timeout_ms, max_rows=self.settings.max_rows)
        records = result.records()
        try:
            import pandas
        except ImportError:
            return records
        return pandas.DataFrame(records, columns=result.columns)

    def show(self, name: str, depth: int = 2, **options: Any) -> PyvisView:
        """``self.ego(name, depth, **options).show()``."""
        return self.ego(name, depth, **options).show()

    def close(self) -> None:
        """Close the store."""
        self._opened.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open(settings: Settings | None = None, *, db: str | Path | None = None,  # noqa: A001 - the public name
         data: str | Path | None = None) -> Graph:
    """Open the graph the settings (``ECOKG_*``) name; ``db`` and ``data`` override the database
    file and the curated data directory, as ``--db`` and ``--data`` do on the command line."""
    chosen = settings or get_settings()
    update: dict[str, Any] = {}
    if db is not None:
        update["db_path"] = Path(db)
    if data is not None:
        update["curated_dir"] = Path(data)
    return Graph(chosen.model_copy(update=update) if update else chosen)


_REMOTE = re.compile(r"<(link|script)\b[^>]*\b(?:href|src)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.I)
_COMMENTED = re.compile(r"<!--.*?-->", re.S)


def render_pyvis(g: EgoGraph, *, height: str = "640px") -> PyvisView:
    """The ego network as a pyvis page with vis-network in-line and nothing fetched from elsewhere.

    pyvis's ``cdn_resources="in_line"`` puts vis-network into the page but still links Bootstrap
    from a CDN (for layout only) and keeps a commented-out link to ``node_modules``; both are
    removed.
    """
    from pyvis.network import Network

    from graph.ontology import labels_by_name

    styles = labels_by_name()
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line")
    for node_id, attrs in g.nodes(data=True):
        label = styles.get(attrs.get("label", ""))
        net.add_node(node_id, label=attrs.get("name") or node_id, title=_node_title(attrs),
                     color=label.color if label else "#9aa0a6", shape=_shape(label.shape if label else "dot"),
                     size=26 if attrs.get("hop") == 0 else 16, borderWidth=4 if attrs.get("hop") == 0 else 1)
    for source, target, attrs in g.edges(data=True):
        net.add_edge(source, target, label=attrs.get("type"), title=_edge_title(g, attrs),
                     dashes=bool(attrs.get("undated")))
    page = net.generate_html()
    page = _COMMENTED.sub("", _REMOTE.sub("", page))
    return PyvisView(page)


def _shape(shape: str) -> str:
    # vis-network draws these with the label beside the shape, which pyvis's default font suits.
    return shape if shape in {"dot", "star", "diamond", "triangle", "triangleDown", "square", "hexagon",
                              "ellipse", "box", "database"} else "dot"


def _node_title(attrs: Mapping[str, Any]) -> str:
    links = attrs.get("links") or {}
    lines = [str(attrs.get("name")), f"{attrs.get('label')} · {attrs.get('id')}"]
    for key, value in (attrs.get("properties") or {}).items():
        link = links.get(key)
        if key == "sources" and isinstance(link, list):
            value = "; ".join(f"{s.get('publisher') or ''}《{s.get('title')}》" for s in link)
        elif isinstance(link, dict):
            value = link.get("name")
        lines.append(f"{key}: {value}")
    return "\n".join(lines)


def _edge_title(g: EgoGraph, attrs: Mapping[str, Any]) -> str:
    props = dict(attrs.get("properties") or {})
    cites = props.pop("citations", [])
    ends = (g.nodes[attrs["source"]].get("name"), g.nodes[attrs["target"]].get("name"))
    lines = [f"{ends[0]} {attrs.get('type')} {ends[1]}"]
    lines += [f"{k}: {v}" for k, v in props.items()]
    lines += [f"{c.get('source_publisher') or ''}《{c.get('source_title') or c.get('source')}》"
              f"{' ' + c['source_date'] if c.get('source_date') else ''}" for c in cites]
    return "\n".join(lines)
