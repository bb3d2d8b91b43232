"""The kg_name_finder component: proper names no gazetteer knows, typed from their context.

It scans runs of capitalised words (with name particles such as al-, bin, de, van) and types a run
by its head word ("... Ministry", "... Forces", "... College" are organizations; "... gas field",
"... airport", "crossing of ..." are places), by a place context ("X, Y Governorate", a list of
known places), and picks up acronyms defined in the text ("Syrian Democratic Forces (SDF)").
People are left to kg_role_finder, which sees titles and roles.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .extensions import get_ents, set_ents, token_arrays
from .gazetteer_matcher import JOINERS, PARTICLES, label_for
from .gazetteer import PLACE_CLASSES
from .lexicon import LexiconUser

__all__ = ["NameFinder", "make_name_finder"]

NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december i we he she they it this that these those what who when where "
    "why how mr mrs ms".split()
)
PLACE_PREPS = frozenset({"in", "near", "into", "toward", "towards", "outside", "around"})
PLACE_OF = frozenset({"city", "town", "village", "province", "governorate", "region", "crossing", "port",
                      "district", "area", "outskirts", "suburb", "camp"})
PLACE_CUE_CLASSES = PLACE_CLASSES | {"Place"}
COMMON_ZIPF = 3.6
BACKED_HEADS = frozenset({"groups", "group", "forces", "force", "militias", "militia", "fighters", "rebels",
                          "proxies", "factions"})


def _cap(text: str) -> bool:
    return text[:1].isupper()


@Language.factory("kg_name_finder", assigns=["doc.ents"], requires=["doc.sents"], default_config={})
def make_name_finder(nlp: Language, name: str) -> NameFinder:
    """Build the name finder; its word lists come from ontology/lexicon/ (cues.ttl, roles.ttl)."""
    return NameFinder(nlp, name)


class NameFinder(LexiconUser):
    """Finds and types capitalised names the gazetteer missed."""

    def __init__(self, nlp: Language, name: str = "kg_name_finder") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        from wordfreq import zipf_frequency

        lex = self.lex
        arrays = token_arrays(doc)
        texts, lower, space, sent_start = arrays.texts, arrays.lower, arrays.space, arrays.sent_start
        n = len(texts)
        ent_at: dict[int, Span] = {}
        for e in get_ents(doc):
            for k in range(e.start, e.end):
                ent_at[k] = e
        new: list[Span] = []

        role_starts = lex.roles.by_first.keys() | lex.ranks.by_first.keys() | lex.honorifics.by_first.keys()

        def is_role(k: int) -> bool:
            if lower[k] not in role_starts:
                return False
            return any(tab.match(lower, k) for tab in (lex.roles, lex.ranks, lex.honorifics)) and k not in ent_at

        def name_token(k: int) -> bool:
            t = texts[k]
            if k in ent_at:
                return ent_at[k].label_ != "PERSON"
            if not _cap(t) or lower[k] in NOT_NAMES or is_role(k):
                return False
            return True

        i = 0
        while i < n:
            if not name_token(i):
                i += 1
                continue
            # sentence-initial everyday words ("Convoys", "Describing") are not names
            if sent_start[i] and i not in ent_at and zipf_frequency(lower[i], "en") >= COMMON_ZIPF:
                i += 1
                continue
            j = i + 1
            while j < n:
                if name_token(j):
                    j += 1
                elif (texts[j] in JOINERS and j + 1 < n and not space[j - 1] and not space[j]):
                    j += 1
                elif lower[j] in PARTICLES and lower[j] not in ("of", "the", "and", "for", "on") and j + 1 < n and (
                        _cap(texts[j + 1]) or (texts[j + 1] in JOINERS and j + 2 < n and _cap(texts[j + 2]))):
                    j += 1
                else:
                    break
            while j > i and not any(c.isalnum() for c in texts[j - 1]):
                j -= 1
            span = self._type_run(doc, i, j, texts, lower, ent_at)
            if span is not None:
                new.append(span)
                i = max(span.end, i + 1)
            else:
                i = j
        new += self._backed(doc, lower, ent_at)
        if new:
            set_ents(doc, filter_spans([*new, *get_ents(doc)]))
        self._acronyms(doc, texts)
        return doc

    def _type_run(self, doc: Doc, i: int, j: int, texts: list[str], lower: list[str],
                  ent_at: dict[int, Span]) -> Span | None:
        lex = self.lex
        n = len(texts)
        known = {id(ent_at[k]) for k in range(i, j) if k in ent_at}
        whole_known = (len(known) == 1 and i in ent_at and ent_at.get(i) is ent_at.get(j - 1)
                       and ent_at[i].start == i and ent_at[i].end == j)
        # 0. a capitalised feature word ends the run: "Black Sea", "Suez Canal", "Bab al-Mandab Strait"
        last = lex.cues.match(lower, j - 1)
        if last and last[0] == 1 and last[1] == "Place" and _cap(texts[j - 1]) and j - i >= 2 and not whole_known:
            return self._span(doc, i, j, "Place", ent_at)
        # 1. an organization head word ends the run: "Iranian Foreign Ministry", "Imam Hussain Military College"
        for start in range(i, j):
            hit = lex.cues.match(lower, start)
            if hit and start + hit[0] == j and hit[1] not in PLACE_CUE_CLASSES:
                if whole_known or start == i:
                    return None
                while i > 0 and texts[i - 1][:1].isupper() and (lex.honorifics.match(lower, i - 1) or lex.ranks.match(lower, i - 1)):
                    i -= 1
                end = j
                # "Ministry of Foreign Affairs": extend over "of" to words no gazetteer knows
                if end + 1 < n and lower[end] == "of" and _cap(texts[end + 1]) and (end + 1) not in ent_at:
                    k = end + 1
                    while k < n and _cap(texts[k]) and k not in ent_at and not lex.cues.match(lower, k):
                        k += 1
                    end = k
                return self._span(doc, i, end, hit[1], ent_at)
        # 2. a place head word follows: "Koniko gas field", "Kharab al-Jir military airport", "Al-Tanf region"
        k = j
        while k < n and k < j + 2 and lower[k] in ("military", "air", "naval", "border", "army", "oil", "gas"):
            k += 1
        hit = lex.cues.match(lower, k) if k < n else None
        if hit is None and k > j:
            hit = lex.cues.match(lower, j)
            k = j
        if hit and hit[1] in PLACE_CUE_CLASSES and not _cap(texts[k]) or (hit and hit[1] in PLACE_CUE_CLASSES and k == j):
            cls = hit[1]
            if whole_known and ent_at[i]._.kg_class == "Country":
                return None  # "US base", "Syrian oil fields": generic, not a name
            if whole_known and ent_at[i]._.kg_class in PLACE_CUE_CLASSES:
                if cls == "Facility" and ent_at[i]._.kg_class != "Facility":
                    return self._span(doc, i, k + hit[0], "Facility", ent_at)  # "Damascus airport"
                return None
            if whole_known:
                return None
            if cls == "Facility":
                return self._span(doc, i, k + hit[0], cls, ent_at)
            return self._span(doc, i, j, cls if cls != "Settlement" else "Settlement", ent_at)
        if whole_known:
            return None
        # 3. "crossing of X", "city of X"
        prev = lower[i - 1] if i > 0 else ""
        prev2 = lower[i - 2] if i > 1 else ""
        if prev == "of" and prev2 in PLACE_OF:
            return self._span(doc, i, j, "Facility" if prev2 in ("crossing", "port", "camp") else "Place", ent_at)
        # an acronym defined right after it names an organization: "Sinjar Resistance Units (YBS)"
        if j + 2 < n and texts[j] == "(" and texts[j + 1].isupper() and texts[j + 2] == ")" and j - i >= 2:
            return self._span(doc, i, j, "Organization", ent_at)
        if known:
            return None
        # 4. next to known places: "Al-Yaarubiyah, Al-Hasakah Governorate", "provinces of A, B, and C"
        after = j + 1 if j < n and texts[j] == "," else None
        if after is not None and after in ent_at and ent_at[after]._.kg_class in PLACE_CUE_CLASSES - {"Country"}:
            return self._span(doc, i, j, "Place", ent_at)
        if prev == "," and i > 1 and (i - 2) in ent_at and ent_at[i - 2]._.kg_class in PLACE_CUE_CLASSES - {"Country"} \
                and (after is not None or (j < n and lower[j] == "and")):
            return self._span(doc, i, j, "Place", ent_at)
        # 5. "in X", "near X": an unknown name after a place preposition is a place
        if prev in PLACE_PREPS and not token_arrays(doc).sent_start[i] and not (j < n and lex.cues.match(lower, j)):
            return self._span(doc, i, j, "Place", ent_at)
        return None

    def _backed(self, doc: Doc, lower: list[str], ent_at: dict[int, Span]) -> list[Span]:
        """"Iran-backed groups", "US-backed forces": armed groups named by their backer."""
        out = []
        for k in range(len(doc) - 3):
            e = ent_at.get(k)
            if e is None or e.end != k + 1 or e.label_ not in ("GPE", "NORP", "ORG"):
                continue
            j = k + 1
            if lower[j] == "-" and lower[j + 1] == "backed":
                j += 2
                while j < len(doc) and lower[j] in ("”", '"', "’", "armed", "militant"):
                    j += 1
                if j < len(doc) and lower[j] in BACKED_HEADS:
                    span = Span(doc, e.start, j + 1, label="ORG")
                    span._.kg_class = "ArmedGroup"
                    span._.kg_country = e._.kg_country
                    out.append(span)
        return out

    def _span(self, doc: Doc, start: int, end: int, cls: str, ent_at: dict[int, Span]) -> Span:
        span = Span(doc, start, end, label=label_for(cls))
        span._.kg_class = cls
        for k in range(start, end):
            e = ent_at.get(k)
            if e is not None and e.label_ in ("GPE", "NORP") and e._.kg_class == "Country":
                span._.kg_country = e._.kg_country
                break
        return span

    def _acronyms(self, doc: Doc, texts: list[str]) -> None:
        """"Long Name (ACR)": ACR becomes an alias of the long name, everywhere in the document."""
        aliases: dict[str, Span] = dict(doc._.kg_aliases or {})
        ents = list(get_ents(doc))
        for e in ents:
            k = e.end
            if k + 2 < len(doc) and texts[k] in ("(", "[") and texts[k + 2] in (")", "]"):
                acr = texts[k + 1]
                if acr.isupper() and 2 <= len(acr) <= 8 and e.label_ in ("ORG", "FAC", "LOC", "GPE"):
                    aliases.setdefault(acr, e)
        if not aliases:
            return
        occupied = {k for e in ents for k in range(e.start, e.end)}
        add = []
        for i, text in enumerate(texts):
            long = aliases.get(text)
            if long is not None and i not in occupied:
                span = Span(doc, i, i + 1, label=long.label_, kb_id=long.kb_id_)
                span._.kg_class = long._.kg_class
                span._.kg_country = long._.kg_country
                add.append(span)
        if add:
            set_ents(doc, filter_spans([*ents, *add]))
        doc._.kg_aliases = {k: v.text for k, v in aliases.items()}
