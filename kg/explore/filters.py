"""The filters the page and the API share, and the SPARQL group that selects the events they keep.

Within one kind, values are alternatives (class=AirStrike&class=DroneAttack); kinds combine with AND.

- ``class``: an event class by IRI or local name; its subclasses come with it (the ontology decides).
- ``actor``: an actor by IRI or by any of its names (rdfs:label or skos:altLabel), as agent or target.
- ``place``: a place by IRI or any name; every place located in it (nkg:locatedIn*) counts.
- ``source``: who reported it (nkg:reportedBy, by IRI or any name) or the article's publisher.
- ``from``, ``to``: a date range (YYYY-MM-DD, inclusive); events without a date drop out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .classes import Hierarchy
from .sparql import Query, date_literal, iri, literal, select, values

__all__ = ["Filters", "EventSet", "event_set", "resolve_names"]

_EXACT = "SELECT DISTINCT ?x WHERE {{ {names} ?x rdfs:label|skos:altLabel ?n }}"
_ANY_CASE = ("SELECT DISTINCT ?x WHERE {{ ?x rdfs:label|skos:altLabel ?n "
             "FILTER(LCASE(STR(?n)) IN ({names})) }}")
_INSIDE = "SELECT DISTINCT ?p WHERE {{ {regions} ?p nkg:locatedIn* ?r }}"


@dataclass(frozen=True)
class Filters:
    """What to keep: see the module docstring. An empty Filters keeps every event."""

    classes: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    events: tuple[str, ...] = ()  # an explicit subset (kg report --query); not a request parameter

    @classmethod
    def from_params(cls, params: dict[str, list[str]]) -> Filters:
        """Read the filters from query-string parameters. Raises ValueError for a malformed date."""

        def many(key: str) -> tuple[str, ...]:
            return tuple(v.strip() for v in params.get(key, []) if v.strip())

        def day(key: str) -> str | None:
            given = many(key)
            if not given:
                return None
            try:
                return date.fromisoformat(given[-1]).isoformat()
            except ValueError:
                raise ValueError(f"{key}={given[-1]!r} is not a date; use YYYY-MM-DD") from None

        return cls(many("class"), many("actor"), many("place"), many("source"), day("from"), day("to"))

    def params(self) -> dict[str, list[str]]:
        """The filters as query-string parameters (the inverse of from_params)."""
        out = {"class": list(self.classes), "actor": list(self.actors), "place": list(self.places),
               "source": list(self.sources), "from": [self.start] if self.start else [],
               "to": [self.end] if self.end else []}
        return {k: v for k, v in out.items() if v}


@dataclass
class EventSet:
    """A SPARQL group binding ?e (an event kept by the filters) and ?cls (its class), once each."""

    group: str
    unmatched: dict[str, list[str]] = field(default_factory=dict)


def resolve_names(query: Query, names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """IRIs of the things named (an IRI stands for itself; names match any label, any case).

    RETURNS (tuple[list[str], list[str]]): the IRIs, and the names that matched nothing.
    """
    iris = [n for n in names if n.startswith(("http://", "https://", "urn:"))]
    words = [n for n in names if n not in iris]
    found: list[str] = []
    missing: list[str] = []
    for name in words:
        rows = select(query, _EXACT.format(names=values("n", [literal(name)])))
        if not rows:  # no exact match: compare lower-cased (a scan of the labels, only when needed)
            rows = select(query, _ANY_CASE.format(names=literal(name.lower())))
        found += [r["x"] for r in rows]
        if not rows:
            missing.append(name)
    return [iri(i) for i in iris] + [f"<{x}>" for x in found], missing


def _places_inside(query: Query, regions: list[str]) -> list[str]:
    if not regions:
        return []
    return [f"<{r['p']}>" for r in select(query, _INSIDE.format(regions=values("r", regions)))]


def event_set(query: Query, f: Filters, hierarchy: Hierarchy) -> EventSet:
    """The group of sub-SELECTs that keeps the events f asks for (names resolved first).

    Raises ValueError for an unknown event class.
    """
    classes: set[str] = set()
    for name in f.classes or ("Event",):
        classes |= hierarchy.descendants(hierarchy.resolve(name))
    parts = [f"{{ SELECT ?e ?cls WHERE {{ {values('cls', (iri(c) for c in sorted(classes)))} ?e a ?cls }} }}"]
    unmatched: dict[str, list[str]] = {}
    if f.events:
        parts.append(f"{{ {values('e', (iri(e) for e in f.events))} }}")
    if f.actors:
        actors, unmatched["actor"] = resolve_names(query, f.actors)
        parts.append(f"{{ SELECT DISTINCT ?e WHERE {{ {values('actor', actors)} "
                     "{ ?e nkg:agent ?actor } UNION { ?e nkg:target ?actor } } }")
    if f.places:
        regions, unmatched["place"] = resolve_names(query, f.places)
        parts.append(f"{{ SELECT DISTINCT ?e WHERE {{ {values('place', _places_inside(query, regions))} "
                     "?e nkg:place ?place } }")
    if f.sources:
        sources, _ = resolve_names(query, f.sources)
        publishers = [literal(s) for s in f.sources]
        parts.append(f"{{ SELECT DISTINCT ?e WHERE {{ {{ {values('src', sources)} ?e nkg:reportedBy ?src }} UNION "
                     f"{{ {values('pub', publishers)} ?art schema:publisher ?pub . ?e nkg:mentionedIn ?art }} }} }}")
    if f.start or f.end:
        tests = ([f"?d >= {date_literal(f.start)}"] if f.start else []) + ([f"?d <= {date_literal(f.end)}"] if f.end else [])
        parts.append(f"{{ SELECT DISTINCT ?e WHERE {{ ?e nkg:date ?d FILTER({' && '.join(tests)}) }} }}")
    return EventSet("\n  ".join(parts), {k: v for k, v in unmatched.items() if v})
