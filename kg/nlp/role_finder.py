"""The kg_role_finder component: people, their titles and who they speak for.

"Iranian Foreign Ministry Spokesperson Nasser Kanaani", "CENTCOM spokesperson Colonel Joe Buccino",
"US Defense Secretary Lloyd Austin": an optional organization or country, a role, optional ranks
and honorifics, then a capitalised name, which becomes a PERSON entity. Appositions
("Lloyd Austin, the US defence secretary,") work the same way. Later mentions of a surname
("Buccino said") are the same person. Results: doc._.kg_roles = [(person, role, org), ...] as
token offsets.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .extensions import get_ents, set_ents, token_arrays
from .gazetteer_matcher import JOINERS, PARTICLES
from .lexicon import LexiconUser
from .name_finder import NOT_NAMES

__all__ = ["RoleFinder", "make_role_finder"]

ROLE_MODIFIERS = frozenset({"military", "chief", "senior", "top", "deputy", "acting", "caretaker", "former", "interim",
                            "official", "army", "regional", "local", "foreign", "defence", "defense", "press",
                            "spokesman", "spokeswoman"} - {"foreign", "defence", "defense", "spokesman", "spokeswoman"})
SPEECH = frozenset({"said", "says", "told", "added", "stressed", "noted", "warned", "claimed", "announced",
                    "wrote", "explained", "insisted", "confirmed", "denied"})


@Language.factory("kg_role_finder", assigns=["doc.ents", "doc._.kg_roles"], default_config={"max_name_words": 4})
def make_role_finder(nlp: Language, name: str, max_name_words: int) -> RoleFinder:
    """Build the role finder. max_name_words (int): longest personal name read after a title."""
    return RoleFinder(nlp, name, max_name_words=max_name_words)


class RoleFinder(LexiconUser):
    """Finds people from titles, appositions and speech verbs, and their affiliations."""

    def __init__(self, nlp: Language, name: str = "kg_role_finder", *, max_name_words: int = 4) -> None:
        self.name = name
        self.max_name_words = max_name_words

    def _name_after(self, doc: Doc, k: int, ent_at: dict[int, Span]) -> int:
        """End of a personal name starting at token k (k itself when there is none)."""
        arrays = token_arrays(doc)
        texts = arrays.texts[k:k + self.max_name_words * 2]
        j = 0
        words = 0
        while j < len(texts) and words < self.max_name_words:
            t = texts[j]
            pos = k + j
            e = ent_at.get(pos)
            if e is not None and e.label_ not in ("PERSON", "GPE", "LOC") and e.label_ != "":
                break
            if t[:1].isupper() and t.lower() not in NOT_NAMES and not t.isupper():
                words += 1
                j += 1
            elif t in JOINERS and j + 1 < len(texts) and not arrays.space[pos - 1] and words:
                j += 1
            elif t.lower() in PARTICLES - {"of", "the", "and", "for", "on"} and words and j + 1 < len(texts) and (
                    texts[j + 1][:1].isupper() or (texts[j + 1] in JOINERS and j + 2 < len(texts) and texts[j + 2][:1].isupper())):
                j += 1
            else:
                break
        while j > 0 and not texts[j - 1][:1].isalnum():
            j -= 1
        return k + j

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lex
        arrays = token_arrays(doc)
        lower = arrays.lower
        n = len(doc)
        ents = list(get_ents(doc))
        ent_at = {k: e for e in ents for k in range(e.start, e.end)}
        people: list[Span] = []
        roles: list[tuple[int, int, str, int | None, int | None]] = []
        i = 0
        starts = lex.roles.by_first.keys() | lex.ranks.by_first.keys() | lex.honorifics.by_first.keys()
        while i < n:
            if lower[i] not in starts:
                i += 1
                continue
            hit = lex.roles.match(lower, i) or lex.ranks.match(lower, i) or lex.honorifics.match(lower, i)
            if hit is None or (i in ent_at and ent_at[i].label_ in ("ORG", "PERSON")):
                i += 1
                continue
            role_start, role_end = i, i + hit[0]
            k = role_end
            while k < n:  # "spokesperson Colonel Joe Buccino"
                more = lex.ranks.match(lower, k) or lex.honorifics.match(lower, k)
                if more is None:
                    break
                k += more[0]
            end = self._name_after(doc, k, ent_at)
            if end > k and (end - k >= 2 or doc[k].text[:1].isupper()):
                person = Span(doc, k, end, label="PERSON")
                person._.kg_class = "Person"
                people.append(person)
                # "IDF chief spokesperson", "Lebanon's caretaker Prime Minister": skip modifiers back to the org
                j = role_start - 1
                while j >= 0 and lower[j] in ROLE_MODIFIERS:
                    j -= 1
                if j >= 0 and lower[j] in ("'s", "’s"):
                    j -= 1
                org = ent_at.get(j) if j >= 0 else None
                role = doc[role_start:role_end].text if lex.roles.match(lower, role_start) else None
                if role is None and k > role_end:
                    role = doc[role_end:k].text
                role = role or doc[role_start:role_end].text
                roles.append((k, end, role, org.start if org is not None and org.label_ in ("ORG", "GPE", "NORP") else None,
                               org.end if org is not None and org.label_ in ("ORG", "GPE", "NORP") else None))
                i = end
                continue
            i += 1
        # "Amina Yusuf, spokesperson for ...": an unknown two- or three-word name before an appositive role
        for k in range(2, n - 1):
            if lower[k] != ",":
                continue
            j = k + 1 + (lower[k + 1] in ("the", "a", "an"))
            org = ent_at.get(j)
            if org is not None and org.label_ in ("ORG", "GPE", "NORP"):
                j = org.end + (org.end < n and lower[org.end] in ("'s", "’s"))
            while j < n and lower[j] in ROLE_MODIFIERS:
                j += 1
            if j >= n or not lex.roles.match(lower, j):
                continue
            start = k
            while start > 0 and k - start < 3 and arrays.texts[start - 1][:1].isupper() and (
                    (start - 1) not in ent_at or (ent_at[start - 1].label_ in ("GPE", "LOC") and len(ent_at[start - 1]) == 1)) \
                    and lower[start - 1] not in NOT_NAMES:
                start -= 1
            if k - start >= 2:
                person = Span(doc, start, k, label="PERSON")
                person._.kg_class = "Person"
                people.append(person)
        # "Lloyd Austin, the US defence secretary," and "Kanaani, a spokesperson for the ministry"
        for e in [*ents, *people]:
            if e.label_ != "PERSON" or e.end + 2 >= n or doc[e.end].text != ",":
                continue
            k = e.end + 1
            if lower[k] in ("the", "a", "an"):
                k += 1
            org = ent_at.get(k)
            if org is not None and org.label_ in ("ORG", "GPE", "NORP"):
                k = org.end + (k < n - 1 and lower[org.end] in ("'s", "’s"))  # "MSF's head of ..."
            else:
                org = None
            # "the chief negotiator and spokesman of Ansarallah": the role may come a few words in
            hit = None
            for _ in range(4):
                while k < n and lower[k] in ROLE_MODIFIERS:
                    k += 1
                hit = lex.roles.match(lower, k) if k < n else None
                if hit or k >= n or lower[k] in (",", ".", ";") or k in ent_at:
                    break
                k += 1
            if hit:
                after = k + hit[0]
                while after + 1 < n and lower[after] == "and" and lex.roles.match(lower, after + 1):
                    after += 1 + lex.roles.match(lower, after + 1)[0]  # "negotiator and spokesman of X"
                if org is None and after + 1 < n and lower[after] in ("for", "of", "at"):
                    j = after + 1 + (lower[after + 1] == "the")
                    org = ent_at.get(j) if ent_at.get(j) is not None and ent_at[j].label_ in ("ORG", "GPE", "NORP") else None
                roles.append((e.start, e.end, doc[k:after].text,
                              org.start if org is not None else None, org.end if org is not None else None))
        # "The RSF, led by General Mohamed Hamdan Dagalo"
        for e in [*ents, *people]:
            if e.label_ != "PERSON" or e.start < 4:
                continue
            k = e.start - 1
            while k > 0 and (lex.ranks.match(lower, k) or lex.honorifics.match(lower, k)):
                k -= 1
            if lower[k] == "by" and lower[k - 1] in ("led", "headed", "commanded"):
                j = k - 2 if lower[k - 2] != "," else k - 3
                org = ent_at.get(j)
                if org is not None and org.label_ == "ORG":
                    roles.append((e.start, e.end, "leader", org.start, org.end))
        if people:
            set_ents(doc, filter_spans([*people, *ents]))
        self._surnames(doc)
        doc._.kg_roles = roles
        return doc

    def _surnames(self, doc: Doc) -> None:
        """A person's surname alone later in the text is the same person."""
        ents = list(get_ents(doc))
        surnames = {}
        for e in ents:
            if e.label_ == "PERSON" and len(e) >= 2:
                surnames.setdefault(e[-1].text, e)
        if not surnames:
            return
        add = []
        taken = {k for e in ents if e.label_ != "GPE" or len(e) > 1 for k in range(e.start, e.end)}
        for i, text in enumerate(token_arrays(doc).texts):
            full = surnames.get(text)
            if full is not None and i not in taken and not (full.start <= i < full.end):
                span = Span(doc, i, i + 1, label="PERSON")
                span._.kg_class = "Person"
                add.append(span)
        if add:
            keep = [e for e in ents if not any(a.start < e.end and e.start < a.end for a in add)]
            set_ents(doc, filter_spans([*keep, *add]))
