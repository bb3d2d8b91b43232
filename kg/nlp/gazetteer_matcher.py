"""The kg_gazetteer component: marks every name the gazetteer knows as an entity span.

A dictionary lookup over capitalised token runs (longest match first) replaces a PhraseMatcher
with hundreds of thousands of patterns, so the component starts fast and scales to all the world's
places. Labels follow spaCy's NER scheme (the nkg:nerLabel of the entry's class; NORP for a
demonym); the span's kb_id_ is the gazetteer key, and span._.kg_class the nkg class.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..knowledge import Entry, Gazetteer, Knowledge
from ..knowledge.names import compact
from .component import KnowledgeComponent
from .extensions import TokenArrays, get_ents, set_ents, token_arrays
from .model_names import ModelMerger

__all__ = ["GazetteerMatcher", "make_gazetteer_matcher"]

Hit = tuple[Entry | None, str | None]  # (gazetteer entry, or None and the country code of a demonym)


RARE_ZIPF = 4.5  # a sentence-initial word rarer than this may be a name ("Hassan"), not an everyday word ("Police")


def _capitalised(text: str) -> bool:
    return text[:1].isupper() or (text[:1].isdigit() and any(c.isupper() for c in text))


@Language.factory("kg_gazetteer", assigns=["doc.ents"], default_config={"overwrite_ents": False})
def make_gazetteer_matcher(nlp: Language, name: str, overwrite_ents: bool) -> GazetteerMatcher:
    """Build the gazetteer matcher. overwrite_ents (bool): drop entities a trained NER set before it."""
    return GazetteerMatcher(name, overwrite_ents=overwrite_ents)


class GazetteerMatcher(KnowledgeComponent):
    """Marks known countries, regions, cities, facilities, actors and demonyms."""

    def __init__(self, name: str = "kg_gazetteer", *, overwrite_ents: bool = False) -> None:
        super().__init__(name)
        self.overwrite_ents = overwrite_ents
        self._merger: ModelMerger | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Any = None,
                   ontology: str | None = None, knowledge: Knowledge | None = None) -> None:
        super().initialize(get_examples, nlp=nlp, ontology=ontology, knowledge=knowledge)
        self._merger = None

    def from_disk(self, path, *, exclude=()) -> GazetteerMatcher:
        super().from_disk(path, exclude=exclude)
        self._merger = None
        return self

    @property
    def merger(self) -> ModelMerger:
        """Merges a trained NER's names with the gazetteer's (built on first use)."""
        if self._merger is None:
            self._merger = ModelMerger(self.knowledge)
        return self._merger

    def __call__(self, doc: Doc) -> Doc:
        spans = [self._span(doc, *m) for m in self.matches(doc)]
        model = get_ents(doc)
        if self.overwrite_ents or not model:
            set_ents(doc, spans)
        else:
            set_ents(doc, filter_spans(self.merger(doc, model, spans)))
        return doc

    def _span(self, doc: Doc, start: int, end: int, entry: Entry | None, country: str | None) -> Span:
        if entry is None:
            span = Span(doc, start, end, label="NORP")
            span._.kg_class, span._.kg_country = "Country", country
            return span
        span = Span(doc, start, end, label=self.knowledge.ontology.ner_label(entry.cls) or "LOC", kb_id=entry.key)
        span._.kg_class, span._.kg_country = entry.cls, entry.country
        return span

    def matches(self, doc: Doc) -> list[tuple[int, int, Entry | None, str | None]]:
        """(start, end, entry, demonym country) for the longest known name at each capitalised token."""
        gaz = self.knowledge.gazetteer
        arrays = token_arrays(doc)
        texts = arrays.texts
        keys = [compact(t) for t in texts]
        out: list[tuple[int, int, Entry | None, str | None]] = []
        free = 0  # first token not inside a match yet
        for i, t in enumerate(texts):
            key = keys[i]
            if i < free or not key or not (key in gaz.prefixes or key in gaz.names or key in gaz.demonyms) \
                    or not _capitalised(t):
                continue  # no known name starts here
            best = self._longest(arrays, gaz, keys, i)
            if best is not None and best[1] is not None and not best[1].key.startswith("lex:") \
                    and best[1].cls != "Country" and self._inside_longer_name(doc, i, best[0] + 1):
                continue
            if best is not None:
                out.append((i, best[0] + 1, best[1], best[2]))
                free = best[0] + 1
        return out

    def _longest(self, arrays: TokenArrays, gaz: Gazetteer, keys: list[str],
                 i: int) -> tuple[int, Entry | None, str | None] | None:
        """The longest name starting at token i: (its last token, entry, demonym country)."""
        texts, spaces, n = arrays.texts, arrays.space, len(arrays.texts)
        joiners, possessives = self._words("nameJoiners"), self._words("possessives")
        best, key, j = None, "", i
        while j < n and j < i + gaz.max_words * 2:
            if j > i:
                if texts[j] in possessives or texts[j].lower() in possessives:
                    break
                if not keys[j]:  # hyphens and apostrophes join words only without spaces around them
                    if texts[j] in joiners and not spaces[j - 1] and not spaces[j] and j + 1 < n:
                        j += 1
                        continue
                    break
            key += keys[j]
            if j == i or keys[j].isalnum():
                if key in gaz.names or key in gaz.demonyms:
                    hit = self._accept(gaz, key, texts, keys, i, j)
                    if hit is not None:
                        best = (j, *hit)
                if key not in gaz.prefixes:
                    break  # no longer name starts with these words
            j += 1
        return best

    def _words(self, name: str) -> frozenset[str]:
        return self.knowledge.lexicons.words(name)

    def _accept(self, gaz: Gazetteer, key: str, texts: list[str], keys: list[str], i: int, j: int) -> Hit | None:
        cands = gaz.lookup(key)
        if cands:
            top = cands[0]
            if top.key.startswith("lex:") or top.cls == "Country":
                if _acronym_only(top, key) and not all(t.isupper() for t in texts[i:j + 1] if t.isalpha()):
                    return None  # "In a" is not INA
                return (top, None) if _capitalised(texts[j]) or top.key.startswith("lex:") else None
            demonym = gaz.demonyms.get(key) if j == i else None
            if demonym and gaz.country(demonym) is not None:
                return None, demonym  # "Somali" names people of Somalia before Ethiopia's Somali Region
            # GeoNames and ISO names: every word capitalised but the particles
            particles = self._words("nameParticles")
            for k in range(i, j + 1):
                w = texts[k]
                if keys[k].isalpha() and w.lower() not in particles and not _capitalised(w):
                    return None
            return top, None
        if j == i or (j == i + 2 and texts[i + 1] == "-"):
            code = gaz.demonyms.get(key)
            if code and gaz.country(code) is not None:
                return None, code
        return None

    def _inside_longer_name(self, doc: Doc, start: int, end: int) -> bool:
        """A town's name inside a longer name ("Greenwich Mean Time", "Hassan Abdi", "Lahore Qalandars"):
        a capitalised word right before or after it continues the name (head words such as "Province"
        or "Airport", weekdays, months and direction words do not)."""
        arrays = token_arrays(doc)
        texts, lower, n = arrays.texts, arrays.lower, len(arrays.texts)
        lex = self.knowledge.lexicons
        free = lex.union("notNames", "months", "weekdays", "directionWords")

        def continues(k: int) -> bool:
            if not (0 <= k < n) or not texts[k][:1].isupper() or not texts[k].isalpha() or lower[k] in free:
                return False
            if lex.cues.match(lower, k) or lex.roles.match(lower, k) or lex.ranks.match(lower, k) or lex.honorifics.match(lower, k):
                return False
            return not arrays.sent_start[k] or _rare(lower[k])

        after = end < n and not arrays.sent_start[end] and continues(end)
        inner = self._words("nameParticles") - {"of", "the", "and", "for", "on"}
        particle = start > 1 and lower[start - 1] in inner and continues(start - 2)  # "Katharina von der Heyde"
        if start > 2 and lower[start - 1] in inner and lower[start - 2] in inner:
            particle = continues(start - 3)
        return after or particle or (start > 0 and not arrays.sent_start[start] and continues(start - 1))


def _rare(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") < RARE_ZIPF


def _acronym_only(entry: Entry, key: str) -> bool:
    """The entry has this key only as an acronym ("INA" of the Iraqi News Agency)."""
    spelled = [n for n in (entry.label, *entry.alt_labels) if compact(n) == key]
    return bool(spelled) and all(n.isupper() for n in spelled)
