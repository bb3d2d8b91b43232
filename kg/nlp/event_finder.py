"""The kg_event_finder component: event mentions with their arguments, one sentence at a time.

Trigger words come from the event classes of the ontology (nkg:trigger, matched on lemmas,
multiword first), so a class added in Turtle is found without touching Python. For each trigger
the component reads its arguments (kg.nlp.event_arguments) and what its sentence says about it
(kg.nlp.event_context). Hypothetical or negated use ("will not hesitate to strike") is dropped.
Mentions are linked and merged later, in kg.resolve.events. Result: doc._.kg_events = [EventMention, ...].
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..knowledge import load_lemma_table
from ..knowledge.lexicon import Phrases
from .component import KnowledgeComponent
from .event_arguments import ACTOR_LABELS, Sentence, read_arguments
from .event_context import read_context
from .event_mentions import EventMention
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
        self._triggers: Phrases | None = None
        self._triggers_of: object = None

    @property
    def triggers(self) -> Phrases:
        """The ontology's trigger phrases, indexed by first word."""
        if self._triggers is None or self._triggers_of is not self.knowledge:
            table = Phrases()
            for phrase, cls in self.knowledge.ontology.triggers.items():
                table.add(phrase, cls)
            self._triggers, self._triggers_of = table, self.knowledge
        return self._triggers

    def __call__(self, doc: Doc) -> Doc:
        lemmas = load_lemma_table()
        arrays = token_arrays(doc)
        lower = arrays.lower
        lem = [lemmas.get(w, w) for w in lower]
        ent_at = {k: e for e in get_ents(doc) for k in range(e.start, e.end)}
        first = self.triggers.by_first
        launch, stems = self._words("launchVerbs"), tuple(self._words("casualtyStems"))
        candidates = [k for k, (a, b) in enumerate(zip(lem, lower))
                      if a in first or b in first or a in launch or b.startswith(stems)]
        mentions: list[EventMention] = []
        for start, end in arrays.sentences() if candidates else ():
            lo = bisect_left(candidates, start)
            if lo < len(candidates) and candidates[lo] < end:
                s = Sentence(doc, start, end, lower, lem, ent_at, self.knowledge)
                mentions += self._sentence(s, doc._.kg_times or [])
        doc._.kg_events = mentions
        return doc

    def _words(self, name: str) -> frozenset[str]:
        return self.knowledge.lexicons.words(name)

    # -- one sentence ----------------------------------------------------------------------------

    def _sentence(self, s: Sentence, times: list) -> list[EventMention]:
        found = self._mentions(s)
        if not found:
            anchor = self._casualty_anchor(s, times)
            return [anchor] if anchor is not None else []
        read_context(s, found, times)
        return self._merge_clauses(self._attribute(found))

    def _mentions(self, s: Sentence) -> list[EventMention]:
        """A mention for every trigger of the sentence that is not hedged."""
        found: list[EventMention] = []
        k = s.start
        while k < s.end:
            hit = self.triggers.match(s.lem, k) or self.triggers.match(s.lower, k) or self._launch(s, k)
            if hit is None or k in s.ent_at:
                k += 1
                continue
            n, cls = hit[0], str(hit[1])
            if cls == SPEECH and not self._speech_verb(s, k, n):
                k += n
                continue
            m = EventMention(cls=cls, trigger=(k, k + n), sentence=(s.start, s.end), lemma=" ".join(s.lem[k:k + n]))
            hedged = self.drop_hedged and cls != SPEECH and self._hedged(s, k)
            if not hedged:
                read_arguments(s, m)
                found.append(m)
            k += n
        return found

    def _casualty_anchor(self, s: Sentence, times: list) -> EventMention | None:
        """"Seven other people were wounded.": casualties of the event just told."""
        if not any(w.startswith(tuple(self._words("casualtyStems"))) for w in s.lower[s.start:s.end]):
            return None
        anchor = EventMention(cls="Attack", trigger=(s.start, s.start), sentence=(s.start, s.end), definite=True,
                              anchor=True)
        read_context(s, [anchor], times)
        if anchor.killed is None and anchor.injured is None:
            return None
        anchor.time = None
        return anchor

    def _attribute(self, found: list[EventMention]) -> list[EventMention]:
        """In a sentence that reports a happening, "X said" credits X; a mention beside news is an anaphor."""
        onto = self.knowledge.ontology
        happenings = [m for m in found if m.cls != SPEECH]
        speech = [m for m in found if m.cls == SPEECH]
        news = [m for m in happenings if not (m.definite and not m.verb)]
        families = {onto.family(m.cls) for m in news}
        for m in happenings:
            if m not in news and m.response_to is None and onto.family(m.cls) in families:
                m.clear_news()
        if happenings and speech and not news:
            for sp in speech:
                sp.about = sp.about or happenings[0]
        elif happenings and speech:
            for m in happenings:
                for sp in speech:
                    m.reporters += [a for a in sp.agents if a not in m.reporters]
                m.targets = [t for t in m.targets if t not in m.reporters]
            return happenings
        return found

    def _merge_clauses(self, found: list[EventMention]) -> list[EventMention]:
        """Several triggers of one family in a clause, with no response cue between them, are one happening."""
        onto = self.knowledge.ontology
        out: list[EventMention] = []
        for m in found:
            if out and self._one_happening(out[-1], m):
                out[-1].absorb(m, specific=m.cls != out[-1].cls and onto.is_a(m.cls, out[-1].cls))
            else:
                out.append(m)
        return out

    def _one_happening(self, prev: EventMention, m: EventMention) -> bool:
        onto = self.knowledge.ontology
        same_family = onto.family(prev.cls) == onto.family(m.cls) != "Statement" and onto.required_role(m.cls) is None
        return same_family and prev.response_to is None and m.response_to is None and not (m.definite and not m.verb)

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

    def _hedged(self, s: Sentence, k: int) -> bool:
        window = s.lower[max(s.start, k - 4):k]
        return not self._words("hedges").isdisjoint(window) and "did" not in window
