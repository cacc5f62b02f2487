"""Service settings from ``ECOKG_*`` environment variables (pydantic-settings)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

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

    @property
    def database(self) -> Path:
        """The embedded database file."""
        return self.db_path or self.data_dir / DB_FILENAME


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once (tests call ``get_settings.cache_clear()``)."""
    return Settings()
