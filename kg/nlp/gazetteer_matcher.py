"""The kg_gazetteer component: marks every name the gazetteer knows as an entity span.

A dictionary lookup over capitalised token runs (longest match first) replaces a PhraseMatcher
with hundreds of thousands of patterns, so the component starts fast and scales to all the world's
places. Labels follow spaCy's NER scheme (PERSON, ORG, GPE, LOC, FAC, NORP); the span's kb_id_ is
the gazetteer key, and span._.kg_class the nkg class.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .extensions import get_ents, set_ents, token_arrays
from .gazetteer import ORG_CLASSES, Entry, Gazetteer, load_gazetteer
from .names import compact

__all__ = ["GazetteerMatcher", "make_gazetteer_matcher", "label_for"]

PARTICLES = frozenset({"al", "el", "ez", "ed", "es", "ad", "as", "ar", "az", "an", "at", "ash", "bin", "ibn", "bint",
                       "abu", "de", "del", "da", "do", "dos", "du", "la", "le", "van", "von", "der", "den", "of",
                       "the", "and", "for", "on", "y"})
JOINERS = frozenset({"-", "'", "’", "‘", "ʿ", "&"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def label_for(cls: str) -> str:
    """spaCy NER label of an nkg class."""
    if cls == "Person":
        return "PERSON"
    if cls in ORG_CLASSES:
        return "ORG"
    if cls == "Facility":
        return "FAC"
    if cls in ("Country", "Settlement", "AdministrativeRegion"):
        return "GPE"
    return "LOC"


def _capitalised(text: str) -> bool:
    return text[:1].isupper() or (text[:1].isdigit() and any(c.isupper() for c in text))


@Language.factory("kg_gazetteer", assigns=["doc.ents"], default_config={"overwrite_ents": False})
def make_gazetteer_matcher(nlp: Language, name: str, overwrite_ents: bool) -> GazetteerMatcher:
    """Build the gazetteer matcher. overwrite_ents (bool): drop entities a trained NER set before it."""
    return GazetteerMatcher(nlp, name, overwrite_ents=overwrite_ents)


class GazetteerMatcher:
    """Marks known countries, regions, cities, facilities, actors and demonyms."""

    def __init__(self, nlp: Language, name: str = "kg_gazetteer", *, overwrite_ents: bool = False) -> None:
        self.name = name
        self.overwrite_ents = overwrite_ents
        self._gaz: Gazetteer | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Load the gazetteer index (cached on disk after the first build)."""
        self._gaz = load_gazetteer()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gazetteer
        arrays = token_arrays(doc)
        prefixes, names, demonyms = gaz.prefixes, gaz.names, gaz.demonyms
        texts = arrays.texts
        keys = [compact(t) for t in texts]
        spaces = arrays.space
        starts = arrays.sent_start
        n = len(texts)
        spans: list[Span] = []
        free = 0  # first token not inside a match yet
        caps = [k for k, t in enumerate(texts) if t[:1].isupper() or (t[:1].isdigit() and _capitalised(t))]
        for i in caps:
            if i < free or not keys[i]:
                continue
            best: tuple[int, Entry | None, str | None] | None = None
            key = ""
            j = i
            while j < n and j < i + gaz.max_words * 2:
                t = texts[j]
                if j > i:
                    if t in POSSESSIVE or t.lower() in POSSESSIVE:
                        break
                    if not keys[j]:
                        # hyphens and apostrophes join words only without spaces around them
                        if t in JOINERS and not spaces[j - 1] and not spaces[j] and j + 1 < n:
                            j += 1
                            continue
                        break
                key += keys[j]
                if j == i or keys[j].isalnum():
                    if key in names or key in demonyms:
                        hit = self._accept(gaz, key, texts, keys, i, j, starts[i])
                        if hit is not None:
                            best = (j, *hit)
                    if key not in prefixes:
                        break  # no longer name starts with these words
                j += 1
            if best is None:
                continue
            end, entry, country = best
            if entry is not None:
                span = Span(doc, i, end + 1, label=label_for(entry.cls), kb_id=entry.key)
                span._.kg_class = entry.cls
                span._.kg_country = entry.country
            else:
                span = Span(doc, i, end + 1, label="NORP")
                span._.kg_class = "Country"
                span._.kg_country = country
            spans.append(span)
            free = end + 1
        if self.overwrite_ents or not get_ents(doc):
            set_ents(doc, spans)
        else:
            set_ents(doc, filter_spans([*spans, *get_ents(doc)]))
        return doc

    def _accept(self, gaz: Gazetteer, key: str, texts: list[str], keys: list[str], i: int, j: int,
                sent_start: bool) -> tuple[Entry | None, str | None] | None:
        cands = gaz.lookup(key)
        if cands:
            top = cands[0]
            if top.key.startswith("lex:") or top.cls == "Country":
                if _capitalised(texts[j]) or top.key.startswith("lex:"):
                    return top, None
                return None
            # GeoNames and ISO names: every significant word capitalised
            for k in range(i, j + 1):
                w = texts[k]
                if keys[k].isalpha() and len(w) > 2 and w.lower() not in PARTICLES and not _capitalised(w):
                    return None
            return top, None
        if j == i or (j == i + 2 and texts[i + 1] == "-"):
            code = gaz.demonyms.get(key)
            if code and gaz.country(code) is not None:
                return None, code
        return None
