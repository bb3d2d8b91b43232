"""Reading one trigger's arguments from the surface of its sentence (the weight-free way).

Who did it (the actor before an active verb, after "by" in the passive, before a noun trigger),
whom or what it hit ("on"/"against" X, the object of the verb, the subject of a passive), where
("in"/"at"/"near" a place), and with what (instrument words). Word lists come from words.ttl,
the role the subject fills from the class's frame in the ontology.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Doc, Span

from ..knowledge import Knowledge
from .event_mentions import EventMention, Offsets

__all__ = ["Sentence", "read_arguments", "read_instruments", "ACTOR_LABELS", "PLACE_LABELS"]

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
POSSESSIVE = ("'s", "’s")
PASSIVE_PARTICIPLES = ("hit", "struck", "shot", "stolen", "seized")
ACTIVE_PAST = ("hit", "struck", "stole", "shot")


@dataclass
class Sentence:
    """One sentence of a Doc, with the token arrays and entity index the readers share."""

    doc: Doc
    start: int
    end: int
    lower: list[str]
    lem: list[str]
    ent_at: dict[int, Span]
    knowledge: Knowledge
    triggers: Mapping[int, str] = field(default_factory=dict)  # where the sentence's triggers start -> their class
    parsed: bool = False  # the Doc has a dependency parse

    def words(self, name: str) -> frozenset[str]:
        return self.knowledge.lexicons.words(name)

    def ents(self, a: int, b: int) -> list[Span]:
        """The entity spans wholly inside tokens [a, b), in order."""
        seen: set[int] = set()
        out = []
        for k in range(a, b):
            x = self.ent_at.get(k)
            if x is not None and x.start >= a and x.end <= b and id(x) not in seen:
                seen.add(id(x))
                out.append(x)
        return out

    def prep_before(self, x: Span, floor: int) -> str:
        """The preposition governing an entity ("in Syria's Deir Ezzor" -> "in"), or ""."""
        preps = self.words("eventPlacePrepositions") | self.words("targetPrepositions") | {"by"}
        j = x.start - 1
        while j >= max(floor, x.start - 6):
            if self.lower[j] in preps:
                return self.lower[j]
            if j in self.ent_at and self.ent_at[j] is not x:
                if j + 1 < len(self.lower) and self.lower[j + 1] in POSSESSIVE:
                    j = self.ent_at[j].start - 1
                    continue
                return ""
            j -= 1
        return ""


@dataclass
class _Clause:
    left: int
    right: int
    passive: bool
    came_under: bool
    light: int | None
    noun_anaphor: bool
    ents_left: list[Span]
    ents_right: list[Span]


def read_arguments(s: Sentence, m: EventMention) -> None:
    """Fill m's agents, targets, places and instruments from its clause."""
    c = _clause(s, m)
    _agent_by(s, m, c)
    if s.knowledge.ontology.subject_role(m.cls) == "target":
        _subject_is_target(m, c)
    elif c.came_under or c.passive:
        _passive_subject(s, m, c)
    elif not m.agents:
        _subject(s, m, c, noun=not m.verb)
    if s.knowledge.ontology.subject_role(m.cls) != "target":
        _targets(s, m, c)
    _places(s, m, c)
    if not c.noun_anaphor:  # an anaphor's words around it belong to the sentence's news, not to it
        read_instruments(s, m, max(c.left, m.trigger[0] - 6), min(c.right, m.trigger[1] + 8))
    else:  # but its own word may name the weapon ("the bombing")
        read_instruments(s, m, m.trigger[0], m.trigger[1])


def _mark(s: Sentence, m: EventMention) -> tuple[bool, int | None]:
    """Set m.definite, m.ordinal and m.verb from the words around the trigger; (passive, light verb)."""
    t0, t1, lower, start = m.trigger[0], m.trigger[1], s.lower, s.start
    prev, word = (lower[t0 - 1] if t0 > start else ""), lower[t0]
    determiners, possessive = s.words("determiners"), set(POSSESSIVE)
    m.definite = prev in determiners or prev in possessive or (
        t0 - 2 >= start and lower[t0 - 2] in determiners | possessive
        and prev not in s.words("indefinites") and prev not in s.words("ordinals"))
    for w in lower[max(start, t0 - 3):t0] + lower[t1:t1 + 3]:
        if w in s.words("ordinals") or w == "again":
            m.ordinal = m.ordinal or w
    passive = not s.words("passiveAuxiliaries").isdisjoint(lower[max(start, t0 - 3):t0]) and (
        word.endswith("ed") or word in PASSIVE_PARTICIPLES)
    light = next((j for j in range(max(start, t0 - 4), t0) if lower[j] in s.words("lightVerbs")), None)
    actor_before = t0 - 1 in s.ent_at and s.ent_at[t0 - 1].label_ in ACTOR_LABELS
    object_after = t1 < s.end and (t1 in s.ent_at or lower[t1] in ("the", "a", "an", "two", "three", "several"))
    m.verb = passive or word.endswith("ed") or word in ACTIVE_PAST or light is not None or (
        prev in s.words("verbContext") and not word.endswith("ing")) or (
        prev not in determiners | s.words("indefinites") and actor_before and object_after)
    if m.verb and prev not in determiners:  # "the RSF smuggled": the article belongs to the actor
        m.definite = False
    return passive, light


def _clause(s: Sentence, m: EventMention) -> _Clause:
    """The clause window around the trigger, and the entities on each side of it."""
    passive, light = _mark(s, m)
    t0, t1, lower = m.trigger[0], m.trigger[1], s.lower
    noun_anaphor = m.definite and light is None and not passive and s.knowledge.ontology.subject_role(m.cls) != "target"
    breaks = s.words("clauseBreaks")
    left = t0
    while left > s.start and lower[left - 1] not in breaks and not (lower[left - 1] == "," and left - 1 < t0 - 6):
        left -= 1
    right = t1
    stops = ("while", "as", "but") if not m.verb else ("which", "while", "as", "but", "and")
    while right < s.end and lower[right] != ";" and not (lower[right] in stops and right > t1):
        right += 1
    if noun_anaphor:  # only its own phrase: "the US attack on X in Y"
        left, right = max(left, t0 - 3), min(right, t1 + 5)

    def not_backer(x: Span) -> bool:  # "Iran-backed groups": the country backs, it does not act
        return not (x.end + 1 < s.end and lower[x.end] == "-" and lower[x.end + 1] == "backed")

    came_under = "under" in lower[max(s.start, t0 - 3):t0]
    return _Clause(left, right, passive, came_under, light, noun_anaphor,
                   [x for x in s.ents(left, t0) if not_backer(x)], [x for x in s.ents(t1, right) if not_backer(x)])


def _agent_by(s: Sentence, m: EventMention, c: _Clause) -> None:
    """The agent after a passive "by" ("were targeted by drones launched by X")."""
    lower, t1 = s.lower, m.trigger[1]
    not_agent = s.words("notAgentVerbs")
    by = next((j for j in range(t1, c.right) if lower[j] == "by" and (
        not m.verb or j == t1 or lower[j - 1].endswith("ed") or lower[j - 1] in ("out", "hit", "struck", "shot"))
        and not any(w in not_agent for w in lower[t1:j])), None)
    if by is not None:
        x = next((x for x in c.ents_right if by < x.start <= by + 3 and x.label_ in ACTOR_LABELS), None)
        if x is not None:
            m.agents.append((x.start, x.end))


def _subject_is_target(m: EventMention, c: _Clause) -> None:
    """"the martyrdom of IRGC officer X", "X died": the person it happened to is the target; no agent."""
    person: Span | None = next((x for x in c.ents_right if x.label_ == "PERSON"), None) or next(
        (x for x in reversed(c.ents_left) if x.label_ == "PERSON"), None)
    if person is not None:
        m.targets.append((person.start, person.end))
    m.agents.clear()


def _passive_subject(s: Sentence, m: EventMention, c: _Clause) -> None:
    """"Two bases came under attack", "bases were targeted by drones": the subject was hit."""
    for x in reversed(c.ents_left):
        if x.label_ in ACTOR_LABELS | PLACE_LABELS and s.prep_before(x, c.left) not in s.words("eventPlacePrepositions") - {"of"}:
            (m.places if x.label_ in ("FAC", "LOC") else m.targets).append((x.start, x.end))
            return


def _subject(s: Sentence, m: EventMention, c: _Clause, *, noun: bool) -> None:
    """The actor before the trigger (and every actor coordinated with it)."""
    lower, t0 = s.lower, m.trigger[0]
    ents_left = c.ents_left
    if c.light is not None and lower[c.light - 1:c.light] in (["it"], ["they"]) and ents_left:
        ents_left = [x for x in ents_left if x.end <= c.light]
    place_preps = s.words("eventPlacePrepositions") - {"on", "of"}
    for n, x in enumerate(reversed(ents_left)):
        if x.label_ not in ACTOR_LABELS or (x.label_ == "GPE" and x._.kg_class != "Country"):
            continue
        if x.start > s.start and lower[x.start - 1] in place_preps:
            continue
        if noun and c.light is None and (t0 - x.end > 3 or not s.words("nounGap").isdisjoint(lower[x.end:t0])):
            return
        m.agents.append((x.start, x.end))
        _coordinated(s, m, ents_left[:len(ents_left) - n - 1], x.start)
        return


def _coordinated(s: Sentence, m: EventMention, before: list[Span], cur: int) -> None:
    """"A, B and C": actors joined to the agent; a bare comma joins only inside a list that ends with "and"."""
    joined = False
    for y in reversed(before):
        gap = [w for w in s.lower[y.end:cur] if w not in ("the", "so", "-", "called", "so-called")]
        if y.label_ not in ACTOR_LABELS or not (gap in (["and"], [",", "and"]) or (gap == [","] and joined)):
            return
        m.agents.append((y.start, y.end))
        cur, joined = y.start, True


def _targets(s: Sentence, m: EventMention, c: _Clause) -> None:
    """What follows "on"/"against", or the object of an active verb; else "facilities used by X"."""
    t1 = m.trigger[1]
    for x in c.ents_right:
        if (x.start, x.end) in m.agents or _of_participle(s, x):
            continue
        p = s.prep_before(x, t1)
        direct = m.verb and not c.passive and not c.came_under and p == "" and x.start - t1 <= 4
        if (p in s.words("targetPrepositions") - {"at"} or direct) and x.label_ in ACTOR_LABELS | PLACE_LABELS:
            m.targets.append((x.start, x.end))
            return
    if not m.targets and s.knowledge.ontology.is_a(m.cls, "Attack"):
        not_agent = s.words("notAgentVerbs")
        for j in range(t1, c.right - 1):
            if s.lower[j] in not_agent and s.lower[j + 1] in ("by", "to"):
                owner = next((x for x in c.ents_right if x.start > j + 1 and x.label_ in ACTOR_LABELS), None)
                if owner is not None:
                    m.targets.append((owner.start, owner.end))
                return


def _of_participle(s: Sentence, x: Span) -> bool:
    """"a Greek-owned ship", "a Liberian-flagged tanker": the name says whose the thing is, not what was hit."""
    return x.end + 1 < s.end and s.lower[x.end] == "-" and s.lower[x.end + 1].endswith("ed")


def _places(s: Sentence, m: EventMention, c: _Clause) -> None:
    """"in/at/near X" in the clause, and places named as targets (a country only after "in")."""
    place_preps, country_preps = s.words("eventPlacePrepositions"), s.words("countryPrepositions")
    for x in [*c.ents_left, *c.ents_right]:
        sp: Offsets = (x.start, x.end)
        if x.label_ not in PLACE_LABELS or sp in m.agents:
            continue
        p = s.prep_before(x, c.left)
        if x._.kg_class == "Country":
            if sp not in m.targets and p in country_preps:
                m.places.append(sp)
        elif p in place_preps or sp in m.targets or x.label_ == "FAC":
            m.places.append(sp)


def read_instruments(s: Sentence, m: EventMention, left: int, right: int) -> None:
    """Weapons named in tokens [left, right); the first that suggests a more specific class makes the event of it."""
    onto = s.knowledge.ontology
    j = left
    while j < right:
        hit = s.knowledge.lexicons.instruments.match(s.lower, j)
        if not hit:
            j += 1
            continue
        label, cls = cast(tuple[str, str], hit[1])
        if label not in m.instruments:
            m.instruments.append(label)
        if cls != m.cls and onto.is_a(cls, m.cls):
            m.cls = cls
        j += hit[0]  # "suicide bomber" is read once, not again as "bomber"
