"""SHACL validation of a store with pySHACL, against ontology/shapes.ttl and the ontology."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from .knowledge import ontology_dir
from .knowledge.vocab import ONTOLOGY_GRAPH
from .store import KGStore
from .store.bridge import rdflib_graph

__all__ = ["ValidationReport", "validate"]


@dataclass
class ValidationReport:
    """The outcome: whether the graph conforms, one line per violation, and pySHACL's full text."""

    conforms: bool
    violations: list[str]
    text: str


def validate(store: KGStore) -> ValidationReport:
    """Validate the union of every article and reference graph (the ontology graph is the ontology)."""
    import rdflib
    from pyshacl import validate as shacl

    ontology_graph = ox.NamedNode(ONTOLOGY_GRAPH)
    data = rdflib_graph(q for q in store.quads() if q.graph_name != ontology_graph)
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    ontology = rdflib.Graph().parse(ontology_dir() / "nkg.ttl")
    conforms, results, text = shacl(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    lines = []
    for r in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus, path, msg = (results.value(r, p) for p in (sh.focusNode, sh.resultPath, sh.resultMessage))
        lines.append(f"{focus} {path or ''}: {msg}")
    return ValidationReport(bool(conforms), sorted(lines), text)
