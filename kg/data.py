"""Where kg finds its data: the ontology, shapes, lexicons and named questions."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import Errors

__all__ = ["ontology_dir", "lexicon_path", "queries_dir", "cache_dir"]


def ontology_dir() -> Path:
    """The folder with nkg.ttl, shapes.ttl and lexicon/. Overridable with KG_ONTOLOGY."""
    env = os.environ.get("KG_ONTOLOGY")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "ontology"


def lexicon_path(name: str) -> Path:
    """Path of one lexicon file, e.g. lexicon_path("actors.ttl"); raises if missing."""
    path = ontology_dir() / "lexicon" / name
    if not path.exists():
        raise FileNotFoundError(Errors.E007.format(path=path))
    return path


def queries_dir() -> Path:
    """The named SPARQL questions shipped with the package."""
    return Path(__file__).resolve().parent / "queries"


def cache_dir() -> Path:
    """Where derived indexes are cached (KG_CACHE, else ~/.cache/kg)."""
    env = os.environ.get("KG_CACHE")
    path = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kg"
    path.mkdir(parents=True, exist_ok=True)
    return path
