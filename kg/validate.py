"""SHACL validation of a store with pySHACL, against ontology/shapes.ttl and the ontology."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from .data import ontology_dir
from .namespaces import ONTOLOGY_GRAPH
from .store import KGStore

__all__ = ["ValidationReport", "validate"]


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[str]
    text: str


def validate(store: KGStore) -> ValidationReport:
    """Validate the union of every article and reference graph (the ontology graph is the ontology)."""
    import rdflib
    from pyshacl import validate as shacl

    data = rdflib.Graph()
    onto = ox.NamedNode(ONTOLOGY_GRAPH)
    nt = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in store.store if q.graph_name != onto)
    data.parse(data=nt, format="nt")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    ontology = rdflib.Graph().parse(ontology_dir() / "nkg.ttl")
    conforms, results, text = shacl(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    lines = []
    for r in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(r, sh.focusNode)
        path = results.value(r, sh.resultPath)
        msg = results.value(r, sh.resultMessage)
        lines.append(f"{focus} {path or ''}: {msg}")
    return ValidationReport(bool(conforms), sorted(lines), text)
