"""Where kg finds its data: the ontology folder shipped inside the package, and the cache folder."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import Errors, KGError

__all__ = ["ontology_dir", "cache_dir", "PACKAGED_ONTOLOGY"]

PACKAGED_ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
"""The ontology inside the installed package (in a checkout, a link to the top-level ontology/)."""
REQUIRED = ("nkg.ttl", "shapes.ttl", "lexicon")


def ontology_dir() -> Path:
    """The folder with nkg.ttl, shapes.ttl and lexicon/: KG_ONTOLOGY when set, else the packaged one.

    RETURNS (Path): a folder holding every required file. Raises KGError (E007) naming the folder
        and what is missing, so a wrong KG_ONTOLOGY never gives an empty extraction.
    """
    env = os.environ.get("KG_ONTOLOGY")
    folder = Path(env).expanduser() if env else PACKAGED_ONTOLOGY
    missing = [name for name in REQUIRED if not os.access(folder / name, os.R_OK)]
    if missing:
        where = f"KG_ONTOLOGY={env}" if env else "the ontology folder shipped with kg"
        raise KGError(Errors.E007.format(path=folder, where=where, missing=", ".join(missing)))
    return folder


def cache_dir() -> Path:
    """Where derived indexes are cached (KG_CACHE, else ~/.cache/kg)."""
    env = os.environ.get("KG_CACHE")
    path = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kg"
    path.mkdir(parents=True, exist_ok=True)
    return path
