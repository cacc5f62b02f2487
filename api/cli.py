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


def _counts_table(graph: KnowledgeGraph) -> Table:
    table = Table(title="ecokg graph")
    table.add_column("kind")
    table.add_column("name")
    table.add_column("count", justify="right")
    for label, n in graph.label_counts().items():
        table.add_row("node", label, str(n))
    for rel_type, n in graph.type_counts().items():
        table.add_row("relationship", rel_type, str(n))
    table.add_row("total", "nodes", str(len(graph.nodes)))
    table.add_row("total", "relationships", str(len(graph.relationships)))
    return table


@app.command()
def validate(data: DataOption = None) -> None:
    """Validate the curated data against the ontology and print counts."""
    graph = _load(data)
    console.print(_counts_table(graph))
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


def main() -> None:
    """Console-script entry point."""
    app()
