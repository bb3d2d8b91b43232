"""The event classes of the ontology, read from the store's ontology graph on every request.

A class added to ontology/nkg.ttl under nkg:Event appears in the page's filter without any edit here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge.vocab import NKG
from .sparql import Query, select

__all__ = ["Hierarchy", "event_classes"]

_CLASSES = """SELECT ?c ?parent ?label WHERE {
  ?c rdfs:subClassOf* nkg:Event .
  OPTIONAL { ?c rdfs:subClassOf ?parent . ?parent rdfs:subClassOf* nkg:Event . FILTER(?parent != ?c) }
  OPTIONAL { ?c rdfs:label ?label FILTER(LANG(?label) = "en" || LANG(?label) = "") }
}"""


@dataclass
class Hierarchy:
    """Event classes: IRI -> parents (within nkg:Event) and IRI -> English label."""

    parents: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def descendants(self, cls: str) -> set[str]:
        """The class and every class under it."""
        out, todo = {cls}, [cls]
        while todo:
            current = todo.pop()
            for c, ps in self.parents.items():
                if current in ps and c not in out:
                    out.add(c)
                    todo.append(c)
        return out

    def resolve(self, name: str) -> str:
        """The IRI of a class given by IRI or local name ("AirStrike"). Raises ValueError when unknown."""
        for candidate in (name, NKG[name]):
            if candidate in self.parents:
                return candidate
        known = ", ".join(sorted(NKG.local(c) or c for c in self.parents))
        raise ValueError(f"unknown event class {name!r}; the ontology has: {known}")

    def short(self, cls: str) -> str:
        """The local name of a class (its IRI when outside nkg:)."""
        return NKG.local(cls) or cls


def event_classes(query: Query) -> Hierarchy:
    """nkg:Event and every class under it, with their parents and labels."""
    h = Hierarchy()
    for row in select(query, _CLASSES):
        c = row["c"]
        h.parents.setdefault(c, set())
        if "parent" in row:
            h.parents[c].add(row["parent"])
        if "label" in row:
            h.labels.setdefault(c, row["label"])
    for c in h.parents:
        h.labels.setdefault(c, h.short(c))
    return h
