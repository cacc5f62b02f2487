"""No sentence of the source articles enters the repository: descriptions and notes are our own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import KnowledgeGraph
from graph.text import match_form
from loaders.corpus import read_article

WINDOW = 12  # characters outside entity names: longer shared runs would be copied prose


def prose(graph: KnowledgeGraph) -> list[tuple[str, str]]:
    """(where, text) of every free-text value we wrote: descriptions, notes, roles."""
    out = [(f"{n.id}.description", str(n.properties["description"]))
           for n in graph.nodes.values() if "description" in n.properties]
    out += [(f"{r.type} {r.source}->{r.target}.{k}", str(r.qualifiers[k]))
            for r in graph.relationships for k in ("note", "role") if k in r.qualifiers]
    return out


@pytest.mark.corpus
def test_descriptions_and_notes_copy_no_run_of_article_text(graph: KnowledgeGraph, corpus_dir: Path) -> None:
    corpus = "\n".join(match_form(read_article(s, corpus_dir)) for s in graph.sources)
    names = sorted({match_form(name) for n in graph.nodes.values() for name in n.names()}, key=len,
                   reverse=True)
    copied = []
    for where, text in prose(graph):
        form = match_form(text)
        for name in names:  # names and titles are facts: only the prose between them is checked
            form = form.replace(name, "\0")
        for segment in form.split("\0"):
            runs = [segment[i:i + WINDOW] for i in range(len(segment) - WINDOW + 1)]
            hit = next((run for run in runs if run in corpus), None)
            if hit:
                copied.append(f"{where}: …{hit}…")
                break
    assert not copied, "\n".join(copied)
