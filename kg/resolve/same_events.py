"""Across articles: events that report the same happening get nkg:sameEventAs (both directions).

Two events are the same when their classes are compatible (one family, one class the other or
under it, statements excepted), a place of one is a place of the other or lies in it, they do not
name different sides (an agent or the state it acts for, nkg:actsFor), and they fall within a day of each other (a report's "overnight" and
"Tuesday" differ by one). An undated event is matched by the weekday it names, never by nothing.
What happens nowhere in particular (sanctions, a decree) is matched by a named agent the two share,
within a day, when one of them names no place.

The index lives in memory, keyed by place (or agent) and day, so finding the candidates of a new event costs
the same however many events the store holds.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..knowledge import Ontology
from .records import ArticleRecord

__all__ = ["SameEventIndex", "IndexedEvent", "with_sides"]

_NEAR = (-1, 0, 1)


@dataclass(frozen=True, slots=True)
class IndexedEvent:
    """What the index keeps of an event: enough to compare it with another."""

    iri: str
    article: str
    cls: str
    agents: frozenset[str]
    places: tuple[str, ...]
    containers: frozenset[str]  # its places and every place they lie in
    day: date | None
    weekday: int | None


class SameEventIndex:
    """Events already stored, by (place, day) and (place, weekday), to link new events to them.

    ontology (Ontology): for event families and compatible classes.
    """

    def __init__(self, ontology: Ontology) -> None:
        self.onto = ontology
        self.by_day: dict[tuple[str, date], list[IndexedEvent]] = defaultdict(list)
        self.by_weekday: dict[tuple[str, int], list[IndexedEvent]] = defaultdict(list)  # dated, by their weekday
        self.undated: dict[tuple[str, int], list[IndexedEvent]] = defaultdict(list)  # undated, by the weekday named
        self.by_agent: dict[tuple[str, date], list[IndexedEvent]] = defaultdict(list)  # dated, by each named agent
        self.of_article: dict[str, list[IndexedEvent]] = defaultdict(list)
        self._pool: dict[Any, Any] = {}  # one copy of each set of places or agents, and of each day

    def __len__(self) -> int:
        return sum(len(v) for v in self.of_article.values())

    def add(self, ev: IndexedEvent) -> None:
        """Index one event under each of its places and their containers, and (when dated) each named agent."""
        if self.onto.family(ev.cls) == "Statement" or (ev.day is None and ev.weekday is None):
            return
        if not ev.places and not (ev.day and _named(ev.agents)):
            return
        ev = self._shared(ev)
        for table, key in self._keys(ev):
            table[key].append(ev)
        self.of_article[ev.article].append(ev)

    def _shared(self, ev: IndexedEvent) -> IndexedEvent:
        """ev built from the one copy of each name, set and day the index already holds: it keeps hundreds
        of thousands of events that name the same few thousand places and actors."""
        pool = self._pool
        i = sys.intern

        def one(value: Any) -> Any:
            return pool.setdefault(value, value)

        return IndexedEvent(ev.iri, i(ev.article), i(ev.cls), one(frozenset(map(i, ev.agents))),
                            one(tuple(map(i, ev.places))), one(frozenset(map(i, ev.containers))), one(ev.day),
                            ev.weekday)

    def _keys(self, ev: IndexedEvent) -> list[tuple[dict, tuple]]:
        keys: list[tuple[dict, tuple]] = []
        for place in ev.containers:
            if ev.day is not None:
                keys += [(self.by_day, (place, ev.day)), (self.by_weekday, (place, ev.day.weekday()))]
            else:
                keys.append((self.undated, (place, ev.weekday)))
        if ev.day is not None:
            keys += [(self.by_agent, (agent, ev.day)) for agent in _named(ev.agents)]
        return keys

    def remove_article(self, article: str) -> None:
        """Forget the events of an article (it is being replaced or removed)."""
        for ev in self.of_article.pop(article, []):
            for table, key in self._keys(ev):
                table[key].remove(ev)

    def _candidates(self, ev: IndexedEvent) -> Iterable[IndexedEvent]:
        for place in ev.places:
            if ev.day is not None:
                for d in _NEAR:
                    near = ev.day + timedelta(days=d)
                    yield from self.by_day.get((place, near), ())
                    yield from self.undated.get((place, near.weekday()), ())
            elif ev.weekday is not None:
                for d in _NEAR:
                    yield from self.by_weekday.get((place, (ev.weekday + d) % 7), ())

    def _same(self, a: IndexedEvent, b: IndexedEvent) -> bool:
        if a.article == b.article or not self.onto.compatible(a.cls, b.cls):
            return False
        named_a, named_b = _named(a.agents), _named(b.agents)
        if named_a and named_b and not named_a & named_b:
            return False
        return bool(set(a.places) & b.containers or set(b.places) & a.containers)

    def links(self, ev: IndexedEvent) -> list[str]:
        """IRIs of indexed events of other articles that report the same happening as ev."""
        if self.onto.family(ev.cls) == "Statement":
            return []
        found = {c.iri for c in self._by_agent(ev) if self._same_agent(ev, c)}
        if ev.places:
            found |= {c.iri for c in self._candidates(ev) if self._same(ev, c)}
            found |= {c.iri for c in self._containing(ev) if self._same(ev, c)}
        return sorted(found)

    def _by_agent(self, ev: IndexedEvent) -> Iterable[IndexedEvent]:
        if ev.day is None:
            return
        for agent in _named(ev.agents):
            for d in _NEAR:
                yield from self.by_agent.get((agent, ev.day + timedelta(days=d)), ())

    def _same_agent(self, a: IndexedEvent, b: IndexedEvent) -> bool:
        """Found under an agent they share, within a day: the same when one names no place (and places
        cannot tell them apart)."""
        return a.article != b.article and self.onto.compatible(a.cls, b.cls) and not (a.places and b.places)

    def _containing(self, ev: IndexedEvent) -> Iterable[IndexedEvent]:
        """Events whose place contains one of ev's places (found under ev's containers)."""
        wider = IndexedEvent(ev.iri, ev.article, ev.cls, ev.agents, tuple(ev.containers - set(ev.places)),
                             ev.containers, ev.day, ev.weekday)
        return (c for c in self._candidates(wider) if set(c.places) & (ev.containers - set(ev.places)))

    def add_record(self, rec: ArticleRecord) -> dict[str, list[str]]:
        """Link a record's events to the indexed ones, then index them. RETURNS: event IRI -> same events."""
        return self.add_events(rec.iri, list(indexed_events(rec)))

    def add_events(self, article: str, events: list[IndexedEvent]) -> dict[str, list[str]]:
        """add_record for an article's events already in index form (as worker processes send them)."""
        self.remove_article(article)
        out = {ev.iri: found for ev in events if (found := self.links(ev))}
        for ev in events:
            self.add(ev)
        return out


def with_sides(agents: Iterable[str], sides: dict[str, str]) -> frozenset[str]:
    """Agents and the states they act for (nkg:actsFor): "Russian Armed Forces" is on Russia's side."""
    agents = list(agents)
    return frozenset([*agents, *(sides[a] for a in agents if a in sides)])


def _named(agents: frozenset[str]) -> frozenset[str]:
    """The agents that are named actors: an article's unnamed collective ("gunmen", nkg:Group, minted per
    article) says nothing about whether another article's agent is another actor."""
    return frozenset(a for a in agents if "/group/" not in a)


def indexed_events(rec: ArticleRecord) -> Iterable[IndexedEvent]:
    """The events of a record as the index keeps them, with their places' containers."""
    located = {e.iri: e.located_in for e in (*rec.places_chain.values(), *rec.entities.values())}
    sides = {e.iri: e.acts_for for e in rec.entities.values() if e.acts_for}
    for ev in rec.events:
        containers: set[str] = set()
        for p in ev.places:
            cur: str | None = p
            while cur is not None and cur not in containers:
                containers.add(cur)
                cur = located.get(cur)
        yield IndexedEvent(ev.iri, rec.iri, ev.cls, with_sides(ev.agents, sides), tuple(ev.places), frozenset(containers),
                           ev.date, ev.weekday if ev.date is None else None)
