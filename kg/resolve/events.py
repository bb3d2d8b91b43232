"""Event mentions to events: one node per happening per article, linked to what it answered.

A definite mention with nothing new to say ("the attack", "the strikes") refers back to the
latest compatible event; other mentions merge into an earlier event of the same family when
place, day, agents and ordinal words ("first", "new", "second") agree. Statements merge by
speaker. "In response to X" and "in retaliation" become nkg:inResponseTo, a condemnation's
object becomes nkg:about.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from ..nlp.event_finder import ATTACKS, SPEECH_CLASSES, EventMention
from .records import Entity, Event

__all__ = ["EventResolver", "family"]

SPECIFIC = ("AirStrike", "MissileAttack", "DroneAttack")
RECENT_TOKENS = 80  # about two sentences
ATTRIBUTION = frozenset({"say", "tell", "add", "note", "write", "report", "confirm"})
PLACE_ONLY = frozenset({"Place", "Settlement", "AdministrativeRegion", "Facility"})
NEW_WORDS = frozenset({"new", "second", "third", "fourth", "another", "fresh", "latest", "again"})
OLD_WORDS = frozenset({"first", "earlier", "previous"})


def family(cls: str) -> str:
    """Classes whose mentions may be the same happening."""
    if cls in ATTACKS:
        return "Attack"
    if cls in ("Statement", "Condemnation"):
        return "Statement"
    return cls


@dataclass
class _Work:
    cls: str
    first: int  # token offset of its first mention
    mentions: list[EventMention] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    day: date | None = None
    weekday: int | None = None
    date_text: str | None = None
    ordinal: str | None = None
    evidence: list[str] = field(default_factory=list)
    response_to: list[object] = field(default_factory=list)
    about: list[object] = field(default_factory=list)


def _add(lst: list, values) -> None:
    for v in values:
        if v not in lst:
            lst.append(v)


class EventResolver:
    """Turns one Doc's event mentions into merged, linked Event records."""

    def __init__(self, entities: dict[tuple[int, int], Entity], places_within: dict[str, set[str]],
                 actor_for=None) -> None:
        self.entities = entities
        self.within = places_within  # place IRI -> IRIs of every place containing it (and itself)
        self.actor_for = actor_for  # place entity -> the country it stands for (capitals), or None

    def _actors(self, doc: Doc, spans: list[tuple[int, int]], persons_before) -> list[str]:
        """Agents and sources are actors: a capital stands for its country; other places are dropped."""
        out = []
        for sp in spans:
            ent = self.entities.get(sp)
            if ent is not None and ent.cls in PLACE_ONLY:
                country = self.actor_for(ent) if self.actor_for else None
                if country is not None:
                    self.extra[country.iri] = country
                    out.append(country.iri)
                continue
            out += [i for i in self._iris(doc, [sp], persons_before) if i not in out]
        return out

    def _iris(self, doc: Doc, spans: list[tuple[int, int]], persons_before: list[tuple[int, str]]) -> list[str]:
        out = []
        for sp in spans:
            ent = self.entities.get(sp)
            if ent is None and sp[1] - sp[0] == 1 and doc[sp[0]].lower_ in ("he", "she"):
                prior = [iri for pos, iri in persons_before if pos < sp[0]]
                if prior:
                    out.append(prior[-1])
                continue
            if ent is not None and ent.iri not in out:
                out.append(ent.iri)
        return out

    def resolve(self, doc: Doc, iri_for, *, headline_end: int = 0) -> list[Event]:
        """Merged, linked events. headline_end (int): tokens before it are a headline, read last:
        a headline sums up the story's events, so its mentions join the events the body tells."""
        mentions: list[EventMention] = doc._.kg_events or []
        mentions = [m for m in mentions if m.trigger[0] >= headline_end] + [m for m in mentions if m.trigger[0] < headline_end]
        self.extra: dict[str, Entity] = {}
        persons = sorted((s, e.iri) for (s, _), e in self.entities.items() if e.cls == "Person")
        works: list[_Work] = []
        home: dict[int, _Work] = {}  # id(mention) -> the event it ended in
        responder = {id(m.response_to): m for m in mentions if isinstance(m.response_to, EventMention)}
        for m in mentions:
            agents = self._actors(doc, m.agents, persons)
            targets = self._iris(doc, m.targets, persons)
            places = self._iris(doc, m.places, persons)
            reporters = [r for r in self._actors(doc, m.reporters, persons) if r not in agents]
            sentence = doc[m.sentence[0]:m.sentence[1]].text.strip()
            day = m.time.day if m.time else None
            weekday = m.time.weekday if m.time else None
            has_news = bool(places or day or weekday is not None or m.ordinal in NEW_WORDS)
            w = None
            in_headline = m.trigger[0] < headline_end
            if in_headline or m.anchor or (m.definite and not m.verb) or m.ordinal in OLD_WORDS and not has_news:
                answer = responder.get(id(m))
                w = self._referent(works, m, agents, anywhere=in_headline,
                                   answered_by=(self._actors(doc, answer.agents, persons), answer.time.day if answer.time else None)
                                   if answer is not None else None)
                if w is None and m.anchor:
                    continue
            if w is None and m.cls not in SPEECH_CLASSES:
                w = next((x for x in reversed(works) if self._same(x, m, agents, places, day, weekday)), None)
            if m.cls in SPEECH_CLASSES and agents and (all(self._is_media(a) for a in agents) or m.lemma in ATTRIBUTION):
                # "SANA said", "the governor said": a source for what was just told, not a statement of its own
                prior = [x for x in works if x.cls not in SPEECH_CLASSES and x.first < m.trigger[0]
                         and m.sentence[0] - x.mentions[-1].sentence[0] <= RECENT_TOKENS]
                if prior:
                    _add(prior[-1].reporters, [a for a in agents if a not in prior[-1].agents])
                    continue
                if all(self._is_media(a) for a in agents):
                    continue
            if w is None and m.cls in SPEECH_CLASSES | {"Condemnation"} and agents:
                w = next((x for x in works if x.cls == m.cls and set(agents) & set(x.agents)), None)
            if w is None:
                if not self._worth_a_node(m, agents, targets, places):
                    continue
                w = _Work(cls=m.cls, first=m.trigger[0])
                works.append(w)
            home[id(m)] = w
            if w.cls == "Attack" and m.cls in SPECIFIC:
                w.cls = m.cls
            _add(w.agents, agents)
            _add(w.targets, [t for t in targets if t not in w.agents])
            _add(w.places, places)
            _add(w.reporters, reporters)
            _add(w.instruments, m.instruments)
            w.killed = w.killed if w.killed is not None else m.killed
            w.injured = w.injured if w.injured is not None else m.injured
            if w.day is None and day is not None:
                w.day = day
            if w.weekday is None and weekday is not None:
                w.weekday = weekday
            if w.date_text is None and m.time is not None:
                w.date_text = m.time.text
            w.ordinal = w.ordinal or m.ordinal
            _add(w.evidence, [sentence])
            w.mentions.append(m)
            if m.response_to is not None:
                w.response_to.append((m, m.response_to))
            if m.about is not None:
                w.about.append((m, m.about))
        events: list[Event] = []
        iri_of: dict[int, str] = {}
        for n, w in enumerate(works):
            iri_of[id(w)] = iri_for(n)
        for w in works:
            ev = Event(iri=iri_of[id(w)], cls=w.cls, agents=w.agents, targets=w.targets,
                       places=self._specific(w.places), reporters=w.reporters, instruments=w.instruments,
                       killed=w.killed, injured=w.injured, date=w.day, date_text=w.date_text, evidence=w.evidence,
                       weekday=w.weekday if w.day is None else None)
            for m, ref in w.response_to:
                other = home.get(id(ref)) if isinstance(ref, EventMention) else None
                other = other or self._previous(works, w, m)
                if other is not None and other is not w:
                    _add(ev.in_response_to, [iri_of[id(other)]])
            for m, ref in w.about:
                other = home.get(id(ref)) if isinstance(ref, EventMention) else None
                other = other or self._previous(works, w, m)
                if other is not None and other is not w:
                    _add(ev.about, [iri_of[id(other)]])
            events.append(ev)
        return events

    # -- matching ------------------------------------------------------------------------------

    def _sides(self, agents) -> set[str]:
        """Agents and the states they act for: "Russian forces" and "Russia" are one side."""
        out = set(agents)
        for e in self.entities.values():
            if e.iri in out and e.state:
                out.add(e.state)
        return out

    def _agree(self, a, b) -> bool:
        return bool(self._sides(a) & self._sides(b))

    def _is_media(self, iri: str) -> bool:
        return any(e.iri == iri and e.cls == "MediaOrganization" for e in self.entities.values())

    def _targets_of(self, m: EventMention) -> list[str]:
        return [self.entities[t].iri for t in m.targets if t in self.entities]

    def _worth_a_node(self, m: EventMention, agents: list[str], targets: list[str], places: list[str]) -> bool:
        """Enough is known to make a new event: a speaker for statements, a victim for deaths, else roles."""
        if m.cls in SPEECH_CLASSES or m.cls == "Condemnation":
            return bool(agents)
        if m.cls == "Death":
            return bool(targets)
        countries = {e.iri for e in self.entities.values() if e.cls == "Country"}
        local = [p for p in places if p not in countries]
        weight = bool(agents) + bool(targets) + bool(local) + 0.5 * bool(places and not local)
        weight += 0.5 * bool(m.time) + bool(m.killed or m.injured)
        return weight >= 1.5

    def _specific(self, places: list[str]) -> list[str]:
        """Drop a place when a place inside it is also named ("Syria" beside "Deir Ezzor")."""
        return [p for p in places if not any(q != p and p in self.within.get(q, ()) for q in places)]

    def _compatible_places(self, a: list[str], b: list[str]) -> bool:
        if not a or not b:
            return True
        return any(x == y or x in self.within.get(y, ()) or y in self.within.get(x, ()) for x in a for y in b)

    def _same(self, w: _Work, m: EventMention, agents: list[str], places: list[str], day, weekday) -> bool:
        if family(w.cls) != family(m.cls) or family(m.cls) == "Statement":
            return False
        if m.cls == "Death":
            return bool(set(self._targets_of(m)) & set(w.targets))
        if w.ordinal in NEW_WORDS and m.ordinal not in NEW_WORDS and m.time is not None:
            return False  # "a new attack" ... "air strikes on Tuesday": the earlier one
        if w.cls in SPECIFIC and m.cls in SPECIFIC and w.cls != m.cls:
            return False
        if m.ordinal in NEW_WORDS and w.ordinal not in NEW_WORDS:
            return False
        if w.ordinal in OLD_WORDS and m.ordinal and m.ordinal not in OLD_WORDS:
            return False
        if m.response_to is not None and any(ref for _, ref in w.response_to) is False:
            return False
        if day is not None and w.day is not None and day != w.day:
            return False
        if weekday is not None and w.weekday is not None and weekday != w.weekday:
            return False
        if agents and w.agents and not self._agree(agents, w.agents):
            return False
        if not places or not w.places:
            return bool(agents and w.agents and self._agree(agents, w.agents)) and (day is None or w.day is None or day == w.day)
        return self._compatible_places(places, w.places)

    def _referent(self, works: list[_Work], m: EventMention, agents: list[str], *, anywhere: bool = False,
                  answered_by: tuple[list[str], object] | None = None) -> _Work | None:
        """The event a definite mention points back to: same family, agents agreeing, most mentioned."""
        fam = family(m.cls)
        cands = [w for w in works if family(w.cls) == fam and (w.first < m.trigger[0] or anywhere)]
        if agents:
            agreeing = [w for w in cands if self._agree(agents, w.agents)] or [w for w in cands if not w.agents]
            cands = agreeing or (cands if anywhere else [])
        places = [self.entities[p].iri for p in m.places if p in self.entities]
        if places:
            cands = [w for w in cands if self._compatible_places(places, w.places)] or cands
        if m.cls in SPECIFIC:
            cands = [w for w in cands if w.cls == m.cls] or cands
        if answered_by is not None:
            # what a response answers was done by the other side, and earlier
            their_agents, their_day = answered_by
            other = [w for w in cands if not (their_agents and w.agents and self._agree(their_agents, w.agents))]
            earlier = [w for w in other if their_day is None or w.day is None or w.day < their_day]
            cands = [w for w in earlier if w.day is not None and their_day is not None] or earlier or other or cands
        if not cands:
            return None
        # the event just told (within two sentences) is what "the attack" means; else the most told one
        recent = [] if anywhere else [w for w in cands if m.sentence[0] - w.mentions[-1].sentence[0] <= RECENT_TOKENS]
        if recent:
            return max(recent, key=lambda w: w.mentions[-1].trigger[0])
        return max(reversed(cands), key=lambda w: len(w.mentions))

    def _previous(self, works: list[_Work], w: _Work, m: EventMention) -> _Work | None:
        """The attack a bare "in retaliation" or "condemned the attack" points back to."""
        before = [x for x in works if x is not w and family(x.cls) == "Attack" and x.first < m.trigger[0]]
        if m.cls == "Condemnation":
            return before[0] if before else None
        differing = [x for x in before if not (x.agents and w.agents and self._agree(x.agents, w.agents))]
        earlier = [x for x in differing if w.day is None or x.day is None or x.day <= w.day]
        pick = earlier or differing or before
        return pick[-1] if pick else None
