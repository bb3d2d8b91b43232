"""Event mentions to events: one node per happening per article, linked to what it answered.

A definite mention with nothing new to say ("the attack", "the strikes") refers back to the
latest compatible event; other mentions merge into an earlier event of the same family when
place, day, agents and ordinal words ("first", "new", "second") agree. Statements merge by
speaker. "In response to X" and "in retaliation" become nkg:inResponseTo, a condemnation's
object becomes nkg:about. Families and frames come from the ontology.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc

from ..knowledge import Knowledge
from ..nlp.event_mentions import EventMention, Offsets
from ..nlp.extensions import token_arrays
from .groups import GroupResolver
from .records import Entity, Event

__all__ = ["EventResolver"]

RECENT_TOKENS = 80  # about two sentences
CREDIT_TOKENS = 200  # "..., Kiper said": a source speaks of the happening told in the paragraphs before
SPEECH = "Statement"


@dataclass(eq=False)
class _Work:
    """An event being merged from its mentions: the record, and what merging needs to know."""

    event: Event
    first: int  # token offset of its first mention
    mentions: list[EventMention] = field(default_factory=list)
    ordinal: str | None = None
    links: list[tuple[str, EventMention, EventMention | str]] = field(default_factory=list)
    lone: set[str] = field(default_factory=set)  # unnamed assailants told in a mention that named no one else

    @property
    def cls(self) -> str:
        return self.event.cls

    @property
    def last_sentence(self) -> int:
        return self.mentions[-1].sentence[0]


@dataclass
class _Roles:
    """One mention's arguments as entity IRIs."""

    agents: list[str]
    targets: list[str]
    places: list[str]
    reporters: list[str]
    day: date | None
    weekday: int | None


class EventResolver:
    """Turns one Doc's event mentions into merged, linked Event records.

    knowledge (Knowledge): the ontology (families, frames) and word lists.
    entities (dict[Offsets, Entity]): the resolved entity of every entity span.
    places_within (dict[str, set[str]]): place IRI -> IRIs of every place containing it (and itself).
    actor_for (Callable | None): a place entity -> the country it stands for (capitals), or None.
    group_iri (Callable | None): the IRI of an unnamed group of this article, from its label.
    """

    def __init__(self, knowledge: Knowledge, entities: dict[Offsets, Entity], places_within: dict[str, set[str]],
                 actor_for: Callable[[Entity], Entity | None] | None = None,
                 group_iri: Callable[[str], str] | None = None) -> None:
        self.groups = GroupResolver(knowledge, entities, group_iri or (lambda label: f"urn:kg:group:{label}"))
        self.onto = knowledge.ontology
        self.words = knowledge.lexicons.words
        self.entities = entities
        self.within = places_within
        self.actor_for = actor_for
        self.extra: dict[str, Entity] = {}
        self.persons: list[tuple[int, str]] = []
        self.doc: Doc | None = None
        self.stated: set[int] = set()

    def resolve(self, doc: Doc, iri_for: Callable[[int], str], *, headline_end: int = 0) -> list[Event]:
        """Merged, linked events. headline_end (int): tokens before it are a headline, read last:
        a headline sums up the story's events, so its mentions join the events the body tells."""
        mentions: list[EventMention] = doc._.kg_events or []
        mentions = [m for m in mentions if m.trigger[0] >= headline_end] + [m for m in mentions if m.trigger[0] < headline_end]
        self.doc, self.extra = doc, {}
        self.persons = sorted((s, e.iri) for (s, _), e in self.entities.items() if e.cls == "Person")
        responder = {id(m.response_to): m for m in mentions if isinstance(m.response_to, EventMention)}
        self.stated = {id(m.about) for m in mentions if isinstance(m.about, EventMention)}
        critics = {id(m.about): m for m in mentions if isinstance(m.about, EventMention) and self.onto.is_a(m.cls, "Condemnation")}
        works: list[_Work] = []
        home: dict[int, _Work] = {}
        for m in mentions:
            roles = self._roles(m)
            w = self._home(works, m, roles, headline=m.trigger[0] < headline_end, answer=responder.get(id(m)),
                           critic=critics.get(id(m)))
            if w is not None:
                home[id(m)] = w
                self._merge(w, m, roles)
        for n, w in enumerate(works):
            w.event.iri = iri_for(n)
        for w in works:
            self._date_from_anchor(w, works, home)
        return [self._finish(w, works, home) for w in works]

    def _date_from_anchor(self, w: _Work, works: list[_Work], home: dict[int, _Work]) -> None:
        """"a day after the attack": the day of the event it counts from, plus the offset."""
        for m in w.mentions:
            if m.time_anchor is None or m.time is None or w.event.date is not None:
                continue
            anchor = home.get(id(m.time_anchor))
            if anchor is None or anchor is w:  # "the attack" here is an earlier one than the event that counts from it
                family = self.onto.family(m.time_anchor.cls)
                before = [x for x in works if x is not w and x.first < w.first and self.onto.family(x.cls) == family]
                anchor = before[-1] if before else None
            if anchor is not None and anchor.event.date is not None:
                w.event.date = anchor.event.date + timedelta(days=m.time.offset or 0)

    # -- one mention -----------------------------------------------------------------------------

    def _roles(self, m: EventMention) -> _Roles:
        named = self._actors(m.agents)  # the body that did it, claiming it, is no source of it either
        agents = self._states_of_bodies(named) if self.onto.is_any(m.cls, ("Attack", "ArmedClash")) else named
        return _Roles(agents, self._iris(m.targets), self._iris(m.places),
                      [r for r in self._actors(m.reporters) if r not in agents and r not in named],
                      m.time.day if m.time else None, m.time.weekday if m.time else None)

    def _home(self, works: list[_Work], m: EventMention, r: _Roles, *, headline: bool,
              answer: EventMention | None, critic: EventMention | None = None) -> _Work | None:
        """The event a mention belongs to: one told before, a new one, or None (nothing worth a node)."""
        has_news = bool(r.places or r.day or r.weekday is not None or m.ordinal in self.words("newWords"))
        w = None
        if headline or m.anchor or (m.definite and not m.verb) or (m.ordinal in self.words("oldWords") and not has_news):
            answered_by = (self._actors(answer.agents), answer.time.day if answer.time else None) if answer else None
            not_by = self._camp(self._actors(critic.agents)) if critic is not None else []
            w = self._referent(works, m, r.agents, anywhere=headline, answered_by=answered_by, not_by=not_by)
            if w is None and m.anchor:
                return None
        if w is None and m.cls != SPEECH:
            w = next((x for x in reversed(works) if self._same(x, m, r)), None)
        if w is None and self.onto.family(m.cls) != SPEECH and not (r.agents or r.targets or r.places or m.time):
            w = self._told_just_before(works, m)  # "The minibus blew up as ...": more of the bombing just told
        if m.cls == SPEECH and self._credited(works, m, r):
            return None
        if w is None and self.onto.family(m.cls) == "Statement" and r.agents:
            w = next((x for x in works if x.cls == m.cls and set(r.agents) & set(x.event.agents)), None)
        if w is None and self._worth_a_node(m, r):
            w = _Work(Event(iri="", cls=m.cls), first=m.trigger[0])
            works.append(w)
        return w

    def _credited(self, works: list[_Work], m: EventMention, r: _Roles) -> bool:
        """"SANA said", "the governor said": a source for what was just told, not a statement of its own."""
        if not r.agents:
            return False
        media = all(self._is_media(a) for a in r.agents)
        if m.says_more and {iri for _, iri in self.persons} & set(r.agents):
            return False  # "Kolo said the attackers came on motorbikes": a named person's statement of its own
        if not media and m.lemma not in self.words("attributionVerbs"):
            return False
        prior = [x for x in works if self.onto.family(x.cls) != "Statement" and x.first < m.trigger[0]
                 and m.sentence[0] - x.last_sentence <= CREDIT_TOKENS]
        if prior:
            ev = prior[-1].event
            if not self._named(ev.reporters):  # the first source credited for a happening is its source; later ones add details
                ev.add("reporters", [a for a in r.agents if a not in ev.agents])
            return True
        return media

    def _merge(self, w: _Work, m: EventMention, r: _Roles) -> None:
        ev = w.event
        if ev.cls != m.cls and self.onto.is_a(m.cls, ev.cls):
            ev.cls = m.cls
        ev.add("agents", r.agents)
        for role in (r.agents, r.targets):
            if not self._named(role):
                w.lone.update(i for i in role if self.groups.assailant(i))
        two_sided = self.onto.two_sided(ev.cls)  # each side of a clash or a deal is also the other's target
        ev.add("targets", [t for t in r.targets if two_sided or t not in ev.agents])
        ev.add("places", r.places)
        ev.add("reporters", r.reporters)
        ev.add("instruments", m.instruments)
        ev.killed = ev.killed if ev.killed is not None else m.killed
        ev.injured = ev.injured if ev.injured is not None else m.injured
        ev.date = ev.date if ev.date is not None else r.day
        ev.weekday = ev.weekday if ev.weekday is not None else r.weekday
        if ev.date_text is None and m.time is not None:
            ev.date_text = m.time.text
        w.ordinal = w.ordinal or m.ordinal
        assert self.doc is not None
        ev.add("evidence", [token_arrays(self.doc).span_text(*m.sentence).strip()])
        w.mentions.append(m)
        if m.response_to is not None:
            w.links.append(("in_response_to", m, m.response_to))
        if m.about is not None:
            w.links.append(("about", m, m.about))

    def _finish(self, w: _Work, works: list[_Work], home: dict[int, _Work]) -> Event:
        """The event with its most specific places, its weekday only when undated, and its links."""
        ev = w.event
        ev.places = self._specific(ev.places)
        ev.weekday = ev.weekday if ev.date is None else None
        for attr, m, ref in w.links:
            other = home.get(id(ref)) if isinstance(ref, EventMention) else None
            other = other or self._previous(works, w, m)
            if other is not None and other is not w:
                ev.add(attr, [other.event.iri])
                doers = self._named(other.event.agents)
                if attr == "in_response_to" and doers and w.lone & set(ev.targets) and not self._named(ev.targets):
                    ev.targets = doers + [t for t in ev.targets if t not in w.lone]  # "struck the retreating attackers"
        if self._named(ev.reporters):  # "officials said", then the agency that reported it: the agency
            ev.reporters = self._named(ev.reporters)
        for role in ("agents", "targets"):  # "militants" where the same event names its doers: those doers
            if self._named(getattr(ev, role)):
                setattr(ev, role, [i for i in getattr(ev, role) if i not in w.lone])
        if not ev.about and self.onto.family(ev.cls) == "Statement":
            main = self._main_event(works, w)  # a statement in a story about an event is about that event
            if main is not None:
                ev.add("about", [main.event.iri])
        return ev

    def _main_event(self, works: list[_Work], w: _Work) -> _Work | None:
        """The most told happening before a statement (the earliest among equals)."""
        before = [x for x in works if x is not w and self.onto.family(x.cls) != "Statement" and x.first < w.first]
        return max(reversed(before), key=lambda x: len(x.mentions)) if before else None

    # -- entities --------------------------------------------------------------------------------

    def _actors(self, spans: list[Offsets]) -> list[str]:
        """Agents and sources are actors: a capital stands for its country; other places are dropped."""
        out: list[str] = []
        for sp in spans:
            ent = self.entities.get(sp)
            if ent is not None and self.onto.is_a(ent.cls, "Place") and not self.onto.is_a(ent.cls, "Actor"):
                country = self.actor_for(ent) if self.actor_for else None
                if country is not None:
                    self.extra[country.iri] = country
                    out.append(country.iri)
                continue
            out += [i for i in self._iris([sp]) if i not in out]
        return out

    def _states_of_bodies(self, agents: list[str]) -> list[str]:
        """"The Russian Ministry of Defence said its forces struck": a ministry fights through its state's forces,
        so a government body doing armed force stands for its state (when the article names the state)."""
        known = {e.iri: e for e in self.entities.values()} | self.extra
        out: list[str] = []
        for iri in agents:
            ent = known.get(iri)
            if ent is not None and ent.state in known and self.onto.is_a(ent.cls, "GovernmentBody"):
                iri = ent.state
            if iri not in out:
                out.append(iri)
        return out

    def _iris(self, spans: list[Offsets]) -> list[str]:
        out: list[str] = []
        for sp in spans:
            ent = self.entities.get(sp)
            if ent is None and sp[1] - sp[0] == 1 and self.doc is not None and self.doc[sp[0]].lower_ in ("he", "she"):
                prior = [iri for pos, iri in self.persons if pos < sp[0]]
                if prior:
                    out.append(prior[-1])
                continue
            if ent is None and self.doc is not None:
                ent = self.groups.resolve(self.doc, sp)
                if ent is not None:
                    self.extra.setdefault(ent.iri, ent)
            if ent is not None and ent.iri not in out:
                out.append(ent.iri)
        return out

    def _sides(self, agents: list[str]) -> set[str]:
        """Agents and the states they act for: "Russian forces" and "Russia" are one side."""
        out = set(agents)
        for e in self.entities.values():
            if e.iri in out and e.state:
                out.add(e.state)
        return out

    def _camp(self, actors: list[str]) -> list[str]:
        """Actors, the groups their people belong to ("Senior Houthi official X": the Houthis) and the states
        their people and government bodies act for (not an armed group's country, which is only where it fights)."""
        out = list(actors)
        for e in self.entities.values():
            if e.iri in actors:
                out += [o for o in sorted(e.member_of) if o not in out]
        for e in self.entities.values():
            if e.iri in out and e.state and self.onto.is_any(e.cls, ("Person", "GovernmentBody")) and e.state not in out:
                out.append(e.state)
        return out

    def _named(self, iris: list[str]) -> list[str]:
        """The actors among iris that are named, not an unnamed group ("militants")."""
        return [i for i in iris if not self.groups.is_group(i)]

    def _agree(self, a: list[str], b: list[str]) -> bool:
        return bool(self._sides(a) & self._sides(b))

    def _is_media(self, iri: str) -> bool:
        return any(e.iri == iri and self.onto.is_a(e.cls, "MediaOrganization") for e in self.entities.values())

    # -- matching --------------------------------------------------------------------------------

    def _worth_a_node(self, m: EventMention, r: _Roles) -> bool:
        """Enough is known to make a new event: the role the frame requires, else enough roles filled."""
        required = self.onto.required_role(m.cls)
        if required == "agent":
            return bool(r.agents)
        if required == "target":
            return bool(r.targets)
        countries = {e.iri for e in self.entities.values() if e.cls == "Country"}
        local = [p for p in r.places if p not in countries]
        weight = bool(r.agents) + bool(r.targets) + bool(local) + 0.5 * bool(r.places and not local)
        weight += 0.5 * bool(m.time) + bool(m.killed or m.injured)
        return weight >= 1.5

    def _specific(self, places: list[str]) -> list[str]:
        """Drop a place when a place inside it is also named ("Syria" beside "Deir Ezzor")."""
        return [p for p in places if not any(q != p and p in self.within.get(q, ()) for q in places)]

    def _compatible_places(self, a: list[str], b: list[str]) -> bool:
        if not a or not b:
            return True
        return any(x == y or x in self.within.get(y, ()) or y in self.within.get(x, ()) for x in a for y in b)

    def _ordinals_clash(self, w: _Work, m: EventMention) -> bool:
        new, old = self.words("newWords"), self.words("oldWords")
        if w.ordinal in new and m.ordinal not in new and m.time is not None:
            return True  # "a new attack" ... "air strikes on Tuesday": the earlier one
        if m.ordinal in new and w.ordinal not in new:
            return True
        return bool(w.ordinal in old and m.ordinal and m.ordinal not in old)

    def _same(self, w: _Work, m: EventMention, r: _Roles) -> bool:
        """A mention with news of its own is the same happening as an event told before."""
        if self.onto.family(w.cls) != self.onto.family(m.cls) or self.onto.family(m.cls) == "Statement":
            return False
        if self.onto.required_role(m.cls) == "target":  # deaths: the same person
            return bool(set(r.targets) & set(w.event.targets))
        if not self.onto.compatible(w.cls, m.cls) or self._ordinals_clash(w, m):
            return False
        if m.response_to is not None and not any(ref for attr, _, ref in w.links if attr == "in_response_to"):
            return False
        ev = w.event
        if self._other_day(ev, r.day, r.weekday):
            return False
        if r.agents and ev.agents and not self._agree(r.agents, ev.agents):
            return False
        if not r.places or not ev.places:
            return bool(r.agents and ev.agents and self._agree(r.agents, ev.agents)) and (
                r.day is None or ev.date is None or r.day == ev.date)
        return self._compatible_places(r.places, ev.places)

    @staticmethod
    def _other_day(ev: Event, day: date | None, weekday: int | None) -> bool:
        """The event is dated, or has a weekday, other than the one given."""
        ev_weekday = ev.date.weekday() if ev.date is not None else ev.weekday
        return (day is not None and ev.date is not None and day != ev.date) or (
            weekday is not None and ev_weekday is not None and weekday != ev_weekday)

    def _referent(self, works: list[_Work], m: EventMention, agents: list[str], *, anywhere: bool = False,
                  answered_by: tuple[list[str], date | None] | None = None, not_by: list[str] | None = None) -> _Work | None:
        """The event a definite mention points back to: same family, agents agreeing, most mentioned;
        not_by: the side of whoever condemns it, which did not do it ("a Houthi official condemned the strikes")."""
        cands = [w for w in works if self.onto.family(w.cls) == self.onto.family(m.cls) and (w.first < m.trigger[0] or anywhere)]
        agreeing = [w for w in cands if self._agree(agents, w.event.agents)]
        if agents:  # an event whose doers are unnamed ("militants") may be one a named doer did
            cands = agreeing + [w for w in cands if not self._named(w.event.agents)] or (cands if anywhere else [])
        places = [self.entities[p].iri for p in m.places if p in self.entities]
        if places:  # what a response answers, told with a place of its own, is no event told elsewhere
            fitting = [w for w in cands if self._compatible_places(places, w.event.places)]
            cands = fitting or ([] if answered_by is not None else cands)
        if answered_by is not None and m.time is not None and m.time.start > m.trigger[0]:  # ... nor on another day
            cands = [w for w in cands if not self._other_day(w.event, m.time.day, m.time.weekday)]
        cands = [w for w in cands if w in agreeing] or cands
        if self.onto.family(m.cls) != m.cls:
            cands = [w for w in cands if w.cls == m.cls] or cands
        if answered_by is not None:
            cands = self._answered(cands, *answered_by)
        if not_by:
            cands = [w for w in cands if not set(not_by) & set(w.event.agents)] or cands
        if not cands:
            return None
        # the event just told (within two sentences) is what "the attack" means; else the most told one
        # "condemned the attack": what statements are about is the story's main event, not the one just told
        recent = [] if anywhere or id(m) in self.stated else [w for w in cands if m.sentence[0] - w.last_sentence <= RECENT_TOKENS]
        if recent:
            return max(recent, key=lambda w: w.mentions[-1].trigger[0])
        return max(reversed(cands), key=lambda w: len(w.mentions))

    def _told_just_before(self, works: list[_Work], m: EventMention) -> _Work | None:
        """The event of m's family told in the sentences just before m, when m names nothing of its own."""
        family = self.onto.family(m.cls)
        recent = [w for w in works if self.onto.family(w.cls) == family and w.first < m.trigger[0]
                  and 0 <= m.sentence[0] - w.last_sentence <= RECENT_TOKENS]
        return recent[-1] if recent and self.onto.compatible(recent[-1].cls, m.cls) else None

    def _answered(self, cands: list[_Work], their_agents: list[str], their_day: date | None) -> list[_Work]:
        """What a response answers was done by the other side, and earlier."""
        other = [w for w in cands if not (their_agents and w.event.agents and self._agree(their_agents, w.event.agents))]
        earlier = [w for w in other if their_day is None or w.event.date is None or w.event.date < their_day]
        dated = [w for w in earlier if w.event.date is not None and their_day is not None]
        return dated or earlier or other or cands

    def _previous(self, works: list[_Work], w: _Work, m: EventMention) -> _Work | None:
        """The event a bare "in retaliation" or "condemned the attack" points back to."""
        before = [x for x in works if x is not w and self.onto.family(x.cls) != "Statement" and x.first < m.trigger[0]]
        if self.onto.family(m.cls) == "Statement":
            return max(reversed(before), key=lambda x: len(x.mentions)) if before else None
        differing = [x for x in before if not (x.event.agents and w.event.agents and self._agree(x.event.agents, w.event.agents))]
        earlier = [x for x in differing if w.event.date is None or x.event.date is None or x.event.date <= w.event.date]
        pick = earlier or differing or before
        return pick[-1] if pick else None
