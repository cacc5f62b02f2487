"""The generated sections of README.md: ontology tables, counts, and the canned query list."""

from __future__ import annotations

from cypher.registry import load_queries
from graph.docs import counts_table, labels_table, relations_table
from graph.model import KnowledgeGraph

BEGIN = "<!-- generated: {name} -->"
END = "<!-- end generated: {name} -->"


def _example(value: object) -> str:
    text = str(value)
    return f"'{text}'" if any(c in text for c in " （）()") else text


def queries_table() -> str:
    """Each canned query with its titles, parameters and one example invocation."""
    rows = ["| query | 标题 / title | parameters | example |", "|---|---|---|---|"]
    for q in load_queries().values():
        params = ", ".join(f"`{p.name}` ({p.type}, default {p.default!r})" for p in q.params) or "—"
        example = " ".join(f"-p {p.name}={_example(p.example)}"
                           for p in q.params if p.example not in (None, ""))
        rows.append(f"| `{q.name}` | {q.title_zh} / {q.title_en} | {params} | "
                    f"`ecokg query {q.name}{' ' + example if example else ''}` |")
    return "\n".join(rows)


def generated_sections(graph: KnowledgeGraph) -> dict[str, str]:
    """The README sections generated from code and data, by name."""
    return {"labels": labels_table(), "relations": relations_table(), "counts": counts_table(graph),
            "queries": queries_table()}


def render_into(readme: str, graph: KnowledgeGraph) -> str:
    """Replace every generated section of ``readme`` with fresh content."""
    for name, body in generated_sections(graph).items():
        begin, end = BEGIN.format(name=name), END.format(name=name)
        head, sep, rest = readme.partition(begin)
        if not sep:
            continue
        _, sep2, tail = rest.partition(end)
        if sep2:
            readme = f"{head}{begin}\n{body}\n{end}{tail}"
    return readme
