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
from ..nlp.time_normalizer import WEEKDAYS
from .events import family
from .records import ArticleRecord, Event

__all__ = ["same_event_links"]

_QUERY = f"""
PREFIX nkg: <{NKG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?cls ?date ?dateText (GROUP_CONCAT(DISTINCT STR(?agent); separator=" ") AS ?agents) WHERE {{
  VALUES ?p {{ %s }}
  ?e nkg:place ?q ; a ?cls ; nkg:mentionedIn ?a .
  ?q nkg:locatedIn* ?p .
  FILTER(?a != <%s>)
  OPTIONAL {{ ?e nkg:date ?date }}
  OPTIONAL {{ ?e nkg:dateText ?dateText }}
  OPTIONAL {{ ?e nkg:agent ?agent }}
}} GROUP BY ?e ?cls ?date ?dateText
"""


def _weekday(text: str | None) -> int | None:
    low = (text or "").lower()
    return next((i for i, d in enumerate(WEEKDAYS) if d in low), None)


def _days_match(a: date | None, a_text: str | None, b: date | None, b_text: str | None) -> bool:
    if a and b:
        return abs((a - b).days) <= 1
    if a or b:
        known, text = (a, b_text) if a else (b, a_text)
        wd = _weekday(text)
        return wd is not None and any((known + timedelta(days=d)).weekday() == wd for d in (-1, 0, 1))
    return False


def same_event_links(store: ox.Store, rec: ArticleRecord) -> list[tuple[str, str]]:
    """(this article's event, other article's event) pairs that report one happening."""
    links = []
    for ev in rec.events:
        if family(ev.cls) != "Attack" or not ev.places:
            continue
        values = " ".join(f"<{p}>" for p in ev.places)
        q = _QUERY % (values, rec.iri)
        for row in store.query(q, use_default_graph_as_union=True):
            cls = row["cls"].value.rsplit("#", 1)[-1]
            if not str(row["cls"].value).startswith(str(NKG)) or family(cls) != "Attack":
                continue
            if ev.cls in ("AirStrike", "MissileAttack", "DroneAttack") and cls in ("AirStrike", "MissileAttack", "DroneAttack") and cls != ev.cls:
                continue
            other_agents = set((row["agents"].value if row["agents"] else "").split())
            if ev.agents and other_agents and not other_agents & set(ev.agents):
                continue
            other_day = date.fromisoformat(row["date"].value) if row["date"] else None
            if not _days_match(ev.date, ev.date_text, other_day, row["dateText"].value if row["dateText"] else None):
                continue
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
