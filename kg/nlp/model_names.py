"""A trained NER's names merged with the gazetteer's, one entity per name.

The model proposes spans; the gazetteer decides identity, type and links where it knows the name;
the model's label decides the type where it does not. Only name labels become entities (PERSON,
ORG, GPE, LOC, FAC, and NORP where the gazetteer knows it as a demonym or an actor); the model's
other spans (DATE, CARDINAL, EVENT, WORK_OF_ART...) are kept apart in doc.spans[OTHER_SPANS] and
stop the gazetteer from reading a place inside them ("Greenwich Mean Time", "the Doha Forum").
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from ..knowledge import Knowledge

__all__ = ["NAME_LABELS", "OTHER_SPANS", "trim", "ModelMerger"]

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_SPANS = "kg_model_other"
"""doc.spans key of the model's spans that are not names of actors or places (DATE, MONEY, EVENT...)."""
LEADING = frozenset({"the", "a", "an", "'", "’", '"', "“", "”", "(", "-", "—"})
TRAILING = frozenset({"'s", "’s", "'", "’", '"', "“", "”", "and", "or", "of", "the", ",", ".", ")", "-", "—", ":", ";"})
BIG_CITY = 1_000_000  # an organization label does not beat a city this big ("Lagos said")


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def trim(doc: Doc, span: Span) -> Span | None:
    """The span without a leading article or quote and without a trailing possessive, quote, conjunction
    or punctuation ("the United States'" -> "United States"); None when no word is left."""
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in LEADING or not _has_word(doc[start].text)):
        start += 1
    while end > start and (doc[end - 1].lower_ in TRAILING or not _has_word(doc[end - 1].text)):
        end -= 1
    if start >= end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_, kb_id=span.kb_id_)


class ModelMerger:
    """Merges a trained NER's spans with the gazetteer's for one Doc.

    knowledge (Knowledge): the ontology (NER label <-> class) and the gazetteer (entries by key).
    """

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.onto = knowledge.ontology
        self.gaz = knowledge.gazetteer
        place_cues = [k for k, cls in knowledge.lexicons.cues.items()
                      if len(k) == 1 and self.onto.is_any(str(cls), ("AdministrativeRegion", "Settlement"))]
        self.region_heads = frozenset(w for (w,) in place_cues)

    def __call__(self, doc: Doc, model: list[Span], gazetteer: list[Span]) -> list[Span]:
        names, others = [], []
        for e in model:
            t = trim(doc, e)
            if t is not None:
                (names if t.label_ in NAME_LABELS else others).append(t)
        doc.spans[OTHER_SPANS] = others
        blocked = {k for e in others for k in range(e.start, e.end)}
        gazetteer = [g for g in gazetteer if not any(k in blocked for k in range(g.start, g.end))]
        out: list[Span] = []
        used: set[int] = set()
        for m in names:
            inside = [g for g in gazetteer if g.start < m.end and m.start < g.end]
            used.update(id(g) for g in inside)
            out += self._decide(doc, m, inside)
        proper = _proper_noun_test(doc)
        out += [g for g in gazetteer if id(g) not in used and self._alone(g, proper)]
        return out

    # -- one model span against the gazetteer's spans inside it ----------------------------------------

    def _decide(self, doc: Doc, m: Span, inside: list[Span]) -> list[Span]:
        if not inside:
            return [] if m.label_ == "NORP" else [self._typed(doc, m, [])]
        same = next((g for g in inside if (g.start, g.end) == (m.start, m.end)), None)
        if same is not None:
            return [self._typed(doc, m, [])] if self._model_wins(m, same) else [same]
        wider = next((g for g in inside if g.start <= m.start and g.end >= m.end), None)
        if wider is not None:
            return [self._typed(doc, m, [])] if self._model_wins(m, wider) else [wider]
        within = [g for g in inside if m.start <= g.start and g.end <= m.end]
        if len(within) < len(inside):  # crossing spans: a name the gazetteer knows outright wins
            strong = [g for g in inside if self._strong(g)]
            return strong or [self._typed(doc, m, [])]
        if self._is_list(doc, m, within):
            return within  # "Iraq and Syria" read as one name
        head = self._with_region_head(doc, m, within)
        if head is not None:
            return [head]
        return [] if m.label_ == "NORP" else [self._typed(doc, m, within)]

    def _model_wins(self, m: Span, g: Span) -> bool:
        """A person or organization the model reads where the gazetteer has only a town of that name."""
        if not g.kb_id_ or g.kb_id_.startswith("lex:") or g._.kg_class == "Country":
            return False
        if m.label_ == "PERSON":
            return True
        entry = self.gaz.get(g.kb_id_)
        return m.label_ == "ORG" and (entry is None or entry.population < BIG_CITY)

    def _strong(self, g: Span) -> bool:
        return not g.kb_id_ or g.kb_id_.startswith("lex:") or g._.kg_class == "Country"

    def _is_list(self, doc: Doc, m: Span, within: list[Span]) -> bool:
        """"Iraq and Syria", "Mali, Niger": known names joined by "and" or commas, and nothing else."""
        if len(within) < 2 or m.label_ not in PLACE_LABELS | {"NORP"}:
            return False
        covered = {k for g in within for k in range(g.start, g.end)}
        rest = [doc[k].lower_ for k in range(m.start, m.end) if k not in covered]
        return bool(rest) and all(w in (",", "and", "or", "&") for w in rest)

    def _with_region_head(self, doc: Doc, m: Span, within: list[Span]) -> Span | None:
        """"Garissa County", "Aceh Province": a known place and its own head word name the same place."""
        if len(within) != 1 or m.label_ not in PLACE_LABELS:
            return None
        g = within[0]
        entry = self.gaz.get(g.kb_id_) if g.kb_id_ else None
        if entry is None or entry.cls == "Country" or g.start != m.start:
            return None
        if not all(doc[k].lower_ in self.region_heads for k in range(g.end, m.end)):
            return None
        span = Span(doc, m.start, m.end, label=g.label_, kb_id=g.kb_id_)
        span._.kg_class, span._.kg_country = g._.kg_class, g._.kg_country
        return span

    def _typed(self, doc: Doc, m: Span, within: list[Span]) -> Span:
        """The model's span, typed by its label, acting for the first country named inside it."""
        span = Span(doc, m.start, m.end, label=m.label_)
        span._.kg_class = self.onto.class_for_label(m.label_) or "Place"
        span._.kg_country = next((g._.kg_country for g in within if g._.kg_class == "Country" and g._.kg_country), None)
        return span

    def _alone(self, g: Span, proper: Callable[[Span], bool]) -> bool:
        """A gazetteer name the model did not read as a name: trusted when it is a country, a demonym or
        a lexicon entry, and for the world's places only when the tagger calls it a proper noun."""
        return self._strong(g) or proper(g)


def _proper_noun_test(doc: Doc) -> Callable[[Span], bool]:
    if not doc.has_annotation("TAG"):
        return lambda span: True
    return lambda span: span[-1].tag_ in ("NNP", "NNPS")
