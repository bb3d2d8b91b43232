"""Actors named by a common noun: "the army", "the ministry" point back to the actor the text named
before; "gunmen", "protesters", "students" are an unnamed collective, an nkg:Group of the article."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ..knowledge import Knowledge
from ..nlp.event_mentions import Offsets
from .records import Entity

__all__ = ["GroupResolver"]

DEFINITE = frozenset({"the", "its", "their", "his", "her", "this", "that"})


class GroupResolver:
    """Resolves the noun-phrase arguments of events that are not names.

    knowledge (Knowledge): the name cues (which head word means which class) and the group nouns.
    entities (dict[Offsets, Entity]): the article's named entities by span, for anaphora.
    group_iri (Callable[[str], str]): mints the IRI of a group of this article from its label.
    """

    def __init__(self, knowledge: Knowledge, entities: dict[Offsets, Entity], group_iri: Callable[[str], str]) -> None:
        self.onto = knowledge.ontology
        self.lex = knowledge.lexicons
        self.entities = entities
        self.group_iri = group_iri
        self.groups: dict[str, Entity] = {}

    def resolve(self, doc: Doc, span: Offsets) -> Entity | None:
        """The entity a non-name argument stands for, or None when it is no actor."""
        words = [t.lower_ for t in doc[span[0]:span[1]]]
        if not words:
            return None
        before = doc[span[0] - 1].lower_ if span[0] > 0 else ""
        definite = before in DEFINITE or before == ""
        named = self._antecedent(words[-1], span[0]) if definite else None
        if named is not None:
            return named
        generic = definite and self._org_cue(words[-1])  # "the army", with no army named before
        if not generic and words[-1] not in self.lex.words("groupNouns") and " ".join(words) not in self.lex.words("groupNouns"):
            return None
        label = " ".join(words)
        if label not in self.groups:
            self.groups[label] = Entity(iri=self.group_iri(label), label=label, cls="Group",
                                        alt_labels={label, words[-1]})
        return self.groups[label]

    def is_group(self, iri: str) -> bool:
        """iri is an unnamed group of this article."""
        return any(g.iri == iri for g in self.groups.values())

    def assailant(self, iri: str) -> bool:
        """iri is an unnamed group of armed doers ("militants", "the attackers"), which a named actor may be."""
        nouns = self.lex.words("assailantNouns")
        return any(g.iri == iri and g.label.split()[-1] in nouns for g in self.groups.values())

    def _org_cue(self, head: str) -> str | None:
        """The organization class a head word cues ("army" -> MilitaryForce), or None."""
        cue = self.lex.cues.match([head], 0)
        return None if cue is None or self.onto.is_a(str(cue[1]), "Place") else str(cue[1])

    def _antecedent(self, head: str, position: int) -> Entity | None:
        """"the army", "the ministry": the latest entity named before, of the class the head word cues."""
        cls = self._org_cue(head)
        if cls is None:
            return None
        earlier = [(s, e) for (s, _), e in self.entities.items() if s < position and self.onto.is_a(e.cls, cls)]
        if not earlier:
            return None
        with_word = [(s, e) for s, e in earlier if head in e.label.lower()]
        return max(with_word or earlier, key=lambda se: se[0])[1]
