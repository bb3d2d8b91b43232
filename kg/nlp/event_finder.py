"""The kg_event_finder component: event mentions with their arguments, one sentence at a time.

Trigger words come from the event classes of the ontology (nkg:trigger, matched on lemmas,
multiword first), so a class added in Turtle is found without touching Python. For each trigger
the component reads its arguments (kg.nlp.event_arguments) and what its sentence says about it
(kg.nlp.event_context). Hypothetical or negated use ("will not hesitate to strike") is dropped.
Mentions are linked and merged later, in kg.resolve.events. Result: doc._.kg_events = [EventMention, ...].
"""
from __future__ import annotations

import copy
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..knowledge import load_lemma_table
from .component import KnowledgeComponent
from .event_arguments import ACTOR_LABELS, Sentence, read_arguments, read_instruments
from .event_context import read_context
from .event_mentions import EventMention
from .event_parse import is_verb, not_this_incident, read_parse_arguments, trigger_head
from .event_triggers import TriggerTable
from .extensions import get_ents, token_arrays

__all__ = ["EventMention", "EventFinder", "make_event_finder"]

SPEECH = "Statement"  # the plain statement class: "X said" is a statement only when "said" is a verb of saying


@Language.factory("kg_event_finder", assigns=["doc._.kg_events"], requires=["doc.ents", "doc.sents"],
                  default_config={"drop_hedged": True})
def make_event_finder(nlp: Language, name: str, drop_hedged: bool) -> EventFinder:
    """Build the event finder. drop_hedged (bool): skip triggers under will/would/not/if."""
    return EventFinder(name, drop_hedged=drop_hedged)


class EventFinder(KnowledgeComponent):
    """Reads event mentions and their arguments from each sentence."""

    def __init__(self, name: str = "kg_event_finder", *, drop_hedged: bool = True) -> None:
        super().__init__(name)
        self.drop_hedged = drop_hedged
        self._triggers: TriggerTable | None = None

    @property
    def triggers(self) -> TriggerTable:
        """The ontology's trigger phrases."""
        if self._triggers is None or self._triggers.knowledge is not self.knowledge:
            self._triggers = TriggerTable(self.knowledge)
        return self._triggers

    def __call__(self, doc: Doc) -> Doc:
        lemmas = load_lemma_table()
        arrays = token_arrays(doc)
        lower = arrays.lower
        lem = [lemmas.get(w, w) for w in lower]
        ent_at = {k: e for e in get_ents(doc) for k in range(e.start, e.end)}
        first = self.triggers.first_words
        launch, stems = self._words("launchVerbs"), tuple(self._words("casualtyStems"))
        candidates = [k for k, (a, b) in enumerate(zip(lem, lower))
                      if a in first or b in first or a in launch or b.startswith(stems)]
        parsed = doc.has_annotation("DEP")
        mentions: list[EventMention] = []
        for start, end in arrays.sentences() if candidates else ():
            lo, hi = bisect_left(candidates, start), bisect_left(candidates, end)
            if lo < hi:
                s = Sentence(doc, start, end, lower, lem, ent_at, self.knowledge, parsed=parsed)
                mentions += self._sentence(s, candidates[lo:hi], doc._.kg_times or [], parsed=parsed)
        doc._.kg_events = mentions
        return doc

    def _words(self, name: str) -> frozenset[str]:
        return self.knowledge.lexicons.words(name)

    # -- one sentence ----------------------------------------------------------------------------

    def _sentence(self, s: Sentence, candidates: list[int], times: list, *, parsed: bool) -> list[EventMention]:
        found = self._tolls_of_attacks(s, self._mentions(s, candidates, parsed=parsed))
        if not found:
            anchor = self._casualty_anchor(s, times)
            return [anchor] if anchor is not None else []
        read_context(s, found, times)
        return self._merge_clauses(s, self._attribute(found))

    def _mentions(self, s: Sentence, candidates: list[int], *, parsed: bool) -> list[EventMention]:
        """A mention for every trigger of the sentence that is not hedged, with its arguments.

        candidates: the sentence's tokens that may start a trigger, in order (the others cannot)."""
        found: list[EventMention] = []
        after = s.start
        for k in candidates:
            m = self._mention_at(s, k, parsed=parsed) if k >= after else None
            if m is None:
                continue
            silent = self._speech(m) and self._silent(s, m)
            hedged = m.cls != SPEECH and (self._hedged(s, k) or (parsed and self._hedged_subject(trigger_head(s, m))))
            if not (self.drop_hedged and (silent or hedged)):
                found.append(m)
            after = m.trigger[1]
        found = [m for m in found if not self._predicate_of_another(s, m, found, parsed=parsed)]
        if parsed:
            found = [m for m in found if not self._object_of_another(s, m, found)]
        s.triggers = {m.trigger[0]: m.cls for m in found}
        for m in found:
            if parsed:
                read_parse_arguments(s, m, trigger_head(s, m))
                read_instruments(s, m, max(s.start, m.trigger[0] - 6), min(s.end, m.trigger[1] + 8))
            else:
                read_arguments(s, m)
        return [one for m in found for one in self._per_speaker(m)]

    def _tolls_of_attacks(self, s: Sentence, found: list[EventMention]) -> list[EventMention]:
        """"Five civilians died in the shelling": the deaths of unnamed people in a sentence that tells an
        attack are its toll (counted on the attack), no happening of their own. A named person's death stays."""
        onto = self.knowledge.ontology
        if not any(onto.is_any(m.cls, ("Attack", "ArmedClash")) for m in found):
            return found
        return [m for m in found if not (onto.is_a(m.cls, "Death") and not any(t[0] in s.ent_at for t in m.targets))]

    def _per_speaker(self, m: EventMention) -> list[EventMention]:
        """"X and Y, in separate statements, condemned the attack": a statement has one speaker."""
        if self.knowledge.ontology.family(m.cls) != "Statement" or len(m.agents) < 2:
            return [m]
        out = []
        for agent in m.agents:
            one = copy.copy(m)
            one.agents = [agent]
            out.append(one)
        return out

    def _mention_at(self, s: Sentence, k: int, *, parsed: bool) -> EventMention | None:
        """The mention whose trigger starts at token k, or None (no trigger, a name, not a verb of saying)."""
        if k in s.ent_at:
            return None
        hit = self.triggers.at(s, k)
        if hit is None:
            launch = self._launch(s, k)
            return None if launch is None else EventMention(cls=launch[1], trigger=(k, k + 1), sentence=(s.start, s.end),
                                                            lemma=s.lem[k])
        m = EventMention(cls=hit.classes[0], trigger=(k, k + hit.length), sentence=(s.start, s.end),
                         lemma=" ".join(s.lem[k:k + hit.length]))
        head = trigger_head(s, m) if parsed else s.doc[k]
        if self._intercepted(s, k + hit.length, head if parsed else None):
            return None
        if hit.verb_only and not (self._active_verb(head, m.lemma) if parsed else self._verb_like(s, k)):
            return None
        if parsed and (head.pos_ == "PROPN" or not_this_incident(s, head)):
            return None
        if parsed and head.pos_ == "NOUN" and m.lemma in self._words("verbalTriggers") and not head.lower_.endswith("ing"):
            # "hit 21 targets", not "the targeting of the ship"
            return None
        m.cls = self.triggers.choose(hit.classes, self._object_class(s, k, head if parsed else None))
        if self.knowledge.ontology.consultative(m.cls) and self._troops_as_party(s, m, head if parsed else None):
            return None
        if m.cls == SPEECH and not (is_verb(head) if parsed else self._speech_verb(s, k, hit.length)):
            return None
        m.says_more = parsed and any(c.dep_ == "ccomp" and c.i > head.i for c in head.children)
        return m

    def _predicate_of_another(self, s: Sentence, m: EventMention, found: list[EventMention], *, parsed: bool) -> bool:
        """"The missile attack on Odesa killed nine people": "killed" tells what the attack did, not another one."""
        hit = self.triggers.at(s, m.trigger[0])
        if hit is None or not hit.verb_only:
            return False
        spans = [range(*x.trigger) for x in found if x is not m and x.trigger[0] < m.trigger[0]]
        if parsed:
            head = trigger_head(s, m)
            return any(c.dep_ == "nsubj" and any(c.i in r for r in spans) for c in head.children)
        breaks = self._words("clauseBreaks") | {","}
        return any(m.trigger[0] - r.stop <= 6 and not breaks & set(s.lower[r.stop:m.trigger[0]]) for r in spans)

    def _intercepted(self, s: Sentence, after: int, head: Token | None) -> bool:
        """"shot down two drones": air defence stopping the other side's weapons, no attack of its own."""
        particles = self._words("interceptParticles")
        if head is not None:
            return any(c.dep_ == "prt" and c.lower_ in particles for c in head.children)
        return after < s.end and s.lower[after] in particles

    def _troops_as_party(self, s: Sentence, m: EventMention, head: Token | None) -> bool:
        """"a visit to troops", "a base that hosts US soldiers": a side's own troops are no party to talks."""
        troops = self._words("troopNouns")
        if head is not None:
            return any(o.lower_ in troops or " ".join(s.lower[o.i - 1:o.i + 1]) in troops for o in _parties(head))
        stop = self._words("clauseBreaks") | self._words("eventPlacePrepositions") | {",", "on", "about", "of", "over"}
        for j in range(m.trigger[1], min(s.end, m.trigger[1] + 5)):
            if s.lower[j] in stop:
                return False
            if s.lower[j] in troops:
                return True
        return False

    def _object_of_another(self, s: Sentence, m: EventMention, found: list[EventMention]) -> bool:
        """"US jets struck 12 targets": a noun that is what another trigger of its family struck is no happening."""
        head = trigger_head(s, m)
        if is_verb(head) or head.dep_ not in ("dobj", "nsubjpass"):
            return False
        family = self.knowledge.ontology.family(m.cls)
        return any(x is not m and x.trigger[0] <= head.head.i < x.trigger[1] and (is_verb(head.head) or head.dep_ == "dobj")
                   and self.knowledge.ontology.family(x.cls) == family for x in found)

    def _active_verb(self, head: Token, lemma: str) -> bool:
        """A verb with a subject or a by-phrase: "gunmen killed", "were killed by gunmen", not "were killed",
        nor a headline's reduced passive "after soldiers killed" (a verb that needs its victim as object has none)."""
        deps = {c.dep_ for c in head.children}
        if not is_verb(head) or not deps & {"nsubj", "agent"}:
            return False
        return "agent" in deps or lemma not in self._words("transitiveTriggers") or _has_object(head)

    def _verb_like(self, s: Sentence, k: int) -> bool:
        """Without a parse: "marched", "to march", "they march" read as verbs; "were killed" is no new happening."""
        prev = s.lower[k - 1] if k > s.start else ""
        if prev in self._words("passiveAuxiliaries") and "by" not in s.lower[k + 1:k + 3]:
            return False
        return s.lower[k].endswith("ed") or prev in self._words("verbContext") or prev in self._words("pronouns") or (
            k - 1 in s.ent_at and s.ent_at[k - 1].label_ in ACTOR_LABELS)

    def _object_class(self, s: Sentence, k: int, head: Token | None) -> str | None:
        """The class of what a trigger acts on: its object (or passive subject), else the next name or noun."""
        cands = []
        if head is not None:
            cands = [c.i for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
            if not cands and head.dep_ in ("acl", "relcl"):  # "the town seized by rebels"
                cands = [head.head.i]
        cands = cands or list(range(k + 1, min(s.end, k + 5)))
        for j in cands:
            cls = self._class_of_token(s, j)
            if cls is not None:
                return cls
        return None

    def _class_of_token(self, s: Sentence, j: int) -> str | None:
        onto, lex = self.knowledge.ontology, self.knowledge.lexicons
        e = s.ent_at.get(j)
        if e is not None:
            return e._.kg_class or onto.class_for_label(e.label_)
        if s.lower[j] in lex.words("groupNouns") or s.lem[j] in lex.words("groupNouns"):
            return "Group"
        cue = lex.cues.match(s.lower, j)
        if cue is not None and onto.is_a(str(cue[1]), "Place"):
            return str(cue[1])
        return None

    def _casualty_anchor(self, s: Sentence, times: list) -> EventMention | None:
        """"Seven other people were wounded.": casualties of the event just told."""
        stems = tuple(self._words("casualtyStems"))
        at = [k for k in range(s.start, s.end) if s.lower[k].startswith(stems)]
        if not at or s.lower[at[0] - 1] in ("has", "have", "had"):  # "has killed 40,000 since 2009": a toll, not news
            return None
        anchor = EventMention(cls="Attack", trigger=(s.start, s.start), sentence=(s.start, s.end), definite=True,
                              anchor=True)
        read_context(s, [anchor], times)
        if anchor.killed is None and anchor.injured is None:
            return None
        anchor.time = None
        return anchor

    def _attribute(self, found: list[EventMention]) -> list[EventMention]:
        """In a sentence that reports a happening, "X said" credits X for it; a mention beside news is an anaphor,
        which X only names in passing."""
        onto = self.knowledge.ontology
        happenings = [m for m in found if m.cls != SPEECH]
        speech = [m for m in found if m.cls == SPEECH]
        news = [m for m in happenings if not (m.definite and not m.verb)]
        families = {onto.family(m.cls) for m in news}
        answered = {id(m.response_to) for m in found}  # "in response to the targeting of X in the Red Sea"
        for m in happenings:
            if m not in news and m.response_to is None and id(m) not in answered and onto.family(m.cls) in families:
                m.clear_news()
        if happenings and speech and not news:
            for sp in speech:
                sp.about = sp.about or happenings[0]
        elif happenings and speech:
            contest = self._words("contestVerbs")  # "X denied it, accusing Y of shelling": X is no source of it
            for m in news:  # "X said it struck back in response to the attack": X tells of its strike, not of the attack
                for sp in (sp for sp in speech if sp.lemma not in contest):
                    m.reporters += [a for a in sp.agents if a not in m.reporters]
                m.targets = [t for t in m.targets if t not in m.reporters]
            return happenings
        return found

    def _merge_clauses(self, s: Sentence, found: list[EventMention]) -> list[EventMention]:
        """Several triggers of one family in a clause, with no response cue between them, are one happening."""
        onto = self.knowledge.ontology
        out: list[EventMention] = []
        for m in found:
            if not (out and self._one_happening(s, out[-1], m)):
                out.append(m)
                continue
            prev = out[-1]
            prev.absorb(m, specific=m.cls != prev.cls and onto.is_a(m.cls, prev.cls))
            if prev.definite and not prev.verb and m.verb and not m.definite:
                prev.definite, prev.verb = False, True  # "The demonstrators marched ...": the verb tells news
        return out

    def _one_happening(self, s: Sentence, prev: EventMention, m: EventMention) -> bool:
        onto = self.knowledge.ontology
        same_family = onto.family(prev.cls) == onto.family(m.cls) != "Statement" and onto.required_role(m.cls) is None
        return same_family and prev.response_to is None and m.response_to is None and not (m.definite and not m.verb) \
            and not _other_doers(s, prev, m) and not self._in_sequence(s, prev, m)

    def _in_sequence(self, s: Sentence, a: EventMention, b: EventMention) -> bool:
        """"Jets struck X, hours after soldiers were killed in an attack on Y": a clause of "after"/"before" tells
        an earlier or later happening than the one its sentence is about."""
        if not s.parsed:
            return False
        markers = self._words("sequenceMarkers")

        def clause(m: EventMention) -> int | None:
            head = trigger_head(s, m)
            for t in (head, *head.ancestors):
                if t.dep_ == "advcl" and any(c.dep_ in ("mark", "prep") and c.lower_ in markers for c in t.children):
                    return t.i
            return None
        return clause(a) != clause(b)

    def _launch(self, s: Sentence, k: int) -> tuple[int, str] | None:
        """"fired dozens of Katyusha rockets", "launched drones": a launch verb with a weapon is an attack."""
        if s.lem[k] not in self._words("launchVerbs"):
            return None
        for j in range(k + 1, min(s.end, k + 6)):
            hit = self.knowledge.lexicons.instruments.match(s.lower, j)
            if hit and self.knowledge.ontology.is_a(hit[1][1], "Attack"):  # type: ignore[index]
                return 1, hit[1][1]  # type: ignore[index]
        return None

    def _speech_verb(self, s: Sentence, k: int, n: int) -> bool:
        """"X said", "he added", "announced that": a verb of saying, not the noun "state" or "statement"."""
        lower = s.lower
        j = k - 1
        while j >= 0 and lower[j] in self._words("speechLeadIns"):
            j -= 1
        speaker: Span | None = s.ent_at.get(j) if j >= 0 else None
        if j >= 0 and ((speaker is not None and speaker.label_ in ACTOR_LABELS) or lower[j] in self._words("pronouns")):
            return True
        if j >= 1 and lower[j] in self._words("genericSpeakers") and lower[j - 1] == "the":  # "the ministry said"
            return True
        nxt = lower[k + n] if k + n < len(lower) else ""
        return lower[k - 1:k] != ["the"] and nxt in ("that", ",", ":", "“", '"', "in", "on") and lower[k].endswith(("ed", "s", "d"))

    def _speech(self, m: EventMention) -> bool:
        return self.knowledge.ontology.family(m.cls) == "Statement"

    def _silent(self, s: Sentence, m: EventMention) -> bool:
        """"The group did not comment", "the army declined to comment": no statement was made."""
        return not self._words("silence").isdisjoint(s.lower[max(s.start, m.trigger[0] - 3):m.trigger[0]])

    def _hedged_subject(self, head: Token) -> bool:
        """"the offensive against the group would continue": a noun trigger whose verb is hypothetical."""
        if is_verb(head) or head.dep_ not in ("nsubj", "nsubjpass"):
            return False
        return any(c.dep_ in ("aux", "neg") and c.lower_ in self._words("hedges") for c in head.head.children)

    def _hedged(self, s: Sentence, k: int) -> bool:
        window = s.lower[max(s.start, k - 4):k]
        return not self._words("hedges").isdisjoint(window) and "did" not in window


def _parties(head: Token) -> list[Token]:
    """The other parties a meeting trigger names: its object, "to X", "with X", and whatever is coordinated with them."""
    todo = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    todo += [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("to", "with") for p in c.children if p.dep_ == "pobj"]
    out: list[Token] = []
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return out


def _has_object(verb: Token) -> bool:
    """The verb, or a verb coordinated with it, has an object: "killed and wounded dozens"."""
    linked = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    if verb.dep_ == "conj":
        linked.append(verb.head)
    return any(c.dep_ in ("dobj", "dative") or (c.like_num and c.i > v.i) for v in linked for c in v.children)


def _other_doers(s: Sentence, a: EventMention, b: EventMention) -> bool:
    """"Israeli strike kills four, Hezbollah fires rockets": two triggers whose named doers differ are two happenings."""
    def names(m: EventMention) -> set[str]:
        return {" ".join(s.lower[x:y]) for x, y in m.agents}
    return bool(a.agents and b.agents and not names(a) & names(b))
