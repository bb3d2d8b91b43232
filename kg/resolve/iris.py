"""Minting stable IRIs: the same real thing gets the same IRI in every build and article."""
from __future__ import annotations

from urllib.parse import quote

from ..knowledge.names import slug
from ..knowledge.vocab import DEFAULT_BASE

__all__ = ["IriMinter"]


def _local(article_id: str) -> str:
    """Percent-encoded id; a trailing dot too, which some Turtle parsers refuse in prefixed names."""
    local = quote(article_id, safe="")
    return local[:-1] + "%2E" if local.endswith(".") else local


class IriMinter:
    """IRIs under one base: articles, events, and entities from gazetteer keys or names."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{_local(article_id)}"

    def group(self, article_id: str, label: str) -> str:
        """An unnamed collective of one article ("gunmen", "protesters"): not the same as another article's."""
        return f"{self.base}group/{_local(article_id)}/{slug(label)}"

    def event(self, article_id: str, n: int) -> str:
        return f"{self.base}event/{_local(article_id)}/{n}"

    def entity(self, key: str | None, label: str, same_as: tuple[str, ...] = ()) -> str:
        """Wikidata id first, then GeoNames or ISO 3166 code, then a slug of the canonical name."""
        for iri in same_as:
            if "wikidata.org/entity/" in iri:
                return f"{self.base}wikidata/{iri.rsplit('/', 1)[-1]}"
        if key:
            scheme, _, local = key.partition(":")
            if scheme == "gn":
                return f"{self.base}geonames/{local}"
            if scheme == "iso":
                return f"{self.base}iso3166/{local}"
            if scheme == "lex":
                return f"{self.base}entity/{local}"
        return f"{self.base}entity/{slug(label)}"
