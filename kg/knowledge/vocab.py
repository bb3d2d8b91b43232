"""The IRIs kg writes: the nkg vocabulary, the vocabularies it reuses, graph names and prefixes.

Namespaces are open: ``NKG[name]`` is the IRI of any class the ontology declares, so a class
added in Turtle needs no regenerated module. The terms the code itself names are checked against
``ontology/nkg.ttl`` by the test suite (tests/knowledge/test_vocab.py), so a misspelling fails there.
"""
from __future__ import annotations

__all__ = ["Namespace", "NKG", "RDF", "RDFS", "OWL", "SKOS", "XSD", "SEM", "SCHEMA", "GEO", "PROV", "WD", "GN",
           "NKGSH", "ONTOLOGY_GRAPH", "REFERENCE_GRAPH", "DEFAULT_BASE", "PREFIXES", "RESOURCE_PREFIXES"]


class Namespace(str):
    """An IRI prefix; attribute and item access give full IRIs as plain strings.

    >>> NKG.Attack
    'https://w3id.org/newskg/ontology#Attack'
    >>> NKG.local("https://w3id.org/newskg/ontology#Attack")
    'Attack'
    """

    __slots__ = ()

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return str(self) + name

    def __getitem__(self, key):  # type: ignore[override]
        """NKG["Attack"] is a term's IRI; an index or a slice is the string's, as for any str."""
        return str(self) + key if isinstance(key, str) else str.__getitem__(self, key)

    def local(self, iri: str) -> str | None:
        """The local name of an IRI in this namespace, or None when it is not in it."""
        return iri[len(self):] if iri.startswith(self) and len(iri) > len(self) else None


NKG = Namespace("https://w3id.org/newskg/ontology#")
NKGSH = Namespace("https://w3id.org/newskg/shapes#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("http://schema.org/")  # http, as in the vocabulary contract
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")  # W3C WGS84
PROV = Namespace("http://www.w3.org/ns/prov#")
WD = Namespace("http://www.wikidata.org/entity/")
GN = Namespace("https://sws.geonames.org/")  # GeoNames IRIs end in "/": GN["170794/"]
LEX = Namespace("https://w3id.org/newskg/lexicon/")

ONTOLOGY_GRAPH = "https://w3id.org/newskg/ontology"
REFERENCE_GRAPH = "https://w3id.org/newskg/graph/reference"
DEFAULT_BASE = "https://w3id.org/newskg/resource/"

PREFIXES: dict[str, str] = {p: str(ns) for p, ns in (
    ("nkg", NKG), ("rdf", RDF), ("rdfs", RDFS), ("skos", SKOS), ("schema", SCHEMA), ("geo", GEO), ("owl", OWL),
    ("xsd", XSD), ("sem", SEM), ("prov", PROV), ("wd", WD), ("nkgsh", NKGSH))}
"""Prefixes kg declares in queries and exports, in one place."""


def resource_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefixes for the instance IRIs minted under base (articles, events, entities)."""
    return {"res": base, **{p: f"{base}{p}/" for p in ("article", "event", "entity", "geonames", "iso3166", "wikidata")}}


RESOURCE_PREFIXES = resource_prefixes()
