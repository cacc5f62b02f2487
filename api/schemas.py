"""Request and response bodies of the JSON API (the shapes the explorer's pages read)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from cypher.params import PARAM_NAME_PATTERN
from graph.statements.readonly import MAX_STATEMENT_CHARS


class DefenceLayer(BaseModel):
    name: str
    active: bool
    detail: str


class Confinement(BaseModel):
    workers: list[DefenceLayer] = Field(description="Layers each query worker applies to itself.")
    server: list[DefenceLayer] = Field(description="Layers `ecokg serve` applied to its own process.")
    missing: list[str] = Field(description="Layers not in force, with the reason.")


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    store: str
    nodes: int
    relationships: int
    console: Literal["on", "token", "off"]
    confinement: Confinement


class LabelInfo(BaseModel):
    name: str
    zh: str
    color: str
    shape: str
    count: int
    properties: list[str] = Field(default_factory=list,
                                  description="Property keys of the label (the console completes them).")


class RelationTypeInfo(BaseModel):
    name: str
    gloss: str
    symmetric: bool
    count: int
    properties: list[str] = Field(default_factory=list,
                                  description="Qualifiers and stored properties (key, citations, sources).")


class Meta(BaseModel):
    store: str = Field(description="The store serving: embedded or neo4j.")
    dialect: Literal["ladybug", "neo4j"] = Field(description="The Cypher the console speaks.")
    labels: list[LabelInfo]
    relation_types: list[RelationTypeInfo]


class SearchResult(BaseModel):
    id: str
    name: str
    name_en: str | None
    label: str
    score: float
    matched: str = Field(description="The id, name or alias that matched.")


class SearchResponse(BaseModel):
    query: str
    results: list[SearchResult]


class Citation(BaseModel):
    source: str
    start: int | None
    end: int | None
    source_title: str | None
    source_publisher: str | None
    source_date: str | None = None
    source_url: str | None = Field(None, description="Where the article can be read, when known.")


class EvidenceText(BaseModel):
    before: str = Field(description="The sentence up to the span.")
    span: str = Field(description="The cited span.")
    after: str = Field(description="The sentence after the span.")


class EvidenceAnswer(BaseModel):
    citation: Citation
    author: str | None = None
    text: EvidenceText | None = Field(description="The cited sentence, read from the corpus directory "
                                                  "now; null when the article is not available here.")
    unavailable: str | None = Field(None, description="Why there is no text, when there is none.")


class EntityRelation(BaseModel):
    type: str
    direction: Literal["out", "in"]
    other_id: str | None
    other_name: str | None
    other_label: str | None
    qualifiers: dict[str, Any]
    citations: list[Citation]


class CommunityMember(BaseModel):
    id: str
    name: str
    label: str


class EntityStanding(BaseModel):
    """An entity's PageRank rank among all ``of`` entities and its community (computed at load)."""

    pagerank_rank: int
    of: int
    pagerank: float
    community: int
    community_size: int
    community_top: list[CommunityMember]


class Entity(BaseModel):
    id: str
    label: str
    name: str
    aliases: list[str]
    properties: dict[str, Any]
    relation_counts: dict[str, int]
    relations: list[EntityRelation]
    links: dict[str, Any] = Field(default_factory=dict, description="Properties naming other things, "
                                  "resolved: region → {id, name, label}, sources → [{id, title, "
                                  "publisher, date, url}].")
    as_of: str | None = Field(None, description="The as_of date asked for, if any.")
    undated_relations: list[EntityRelation] | None = Field(
        None, description="With as_of: the undated relations, set apart.")
    later: int | None = Field(None, description="With as_of: relations dated after it, left out.")
    standing: EntityStanding | None = None


class AnalyticsResult(BaseModel):
    """The top rows of one measure; ``exact`` false when betweenness was estimated from ``sample`` pivots."""

    measure: str
    label: str | None
    top: int
    nodes: int
    relationships: int
    exact: bool
    sample: int | None
    columns: list[str]
    rows: list[dict[str, Any]]
    compute_ms: float


class EgoNode(BaseModel):
    id: str
    label: str
    name: str
    name_en: str | None
    aliases: list[str]
    properties: dict[str, Any]
    hop: int
    links: dict[str, Any] = Field(default_factory=dict, description="As an entity's links.")
    relevance: float | None = Field(None, description="Relevance of its best walk from the centre "
                                    "(relation strength, hub penalty), which the node cap ranks by.")
    degree: int | None = Field(None, description="Its relationships, every type, either direction.")


class EgoStub(BaseModel):
    id: str = Field(description="'+' and the parent's id.")
    parent: str = Field(description="The kept node the dropped nodes hang from.")
    count: int = Field(description="How many nodes the cap dropped there.")
    hop: int
    name: str = Field(description="The parent's name and the count, e.g. 深圳 +57.")


class EgoEdge(BaseModel):
    id: str | None = Field(description="The relationship's key.")
    source: str
    target: str
    type: str
    properties: dict[str, Any] = Field(description="Qualifiers and citations.")
    undated: bool | None = Field(None, description="With as_of: true for an edge with no date.")


class EgoNetwork(BaseModel):
    center: str
    depth: int
    nodes: list[EgoNode]
    edges: list[EgoEdge]
    truncated: bool
    node_cap: int
    as_of: str | None = Field(None, description="The as_of date asked for, if any.")
    later: int | None = Field(None, description="With as_of: relations among the nodes shown dated after it, "
                                                "left out.")
    stubs: list[EgoStub] = Field(default_factory=list, description="Per kept node short of the "
                                 "depth, how many of its neighbours the cap left out: what expanding it "
                                 "(its own depth-1 ego network) adds.")
    total_nodes: int | None = Field(None, description="Nodes within depth before the cap; null when not "
                                    "counted (more than 200,000 relationships within the depth).")
    labels: list[str] = Field(default_factory=list, description="The label filter (empty: all).")


class PathNode(BaseModel):
    id: str
    name: str | None
    label: str | None


class PathRelation(BaseModel):
    type: str
    key: str | None
    direction: Literal["forward", "backward", "both"] = Field(
        description="Along the path, against it, or none (a symmetric type such as 合作).")
    qualifiers: dict[str, Any]
    citations: list[Citation]


class PathEdge(BaseModel):
    source: str | None = Field(description="The stored start of the hop's first relation.")
    target: str | None
    type: str = Field(description="The hop's strongest relation type.")
    types: list[str] = Field(default_factory=list, description="Every relation type of the hop.")
    directed: bool = True
    relations: list[PathRelation] = Field(default_factory=list,
                                          description="Every relation between the two nodes.")


class Path(BaseModel):
    hops: int
    nodes: list[PathNode]
    edges: list[PathEdge] = Field(description="One per hop, parallel relations merged.")
    score: float | None = Field(None, description="Relevance: Π hop weight / Π log2(2 + degree) "
                                "of the nodes passed; ranks paths of equal length.")


class Paths(BaseModel):
    source: str
    target: str | None
    target_label: str | None
    paths: list[Path]
    truncated: bool
    k: int | None = Field(None, description="Most paths returned; truncated says more exist.")
    max_hops: int | None = None
    exclude_labels: list[str] = Field(default_factory=list)
    exclude_types: list[str] = Field(default_factory=list)


class QueryParamInfo(BaseModel):
    name: str
    type: str
    default: Any = None
    example: Any = None
    description: str
    min: int | None = None
    max: int | None = None


class QueryInfo(BaseModel):
    name: str
    title_zh: str
    title_en: str
    description: str
    params: list[QueryParamInfo]
    graph_columns: list[str]


class QueryList(BaseModel):
    queries: list[QueryInfo]


class Rows(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    query_ms: float


class CannedRows(Rows):
    name: str


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=MAX_STATEMENT_CHARS,
                       description="One read-only Cypher statement.")
    params: dict[Annotated[str, StringConstraints(pattern=PARAM_NAME_PATTERN)], Any] = Field(
        default_factory=dict, max_length=64, description="Bound parameters ($name): at most 64, nested "
                                                         "at most 32 levels, about 256 KB in all.",
        json_schema_extra={"propertyNames": {"pattern": PARAM_NAME_PATTERN}})
    timeout_ms: int | None = Field(None, ge=1, description="Lower the server's time limit.")
    max_rows: int | None = Field(None, ge=1, description="Lower the server's row cap.")


class ErrorMessage(BaseModel):
    """A refused request (400) or a query stopped at its time limit (504)."""

    detail: str


class NotFoundDetail(BaseModel):
    message: str
    suggestions: list[str] = Field(description="Close names or ids.")


class NotFoundError(BaseModel):
    """An unknown entity or canned query, with close names."""

    detail: NotFoundDetail


class ParameterProblem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ParameterErrors(BaseModel):
    """A parameter is missing, malformed or out of range; ``msg`` names it."""

    detail: list[ParameterProblem]


_ERRORS: dict[int, dict[str, Any]] = {
    400: {"model": ErrorMessage, "description": "Refused: a write, a statement that does not parse, "
                                                "or one past the memory limit."},
    401: {"model": ErrorMessage, "description": "The console needs its token (Authorization: Bearer)."},
    404: {"model": NotFoundError, "description": "No such entity or query; close names suggested."},
    413: {"model": ErrorMessage, "description": "The request body is larger than 1 MB."},
    422: {"model": ParameterErrors, "description": "A parameter is missing, malformed or out of range."},
    504: {"model": ErrorMessage, "description": "The query ran past its time limit."},
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the error answers a route gives."""
    return {code: _ERRORS[code] for code in codes}
