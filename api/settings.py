"""Service settings from ``ECOKG_*`` environment variables (pydantic-settings)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graph.stores.embedded import DB_FILENAME, default_data_dir
from loaders.curated import default_data_dir as default_curated_dir


class Settings(BaseSettings):
    """What ``ecokg serve`` reads: where the database lives, and the per-query limits."""

    model_config = SettingsConfigDict(env_prefix="ECOKG_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir,
                           description="Directory of the embedded database file (ECOKG_DATA_DIR).")
    db_path: Path | None = Field(default=None, description="The database file; default DATA_DIR/ecokg.lbug.")
    curated_dir: Path = Field(default_factory=default_curated_dir,
                              description="Curated data the database is built from (ECOKG_CURATED_DIR).")
    store: Literal["embedded", "neo4j"] = Field(
        default="embedded", description="embedded (LadybugDB file) or neo4j (NEO4J_URI …) (ECOKG_STORE).")
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
    result_mb: int = Field(default=16, ge=1, le=1024,
                           description="About how much data one result may hold before it is truncated.")
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
