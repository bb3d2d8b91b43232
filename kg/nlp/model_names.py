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
from .extensions import OTHER_SPANS

__all__ = ["NAME_LABELS", "OTHER_SPANS", "ModelMerger"]

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_INNER = frozenset({"of", "the", "and", "for", "on"})  # particles that join no personal name
LEADING = frozenset({"the", "a", "an", "'", "’", '"', "“", "”", "(", "-", "—"})
TRAILING = frozenset({"'s", "’s", "'", "’", '"', "“", "”", "and", "or", "of", "the", ",", ".", ")", "-", "—", ":", ";"})


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


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
        self._actors: list[tuple[str, set[str]]] = []  # the Doc's longer person and organization names
    def trim(self, doc: Doc, span: Span) -> Span | None:
        """The name inside a model span: without a leading article, title ("Spokesperson Nasser
        Kanaani") or lowercase word, without a trailing possessive, quote, conjunction, lowercase word
        or bracketed acronym ("the United States'" -> "United States"); None when no name is left."""
        lex = self.knowledge.lexicons
        particles = lex.words("nameParticles")
        lower = [t.lower_ for t in doc[span.start:span.end]]
        start, end = span.start, span.end
        cut = next((k for k, w in enumerate(lower) if k and (w in ("(", ",", ";") or "\n" in w)), None)
        if cut is not None:  # "American Academy of Pediatrics (AAP", "Kharkiv, Ihor Terekhov", a line break
            end = span.start + cut

        def leading(k: int) -> int:  # how many tokens at k are not part of the name
            w = doc[k].text
            if doc[k].lower_ in LEADING or not _has_word(w) or (w[:1].islower() and doc[k].lower_ not in particles):
                return 1
            if span.label_ == "PERSON":
                hit = lex.roles.match(lower, k - span.start) or lex.ranks.match(lower, k - span.start) \
                    or lex.honorifics.match(lower, k - span.start)
                return hit[0] if hit else int(doc[k].lower_ in lex.words("roleModifiers"))
            return 0

        while start < end and (n := leading(start)):
            start += n
        if span.label_ == "PERSON":
            start = self._after_inner_title(span, lower, start, end)
        while end > start and (doc[end - 1].lower_ in TRAILING or not _has_word(doc[end - 1].text)
                               or (doc[end - 1].text[:1].islower() and doc[end - 1].lower_ not in particles)):
            end -= 1
        if start >= end or self._title_words(doc, start, end) or doc[start].lower_ in lex.words("eventNameHeads") \
                or doc[end - 2:end].text.lower() in lex.words("timeZones"):
            return None  # "Rear Admiral", "Defence" of "Defence Secretary", "Operation Market Garden", "Mean Time"
        label = span.label_
        if label == "PERSON":
            end = _through_particles(doc, end, particles)
        elif label in NAME_LABELS:
            start, end, titled = self._outside_titles(doc, start, end)
            if start >= end:
                return None  # "Union Home" of "Union Home Minister"
            if titled and end - start >= 2 and all(t.text[:1].isupper() for t in doc[start:end]):
                label = "PERSON"  # "Minister of Defence Hanno Pevkur" read as "Defence Hanno Pevkur"
        if (start, end, label) == (span.start, span.end, span.label_):
            return span
        return Span(doc, start, end, label=label, kb_id=span.kb_id_)

    def _outside_titles(self, doc: Doc, start: int, end: int) -> tuple[int, int, bool]:
        """A name span without the words of a title written across its edge: "Minister of [Defence X]" ->
        X, "[Union Home] Minister" -> "Union"; and whether a title ended where the name now starts."""
        roles = self.knowledge.lexicons.roles
        offset = max(0, start - 4)
        lower = [t.lower_ for t in doc[offset:min(len(doc), end + 4)]]
        new_start, new_end = start, end
        for k in range(len(lower)):
            hit = roles.match(lower, k)
            if hit is None:
                continue
            first, last = offset + k, offset + k + hit[0]
            if first < start < last <= end:
                new_start = max(new_start, last)
            elif start < first < end < last:
                new_end = min(new_end, first)
        return new_start, new_end, new_start > start

    def _after_inner_title(self, span: Span, lower: list[str], start: int, end: int) -> int:
        """"Chief Financial Officer Takeshi Onodera": where a title that goes on inside the span ends
        (two words at least are left for the name)."""
        lex = self.knowledge.lexicons
        for k in range(start, end - 2):
            rel = k - span.start
            hit = lex.roles.match(lower, rel) or lex.ranks.match(lower, rel) or lex.honorifics.match(lower, rel)
            if hit and k + hit[0] <= end - 2:
                start = k + hit[0]
        return start

    def _title_words(self, doc: Doc, start: int, end: int) -> bool:
        """Every word of doc[start:end] belongs to a role, rank or honorific written around it."""
        lex = self.knowledge.lexicons
        lower = [t.lower_ for t in doc[max(0, start - 3):min(len(doc), end + 3)]]
        offset = max(0, start - 3)
        covered: set[int] = set()
        for k in range(len(lower)):
            for table in (lex.roles, lex.ranks, lex.honorifics):
                hit = table.match(lower, k)
                if hit:
                    covered.update(range(offset + k, offset + k + hit[0]))
        return all(k in covered for k in range(start, end))

    def __call__(self, doc: Doc, model: list[Span], gazetteer: list[Span]) -> list[Span]:
        names: list[Span] = []
        others: list[Span] = []
        for e in _with_ordinals(doc, model):
            t = self.trim(doc, e)
            if t is not None:
                (names if t.label_ in NAME_LABELS else others).append(t)
        doc.spans[OTHER_SPANS] = others
        blocked = {k for e in others for k in range(e.start, e.end)}
        gazetteer = [g for g in gazetteer if not any(k in blocked for k in range(g.start, g.end))]
        out: list[Span] = []
        used: set[int] = set()
        self._actors = [(e.text, {t.lower_ for t in e}) for e in names if e.label_ in ("PERSON", "ORG") and len(e) > 1]
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
            language = len(m) == 1 and m[0].lower_ in self.knowledge.lexicons.words("languages")
            return [] if m.label_ == "NORP" or language else [self._typed(doc, m, [])]
        same = next((g for g in inside if (g.start, g.end) == (m.start, m.end)), None)
        if same is not None:
            return [self._typed(doc, m, [])] if self._model_wins(doc, m, same) else [same]
        wider = next((g for g in inside if g.start <= m.start and g.end >= m.end), None)
        if wider is not None:
            return [self._typed(doc, m, [])] if self._model_wins(doc, m, wider) else [wider]
        within = [g for g in inside if m.start <= g.start and g.end <= m.end]
        if len(within) < len(inside):  # crossing spans: a name the gazetteer knows outright wins
            strong = [g for g in inside if self._strong(g)]
            return strong or [self._typed(doc, m, [])]
        if self._is_list(doc, m, within):
            return within  # "Iraq and Syria" read as one name
        head = self._with_region_head(doc, m, within) or self._after_direction(doc, m, within)
        if head is not None:
            return [head]
        return [] if m.label_ == "NORP" else [self._typed(doc, m, within)]

    def _model_wins(self, doc: Doc, m: Span, g: Span) -> bool:
        """A person or organization the model reads where the gazetteer has a town of that name wins only
        when the document names it in full elsewhere ("Mariana dos Santos Ferreira ... Santos said"):
        the model's person and organization labels on lone names are often places ("Kano", "Lyon")."""
        if self._strong(g) or m.label_ not in ("PERSON", "ORG"):
            return False
        if m.start > 0 and doc[m.start - 1].lower_ in self.knowledge.lexicons.words("locativePrepositions"):
            return False
        words = {t.lower_ for t in m}
        return any(text != m.text and words <= longer for text, longer in self._actors)

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
        if len(within) != 1:
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

    def _cue_class(self, doc: Doc, m: Span) -> str | None:
        """The class a name's head word gives: "X Stadium", "X International Airport", "Gulf of X", "Centre for X"."""
        cues = self.knowledge.lexicons.cues
        lower = [t.lower_ for t in m]
        for k in range(1, len(lower)):
            hit = cues.match(lower, k)
            if hit and k + hit[0] == len(lower):
                return str(hit[1])
        hit = cues.match(lower, 0)
        if hit and hit[0] < len(lower) and lower[hit[0]] in ("of", "for", "de", "du", "des"):
            return str(hit[1])
        return None

    def _prefix_class(self, doc: Doc, m: Span) -> str | None:
        """The class a prefix gives the name after it: "Port Everglades" a place, "RAF Brize Norton" and
        "HMS Defender" a facility (a base, a ship); None when no name follows the prefix, or when the name
        is a weapon's ("RAF Typhoon jets")."""
        lex = self.knowledge.lexicons
        lower = [t.lower_ for t in doc[m.start:min(len(doc), m.end + 1)]]
        for cls, lists in (("Place", ("placePrefixes",)), ("Facility", ("facilityPrefixes", "vesselPrefixes"))):
            n = prefix_length(lower[:len(m)], frozenset().union(*(lex.words(w) for w in lists)))
            if n and not lex.instruments.match(lower, n) and not (len(lower) > len(m) and lex.instruments.match(lower, len(m))):
                return cls
        return None

    def _after_direction(self, doc: Doc, m: Span, within: list[Span]) -> Span | None:
        """"Northern Aleppo", "Greater Khartoum": the known place after a direction word."""
        directions = self.knowledge.lexicons.words("directionWords")
        if len(within) == 1 and within[0].end == m.end and all(doc[k].lower_ in directions for k in range(m.start, within[0].start)):
            return within[0]
        return None

    def _typed(self, doc: Doc, m: Span, within: list[Span]) -> Span:
        """The model's span, typed by its head word or else its label, acting for the first country named inside it."""
        cls = (self._cue_class(doc, m) if m.label_ != "PERSON" else None) or self._prefix_class(doc, m)
        label = (self.onto.ner_label(cls) or m.label_) if cls else m.label_
        span = Span(doc, m.start, m.end, label=label)
        span._.kg_class = cls or self.onto.class_for_label(m.label_) or "Place"
        span._.kg_guess = cls is None
        span._.kg_country = next((g._.kg_country for g in within if g._.kg_class == "Country" and g._.kg_country), None)
        return span

    def _alone(self, g: Span, proper: Callable[[Span], bool]) -> bool:
        """A gazetteer name the model did not read as a name: trusted when it is a country, a demonym or
        a lexicon entry, and for the world's places only when the tagger calls it a proper noun."""
        return self._strong(g) or proper(g)


def prefix_length(lower: list[str], prefixes: frozenset[str]) -> int:
    """How many of the words start with the longest of the prefixes (phrases, space-separated), when a
    capitalised name follows it; 0 when none does."""
    best = 0
    for n in range(1, len(lower)):
        if " ".join(lower[:n]) in prefixes:
            best = n
    return best


def _proper_noun_test(doc: Doc) -> Callable[[Span], bool]:
    if not doc.has_annotation("TAG"):
        return lambda span: True
    return lambda span: span[-1].tag_ in ("NNP", "NNPS")


def _through_particles(doc: Doc, end: int, particles: frozenset[str]) -> int:
    """"Katharina von der" + "Heyde": a personal name does not end on its particles."""
    def name_word(k: int) -> bool:  # a capitalised word the model read as no date or number ("on Sunday")
        return k < len(doc) and doc[k].text[:1].isupper() and doc[k].ent_type_ in ("", "PERSON")

    inner = particles - NOT_INNER
    k = end
    while k < len(doc) and doc[k].lower_ in inner:
        k += 1
    if k > end and name_word(k):
        return k + 1
    if doc[end - 1].lower_ in inner and name_word(end):
        return end + 1
    return end


def _with_ordinals(doc: Doc, model: list[Span]) -> list[Span]:
    """"the 82nd Airborne Division": an ordinal the model read apart joins the unit it numbers."""
    out: list[Span] = []
    for e in model:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "ORDINAL" and prev.end == e.start and e.label_ == "ORG" \
                and any(c.isdigit() for c in prev.text):
            out[-1] = Span(doc, prev.start, e.end, label="ORG")
        else:
            out.append(e)
    return out
