"""Settings from ``ECOKG_*`` and ``NEO4J_*`` variables (pydantic-settings): the one environment reader."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graph.paths import DB_FILENAME, default_corpus_dir, default_curated_dir, default_data_dir


class Settings(BaseSettings):
    """Where the data and the database live, which store serves, the limits, and the service's defences."""

    model_config = SettingsConfigDict(env_prefix="ECOKG_", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default_factory=default_data_dir,
                           description="Directory of the embedded database file (ECOKG_DATA_DIR).")
    db_path: Path | None = Field(default=None, description="The database file; default DATA_DIR/ecokg.lbug.")
    curated_dir: Path = Field(default_factory=default_curated_dir,
                              description="Curated data the database is built from (ECOKG_CURATED_DIR).")
    corpus_dir: Path = Field(default_factory=default_corpus_dir,
                             validation_alias=AliasChoices("ECOKG_CORPUS_DIR", "ECOKG_CORPUS", "corpus_dir"),
                             description="The source articles, for citations (ECOKG_CORPUS_DIR).")
    store: Literal["embedded", "neo4j"] = Field(
        default="embedded", description="embedded (LadybugDB file) or neo4j (NEO4J_URI …) (ECOKG_STORE).")
    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI", "neo4j_uri"),
                                  description="Bolt URI of the Neo4j server (NEO4J_URI).")
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "neo4j_user"),
                            description="Neo4j user (NEO4J_USER).")
    neo4j_password: SecretStr = Field(default=SecretStr(""),
                                      validation_alias=AliasChoices("NEO4J_PASSWORD", "neo4j_password"),
                                      description="Neo4j password (NEO4J_PASSWORD).")
    neo4j_database: str | None = Field(default=None,
                                       validation_alias=AliasChoices("NEO4J_DATABASE", "neo4j_database"),
                                       description="Neo4j database (NEO4J_DATABASE); the server's default.")
    build: bool = Field(default=True, description="Build the database at start-up when missing or stale.")
    timeout_ms: int = Field(default=5_000, ge=1, description="Time limit of one query, in milliseconds.")
    max_rows: int = Field(default=1_000, ge=1, description="Row cap of one query; more rows set truncated.")
    ego_node_cap: int = Field(default=200, ge=1, description="Most nodes an ego network returns.")
    query_workers: int = Field(default=2, ge=1, le=64,
                               description="Worker processes that run POST /api/cypher statements.")
    query_memory_mb: int = Field(default=2048, ge=64,
                                 description="Memory one ad-hoc statement's worker may reach, in MB.")
    buffer_pool_mb: int = Field(default=0, ge=0,
                                description="LadybugDB page cache of the server in MB (0: LadybugDB's "
                                            "default, most of the RAM). A query that needs more "
                                            "than it holds is stopped with a 400.")
    cache_mb: int = Field(default=64, ge=0, description="Memory for cached ego-network responses "
                                                       "(the database is read-only while served).")
    service_workers: int = Field(default=2, ge=1, le=64,
                                 description="Worker processes that run canned and service statements.")
    result_mb: int = Field(default=8, ge=1, le=1024,
                           description="How much JSON one result may hold before it is truncated, in MB.")
    max_connections: int = Field(default=256, ge=8, le=10_000,
                                 description="Open connections the server accepts; past it, 503.")
    write_timeout_s: float = Field(default=30.0, gt=0, le=600,
                                   description="How long a client may take to read each part of an answer.")
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["127.0.0.1", "localhost"],
        description="Host header values the service answers (comma-separated; DNS rebinding defence).")
    console: bool = Field(default=True, description="Whether POST /api/cypher (the console) is served.")
    console_token: SecretStr | None = Field(
        default=None, description="When set, POST /api/cypher needs 'Authorization: Bearer <token>'.")
    confine_server: bool = Field(default=True, description="`ecokg serve` confines its own process "
                                                           "(read-only data, no other TCP).")
    queue_s: float = Field(default=10.0, gt=0, le=300,
                           description="How long a request may wait for a free query slot, in seconds.")
    max_header_kb: int = Field(default=16, ge=1, le=1024, description="Largest request head, in KB.")

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip() for h in value.split(",") if h.strip()]
        return value

    @property
    def database(self) -> Path:
        """The embedded database file."""
        return self.db_path or self.data_dir / DB_FILENAME


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once (tests call ``get_settings.cache_clear()``)."""
    return Settings()
