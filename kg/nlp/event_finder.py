"""The kg_event_finder component: event mentions with their arguments, one sentence at a time.

Triggers come from ontology/lexicon/triggers.ttl (matched on lemmas, multiword first). For each
trigger the component reads, with rules over the entity spans around it: who did it (the actor
before an active verb, after "by" in the passive, before a noun trigger), whom or what it hit
("on"/"against" X, the object of the verb, the subject of a passive), where ("in"/"at"/"near"
a place), with what (instrument words), how many were killed or injured, who reported it
("according to X", "X said"), when (the nearest time expression), and whether it was stated as
a response ("in response to", "in retaliation"). Hypothetical or negated use ("will not
hesitate to strike") is dropped. Mentions are linked and merged later, in kg.resolve.events.
Result: doc._.kg_events = [EventMention, ...].
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import get_ents, token_arrays
from .lexicon import LexiconUser
from .time_normalizer import TimeMention

__all__ = ["EventMention", "EventFinder", "make_event_finder", "ATTACKS", "SPEECH_CLASSES"]

ATTACKS = frozenset({"Attack", "AirStrike", "MissileAttack", "DroneAttack"})
SPEECH_CLASSES = frozenset({"Statement"})
NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a": 1, "an": 1})
_NUM = r"(?:\d[\d,]*|" + "|".join(sorted((w for w in NUMBERS if len(w) > 2), key=len, reverse=True)) + r")"
_CASUALTY_AFTER = re.compile(
    rf"\b(?:at least |more than |over |nearly |some |about |up to )?(?P<n>{_NUM})\s+(?:[\w’'-]+\s+){{0,5}}?"
    rf"(?:(?:were|was|have been|had been|are|been|is)\s+)?(?:reportedly\s+)?"
    rf"(?P<kind>killed|dead|died|injured|wounded|hurt|(?:sustained|suffered)(?:\s+\w+){{0,2}}\s+injuries)\b",
    re.I)
_CASUALTY_BEFORE = re.compile(
    rf"\b(?P<kind>killing|killed|injuring|injured|wounding|wounded)\s+(?:at least |more than |over |nearly |some )?(?P<n>{_NUM})\b", re.I)
_NO_CASUALTIES = re.compile(r"\b(?:no|not result in any|without any) (?:casualties|deaths|injuries)\b", re.I)
HEDGES = frozenset({"will", "would", "could", "might", "may", "if", "not", "n't", "never", "threaten", "threatened",
                    "hesitate", "can", "should", "must", "plan", "plans", "seek", "seeks", "intended", "aim"})
DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "such"})
INDEFINITE = frozenset({"a", "an", "another", "new", "fresh", "second", "third", "latest"})
ORDINALS = frozenset({"first", "second", "third", "fourth", "new", "another", "latest", "fresh", "earlier", "previous", "last"})
PLACE_PREPS = frozenset({"in", "at", "near", "on", "outside", "around", "across", "over", "inside", "into", "from", "of"})
COUNTRY_PREPS = frozenset({"in", "inside", "across", "near", "into", "throughout"})
TARGET_PREPS = frozenset({"on", "against", "at", "targeting", "toward", "towards"})
PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be", "got", "get"})
CLAUSE_BREAKS = frozenset({";", "which", "who", "while", "whereas", "but", "although", "as", "where", "when", "after", "before"})
REPORT_VERBS = frozenset({"say", "report", "announce", "claim", "state", "confirm", "tell", "add", "reveal", "accuse",
                          "allege", "note", "stress", "quote", "read", "cite", "write"})
RESPONSE = re.compile(r"\b(?:in (?:response|retaliation|revenge|reprisal)(?: (?:to|for))?|retaliat\w*|to avenge|following)\b", re.I)
LIGHT_VERBS = frozenset({"launched", "launch", "launches", "conducted", "conduct", "conducts", "staged", "mounted",
                         "carried", "carry", "carries", "executed", "perpetrated", "unleashed"})
VERB_CONTEXT = frozenset({"to", "will", "would", "continue", "continues", "continued", "did", "had", "have", "has"})
LAUNCH_VERBS = frozenset({"fire", "launch", "lob", "shoot", "send", "drop"})
CASUALTY_WORDS = ("kill", "dead", "died", "injur", "wound", "hurt")
GENERIC_SPEAKERS = frozenset({"ministry", "army", "military", "government", "agency", "group", "militia", "police",
                              "movement", "command", "council", "office", "forces"})
NOUN_GAP = frozenset({"that", "was", "were", "is", "to", "by", "from", "of", "in", "on", "against", "for", "with", ","})
NOT_AGENT_VERBS = frozenset({"used", "linked", "affiliated", "backed", "owned", "operated", "controlled", "held",
                             "occupied", "supported", "funded", "run", "manned"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class EventMention:
    """One trigger's reading. Spans are (start, end) token offsets into the Doc."""

    cls: str
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    agents: list[tuple[int, int]] = field(default_factory=list)
    targets: list[tuple[int, int]] = field(default_factory=list)
    places: list[tuple[int, int]] = field(default_factory=list)
    reporters: list[tuple[int, int]] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    time: TimeMention | None = None
    ordinal: str | None = None
    definite: bool = False
    verb: bool = False
    response_to: EventMention | str | None = None  # an earlier mention, or "previous"
    about: EventMention | str | None = None
    anchor: bool = False  # stands for an earlier event named only by its response ("the offensive was ...")
    lemma: str = ""  # the trigger's lemma


@lru_cache(maxsize=1)
def load_lemma_table() -> dict[str, str]:
    """spaCy's English lookup lemmas (spacy-lookups-data), as a plain dict of lowercase words."""
    import spacy_lookups_data
    import srsly

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    return dict(srsly.read_gzip_json(path))


def _number(text: str) -> int | None:
    t = text.lower().replace(",", "")
    if t.isdigit():
        return int(t)
    return NUMBERS.get(t)


@Language.factory("kg_event_finder", assigns=["doc._.kg_events"], requires=["doc.ents", "doc.sents"],
                  default_config={"drop_hedged": True})
def make_event_finder(nlp: Language, name: str, drop_hedged: bool) -> EventFinder:
    """Build the event finder. drop_hedged (bool): skip triggers under will/would/not/if."""
    return EventFinder(nlp, name, drop_hedged=drop_hedged)


class EventFinder(LexiconUser):
    """Reads event mentions and their arguments from each sentence."""

    def __init__(self, nlp: Language, name: str = "kg_event_finder", *, drop_hedged: bool = True) -> None:
        self.name = name
        self.drop_hedged = drop_hedged
        self._lemmas: dict[str, str] | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        super().initialize(get_examples, nlp=nlp)
        self._load_lemmas()

    def _load_lemmas(self) -> dict[str, str]:
        if self._lemmas is None:
            self._lemmas = load_lemma_table()
        return self._lemmas


    def __call__(self, doc: Doc) -> Doc:
        lemmas = self._load_lemmas()
        lower = token_arrays(doc).lower
        lem = [lemmas.get(w, w) for w in lower]
        ent_at = {k: e for e in get_ents(doc) for k in range(e.start, e.end)}
        times = doc._.kg_times or []
        first = self.lex.triggers.by_first
        candidates = [k for k, (a, b) in enumerate(zip(lem, lower))
                      if a in first or b in first or a in LAUNCH_VERBS or b.startswith(CASUALTY_WORDS)]
        mentions: list[EventMention] = []
        if candidates:
            for s, e in token_arrays(doc).sentences():
                lo = bisect_left(candidates, s)
                if lo < len(candidates) and candidates[lo] < e:
                    mentions += self._sentence(doc, (s, e), lower, lem, ent_at, times)
        doc._.kg_events = mentions
        return doc

    # -- one sentence ----------------------------------------------------------------------------

    def _sentence(self, doc: Doc, bounds: tuple[int, int], lower: list[str], lem: list[str], ent_at: dict[int, Span],
                  times: list[TimeMention]) -> list[EventMention]:
        lex = self.lex
        s, e = bounds
        found: list[EventMention] = []
        k = s
        first = lex.triggers.by_first
        while k < e:
            if lem[k] not in first and lower[k] not in first and lem[k] not in LAUNCH_VERBS:
                k += 1
                continue
            hit = lex.triggers.match(lem, k) or lex.triggers.match(lower, k) or self._launch(lem, lower, k, e)
            if hit is None or k in ent_at:
                k += 1
                continue
            n, cls = hit
            if cls in SPEECH_CLASSES and not self._speech_verb(lower, k, n, ent_at):
                k += n
                continue
            m = EventMention(cls=str(cls), trigger=(k, k + n), sentence=(s, e), lemma=" ".join(lem[k:k + n]))
            if not (self.drop_hedged and cls not in SPEECH_CLASSES and self._hedged(lower, s, k)):
                self._read(doc, m, lower, lem, ent_at)
                found.append(m)
            k += n
        if not found:
            # "Seven other people were wounded.": casualties of the attack just told
            low = " ".join(lower[s:e])
            if any(w in low for w in CASUALTY_WORDS):
                anchor = EventMention(cls="Attack", trigger=(s, s), sentence=(s, e), definite=True, anchor=True)
                self._sentence_level(doc, doc[s:e], [anchor], lower, ent_at, times)
                if anchor.killed is not None or anchor.injured is not None:
                    anchor.time = None
                    return [anchor]
            return []
        self._sentence_level(doc, doc[s:e], found, lower, ent_at, times)
        # attribution: in a sentence that reports a happening, "X said" credits X
        happenings = [m for m in found if m.cls not in SPEECH_CLASSES]
        speech = [m for m in found if m.cls in SPEECH_CLASSES]
        news = [m for m in happenings if not (m.definite and not m.verb)]
        if news:
            news_families = {m.cls in ATTACKS for m in news}
            for m in happenings:
                if m not in news and m.response_to is None and (m.cls in ATTACKS) in news_families:
                    m.places, m.targets, m.instruments, m.reporters, m.time = [], [], [], [], None
                    m.killed = m.injured = None
        if happenings and speech and not news:
            for sp in speech:
                sp.about = sp.about or happenings[0]
        elif happenings and speech:
            for m in happenings:
                for sp in speech:
                    m.reporters += [a for a in sp.agents if a not in m.reporters]
                m.targets = [t for t in m.targets if t not in m.reporters]
            found = happenings
        # several attack triggers in one clause without a response cue are one happening
        out: list[EventMention] = []
        for m in found:
            prev = out[-1] if out else None
            same_family = prev is not None and (prev.cls in ATTACKS and m.cls in ATTACKS or prev.cls == m.cls == "Theft")
            if (same_family and prev.response_to is None and m.response_to is None and not (m.definite and not m.verb)):
                self._absorb(prev, m)
                continue
            out.append(m)
        return out

    @staticmethod
    def _absorb(into: EventMention, m: EventMention) -> None:
        for attr in ("agents", "targets", "places", "reporters", "instruments"):
            lst = getattr(into, attr)
            lst += [x for x in getattr(m, attr) if x not in lst]
        if into.cls == "Attack" and m.cls != "Attack":
            into.cls = m.cls
        into.killed = into.killed if into.killed is not None else m.killed
        into.injured = into.injured if into.injured is not None else m.injured
        into.time = into.time or m.time
        into.ordinal = into.ordinal or m.ordinal

    def _launch(self, lem: list[str], lower: list[str], k: int, e: int) -> tuple[int, str] | None:
        """"fired dozens of Katyusha rockets", "launched drones": a launch verb with a weapon is an attack."""
        if lem[k] not in LAUNCH_VERBS:
            return None
        for j in range(k + 1, min(e, k + 6)):
            hit = self.lex.instruments.match(lower, j)
            if hit and hit[1][1] in ATTACKS:
                return 1, hit[1][1]
        return None

    @staticmethod
    def _speech_verb(lower: list[str], k: int, n: int, ent_at: dict[int, Span]) -> bool:
        """"X said", "he added", "announced that": a verb of saying, not the noun "state" or "statement"."""
        j = k - 1
        while j >= 0 and lower[j] in ("also", "later", "further", "has", "have", "had", "publicly", "officially", "then"):
            j -= 1
        if j >= 0 and (j in ent_at and ent_at[j].label_ in ACTOR_LABELS or lower[j] in ("he", "she", "they", "it", "we", "who")):
            return True
        if j >= 1 and lower[j] in GENERIC_SPEAKERS and lower[j - 1] == "the":  # "the ministry said"
            return True
        nxt = lower[k + n] if k + n < len(lower) else ""
        return lower[k - 1:k] != ["the"] and nxt in ("that", ",", ":", "“", '"', "in", "on") and lower[k].endswith(("ed", "s", "d"))

    def _hedged(self, lower: list[str], s: int, k: int) -> bool:
        window = lower[max(s, k - 4):k]
        return any(w in HEDGES for w in window) and "did" not in window

    def _read(self, doc: Doc, m: EventMention, lower: list[str], lem: list[str], ent_at: dict[int, Span]) -> None:
        s, e = m.sentence
        t0, t1 = m.trigger
        prev = lower[t0 - 1] if t0 > s else ""
        word = lower[t0]
        # "the attack", "Friday's strikes", "their bases": a mention of something already known
        m.definite = prev in DETERMINERS or prev in ("'s", "’s") or (
            t0 - 2 >= s and lower[t0 - 2] in DETERMINERS | {"'s", "’s"} and prev not in INDEFINITE and prev not in ORDINALS)
        for w in lower[max(s, t0 - 3):t0] + lower[t1:t1 + 3]:
            if w in ORDINALS or w == "again":
                m.ordinal = m.ordinal or w
        passive = any(w in PASSIVE_AUX for w in lower[max(s, t0 - 3):t0]) and (
            word.endswith("ed") or word in ("hit", "struck", "shot", "stolen", "seized"))
        came_under = "under" in lower[max(s, t0 - 3):t0]
        light = next((j for j in range(max(s, t0 - 4), t0) if lower[j] in LIGHT_VERBS), None)
        m.verb = passive or word.endswith("ed") or word in ("hit", "struck", "stole", "shot") or light is not None or (
            prev in VERB_CONTEXT and not word.endswith("ing")) or (
            prev not in DETERMINERS | INDEFINITE and t0 - 1 in ent_at and ent_at[t0 - 1].label_ in ACTOR_LABELS
            and t1 < e and (t1 in ent_at or lower[t1] in ("the", "a", "an", "two", "three", "several")))
        if m.verb and prev not in DETERMINERS:  # "the RSF smuggled": the article belongs to the actor
            m.definite = False
        noun_anaphor = m.definite and light is None and not passive and m.cls != "Death"
        # clause window around the trigger
        left = t0
        while left > s and lower[left - 1] not in CLAUSE_BREAKS and not (lower[left - 1] == "," and left - 1 < t0 - 6):
            left -= 1
        right = t1
        stops = ("while", "as", "but") if not m.verb else ("which", "while", "as", "but", "and")
        while right < e and lower[right] != ";" and not (lower[right] in stops and right > t1):
            right += 1
        if noun_anaphor:  # only its own phrase: "the US attack on X in Y"
            left, right = max(left, t0 - 3), min(right, t1 + 5)

        def not_backer(x: Span) -> bool:  # "Iran-backed groups": the country backs, it does not act
            return not (x.end + 1 < e and lower[x.end] == "-" and lower[x.end + 1] == "backed")

        ents_left = [x for x in self._ents(ent_at, left, t0) if not_backer(x)]
        ents_right = [x for x in self._ents(ent_at, t1, right) if not_backer(x)]

        def prep_before(x: Span, floor: int) -> str:
            j = x.start - 1
            while j >= max(floor, x.start - 6):
                if lower[j] in PLACE_PREPS | TARGET_PREPS | {"by"}:
                    return lower[j]
                if j in ent_at and ent_at[j] is not x:
                    if j + 1 < len(lower) and lower[j + 1] in ("'s", "’s"):  # "in Syria's Deir Ezzor"
                        j = ent_at[j].start - 1
                        continue
                    return ""
                j -= 1
            return ""

        # agent: after a passive "by", else the actor before an active verb, else the noun's modifier
        by = next((j for j in range(t1, right) if lower[j] == "by" and (not m.verb or j == t1 or lower[j - 1].endswith("ed")
                   or lower[j - 1] in ("out", "hit", "struck", "shot")) and not any(w in NOT_AGENT_VERBS for w in lower[t1:j])), None)
        if by is not None:
            x = next((x for x in ents_right if by < x.start <= by + 3 and x.label_ in ACTOR_LABELS), None)
            if x is not None:
                m.agents.append((x.start, x.end))
        if m.cls == "Death":
            # "the martyrdom of IRGC officer X", "X died": the dead are the target; there is no agent
            person = next((x for x in ents_right if x.label_ == "PERSON"), None) or next(
                (x for x in reversed(ents_left) if x.label_ == "PERSON"), None)
            if person is not None:
                m.targets.append((person.start, person.end))
            m.agents.clear()
        elif came_under or passive:
            # "Two bases came under attack", "bases were targeted by drones": the subject was hit
            for x in reversed(ents_left):
                if x.label_ in ACTOR_LABELS | PLACE_LABELS and prep_before(x, left) not in PLACE_PREPS - {"of"}:
                    (m.places if x.label_ in ("FAC", "LOC") else m.targets).append((x.start, x.end))
                    break
        elif not m.agents:
            self._subject(m, ents_left, lower, s, t0, light, noun=not m.verb)
        # target: what follows "on"/"against", or the object of an active verb
        if m.cls != "Death":
            for x in ents_right:
                if (x.start, x.end) in m.agents:
                    continue
                p = prep_before(x, t1)
                if p in TARGET_PREPS - {"at"} or (m.verb and not passive and not came_under and p == "" and x.start - t1 <= 4):
                    if x.label_ in ACTOR_LABELS | PLACE_LABELS:
                        m.targets.append((x.start, x.end))
                        break
        if not m.targets and m.cls in ATTACKS:
            # "on facilities used by Iran-backed forces", "targets linked to the IRGC"
            for j in range(t1, right - 1):
                if lower[j] in NOT_AGENT_VERBS and lower[j + 1] in ("by", "to"):
                    x = next((x for x in ents_right if x.start > j + 1 and x.label_ in ACTOR_LABELS), None)
                    if x is not None:
                        m.targets.append((x.start, x.end))
                    break
        # places: "in/at/near X" in the clause, and places named as targets
        for x in [*ents_left, *ents_right]:
            if x.label_ not in PLACE_LABELS or (x.start, x.end) in m.agents:
                continue
            p = prep_before(x, left)
            is_country = x._.kg_class == "Country"
            if is_country and (x.start, x.end) in m.targets:
                continue
            if is_country and p not in COUNTRY_PREPS:
                continue
            if p in PLACE_PREPS or (not is_country and (x.start, x.end) in m.targets) or (x.label_ == "FAC" and (x.start, x.end) not in m.agents):
                m.places.append((x.start, x.end))
        # instruments (an anaphor's words around it belong to the sentence's news, not to it)
        for j in range(max(left, t0 - 6), min(right, t1 + 8)) if not noun_anaphor else ():
            hit = self.lex.instruments.match(lower, j)
            if hit:
                label, cls = hit[1]
                if label not in m.instruments:
                    m.instruments.append(label)
                if m.cls == "Attack" and cls in ATTACKS:
                    m.cls = cls

    def _subject(self, m: EventMention, ents_left: list[Span], lower: list[str], s: int, t0: int,
                 light: int | None, *, noun: bool) -> None:
        """The actor before the trigger (and every actor coordinated with it)."""
        if light is not None and lower[light - 1:light] in (["it"], ["they"]) and ents_left:
            ents_left = [x for x in ents_left if x.end <= light]
        info = [(x.start, x.end, x.label_, x._.kg_class) for x in ents_left]
        for n, (x0, x1, label, cls) in enumerate(reversed(info)):
            if label not in ACTOR_LABELS or (label == "GPE" and cls != "Country"):
                continue
            if x0 > s and lower[x0 - 1] in PLACE_PREPS - {"on", "of"}:
                continue
            if noun and light is None and (t0 - x1 > 3 or not NOUN_GAP.isdisjoint(lower[x1:t0])):
                break
            m.agents.append((x0, x1))
            cur = x0
            joined = False  # a bare comma joins only inside a list that ends with "and": "A, B and C"
            for y0, y1, ylabel, _ in reversed(info[:len(info) - n - 1]):
                gap = [w for w in lower[y1:cur] if w not in ("the", "so", "-", "called", "so-called")]
                if ylabel in ACTOR_LABELS and (gap in (["and"], [",", "and"]) or (gap == [","] and joined)):
                    m.agents.append((y0, y1))
                    cur = y0
                    joined = True
                else:
                    break
            break

    @staticmethod
    def _ents(ent_at: dict[int, Span], a: int, b: int) -> list[Span]:
        seen, out = set(), []
        for k in range(a, b):
            x = ent_at.get(k)
            if x is not None and x.start >= a and x.end <= b and id(x) not in seen:
                seen.add(id(x))
                out.append(x)
        return out

    @staticmethod
    def _after_word(lower: list[str], a: int, b: int, word: str, reach: int = 4) -> int | None:
        for k in range(a, min(b, a + reach)):
            if lower[k] == word:
                return k
        return None

    def _sentence_level(self, doc: Doc, sent: Span, found: list[EventMention], lower: list[str],
                        ent_at: dict[int, Span], times: list[TimeMention]) -> None:
        s, e = sent.start, sent.end
        arrays = token_arrays(doc)
        text = arrays.text[arrays.idx[s]:arrays.idx[e - 1] + len(arrays.texts[e - 1])]
        # time: the time expression nearest each trigger in the sentence
        local = [t for t in times if s <= t.start < e]
        for m in found:
            if local:
                m.time = min(local, key=lambda t: abs(t.start - m.trigger[0]))
        # casualties
        killed = injured = None
        low = text.lower()
        casualty_words = any(w in low for w in ("kill", "dead", "died", "injur", "wound", "hurt", "casualt"))
        for rx in (_CASUALTY_AFTER, _CASUALTY_BEFORE) if casualty_words else ():
            for c in rx.finditer(text):
                n = _number(c.group("n"))
                if n is None:
                    continue
                kind = c.group("kind").lower()
                if kind.startswith(("kill", "dead", "die")):
                    killed = killed if killed is not None else n
                else:
                    injured = injured if injured is not None else n
        if killed is None and casualty_words and _NO_CASUALTIES.search(text):
            killed = 0
        attacks = [m for m in found if m.cls in ATTACKS | {"Death"}]
        attacks.sort(key=lambda m: m.definite and not m.verb)
        if attacks:
            attacks[0].killed, attacks[0].injured = killed, injured
        # reporters: "according to X", "X said / reported / announced"
        reporters = []
        for k in range(s, e) if "according" in low else ():
            if lower[k] == "according" and k + 1 < e and lower[k + 1] == "to":
                x = next((x for x in self._ents(ent_at, k + 2, min(e, k + 9)) if x.label_ in ("ORG", "PERSON")), None)
                if x is not None:
                    reporters.append((x.start, x.end))
        for m in found:
            m.reporters += [r for r in reporters if r not in m.reporters]
        for m in found:
            if m.cls in SPEECH_CLASSES | {"Condemnation"} and not m.agents:
                # "..., CENTCOM said" / "the statement read": the speaker stands just before the verb
                for x in reversed(self._ents(ent_at, max(s, m.trigger[0] - 6), m.trigger[0])):
                    if x.label_ in ("ORG", "PERSON", "GPE"):
                        m.agents.append((x.start, x.end))
                        break
                else:
                    t0 = m.trigger[0]
                    if t0 > s and lower[t0 - 1] in ("he", "she"):
                        m.agents.append((t0 - 1, t0))
                    elif t0 - 2 >= s and lower[t0 - 2] == "the" and lower[t0 - 1] in GENERIC_SPEAKERS:
                        # "the ministry said": the latest organization named with that head word
                        head = lower[t0 - 1]
                        earlier = [x for x in get_ents(doc) if x.end <= t0 - 2 and x.label_ == "ORG" and head in x.text.lower()]
                        if earlier:
                            m.agents.append((earlier[-1].start, earlier[-1].end))
        # response links
        cues = RESPONSE.finditer(text) if any(w in low for w in ("respon", "retaliat", "following", "reven", "reprisal", "aveng")) else ()
        for cue in cues:
            c0 = doc.char_span(arrays.idx[s] + cue.start(), arrays.idx[s] + cue.end(), alignment_mode="expand")
            if c0 is None:
                continue
            has_object = cue.group(0).lower().endswith((" to", " for", "following"))
            if cue.group(0).lower() == "following" and not any(c0.end <= m.trigger[0] <= c0.end + 3 for m in found):
                continue  # "following" only links when an event follows it
            after = [m for m in found if c0.end <= m.trigger[0] <= c0.end + 3][:1] if has_object else []
            others = [m for m in found if m not in after]
            antecedent: EventMention | str = after[0] if after else "previous"
            for m in others:
                if m.cls in ATTACKS and m.response_to is None:
                    m.response_to = antecedent
            if after and not others:
                after[0].response_to = None
                # "the offensive was in response to an attack": the subject is a mention of an earlier event
                anchor = EventMention(cls="Attack", trigger=(s, s), sentence=(s, e), definite=True, anchor=True)
                anchor.response_to = after[0]
                found.insert(0, anchor)
        for m in found:
            if m.cls == "Condemnation":
                target = next((x for x in found if x is not m and x.cls in ATTACKS and x.trigger[0] > m.trigger[0]), None)
                m.about = target if target is not None else "previous"
