"""``/api/evidence``: a citation's source metadata and, when the corpus is here, its sentence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.routes.deps import NotFound, StateDep
from api.schemas import Citation, EvidenceAnswer, EvidenceText, error_responses
from cypher.ego import citation_record
from cypher.runner import ParameterError
from graph.errors import CorpusError
from loaders.evidence import cited_sentence

router = APIRouter(tags=["entities"])

CITATION_PATTERN = r"^[A-Za-z0-9_.-]{1,120}:\d{1,9}-\d{1,9}$"


@router.get("/api/evidence", response_model=EvidenceAnswer, responses=error_responses(404, 422))
def evidence(
    state: StateDep, response: Response,
    citation: Annotated[str, Query(description="A citation as the API gives it: source:start-end.",
                                   pattern=CITATION_PATTERN, examples=["000_056a4252377f11b0:250-295"])],
) -> EvidenceAnswer:
    """Who published the cited article, its title and date (and address), and the cited sentence
    with the span split out — read from the configured corpus directory on each request, never
    stored (the answer is marked ``no-store``)."""
    found_record = citation_record(citation, state.sources)
    record = Citation(**found_record)
    source = state.sources.get(record.source)
    if source is None:
        raise NotFound(f"no source is called {record.source!r}")
    start, end = int(found_record["start"]), int(found_record["end"])
    if start >= end:
        raise ParameterError("citation", "the span's start must be before its end")
    if (source.id, start, end) not in state.cited_spans:
        # Only what the graph cites is quoted: any span would let a client page through whole articles.
        raise NotFound(f"the graph cites no span {start}-{end} of {source.id!r}")
    response.headers["cache-control"] = "no-store"
    try:
        found = cited_sentence(source.id, start, end, state.settings.corpus_dir)
    except CorpusError as exc:
        why = ("the cited span lies outside the article on this server" if "outside" in str(exc)
               else "the source articles are not on this server"
               if not state.settings.corpus_dir.is_dir() else "the article is not in this server's corpus")
        return EvidenceAnswer(citation=record, author=source.author or None, text=None, unavailable=why)
    return EvidenceAnswer(citation=record, author=source.author or None,
                          text=EvidenceText(before=found.before, span=found.span, after=found.after),
                          unavailable=None)
