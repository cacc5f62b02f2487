"""``/api/evidence``: source metadata always, the cited sentence when the corpus is here (read now)."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from graph.model import KnowledgeGraph
from graph.settings import Settings
from loaders.corpus import read_article
from tests.serving import serve_process, serving


def _citations(graph: KnowledgeGraph, n: int = 5) -> list[str]:
    spans = sorted({str(c) for r in graph.relationships for c in r.citations})
    return spans[:: max(1, len(spans) // n)][:n]


def test_every_citation_carries_publisher_title_and_date(client: httpx.Client, graph: KnowledgeGraph) -> None:
    body = client.get("/api/entities/ubtech").json()
    cites = [c for r in body["relations"] for c in r["citations"]]
    assert cites
    for c in cites:
        source = graph.sources[c["source"]]
        assert (c["source_publisher"], c["source_title"], c["source_date"]) == (
            source.publisher, source.title, source.date)
        assert c["source_url"] == (source.url or None)
    ego = client.get("/api/entities/ubtech/ego").json()
    assert all(c["source_date"] for e in ego["edges"] for c in e["properties"]["citations"])


@pytest.mark.corpus
def test_evidence_is_the_cited_sentence_read_from_the_corpus(client: httpx.Client, graph: KnowledgeGraph,
                                                             corpus_dir: Path) -> None:
    for citation in _citations(graph):
        response = client.get("/api/evidence", params={"citation": citation})
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "no-store"
        body = response.json()
        source, span = citation.rsplit(":", 1)
        start, end = (int(x) for x in span.split("-"))
        article = read_article(source, corpus_dir)
        text = body["text"]
        assert text["span"] == article[start:end]
        assert text["before"] + text["span"] + text["after"] in article
        assert body["citation"]["source_title"] == graph.sources[source].title
        assert body["unavailable"] is None


@pytest.mark.parametrize(("citation", "status"), [("nonsense", 422), ("a:b-c", 422), ("x/../y:1-2", 422),
                                                  ("no_such_source:1-5", 404)])
def test_bad_citations(client: httpx.Client, citation: str, status: int) -> None:
    response = client.get("/api/evidence", params={"citation": citation})
    assert response.status_code == status
    if status == 422:
        assert "citation" in str(response.json()["detail"])


def test_a_span_outside_the_article_or_backwards(client: httpx.Client, graph: KnowledgeGraph) -> None:
    source = next(iter(graph.sources))
    assert client.get("/api/evidence", params={"citation": f"{source}:50-10"}).status_code == 422
    outside = client.get("/api/evidence", params={"citation": f"{source}:99999990-99999999"})
    assert outside.status_code == 404 and "cites no span" in outside.json()["detail"]["message"]


def test_only_spans_the_graph_cites_are_quoted(client: httpx.Client, graph: KnowledgeGraph) -> None:
    # Any span would let a client page through whole articles (seen: every article in 28 ms).
    cited = _citations(graph, 1)[0]
    source, span = cited.rsplit(":", 1)
    start, end = (int(x) for x in span.split("-"))
    assert client.get("/api/evidence", params={"citation": cited}).status_code == 200
    for other in (f"{source}:0-{end + 2000}", f"{source}:{start}-{end + 1}", f"{source}:0-1"):
        response = client.get("/api/evidence", params={"citation": other})
        assert response.status_code == 404, other
        assert "characters" not in response.text, "the article's length is not told"


def test_without_a_corpus_the_metadata_still_answers(api_db: Path, tmp_path: Path,
                                                     graph: KnowledgeGraph) -> None:
    settings = Settings(data_dir=api_db.parent, db_path=api_db, build=False, corpus_dir=tmp_path / "absent")
    citation = _citations(graph, 1)[0]
    with serving(create_app(settings)) as url:
        body = httpx.get(f"{url}/api/evidence", params={"citation": citation}, timeout=30).json()
    assert body["text"] is None and "not on this server" in body["unavailable"]
    assert body["citation"]["source_publisher"] == graph.sources[citation.split(":")[0]].publisher


@pytest.mark.corpus
def test_the_confined_server_reads_a_corpus_directory_elsewhere(tmp_path: Path, graph: KnowledgeGraph,
                                                                corpus_dir: Path) -> None:
    """``ecokg serve`` under Landlock: the configured corpus directory is among the paths it may read."""
    citation = _citations(graph, 1)[0]
    copy = tmp_path / "articles-elsewhere"
    shutil.copytree(corpus_dir, copy)
    data = tmp_path / "data"
    data.mkdir()
    with serve_process(data, env={"ECOKG_CORPUS_DIR": str(copy)}) as (url, _):
        health = httpx.get(f"{url}/healthz", timeout=10).json()
        assert {layer["name"] for layer in health["confinement"]["server"]} >= {"landlock filesystem"}
        body = httpx.get(f"{url}/api/evidence", params={"citation": citation}, timeout=30).json()
    source, span = citation.rsplit(":", 1)
    start, end = (int(x) for x in span.split("-"))
    assert body["text"] and body["text"]["span"] == read_article(source, copy)[start:end]
