"""The kg_name_finder component: proper names no gazetteer knows, typed from their context.

It scans runs of capitalised words (with name particles such as al-, bin, de, van) and types a run
by its head word ("... Ministry", "... Forces", "... College" are organizations; "... gas field",
"... airport", "crossing of ..." are places), by a place context ("X, Y Governorate", a list of
known places), and picks up acronyms defined in the text ("Syrian Democratic Forces (SDF)").
People are left to kg_role_finder, which sees titles and roles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .component import KnowledgeComponent
from .extensions import get_ents, not_name_tokens, set_ents, token_arrays

__all__ = ["NameFinder", "make_name_finder"]

_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
COMMON_ZIPF = 3.6  # sentence-initial words at least this frequent are everyday words, not names
NOT_INNER = frozenset({"of", "the", "and", "for", "on"})  # particles that do not continue a bare name run


REPEATED_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _one_sense(doc: Doc, ents: list[Span]) -> list[Span]:
    """One word read as a place in one sentence and as a person in others is the place, when no person of
    the text has it as a surname ("fighting in Janzour", "calm returned to Janzour")."""
    places = {e.text: e for e in ents if len(e) == 1 and e.label_ in PLACE_LABELS}
    surnames = {e[-1].text for e in ents if len(e) > 1 and e.label_ == "PERSON"}
    if not places:
        return ents
    out = []
    for e in ents:
        place = places.get(e.text) if len(e) == 1 and e.label_ == "PERSON" and e.text not in surnames else None
        if place is not None:
            e = Span(doc, e.start, e.end, label=place.label_, kb_id=place.kb_id_)
            e._.kg_class, e._.kg_country = place._.kg_class, place._.kg_country
        out.append(e)
    return out


def _initials_match(acronym: str, name: str) -> bool:
    """The acronym's letters are the initials of the name's words, in order, some words skipped ("DRC")."""
    initials = [w[0].upper() for w in name.replace("-", " ").split() if w[:1].isalpha()]
    it = iter(initials)
    return all(ch in it for ch in acronym)


def _cap(text: str) -> bool:
    return text[:1].isupper()


NOT_NAME_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "SCONJ", "CCONJ", "DET", "PRON"})
"""Parts of speech (from a trained tagger) of a sentence's first word that make it no start of a name."""


@dataclass
class _Run:
    """A run of capitalised tokens [i, j) and what is around it."""

    doc: Doc
    i: int
    j: int
    texts: list[str]
    lower: list[str]
    ent_at: dict[int, Span]

    @property
    def whole_known(self) -> bool:
        e = self.ent_at.get(self.i)
        return e is not None and e.start == self.i and e.end == self.j and not e._.kg_guess

    @property
    def guessed(self) -> Span | None:
        """The trained NER's span that is this whole run, when its type is only the model's label."""
        e = self.ent_at.get(self.i)
        return e if e is not None and e.start == self.i and e.end == self.j and e._.kg_guess else None

    @property
    def known(self) -> bool:
        return any(k in self.ent_at and not self.ent_at[k]._.kg_guess for k in range(self.i, self.j))

    def word(self, k: int) -> str:
        return self.lower[k] if 0 <= k < len(self.lower) else ""


@Language.factory("kg_name_finder", assigns=["doc.ents"], requires=["doc.sents"], default_config={})
def make_name_finder(nlp: Language, name: str) -> NameFinder:
    """Build the name finder; its word lists come from ontology/lexicon/ (cues.ttl, roles.ttl, words.ttl)."""
    return NameFinder(name)


class NameFinder(KnowledgeComponent):
    """Finds and types capitalised names the gazetteer missed."""

    def __call__(self, doc: Doc) -> Doc:
        arrays = token_arrays(doc)
        ent_at = {k: e for e in get_ents(doc) for k in range(e.start, e.end)}
        names = self._name_tokens(doc, ent_at)
        tagged = doc.has_annotation("POS")
        new: list[Span] = []
        after = 0
        for i in sorted(names):  # a run starts at a name token
            if i < after or not self._starts_name(doc, i, ent_at, tagged=tagged):
                continue
            j = self._run_end(doc, i, names)
            if j == i:
                continue
            span = self._type_run(_Run(doc, i, j, arrays.texts, arrays.lower, ent_at))
            if span is None:
                after = j
                continue
            new.append(span)
            after = max(span.end, i + 1)
        new += self._backed(doc, arrays.lower, ent_at)
        new += self._prefixed_places(doc, ent_at, names)
        new += self._spelled_out_prefixes(doc, ent_at, names)
        if new:
            set_ents(doc, filter_spans([*new, *get_ents(doc)]))
        self._acronyms(doc, arrays.texts)
        self._repeats(doc, arrays.texts)
        return doc

    # -- runs ------------------------------------------------------------------------------------

    def _is_role(self, lower: list[str], k: int) -> bool:
        lex = self.knowledge.lexicons
        return lower[k] in lex.role_words and any(tab.match(lower, k) for tab in (lex.roles, lex.ranks, lex.honorifics))

    def _not_names(self) -> frozenset[str]:
        return self.knowledge.lexicons.union("notNames", "months", "weekdays")

    def _name_tokens(self, doc: Doc, ent_at: dict[int, Span]) -> frozenset[int]:
        """Tokens that can be part of a name: a known name other than a person's, or a capitalised word that is
        no everyday function word, month, role or rank."""
        arrays = token_arrays(doc)
        not_names, not_here = self._not_names(), not_name_tokens(doc)
        known = {k for k, e in ent_at.items() if e.label_ != "PERSON" or e._.kg_guess}
        capitalised = (k for k, t in enumerate(arrays.texts) if t[:1].isupper() and k not in ent_at)
        return frozenset(known.union(k for k in capitalised if arrays.lower[k] not in not_names and k not in not_here
                                     and not self._is_role(arrays.lower, k)))

    def _starts_name(self, doc: Doc, i: int, ent_at: dict[int, Span], *, tagged: bool) -> bool:
        """A name token (see _name_tokens) starts a name, unless a sentence starts with an everyday word
        ("Convoys", "Describing")."""
        from wordfreq import zipf_frequency

        arrays = token_arrays(doc)
        if not arrays.sent_start[i] or i in ent_at:
            return True
        if tagged and doc[i].pos_ in NOT_NAME_POS:
            return False  # "Headquartered at Fort Bragg, ...": a verb opening the sentence, however rare
        return zipf_frequency(arrays.lower[i], "en") < COMMON_ZIPF

    def _run_end(self, doc: Doc, i: int, names: frozenset[int]) -> int:
        """End of the run of name tokens, joiners and inner particles that starts at i."""
        arrays = token_arrays(doc)
        texts, lower, space, n = arrays.texts, arrays.lower, arrays.space, len(doc)
        joiners = self.knowledge.lexicons.words("nameJoiners")
        particles = self.knowledge.lexicons.words("nameParticles") - NOT_INNER
        j = i + 1
        while j < n:
            if j in names or (texts[j] in joiners and j + 1 < n and not space[j - 1] and not space[j]):
                j += 1
            elif lower[j] in particles and j + 1 < n and (
                    _cap(texts[j + 1]) or (texts[j + 1] in joiners and j + 2 < n and _cap(texts[j + 2]))):
                j += 1
            else:
                break
        while j > i and not any(c.isalnum() for c in texts[j - 1]):
            j -= 1
        return j

    # -- typing a run ----------------------------------------------------------------------------

    def _type_run(self, r: _Run) -> Span | None:
        if r.lower[r.i] in self.knowledge.lexicons.words("eventNameHeads"):
            return None  # "Operation Market Garden" names an operation, no actor or place
        if r.j - r.i == 1 and r.lower[r.i] in self.knowledge.lexicons.words("languages"):
            return None  # "known as Qamishlo in Kurdish": a language, no place
        for rule in (self._feature_name, self._org_head, self._place_head):
            found = rule(r)
            if found is not False:
                return found  # type: ignore[return-value]
        if r.whole_known:
            return None
        return self._by_context(r)

    def _feature_name(self, r: _Run) -> Span | None | bool:
        """"Black Sea", "Suez Canal", "Tapa Camp": a capitalised feature or facility word ends the run."""
        if " ".join(r.lower[r.i:r.j]) in self.knowledge.lexicons.words("facilityPrefixes"):
            return None  # "Forward Operating Base (FOB)": the kind of base, no name
        last = self.knowledge.lexicons.cues.match(r.lower, r.j - 1)
        if last and last[0] == 1 and last[1] in ("Place", "Facility") and _cap(r.texts[r.j - 1]) and r.j - r.i >= 2 and not r.whole_known:
            return self._span(r.doc, r.i, r.j, "Place", r.ent_at)
        return False

    def _org_head(self, r: _Run) -> Span | None | bool:
        """"Iranian Foreign Ministry", "Ministry of Foreign Affairs": an organization head word ends the run."""
        lex, onto = self.knowledge.lexicons, self.knowledge.ontology
        for start in range(r.i, r.j):
            hit = lex.cues.match(r.lower, start)
            if not hit or start + hit[0] != r.j or onto.is_a(str(hit[1]), "Place"):
                continue
            of_place = self._of_place(r, r.j)
            if r.whole_known or (start == r.i and of_place is None):
                return None  # a head word alone ("the Ministry") is no name; "Government of Iraq" is
            i = r.i
            while i > 0 and _cap(r.texts[i - 1]) and (lex.honorifics.match(r.lower, i - 1) or lex.ranks.match(r.lower, i - 1)):
                i -= 1
            if i > 0 and _ORDINAL.fullmatch(r.lower[i - 1]):
                i -= 1  # "the 101st Airborne Division"
            end = r.j
            if of_place is not None:
                end = of_place
            elif end + 1 < len(r.texts) and r.lower[end] == "of" and _cap(r.texts[end + 1]) and end + 1 not in r.ent_at:
                end += 1
                while end < len(r.texts) and _cap(r.texts[end]) and end not in r.ent_at and not lex.cues.match(r.lower, end):
                    end += 1
            return self._span(r.doc, i, end, str(hit[1]), r.ent_at)
        return False

    def _of_place(self, r: _Run, k: int) -> int | None:
        """"Government of Iraq", "Ministry of Defence of Ukraine": the end of "of" + a known country or place."""
        if k + 1 >= len(r.texts) or r.lower[k] != "of":
            return None
        e = r.ent_at.get(k + 1)
        return e.end if e is not None and e.start == k + 1 and e.label_ in ("GPE", "LOC") and not e._.kg_guess else None

    def _place_head(self, r: _Run) -> Span | None | bool:
        """"Koniko gas field", "Kharab al-Jir military airport": a place head word follows the run."""
        lex, onto = self.knowledge.lexicons, self.knowledge.ontology
        k = r.j
        while k < len(r.texts) and k < r.j + 2 and r.lower[k] in lex.words("placeHeadModifiers"):
            k += 1
        hit = lex.cues.match(r.lower, k) if k < len(r.texts) else None
        if hit is None and k > r.j:
            hit, k = lex.cues.match(r.lower, r.j), r.j
        if not hit or not onto.is_a(str(hit[1]), "Place") or (_cap(r.texts[k]) and k != r.j):
            return False
        cls = str(hit[1])
        if r.whole_known:
            known = r.ent_at[r.i]._.kg_class
            if known != "Country" and onto.is_a(known, "Place") and cls == "Facility" and known != "Facility":
                return self._span(r.doc, r.i, k + hit[0], "Facility", r.ent_at)  # "Damascus airport"
            return None  # "US base", "Syrian oil fields": generic, not a name
        end = k + hit[0] if cls == "Facility" else r.j
        return self._span(r.doc, r.i, end, cls, r.ent_at)

    def _by_context(self, r: _Run) -> Span | None:
        """"crossing of X", "X (ACR)", "X, Y Governorate", "in X": what surrounds an unknown name types it."""
        words = self.knowledge.lexicons.words
        prev, prev2 = r.word(r.i - 1), r.word(r.i - 2)
        if prev == "of" and prev2 in words("placeOf"):
            return self._span(r.doc, r.i, r.j, "Facility" if prev2 in words("facilityOf") else "Place", r.ent_at)
        t = r.texts
        if r.j + 2 < len(t) and t[r.j] == "(" and t[r.j + 1].isupper() and t[r.j + 2] == ")" and r.j - r.i >= 2:
            return self._span(r.doc, r.i, r.j, "Organization", r.ent_at)
        if r.known:
            return None
        if self._among_places(r):
            return self._span(r.doc, r.i, r.j, "Place", r.ent_at)
        guess = r.guessed
        after_prep = prev in words("locativePrepositions") and not token_arrays(r.doc).sent_start[r.i] \
            and (guess is None or guess.label_ == "PERSON")  # "a stake in Vale" is no place
        if after_prep and not (r.j < len(t) and self.knowledge.lexicons.cues.match(r.lower, r.j)):
            return self._span(r.doc, r.i, r.j, "Place", r.ent_at)
        return None

    def _among_places(self, r: _Run) -> bool:
        """"Al-Yaarubiyah, Al-Hasakah Governorate", "the provinces of A, B, and C"."""
        onto = self.knowledge.ontology

        def local_place(k: int) -> bool:
            cls = r.ent_at[k]._.kg_class if k in r.ent_at else None
            return cls is not None and cls != "Country" and onto.is_a(cls, "Place")

        after = r.j + 1 if r.j < len(r.texts) and r.texts[r.j] == "," else None
        if after is not None and local_place(after):
            return True
        listed = r.word(r.j) == "and" or (after is not None and (local_place(after) or r.word(after) in ("and", "or")))
        return r.word(r.i - 1) == "," and r.i > 1 and local_place(r.i - 2) and listed  # not "Kharkiv, Ihor Terekhov, said"

    # -- other names -----------------------------------------------------------------------------

    def _backed(self, doc: Doc, lower: list[str], ent_at: dict[int, Span]) -> list[Span]:
        """"Iran-backed groups", "US-backed forces": armed groups named by their backer."""
        heads = self.knowledge.lexicons.words("backedHeads")
        out = []
        for k in range(len(doc) - 3):
            e = ent_at.get(k)
            if e is None or e.end != k + 1 or e.label_ not in ("GPE", "NORP", "ORG") or lower[k + 1:k + 3] != ["-", "backed"]:
                continue
            j = k + 3
            while j < len(doc) and lower[j] in ("”", '"', "’", "armed", "militant"):
                j += 1
            if j < len(doc) and lower[j] in heads:
                span = Span(doc, e.start, j + 1, label="ORG")
                span._.kg_class, span._.kg_country = "ArmedGroup", e._.kg_country
                out.append(span)
        return out

    def _prefixed_places(self, doc: Doc, ent_at: dict[int, Span], names: frozenset[int]) -> list[Span]:
        """"Mount Kenya", "Wadi Hajar", "Tal Tamr", "Ras al-Ayn", "Camp Lejeune", "HMS Defender": a place, base
        or ship prefix and the name after it are one place, not the name alone (a town or a country of that
        name) nor two fragments."""
        arrays = token_arrays(doc)
        texts, lower, n = arrays.texts, arrays.lower, len(doc)
        words = self.knowledge.lexicons.words
        of_prefixes, joiners = words("placeOfPrefixes"), words("nameJoiners")
        out = []
        for k in range(n - 1):
            if not _cap(texts[k]):
                continue
            size, cls = self._prefix_at(lower, k)
            if not size and lower[k] not in of_prefixes:
                continue
            known = ent_at.get(k)
            if known is not None and known.start == k and known.end > k + size and known.label_ != "PERSON" \
                    and not (cls == "Facility" and known._.kg_guess):
                continue  # the gazetteer or the model already reads the whole name ("Cape Town")
            j = k + max(size, 1)
            if lower[k] in of_prefixes and lower[k + 1] == "of":
                j = k + 2 + (k + 2 < n and lower[k + 2] == "the")  # "Gulf of Aden", "Isle of the Dead"
                cls = "Place"
            elif not size:
                continue
            elif j < n and texts[j] in joiners and j + 1 < n and not arrays.space[j - 1]:
                j += 1  # "Ras-al-Ayn"
            if j >= n:
                continue
            named_person = known is not None and known.label_ == "PERSON" and known.start == k  # "Tal Tamr" misread
            end = known.end if named_person and known is not None else \
                self._run_end(doc, j, names) if j in names else j
            head = self.knowledge.lexicons.cues.match(lower, end - 1) if end > j else None
            if head and not self.knowledge.ontology.is_a(str(head[1]), "Place"):
                continue  # "Port Authority", "Fort Worth Police" name organizations
            if end > j and not self._weapon(lower, j, end) \
                    and (named_person or all(ent_at[m].label_ != "PERSON" for m in range(j, end) if m in ent_at)):
                out.append(self._span(doc, k, end, cls, ent_at))
        return out

    def _spelled_out_prefixes(self, doc: Doc, ent_at: dict[int, Span], names: frozenset[int]) -> list[Span]:
        """"Forward Operating Base (FOB) Alpha", "Indian Naval Ship (INS) Vikrant": a base or ship prefix
        spelled out, its acronym in brackets and the name after it are one facility."""
        arrays = token_arrays(doc)
        texts, lower = arrays.texts, arrays.lower
        words = self.knowledge.lexicons.words
        prefixes = words("facilityPrefixes") | words("vesselPrefixes")
        out = []
        for k in range(1, len(doc) - 3):
            if texts[k] != "(" or texts[k + 2] != ")" or lower[k + 1] not in prefixes or not texts[k + 1].isupper():
                continue
            start = self._spelled_out(texts, k, texts[k + 1])
            if start is None or k + 3 not in names:
                continue
            end = self._run_end(doc, k + 3, names)
            if not self._weapon(lower, k + 3, end):
                out.append(self._span(doc, start, end, "Facility", ent_at))
        return out

    @staticmethod
    def _spelled_out(texts: list[str], k: int, acronym: str) -> int | None:
        """Where the capitalised words before token k that the acronym abbreviates start."""
        start = k
        while start > 0 and _cap(texts[start - 1]) and k - start < len(acronym) + 1:
            start -= 1
            if _initials_match(acronym, " ".join(texts[start:k])) and len(acronym) <= k - start:
                return start
        return None

    def _weapon(self, lower: list[str], start: int, end: int) -> bool:
        """"RAF Typhoon jets", "HMS Astute-class": the name names a weapon or a type, not a place."""
        instruments = self.knowledge.lexicons.instruments
        return bool(instruments.match(lower, start) or (end < len(lower) and instruments.match(lower, end)))

    def _prefix_at(self, lower: list[str], k: int) -> tuple[int, str]:
        """(words, class) of the longest place, base or ship prefix at k ("Mount", "Forward Operating Base",
        "HMS"); (0, "") when there is none."""
        words = self.knowledge.lexicons.words
        if lower[k] not in self.knowledge.lexicons.first_words("placePrefixes", "facilityPrefixes", "vesselPrefixes"):
            return 0, ""
        for size in range(4, 0, -1):
            phrase = " ".join(lower[k:k + size])
            if k + size >= len(lower) or not phrase:
                continue
            if phrase in words("placePrefixes"):
                return size, "Place"
            if phrase in words("facilityPrefixes") or phrase in words("vesselPrefixes"):
                return size, "Facility"
        return 0, ""

    def _span(self, doc: Doc, start: int, end: int, cls: str, ent_at: dict[int, Span]) -> Span:
        span = Span(doc, start, end, label=self.knowledge.ontology.ner_label(cls) or "LOC")
        span._.kg_class = cls
        for k in range(start, end):
            e = ent_at.get(k)
            if e is not None and e.label_ in ("GPE", "NORP") and e._.kg_class == "Country":
                span._.kg_country = e._.kg_country
                break
        return span

    @staticmethod
    def _repeats(doc: Doc, texts: list[str]) -> None:
        """A place or organization named once is that name wherever else the same words are written, as in a
        title-case headline the model read as common words ("... near Djibo")."""
        found = list(get_ents(doc))
        ents = _one_sense(doc, found)
        known: dict[tuple[str, ...], Span] = {}
        for e in ents:
            if e.label_ in REPEATED_LABELS and not e._.kg_guess and _cap(e.text):
                known.setdefault(tuple(texts[e.start:e.end]), e)
        occupied = {k for e in ents for k in range(e.start, e.end)}
        lengths: dict[str, list[int]] = {}  # first word -> lengths of the known names it starts, longest first
        for key in sorted(known, key=len, reverse=True):
            if len(key) not in lengths.setdefault(key[0], []):
                lengths[key[0]].append(len(key))
        add = []
        for i in (i for i, text in enumerate(texts) if text in lengths):
            for n in lengths[texts[i]]:
                same = known.get(tuple(texts[i:i + n])) if i + n <= len(texts) else None
                if same is not None and occupied.isdisjoint(range(i, i + n)):
                    span = Span(doc, i, i + n, label=same.label_, kb_id=same.kb_id_)
                    span._.kg_class, span._.kg_country = same._.kg_class, same._.kg_country
                    add.append(span)
                    occupied.update(range(i, i + n))
                    break
        if add or ents != found:
            set_ents(doc, filter_spans([*ents, *add]))

    def _acronyms(self, doc: Doc, texts: list[str]) -> None:
        """"Long Name (ACR)": ACR becomes an alias of the long name, everywhere in the document."""
        aliases: dict[str, Span] = dict(doc._.kg_aliases or {})
        ents = list(get_ents(doc))
        for e in ents:
            k = e.end
            if k + 2 < len(doc) and texts[k] in ("(", "[") and texts[k + 2] in (")", "]"):
                acr = texts[k + 1]
                if acr.isupper() and 2 <= len(acr) <= 8 and e.label_ in ("ORG", "FAC", "LOC", "GPE") \
                        and (e._.kg_class != "Country" or _initials_match(acr, e.text)):
                    aliases.setdefault(acr, e)  # "Iraq (ISI)" is no name of Iraq; "United Arab Emirates (UAE)" is
        if not aliases:
            return
        occupied = {k for e in ents for k in range(e.start, e.end)}
        add = []
        for i, text in enumerate(texts):
            long = aliases.get(text)
            if long is not None and i not in occupied:
                span = Span(doc, i, i + 1, label=long.label_, kb_id=long.kb_id_)
                span._.kg_class, span._.kg_country = long._.kg_class, long._.kg_country
                add.append(span)
        if add:
            set_ents(doc, filter_spans([*ents, *add]))
        doc._.kg_aliases = {k: v.text for k, v in aliases.items()}
