"""Trigger words: where a sentence names a happening, and of which class.

The table comes from the ontology (nkg:trigger, nkg:verbTrigger). A word shared by several classes
("seize": a town, hostages, a tanker) is told apart by what it acts on (nkg:objectClass). Inside a
sentence a capitalised word is a name, never a trigger ("Storm Shadow missiles", "on March 3"), except
in headlines written in title case.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..knowledge import Knowledge
from ..knowledge.lexicon import Phrases
from .event_arguments import Sentence
from .extensions import token_arrays

__all__ = ["TriggerTable", "Trigger"]

TITLE_CASE_SHARE = 0.6  # a sentence with this share of capitalised words is a headline in title case


@dataclass(frozen=True)
class Trigger:
    """A trigger found at a token: its length in tokens, and the classes it may signal."""

    length: int
    classes: tuple[str, ...]
    verb_only: bool


class TriggerTable:
    """The trigger phrases of every event class, indexed by first word (lemmas, then words as written)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.phrases = Phrases()
        onto = knowledge.ontology
        for phrase, classes in onto.triggers.items():
            self.phrases.add(phrase, Trigger(0, classes, False))
        for phrase, classes in onto.verb_triggers.items():
            if tuple(phrase.split()) not in self.phrases:
                self.phrases.add(phrase, Trigger(0, classes, True))

    @cached_property
    def first_words(self) -> frozenset[str]:
        """Words that may start a trigger (for a quick scan of a document)."""
        return frozenset(self.phrases.by_first)

    def at(self, s: Sentence, k: int) -> Trigger | None:
        """The longest trigger starting at token k of the sentence, or None."""
        hit = self.phrases.match(s.lem, k) or self.phrases.match(s.lower, k)
        if hit is None or (self._capitalised(s, k) and not self._title_case(s)):
            return None
        n, value = hit
        assert isinstance(value, Trigger)
        return Trigger(n, value.classes, value.verb_only)

    @staticmethod
    def _capitalised(s: Sentence, k: int) -> bool:
        return k > s.start and token_arrays(s.doc).texts[k][:1].isupper()

    @staticmethod
    def _title_case(s: Sentence) -> bool:
        words = [t for t in s.doc[s.start:s.end] if t.is_alpha and len(t) > 3]
        return bool(words) and sum(t.text[:1].isupper() for t in words) >= TITLE_CASE_SHARE * len(words)

    def choose(self, classes: tuple[str, ...], object_class: str | None) -> str:
        """The class a shared trigger signals: one that asks for the class of what the trigger acts on, else
        one that takes any object; among equals the one declared last (an extension overrides)."""
        onto = self.knowledge.ontology

        def fit(c: str) -> int:
            wanted = onto.object_classes(c)
            return 2 if object_class is not None and onto.is_any(object_class, wanted) else 1 if not wanted else 0

        return max(reversed(classes), key=fit)
