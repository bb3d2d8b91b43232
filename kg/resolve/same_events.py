"""Across articles: events that are the same happening get nkg:sameEventAs (both directions).

Two events are the same when they belong to the same family (all attacks are one family), share a
place (or one place lies in the other), do not name different agents, and fall on the same day
within a day's tolerance (a report's "overnight" and "Tuesday" differ by one). An event with no
day at all is matched by its weekday ("on Tuesday") when it has one, never by nothing.
"""
from __future__ import annotations

from datetime import date, timedelta

import pyoxigraph as ox

from ..namespaces import NKG
from .events import SPECIFIC, family
from .records import ArticleRecord, Event

__all__ = ["same_event_links"]

_HEAD = f"""
PREFIX nkg: <{NKG}>
SELECT ?e ?cls ?date ?weekday (GROUP_CONCAT(DISTINCT STR(?agent); separator=" ") AS ?agents) WHERE {{
"""
_TAIL = """
  ?e nkg:place ?q ; a ?cls ; nkg:mentionedIn ?a .
  ?q nkg:locatedIn* ?p .
  FILTER(?a != <%s>)
  OPTIONAL { ?e nkg:agent ?agent }
} GROUP BY ?e ?cls ?date ?weekday
"""
# Looked up by day (or weekday) first, so the cost does not grow with the number of stored events.
_BY_DAY = _HEAD + "  VALUES ?p { %s }\n  VALUES ?date { %s }\n  ?e nkg:date ?date ." + _TAIL
_BY_WEEKDAY = _HEAD + "  VALUES ?p { %s }\n  VALUES ?weekday { %s }\n  ?e nkg:weekday ?weekday ." + _TAIL
# An undated event (its article gave no publication date) is compared with dated ones by weekday.
_DATED = _HEAD + "  VALUES ?p { %s }\n  ?e nkg:date ?date ." + _TAIL
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _near(day: date) -> list[date]:
    return [day + timedelta(days=d) for d in (-1, 0, 1)]


def _candidates(store: ox.Store, ev: Event, self_iri: str):
    places = " ".join(f"<{p}>" for p in ev.places)
    queries = []
    if ev.date is not None:
        days = " ".join(f'"{d.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date>' for d in _near(ev.date))
        names = " ".join(f'"{WEEKDAY_NAMES[d.weekday()]}"' for d in _near(ev.date))
        queries = [_BY_DAY % (places, days, self_iri), _BY_WEEKDAY % (places, names, self_iri)]
    elif ev.weekday is not None:
        queries = [_DATED % (places, self_iri)]
    for q in queries:
        yield from store.query(q, use_default_graph_as_union=True)


def _days_match(ev: Event, other_day: date | None, other_weekday: int | None) -> bool:
    if ev.date and other_day:
        return abs((ev.date - other_day).days) <= 1
    known, weekday = (ev.date, other_weekday) if ev.date else (other_day, ev.weekday)
    return known is not None and weekday is not None and any(d.weekday() == weekday for d in _near(known))


def same_event_links(store: ox.Store, rec: ArticleRecord) -> list[tuple[str, str]]:
    """(this article's event, other article's event) pairs that report one happening."""
    links = []
    for ev in rec.events:
        if family(ev.cls) != "Attack" or not ev.places:
            continue
        for row in _candidates(store, ev, rec.iri):
            cls = row["cls"].value.rsplit("#", 1)[-1]
            if not row["cls"].value.startswith(str(NKG)) or family(cls) != "Attack":
                continue
            if ev.cls in SPECIFIC and cls in SPECIFIC and cls != ev.cls:
                continue
            other_agents = set((row["agents"].value if row["agents"] else "").split())
            if ev.agents and other_agents and not other_agents & set(ev.agents):
                continue
            other_day = date.fromisoformat(row["date"].value) if row["date"] else None
            other_weekday = WEEKDAY_NAMES.index(row["weekday"].value) if row["weekday"] else None
            if _days_match(ev, other_day, other_weekday):
                links.append((ev.iri, row["e"].value))
    return sorted(set(links))


def link_quads(rec: ArticleRecord, links: list[tuple[str, str]]) -> list[ox.Quad]:
    g = ox.NamedNode(rec.iri)
    p = ox.NamedNode(str(NKG.sameEventAs))
    out = []
    for a, b in links:
        out.append(ox.Quad(ox.NamedNode(a), p, ox.NamedNode(b), g))
        out.append(ox.Quad(ox.NamedNode(b), p, ox.NamedNode(a), g))
    return out


__all__ += ["link_quads", "Event"]
