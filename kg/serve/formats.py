"""Content negotiation for kg serve: which result or RDF format an Accept header asks for.

>>> choose("application/sparql-results+xml, */*;q=0.1", RESULTS).name
'xml'
>>> choose(None, GRAPHS).media_type
'text/turtle'
>>> choose("image/png", RESULTS) is None
True
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["Format", "RESULTS", "GRAPHS", "choose", "parse_accept"]


@dataclass(frozen=True)
class Format:
    """One way to write a result: its short name, the media type it is sent as, the media types
    that ask for it, and the pyoxigraph format."""

    name: str
    media_type: str
    asked_as: tuple[str, ...]
    oxigraph: ox.QueryResultsFormat | ox.RdfFormat


RESULTS = (  # SELECT and ASK; the first is the default
    Format("json", "application/sparql-results+json", ("application/sparql-results+json", "application/json"),
           ox.QueryResultsFormat.JSON),
    Format("xml", "application/sparql-results+xml", ("application/sparql-results+xml", "application/xml", "text/xml"),
           ox.QueryResultsFormat.XML),
    Format("csv", "text/csv", ("text/csv",), ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", ("text/tab-separated-values",), ox.QueryResultsFormat.TSV),
)
GRAPHS = (  # CONSTRUCT, DESCRIBE and Graph Store reads; the first is the default
    Format("ttl", "text/turtle", ("text/turtle", "application/x-turtle"), ox.RdfFormat.TURTLE),
    Format("nt", "application/n-triples", ("application/n-triples", "text/plain"), ox.RdfFormat.N_TRIPLES),
    Format("xml", "application/rdf+xml", ("application/rdf+xml", "application/xml", "text/xml"), ox.RdfFormat.RDF_XML),
    Format("jsonld", "application/ld+json", ("application/ld+json", "application/json"), ox.RdfFormat.JSON_LD),
    Format("n3", "text/n3", ("text/n3",), ox.RdfFormat.N3),
)


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """(media type, quality) pairs of an Accept header, best first (ties keep their order)."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((-quality, index, media))
    return [(media, -q) for q, _, media in sorted(ranges)]


def choose(accept: str | None, formats: tuple[Format, ...]) -> Format | None:
    """The format an Accept header asks for among formats (the first on a tie); None when none fits."""
    for media, quality in parse_accept(accept):
        if quality <= 0:
            continue
        if media in ("*/*", "*"):
            return formats[0]
        for fmt in formats:
            if media in fmt.asked_as or (media.endswith("/*") and fmt.media_type.startswith(media[:-1])):
                return fmt
    return None
