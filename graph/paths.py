"""Default locations: the curated data, the corpus beside the checkout, the per-user database directory."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DB_FILENAME = "ecokg.lbug"


def default_curated_dir() -> Path:
    """The curated data shipped with the repository."""
    return REPO_ROOT / "data"


def default_corpus_dir() -> Path:
    """The source articles: ``../shared/corpus`` beside the checkout."""
    return REPO_ROOT.parent / "shared" / "corpus"


def default_data_dir() -> Path:
    """The per-user data directory, where the embedded database file lives."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("ecokg"))
