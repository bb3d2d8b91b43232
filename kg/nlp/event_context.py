"""What a sentence says about the events it tells: when, how many were hurt, says who, answering what.

Read once per sentence and handed to its event mentions: the nearest time expression, casualty
counts ("killing four", "11 people were killed"), sources ("according to X", "the ministry said"),
and response cues ("in response to the shelling", "in retaliation").
"""
from __future__ import annotations

import re
from functools import lru_cache

from .event_arguments import Sentence
from .event_mentions import EventMention
from .event_parse import clause_tokens, trigger_head, under_other_trigger
from .extensions import get_ents, token_arrays
from .time_normalizer import TimeMention

__all__ = ["read_context", "Casualties"]

RESPONSE_NOUNS = ("response", "retaliation", "revenge", "reprisal")
RESPONSE = re.compile(rf"\b(?:(?:in|as) (?:an? )?(?:{'|'.join(RESPONSE_NOUNS)})(?: (?:to|for))?|retaliat\w*|to avenge|following)\b",
                      re.I)
RESPONSE_STEMS = ("respon", "retaliat", "following", "reven", "reprisal", "aveng")
_QUALIFIER = "(?:at least |more than |over |nearly |some |about |up to )?"
_NO_CASUALTIES = re.compile(r"\b(?:no|not result in any|without any) (?:casualties|deaths|injuries)\b", re.I)


class Casualties:
    """Casualty counts in text, with number words from lex:numberWords and lex:tensWords."""

    def __init__(self, numbers: tuple[str, ...], tens: tuple[str, ...]) -> None:
        self.numbers = {w: i for i, w in enumerate(numbers)}
        self.numbers.update({w: 30 + 10 * i for i, w in enumerate(tens)})
        self.numbers.update({"hundred": 100, "a": 1, "an": 1})
        num = r"(?:\d[\d,]*|" + "|".join(sorted((w for w in self.numbers if len(w) > 2), key=len, reverse=True)) + r")"
        self.after = re.compile(
            rf"\b{_QUALIFIER}(?P<n>{num})\s+(?:[\w’'-]+\s+){{0,5}}?"
            rf"(?:(?:were|was|have been|had been|are|been|is)\s+)?(?:reportedly\s+)?"
            rf"(?P<kind>killed|dead|died|martyred|injured|wounded|hurt|(?:sustained|suffered)(?:\s+\w+){{0,2}}\s+injuries)\b", re.I)
        self.before = re.compile(  # "killing a teacher": one
            rf"\b(?P<kind>killing|killed|injuring|injured|wounding|wounded)\s+{_QUALIFIER}(?P<n>{num}|an?)\b", re.I)

    def number(self, text: str) -> int | None:
        """The value of a count written in digits or words ("11", "1,200", "eleven")."""
        t = text.lower().replace(",", "")
        return int(t) if t.isdigit() else self.numbers.get(t)

    def read(self, text: str) -> tuple[int | None, int | None]:
        """(killed, injured): the first count of each kind; killed 0 for "no casualties"."""
        killed = injured = None
        for rx in (self.after, self.before):
            for c in rx.finditer(text):
                n = self.number(c.group("n"))
                if n is None:
                    continue
                if c.group("kind").lower().startswith(("kill", "dead", "die", "martyr")):
                    killed = killed if killed is not None else n
                else:
                    injured = injured if injured is not None else n
        if killed is None and _NO_CASUALTIES.search(text):
            killed = 0
        return killed, injured


@lru_cache(maxsize=4)
def casualties_reader(numbers: tuple[str, ...], tens: tuple[str, ...]) -> Casualties:
    """One compiled reader per set of number words."""
    return Casualties(numbers, tens)


def sentence_text(s: Sentence) -> str:
    arrays = token_arrays(s.doc)
    return arrays.text[arrays.idx[s.start]:arrays.idx[s.end - 1] + len(arrays.texts[s.end - 1])]


def read_context(s: Sentence, found: list[EventMention], times: list[TimeMention]) -> None:
    """Give the sentence's time, casualties, sources and response links to its mentions."""
    local = [t for t in times if s.start <= t.start < s.end]
    parsed = s.parsed
    for m in found:
        if local:
            free = _not_others_times(s, m, local) if parsed and not m.anchor else local
            m.time = _own_time(s, m, free) if parsed and not m.anchor else None
            m.time = m.time or min(free, key=lambda t: abs(t.start - m.trigger[0]), default=None)
    for m in found:
        if m.time is not None and m.time.offset is not None:  # "a day after the attack": the attack's day + 1
            m.time_anchor = next((x for x in found if x is not m and m.time.end <= x.trigger[0] <= m.time.end + 2), None)
    text = sentence_text(s)
    _casualties(s, found, text)
    _sources(s, found, text)
    _responses(s, found, text)
    if s.parsed:
        _answered_times(s, found, local)
    onto = s.knowledge.ontology
    for m in found:
        if m.cls != "Statement" and onto.family(m.cls) == "Statement":  # condemnations and the like
            target = next((x for x in found if x is not m and onto.family(x.cls) != "Statement"
                           and x.trigger[0] > m.trigger[0]), None)
            m.about = target if target is not None else "previous"


def _answered_times(s: Sentence, found: list[EventMention], local: list[TimeMention]) -> None:
    """"struck X in response to the targeting of a ship on Thursday": a time inside the phrase of what a
    response answers is that happening's time, not the response's (whatever the parser hung it on)."""
    for m in found:
        x = m.response_to
        if isinstance(x, EventMention) and m.time is not None and m.time.start > x.trigger[0] > m.trigger[0] \
                and _in_answer_phrase(s, x, m.time):
            x.time = x.time or m.time
            before = [t for t in local if t.end <= x.trigger[0]]
            m.time = min(before, key=lambda t: abs(t.start - m.trigger[0]), default=None)


def _in_answer_phrase(s: Sentence, x: EventMention, time: TimeMention) -> bool:
    head = trigger_head(s, x)
    cue = next((a for a in head.ancestors if a.lower_ in RESPONSE_NOUNS), None)
    return any(a.is_ancestor(s.doc[time.start]) for a in (head, cue) if a is not None)


def _own_time(s: Sentence, m: EventMention, local: list[TimeMention]) -> TimeMention | None:
    """The time expression in the trigger's own clause ("blew herself up ... late on Saturday, ..., officials
    said on Sunday": Saturday), when the parse tells."""
    clause = {t.i for t in clause_tokens(trigger_head(s, m))}
    own = [t for t in local if any(k in clause for k in range(t.start, t.end))]
    return min(own, key=lambda t: abs(t.start - m.trigger[0])) if own else None


def _not_others_times(s: Sentence, m: EventMention, local: list[TimeMention]) -> list[TimeMention]:
    """The sentence's times but those inside another trigger's phrase ("struck X in response to the
    targeting of a ship on Thursday": Thursday is the targeting's)."""
    head = trigger_head(s, m)
    return [t for t in local if under_other_trigger(s, s.doc[t.start], head) is None] or local


def _casualties(s: Sentence, found: list[EventMention], text: str) -> None:
    """The sentence's counts go to its first event that takes casualties (news before anaphors)."""
    low = text.lower()
    if not any(w in low for w in s.words("casualtyStems")):
        return
    lex = s.knowledge.lexicons
    killed, injured = casualties_reader(lex.sequence("numberWords"), lex.sequence("tensWords")).read(text)
    takers = [m for m in found if s.knowledge.ontology.takes_casualties(m.cls)]
    if any(m.count and m.count > 1 for m in takers):
        return  # "nine were killed in two airstrikes": a total over several happenings is no one's count
    takers.sort(key=lambda m: m.definite and not m.verb)
    if takers:
        takers[0].killed, takers[0].injured = killed, injured


def _sources(s: Sentence, found: list[EventMention], text: str) -> None:
    """"according to X" credits X for the sentence's news (every event when all are told before: "the attack
    killed five, according to police"); a statement's speaker stands before its verb."""
    reporters = []
    for k in range(s.start, s.end) if "according" in text.lower() else ():
        if s.lower[k] == "according" and k + 1 < s.end and s.lower[k + 1] == "to":
            x = next((x for x in s.ents(k + 2, min(s.end, k + 14)) if x.label_ in ("ORG", "PERSON")), None)
            if x is not None:
                reporters.append((x.start, x.end))
    news = [m for m in found if not (m.definite and not m.verb)] or found
    for m in found:
        if m in news:  # "X claimed the attack, according to Y": Y tells of the claim
            m.reporters += [r for r in reporters if r not in m.reporters]
        if s.knowledge.ontology.family(m.cls) == "Statement" and not m.agents and not s.parsed:
            _speaker(s, m)  # with a parse, the subject of the verb of saying already is the speaker


def _speaker(s: Sentence, m: EventMention) -> None:
    """"..., CENTCOM said", "he added", "the ministry said" (the latest organization with that head word)."""
    t0 = m.trigger[0]
    for x in reversed(s.ents(max(s.start, t0 - 6), t0)):
        if x.label_ in ("ORG", "PERSON", "GPE"):
            m.agents.append((x.start, x.end))
            return
    if t0 > s.start and s.lower[t0 - 1] in ("he", "she"):
        m.agents.append((t0 - 1, t0))
    elif t0 - 2 >= s.start and s.lower[t0 - 2] == "the" and s.lower[t0 - 1] in s.words("genericSpeakers"):
        head = s.lower[t0 - 1]
        earlier = [x for x in get_ents(s.doc) if x.end <= t0 - 2 and x.label_ == "ORG" and head in x.text.lower()]
        if earlier:
            m.agents.append((earlier[-1].start, earlier[-1].end))


def _responses(s: Sentence, found: list[EventMention], text: str) -> None:
    """"In response to X, Y": Y answers X; a bare "in retaliation" answers the event told before."""
    if not any(w in text.lower() for w in RESPONSE_STEMS):
        return
    arrays = token_arrays(s.doc)
    onto = s.knowledge.ontology
    for cue in RESPONSE.finditer(text):
        c0 = s.doc.char_span(arrays.idx[s.start] + cue.start(), arrays.idx[s.start] + cue.end(), alignment_mode="expand")
        if c0 is None:
            continue
        word = cue.group(0).lower()
        follows = [m for m in found if c0.end <= m.trigger[0] <= c0.end + 3]
        if word == "following" and not follows:
            continue  # "following" only links when an event follows it
        after = follows[:1] if word.endswith((" to", " for", "following")) else []
        antecedent: EventMention | str = after[0] if after else "previous"
        others = [m for m in found if m not in after]
        for m in others:
            if onto.family(m.cls) != "Statement" and m.response_to is None:
                m.response_to = antecedent
        if after and not others:
            after[0].response_to = None
            # "the offensive was in response to an attack": the subject is a mention of an earlier event
            anchor = EventMention(cls="Attack", trigger=(s.start, s.start), sentence=(s.start, s.end), definite=True,
                                  anchor=True, response_to=after[0])
            found.insert(0, anchor)
