"""The ``ecokg`` command line."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from graph.errors import EcokgError
from graph.model import KnowledgeGraph
from loaders.curated import load_graph
from loaders.writers import EXPORT_FORMATS, export

app = typer.Typer(help="ecokg — knowledge graph of China's AI and robotics ecosystem.",
                  no_args_is_help=True, add_completion=False)
console = Console()
err = Console(stderr=True)

ExportFormat = StrEnum("ExportFormat", {f: f for f in EXPORT_FORMATS})  # type: ignore[misc]
DataOption = Annotated[Path | None, typer.Option("--data", help="Curated data directory.")]


def _load(data: Path | None) -> KnowledgeGraph:
    try:
        return load_graph(data)
    except EcokgError as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(1) from None


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
    """Export the graph as json, jsonl, graphml or ttl."""
    graph = _load(data)
    if out is None:
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
    from graph.docs import render_into
    from loaders.corpus import REPO_ROOT

    path = REPO_ROOT / "README.md"
    current = path.read_text(encoding="utf-8")
    fresh = render_into(current, _load(data))
    if check:
        if fresh != current:
            err.print("README.md is out of date: run `ecokg readme`")
            raise typer.Exit(1)
        return
    path.write_text(fresh, encoding="utf-8")



class Target(StrEnum):
    """Where ``ecokg load`` writes."""

    embedded = "embedded"
    neo4j = "neo4j"


@app.command()
def load(
    target: Annotated[Target, typer.Option(help="embedded (LadybugDB file) or neo4j (NEO4J_URI …).")]
    = Target.embedded,
    data: DataOption = None,
    db: Annotated[Path | None, typer.Option(help="Embedded database file (default under "
                                            "$ECOKG_DATA_DIR).")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Neo4j rows per transaction.")] = 5000,
) -> None:
    """Validate the curated data and load it into a store, with progress and a summary."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    graph = _load(data)
    total = len(graph.nodes) + len(graph.relationships)
    columns = (TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, transient=False) as bar:
            task = bar.add_task(f"loading into {target.value}", total=total)

            def step(description: str, done: int) -> None:
                bar.update(task, advance=done, description=description)

            if target is Target.embedded:
                from graph.stores.embedded import build_database, default_db_path

                path = db or default_db_path()
                report = build_database(graph, path, step)
                where = str(path)
            else:
                from graph.stores.neo4j_store import Neo4jStore

                store = Neo4jStore.from_env(batch_size=batch_size)
                try:
                    report = store.load(graph, step)
                finally:
                    store.close()
                where = "Neo4j"
            bar.update(task, completed=total, description="done")
    except EcokgError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    console.print(_counts_table(f"loaded into {where} in {report.seconds:.2f} s",
                                report.counts.nodes, report.counts.relationships))


def main() -> None:
    """Console-script entry point."""
    app()
