"""The ``ecokg`` command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

from graph.errors import EcokgError
from graph.model import KnowledgeGraph
from graph.settings import Settings
from graph.stores.base import QueryResult
from loaders.curated import load_graph
from loaders.writers import EXPORT_FORMATS, export

if TYPE_CHECKING:
    from cypher.reader import GraphReader

console = Console()
err = Console(stderr=True)
EXIT_USAGE = 2
"""Every error the command line reports (bad input, a file it cannot write, an unreachable store)."""


class _Commands(TyperGroup):
    """Runs a command and turns ecokg's errors and OS errors into one line on stderr and exit 2."""

    def invoke(self, ctx: Any) -> Any:  # typer's own (vendored) click Context
        try:
            return super().invoke(ctx)
        except EcokgError as exc:
            fail(str(exc))
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            fail(f"cannot use{where}: {exc.strerror or exc}")


app = typer.Typer(help="ecokg — knowledge graph of China's AI and robotics ecosystem.", cls=_Commands,
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

ExportFormat = StrEnum("ExportFormat", {f: f for f in EXPORT_FORMATS})  # type: ignore[misc]
DataOption = Annotated[Path | None, typer.Option("--data", help="Curated data directory "
                                                 "(default $ECOKG_CURATED_DIR or data/).")]
DbOption = Annotated[Path | None, typer.Option("--db", help="Embedded database file (default "
                                               "$ECOKG_DB_PATH or $ECOKG_DATA_DIR/ecokg.lbug).")]
class CliError(EcokgError):
    """A command-line problem, reported in one line."""


def fail(message: str) -> NoReturn:
    """Print one error line on stderr and exit 2."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_USAGE)


def _settings(data: Path | None = None, db: Path | None = None, store: StoreChoice | None = None) -> Settings:
    """The settings, with what the command line says over what the environment says (read afresh)."""
    update: dict[str, object] = {}
    if data is not None:
        update["curated_dir"] = data
    if db is not None:
        update["db_path"] = db
    if store is not None:
        update["store"] = store.value
    return Settings().model_copy(update=update)


def _load(data: Path | None) -> KnowledgeGraph:
    return load_graph(data or _settings().curated_dir)


def _counts_table(title: str, nodes: dict[str, int], relationships: dict[str, int]) -> Table:
    table = Table(title=title)
    table.add_column("kind")
    table.add_column("name")
    table.add_column("count", justify="right")
    for label, n in nodes.items():
        table.add_row("node", label, str(n))
    for rel_type, n in relationships.items():
        table.add_row("relationship", rel_type, str(n))
    table.add_row("total", "nodes", str(sum(nodes.values())))
    table.add_row("total", "relationships", str(sum(relationships.values())))
    return table


@app.command()
def validate(data: DataOption = None) -> None:
    """Validate the curated data against the ontology and print counts."""
    graph = _load(data)
    console.print(_counts_table("ecokg graph", graph.label_counts(), graph.type_counts()))
    console.print("[green]valid[/green]")


@app.command("export")
def export_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (default stdout).")]
    = None,
    data: DataOption = None,
) -> None:
    """Export the graph as json, jsonl, graphml, ttl or neo4j-import (a directory of CSV files)."""
    graph = _load(data)
    if out is None:
        if fmt.value == "neo4j-import":
            fail("--format neo4j-import writes a directory: give --out DIR")
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"export.{fmt.value}"
            export(graph, fmt.value, path)
            sys.stdout.write(path.read_text(encoding="utf-8"))
        return
    export(graph, fmt.value, out)
    err.print(f"wrote {out} ({len(graph.nodes)} nodes, {len(graph.relationships)} relationships)")


@app.command()
def readme(
    check: Annotated[bool, typer.Option("--check", help="Fail if README.md is out of date.")] = False,
    data: DataOption = None,
) -> None:
    """Regenerate the ontology and count tables of README.md."""
    from api.readme import render_into
    from loaders.corpus import REPO_ROOT

    path = REPO_ROOT / "README.md"
    current = path.read_text(encoding="utf-8")
    fresh = render_into(current, _load(data))
    if check:
        if fresh != current:
            fail("README.md is out of date: run `ecokg readme`")
        return
    path.write_text(fresh, encoding="utf-8")



@app.command()
def synth(
    nodes: Annotated[int, typer.Option(min=60, help="Number of entities.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Empty directory to write the data into.")],
    seed: Annotated[int, typer.Option(help="Random seed: the same seed writes the same files.")] = 7,
    relationships: Annotated[int | None, typer.Option(min=0, help="Relations (default 5 × nodes).")]
    = None,
) -> None:
    """Write a synthetic ecosystem in the curated data format (for scale tests and benchmarks)."""
    from loaders.synth import write_synthetic

    try:
        summary = write_synthetic(out, nodes, seed, relationships)
    except ValueError as exc:
        fail(str(exc))
    console.print(_counts_table(f"synthetic ecosystem in {out} (seed {seed})", summary.nodes,
                                summary.relationships))
    console.print(f"degree: max {summary.max_degree}, median {summary.median_degree:g}")


class StoreChoice(StrEnum):
    """Which store a command reads or writes."""

    embedded = "embedded"
    neo4j = "neo4j"


class OutputFormat(StrEnum):
    """How query results are printed."""

    table = "table"
    json = "json"
    csv = "csv"


StoreOption = Annotated[StoreChoice | None, typer.Option(
    "--store", help="embedded or neo4j (default $ECOKG_STORE, else embedded).")]


@app.command()
def load(
    target: Annotated[StoreChoice | None, typer.Option(
        help="embedded (LadybugDB file) or neo4j (NEO4J_URI …); default $ECOKG_STORE.")] = None,
    data: DataOption = None,
    db: DbOption = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Neo4j rows per transaction.")] = 5000,
) -> None:
    """Validate the curated data and load it into a store, with progress and a summary."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from graph import stores

    settings = _settings(data, db, target)
    graph = _load(settings.curated_dir)
    total = len(graph.nodes) + len(graph.relationships)
    columns = (TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as bar:
        task = bar.add_task(f"loading into {settings.store}", total=total)

        def step(description: str, done: int) -> None:
            bar.update(task, advance=done, description=description)

        report, where = stores.load_into(settings, graph, step, batch_size=batch_size)
        bar.update(task, completed=total, description="done")
    console.print(_counts_table(f"loaded into {where} in {report.seconds:.2f} s",
                                report.counts.nodes, report.counts.relationships))
    if settings.store == "embedded":
        _write_projection(settings)


@app.command("queries")
def list_queries() -> None:
    """List the canned queries with their parameters."""
    from cypher.registry import load_queries

    table = Table(title="canned queries")
    for column in ("name", "title", "parameters (default)"):
        table.add_column(column)
    for q in load_queries().values():
        params = ", ".join(f"{p.name}: {p.type} ({p.default!r})" for p in q.params) or "—"
        table.add_row(q.name, f"{q.title_zh}\n{q.title_en}", params)
    console.print(table)


@app.command("query")
def run_query(
    name: Annotated[str, typer.Argument(help="Canned query name (see `ecokg queries`).")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value, repeatable.")]
    = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    store: StoreOption = None,
    data: DataOption = None,
    db: DbOption = None,
    max_rows: Annotated[int, typer.Option(min=1, help="Row cap.")] = 1000,
    timeout_ms: Annotated[int, typer.Option(min=1, help="Time limit in milliseconds.")] = 10_000,
    bom: Annotated[bool, typer.Option("--bom", help="Start CSV with a UTF-8 byte-order mark (Excel).")]
    = False,
) -> None:
    """Run one canned query against the configured store."""
    import difflib

    from cypher.names import NameIndex
    from cypher.registry import load_queries
    from cypher.runner import run_canned
    from graph import stores

    queries = load_queries()
    if name not in queries:
        close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
        fail(f"no canned query {name!r}" + (f"; did you mean {', '.join(close)}?" if close else "")
             + " (see `ecokg queries`)")
    given: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            fail(f"--param {item!r} is not key=value")
        given[key.strip()] = value
    opened = stores.open(_settings(data, db, store), purpose="query",
                         say=lambda line: err.print(line, highlight=False, soft_wrap=True))
    try:
        result = run_canned(opened.reads, queries[name], given, NameIndex.from_store(opened.reads),
                            timeout_ms=timeout_ms, max_rows=max_rows)
    finally:
        opened.close()
    print_result(result, fmt, bom=bom)


def print_result(result: QueryResult, fmt: OutputFormat, *, bom: bool = False) -> None:
    """Print query rows as a table, JSON or CSV (plain values, lists joined with ';')."""
    import json

    from api.tables import csv_text

    if fmt is OutputFormat.json:
        payload = {"columns": result.columns, "rows": result.rows, "truncated": result.truncated,
                   "query_ms": round(result.query_ms, 3)}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return
    if fmt is OutputFormat.csv:
        sys.stdout.write(csv_text(result.columns, result.rows, bom=bom))
        return
    table = Table(caption=f"{len(result.rows)} rows{' (truncated)' if result.truncated else ''}, "
                          f"{result.query_ms:.1f} ms")
    for column in result.columns:
        table.add_column(column)
    for row in result.rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    data: DataOption = None,
    db: DbOption = None,
    store: StoreOption = None,
    no_console: Annotated[bool, typer.Option("--no-console", help="Do not serve POST /api/cypher.")]
    = False,
) -> None:
    """Serve the JSON API and the web explorer, read-only (OpenAPI at /docs)."""
    import uvicorn

    from api.app import create_app
    from api.http_guard import bounded_http_protocol
    from api.server_confinement import confine_serving_process
    from graph.confine.layers import missing
    from graph.stores.embedded import ensure_database
    from graph.stores.registry import backend

    settings = _settings(data, db, store)
    hosts = list(settings.allowed_hosts)
    if host not in ("0.0.0.0", "::", *hosts):
        hosts.append(host)  # the name it listens on is a name clients use
    settings = settings.model_copy(update={"build": False, "allowed_hosts": hosts,
                                           "console": settings.console and not no_console})
    # Fail here, clearly, on bad data or an unreachable store, before the server starts.
    if backend(settings).name == "neo4j":
        from graph import stores

        _load(settings.curated_dir)
        stores.open(settings).close()
    else:
        ensure_database(lambda: _load(settings.curated_dir), settings.curated_dir, settings.database,
                        say=lambda line: err.print(line, highlight=False, soft_wrap=True))
        _write_projection(settings)  # while the directory is writable: the server maps it at start-up
    if settings.confine_server:
        from graph.read import kernels, vectorised

        vectorised.warm()  # compiled (or read from numba's cache) while the cache is writable
        kernels.freeze()
        layers = confine_serving_process(
            port=port, read=[settings.curated_dir, settings.database.parent, settings.corpus_dir],
            neo4j_uri=settings.neo4j_uri if settings.store == "neo4j" else None)
        for gap in missing(layers):
            err.print(f"warning: server confinement incomplete — {gap}", highlight=False, soft_wrap=True)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{port}"
    where = "Neo4j" if settings.store == "neo4j" else f"{settings.database} (read-only)"
    console_state = "off" if not settings.console else "token required" if settings.console_token else "on"
    console.print(f"ecokg serves {where}\n  explorer: {url}/\n  API docs: {url}/docs\n"
                  f"  console:  {console_state}; hosts answered: {', '.join(hosts)}", highlight=False)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                http=bounded_http_protocol(settings.max_header_kb * 1024),
                limit_concurrency=settings.max_connections, timeout_keep_alive=5)


class Analysis(StrEnum):
    """Network analyses ``ecokg analytics`` runs."""

    degree = "degree"
    pagerank = "pagerank"
    betweenness = "betweenness"
    communities = "communities"
    bridges = "bridges"
    bridge_edges = "bridge_edges"


@app.command()
def analytics(
    analysis: Annotated[Analysis, typer.Argument(
        metavar="MEASURE", help="degree, pagerank, betweenness, communities, bridges (brokers "
        "between communities) or bridge_edges (links whose removal disconnects).")],
    label: Annotated[str | None, typer.Option(help="Only entities of this label.")] = None,
    top: Annotated[int, typer.Option("--top", "--limit", min=1, help="How many rows.")] = 20,
    sample: Annotated[int | None, typer.Option(min=1, help="Betweenness pivots (an estimate); exact "
                                               "up to 5,000 nodes by default, else 32.")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    data: DataOption = None,
) -> None:
    """Network analytics of the curated graph (igraph; networkx is the tests' oracle)."""
    import json

    from api.tables import csv_text
    from graph.analytics import Analytics, FastGraph
    from graph.ontology import labels_by_name

    if label is not None and label not in labels_by_name():
        fail(f"--label {label!r} is not a label; known: {', '.join(labels_by_name())}")
    result = Analytics(FastGraph.from_knowledge_graph(_load(data))).run(analysis.value, label, top, sample)
    if fmt is OutputFormat.json:
        payload = {"measure": result.measure, "label": label, "nodes": result.nodes,
                   "relationships": result.relationships, "exact": result.exact, "sample": result.sample,
                   "columns": list(result.columns), "rows": result.rows,
                   "compute_ms": round(result.seconds * 1000, 3)}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return
    cells = [[row[c] for c in result.columns] for row in result.rows]
    if fmt is OutputFormat.csv:
        sys.stdout.write(csv_text(result.columns, cells))
        return
    how = "exact" if result.exact else f"estimated from {result.sample} pivots"
    table = Table(title=analysis.value, caption=f"{result.nodes:,} nodes, {result.relationships:,} "
                  f"relationships; {how}; {result.seconds * 1000:.1f} ms")
    for column in result.columns:
        table.add_column(column)
    for row in cells:
        table.add_row(*(_cell(v) for v in row))
    console.print(table)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


@app.command()
def ego(
    name: Annotated[str, typer.Argument(help="Entity id, name or alias (Simplified or Traditional).")],
    depth: Annotated[int, typer.Option(min=1, max=3, help="Hops around the entity.")] = 2,
    types: Annotated[str, typer.Option(help="Only these relation types, comma-separated.")] = "",
    labels: Annotated[str, typer.Option(help="Only nodes of these labels, comma-separated.")] = "",
    limit: Annotated[int, typer.Option(min=1, help="Node cap (the most relevant nodes are kept).")] = 200,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path("ego.html"),
    store: StoreOption = None,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Write the ego-network view of an entity as a standalone, offline HTML file."""
    from cypher.ego import relation_type_names
    from cypher.reader import label_names
    from viz.ego_html import render_ego_html

    settings = _settings(data, db, store)
    if not out.parent.is_dir():
        fail(f"cannot write {out}: the directory {out.parent} does not exist")
    wanted, kinds = relation_type_names(types), label_names(labels)
    with _reader(settings) as reader:
        center = reader.names.resolve(name)
        network = reader.ego(center, depth, wanted, kinds, node_cap=limit)
    title = f"{reader.names.display.get(center, center)} · ego network (depth {depth})"
    write_text(out, render_ego_html(network, title))
    total = network["total_nodes"]
    within = f" of {total:,}" if total is not None else ""
    stubs = len(network["stubs"])
    note = f", capped at {limit}{within} nodes ({stubs} stubs)" if network["truncated"] else ""
    err.print(f"wrote {out}: {len(network['nodes'])} nodes, {len(network['edges'])} edges{note}",
              soft_wrap=True)


def _write_projection(settings: Settings) -> None:
    """Write the projection and its side tables beside the embedded database unless ones from this
    very file are there."""
    from cypher.names import NameIndex, name_rows
    from cypher.reader import cached_edge_properties, cached_node_records, cached_projection
    from graph.stores.embedded import open_store

    local = open_store(settings.database, read_only=True, buffer_pool_mb=settings.buffer_pool_mb)
    try:
        # Only the labels are needed here: no pinyin keys computed for every name.
        labels = NameIndex.from_rows(name_rows(local), keys=lambda _name: ()).labels
        projection = cached_projection(local, labels, settings.database)
        cached_edge_properties(local, projection, settings.database)
        cached_node_records(local, projection, settings.database)
    finally:
        local.close()


@contextmanager
def _reader(settings: Settings) -> Iterator[GraphReader]:
    """The read layer over the store the settings choose, closed on exit."""
    from cypher.names import NameIndex
    from cypher.reader import GraphReader
    from graph import stores
    from loaders.curated import load_sources

    sources = load_sources(settings.curated_dir)
    opened = stores.open(settings, purpose="query",
                         say=lambda line: err.print(line, highlight=False, soft_wrap=True))
    try:
        names = NameIndex.from_store(opened.reads)
        database = settings.database if opened.backend.name == "embedded" else None
        yield GraphReader.build(opened.reads, names, sources, timeout_ms=settings.timeout_ms,
                                database=database)
    finally:
        opened.close()


@app.command()
def paths(
    source: Annotated[str, typer.Argument(help="Start: id, name or alias.")],
    target: Annotated[str | None, typer.Argument(help="End: id, name or alias (or give --label).")] = None,
    label: Annotated[str | None, typer.Option(help="The best path to each entity of this label, "
                                                   "e.g. InnovationCenter.")] = None,
    max_hops: Annotated[int, typer.Option(min=1, max=6, help="Longest path searched.")] = 4,
    k: Annotated[int, typer.Option("-k", min=1, help="Most paths listed.")] = 10,
    exclude_labels: Annotated[str, typer.Option(help="Never pass through these labels, "
                                                     "comma-separated (e.g. Region).")] = "",
    exclude_types: Annotated[str, typer.Option(help="Never follow these relation types, "
                                                    "comma-separated (e.g. 位于).")] = "",
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    store: StoreOption = None,
    data: DataOption = None,
    db: DbOption = None,
) -> None:
    """Ranked shortest paths between two entities, or to every entity of a label (天眼查's 查关系)."""
    import json

    from cypher.ego import relation_type_names
    from cypher.reader import label_names

    if (target is None) == (label is None):
        fail("give a TARGET or --label, not both")
    if fmt not in ("table", "json"):
        fail(f"--format must be table or json, got {fmt!r}")
    barred = label_names(exclude_labels, "--exclude-labels")
    skipped = relation_type_names(exclude_types, "--exclude-types")
    if label is not None:
        label_names(label, "--label")
    with _reader(_settings(data, db, store)) as reader:
        start = reader.names.resolve(source)
        end = reader.names.resolve(target) if target is not None else None
        found = reader.paths(start, target=end, target_label=label, max_hops=max_hops, k=k,
                             exclude_labels=barred, exclude_types=skipped)
    if fmt == "json":
        console.print_json(json.dumps(found, ensure_ascii=False))
        return
    table = Table(title=f"paths from {source} to {target or label}")
    for column in ("#", "hops", "score", "path"):
        table.add_column(column)
    for i, path in enumerate(found["paths"], 1):
        table.add_row(str(i), str(path["hops"]), f"{path['score']:.4f}", path_text(path))
    console.print(table)
    if found["truncated"]:
        err.print(f"more paths exist: the first {k} are listed (-k)", soft_wrap=True)


def path_text(path: dict[str, Any]) -> str:
    """A path in one line: 逐际动力 —入选→ 名单 ←合作— 华为 (合作 undirected, parallel types joined)."""
    parts = [path["nodes"][0]["name"] or path["nodes"][0]["id"]]
    for edge, node in zip(path["edges"], path["nodes"][1:], strict=True):
        types = "/".join(edge["types"] or [edge["type"]])
        direction = edge["relations"][0]["direction"] if edge["relations"] else "forward"
        arrow = {"forward": f" —{types}→ ", "backward": f" ←{types}— ", "both": f" —{types}— "}[direction]
        parts.append(arrow + (node["name"] or node["id"]))
    return "".join(parts)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole (a temporary file beside it, then a rename).

    Raises:
        CliError: naming the path, when it cannot be written.
    """
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CliError(f"cannot write {path}: {exc.strerror}") from None


@app.command()
def ingest(
    files: Annotated[list[Path] | None, typer.Argument(
        help="Article text files (UTF-8, Simplified or Traditional).")] = None,
    source_meta: Annotated[Path | None, typer.Option(
        help="YAML: title, publisher, date … (one mapping, or file stem → mapping).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Candidates YAML to write (stdout without).")] = None,
    accept: Annotated[Path | None, typer.Option(
        "--accept", help="Merge the accepted candidates of this file into the data.")] = None,
    fast: Annotated[bool, typer.Option(
        "--fast", help="Rules only: no statistical tagger (faster, finds fewer names).")] = False,
    data: DataOption = None,
) -> None:
    """Extract candidate facts from news text, or merge reviewed candidates into the data."""
    from loaders.curated import default_data_dir
    from loaders.ingest import accept as accept_candidates
    from loaders.ingest import ingest_files, missing_source_meta, read_source_meta

    try:
        if accept is not None and files:
            fail("give article FILEs to extract from, or --accept candidates.yaml to merge — not both")
        if accept is not None:
            changed = accept_candidates(accept, data or default_data_dir())
            err.print(f"merged into {len(changed)} file(s)" if changed else "nothing new to merge",
                      soft_wrap=True)
            for path in changed:
                err.print(f"  {path}", highlight=False, soft_wrap=True)
            return
        if not files:
            raise typer.BadParameter("give article FILEs, or --accept candidates.yaml", param_hint="FILE")
        meta = read_source_meta(source_meta) if source_meta else None
        for path, missing in missing_source_meta(files, meta, data):
            err.print(f"[yellow]warning:[/yellow] {path}: no source metadata {missing}; --accept will "
                      "need them: pass --source-meta meta.yaml (title, publisher, date)",
                      highlight=False, soft_wrap=True)
        result = ingest_files(files, meta, data, fast=fast)
    except EcokgError as exc:
        fail(str(exc))
    text = result.to_yaml()
    if out is None:
        sys.stdout.write(text)
    else:
        write_text(out, text)
    err.print(f"{len(result.entities)} candidate entities, {len(result.aliases)} alias proposals, "
              f"{len(result.statements)} statements"
              + (f" → {out}" if out else ""), soft_wrap=True)


def main() -> None:
    """Console-script entry point: every error is one line on stderr and exit code 2."""
    app()
