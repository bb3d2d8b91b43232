"""The kg_role_finder component: people, their titles and who they speak for.

"Iranian Foreign Ministry Spokesperson Nasser Kanaani", "CENTCOM spokesperson Colonel Joe Buccino",
"US Defense Secretary Lloyd Austin": an optional organization or country, a role, optional ranks
and honorifics, then a capitalised name, which becomes a PERSON entity. Appositions
("Lloyd Austin, the US defence secretary,") work the same way. Later mentions of a surname
("Buccino said") are the same person. Results: doc._.kg_roles = [(person, role, org), ...] as
token offsets.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .component import KnowledgeComponent
from .extensions import get_ents, set_ents, token_arrays
from .title_case import confirm_in_body

__all__ = ["RoleFinder", "make_role_finder", "RoleFact"]

RoleFact = tuple[int, int, str, int | None, int | None]  # person start, end, role, organization start, end
ORG_LABELS = ("ORG", "GPE", "NORP")
POSSESSIVE = ("'s", "’s")
ARTICLES = ("the", "a", "an")
NOT_INNER = frozenset({"of", "the", "and", "for", "on"})


def _initial(texts: list[str], j: int) -> bool:
    """A middle initial: "Q." or "Q" followed by "." and a capitalised word."""
    t = texts[j]
    single = len(t) == 1 and t.isupper() and j + 1 < len(texts) and texts[j + 1] == "."
    return (single or (len(t) == 2 and t[0].isupper() and t[1] == ".")) and \
        any(w[:1].isupper() for w in texts[j + 1:j + 3] if w != ".")


@dataclass
class _Work:
    doc: Doc
    lower: list[str]
    ents: list[Span]
    ent_at: dict[int, Span]
    people: list[Span] = field(default_factory=list)
    roles: list[RoleFact] = field(default_factory=list)

    def org_at(self, k: int, labels: tuple[str, ...] = ORG_LABELS) -> Span | None:
        e = self.ent_at.get(k)
        return e if e is not None and e.label_ in labels else None

    def add_person(self, start: int, end: int) -> None:
        person = Span(self.doc, start, end, label="PERSON")
        person._.kg_class = "Person"
        self.people.append(person)


@Language.factory("kg_role_finder", assigns=["doc.ents", "doc._.kg_roles"], default_config={"max_name_words": 4})
def make_role_finder(nlp: Language, name: str, max_name_words: int) -> RoleFinder:
    """Build the role finder. max_name_words (int): longest personal name read after a title."""
    return RoleFinder(name, max_name_words=max_name_words)


class RoleFinder(KnowledgeComponent):
    """Finds people from titles, appositions and speech verbs, and their affiliations."""

    def __init__(self, name: str = "kg_role_finder", *, max_name_words: int = 4) -> None:
        super().__init__(name)
        self.max_name_words = max_name_words

    def __call__(self, doc: Doc) -> Doc:
        ents = list(get_ents(doc))
        w = _Work(doc, token_arrays(doc).lower, ents, {k: e for e in ents for k in range(e.start, e.end)})
        self._titled(w)
        self._appositive_names(w)
        for e in [*w.ents, *w.people]:
            if e.label_ == "PERSON":
                self._appositive_role(w, e)
                self._led_by(w, e)
        merged = filter_spans([*w.people, *ents]) if w.people else ents
        confirmed = confirm_in_body(doc, merged, token_arrays(doc))
        if w.people or len(confirmed) != len(merged) or any(a is not b for a, b in zip(confirmed, merged)):
            set_ents(doc, confirmed)
        self._surnames(doc)
        doc._.kg_roles = w.roles
        return doc

    def _words(self, name: str) -> frozenset[str]:
        return self.knowledge.lexicons.words(name)

    def _name_after(self, doc: Doc, k: int, ent_at: dict[int, Span]) -> int:
        """End of a personal name starting at token k (k itself when there is none)."""
        arrays = token_arrays(doc)
        texts = arrays.texts[k:k + self.max_name_words * 2]
        joiners, particles, not_names = self._words("nameJoiners"), self._words("nameParticles") - NOT_INNER, self._words("notNames")
        j = words = 0
        while j < len(texts) and words < self.max_name_words:
            t, e = texts[j], ent_at.get(k + j)
            if e is not None and e.label_ not in ("PERSON", "GPE", "LOC") and not e._.kg_guess:
                break
            if t[:1].isupper() and t.lower() not in not_names and not t.isupper():
                words += 1
            elif words and _initial(texts, j):
                j += 1 if j + 1 < len(texts) and texts[j + 1] == "." else 0  # "John Q. Public"
            elif not words:
                break
            elif t in joiners and j + 1 < len(texts) and not arrays.space[k + j - 1]:
                pass
            elif not (t.lower() in particles and j + 1 < len(texts) and (texts[j + 1][:1].isupper() or (
                    texts[j + 1] in joiners and j + 2 < len(texts) and texts[j + 2][:1].isupper()))):
                break
            j += 1
        while j > 0 and not texts[j - 1][:1].isalnum():
            j -= 1
        return k + j

    def _role_at(self, lower: list[str], i: int):
        lex = self.knowledge.lexicons
        return lex.roles.match(lower, i) or lex.ranks.match(lower, i) or lex.honorifics.match(lower, i)

    def _titled(self, w: _Work) -> None:
        """"spokesperson Colonel Joe Buccino", "US Defense Secretary Lloyd Austin": a role, then a name."""
        lex, lower, after = self.knowledge.lexicons, w.lower, 0
        firsts = lex.role_words
        for i in [i for i, word in enumerate(lower) if word in firsts]:
            hit = self._role_at(lower, i) if i >= after else None
            if hit is None or w.org_at(i, ("ORG", "PERSON")) is not None:
                continue
            role_start, role_end = i, i + hit[0]
            k = role_end
            while k < len(lower) and (more := lex.ranks.match(lower, k) or lex.honorifics.match(lower, k)
                                      or lex.roles.match(lower, k)):  # "Chief Minister", "Deputy Prime Minister"
                k += more[0]
            end = self._name_after(w.doc, k, w.ent_at)
            for m in range(k, end - 2):  # "Chief Financial Officer Takeshi Onodera": the title goes on
                inner = self._role_at(lower, m)
                if inner and m + inner[0] <= end - 2:
                    k = m + inner[0]
            if not (end > k and (end - k >= 2 or w.doc[k].text[:1].isupper())):
                continue
            w.add_person(k, end)
            role = w.doc[role_start:role_end].text if lex.roles.match(lower, role_start) else None
            if role is None and k > role_end:
                role = w.doc[role_end:k].text
            org = self._org_before(w, role_start)
            w.roles.append((k, end, role or w.doc[role_start:role_end].text, *(org or (None, None))))
            after = end

    def _org_before(self, w: _Work, role_start: int) -> tuple[int, int] | None:
        """"IDF chief spokesperson", "Lebanon's caretaker Prime Minister": skip modifiers back to the org."""
        j = role_start - 1
        while j >= 0 and w.lower[j] in self._words("roleModifiers"):
            j -= 1
        if j >= 0 and w.lower[j] in POSSESSIVE:
            j -= 1
        org = w.org_at(j) if j >= 0 else None
        return (org.start, org.end) if org is not None else None

    def _appositive_names(self, w: _Work) -> None:
        """"Amina Yusuf, spokesperson for ...": an unknown two- or three-word name before an appositive role."""
        lower, texts, n = w.lower, token_arrays(w.doc).texts, len(w.lower)
        for k in range(2, n - 1):
            if lower[k] != ",":
                continue
            j = k + 1 + (lower[k + 1] in ARTICLES)
            org = w.org_at(j)
            if org is not None:
                j = org.end + (org.end < n and lower[org.end] in POSSESSIVE)
            while j < n and lower[j] in self._words("roleModifiers"):
                j += 1
            if j >= n or not self.knowledge.lexicons.roles.match(lower, j):
                continue
            start = k
            while start > 0 and k - start < 3 and texts[start - 1][:1].isupper() and lower[start - 1] not in self._words("notNames") \
                    and not self._role_at(lower, start - 1) \
                    and ((start - 1) not in w.ent_at or w.ent_at[start - 1]._.kg_guess
                         or (w.ent_at[start - 1].label_ in ("GPE", "LOC") and len(w.ent_at[start - 1]) == 1)):
                start -= 1
            if k - start >= 2:
                w.add_person(start, k)

    def _appositive_role(self, w: _Work, e: Span) -> None:
        """"Lloyd Austin, the US defence secretary," and "Kanaani, a spokesperson for the ministry"."""
        lower, n, roles = w.lower, len(w.lower), self.knowledge.lexicons.roles
        if e.end + 2 >= n or w.doc[e.end].text != ",":
            return
        k = e.end + 1 + (lower[e.end + 1] in ARTICLES)
        org = w.org_at(k)
        if org is not None:
            k = org.end + (k < n - 1 and lower[org.end] in POSSESSIVE)  # "MSF's head of ..."
        hit = None
        for _ in range(4):  # "the chief negotiator and spokesman of Ansarallah": the role may come a few words in
            while k < n and lower[k] in self._words("roleModifiers"):
                k += 1
            hit = roles.match(lower, k) if k < n else None
            if hit or k >= n or lower[k] in (",", ".", ";") or k in w.ent_at:
                break
            k += 1
        if not hit:
            return
        after = k + hit[0]
        while after + 1 < n and lower[after] == "and" and (more := roles.match(lower, after + 1)):
            after += 1 + more[0]  # "negotiator and spokesman of X"
        if org is None and after + 1 < n and lower[after] in ("for", "of", "at"):
            org = w.org_at(after + 1 + (lower[after + 1] == "the"))
        w.roles.append((e.start, e.end, w.doc[k:after].text, *((org.start, org.end) if org is not None else (None, None))))

    def _led_by(self, w: _Work, e: Span) -> None:
        """"The RSF, led by General Mohamed Hamdan Dagalo": the person leads the organization."""
        lex, lower = self.knowledge.lexicons, w.lower
        if e.start < 4:
            return
        k = e.start - 1
        while k > 0 and (lex.ranks.match(lower, k) or lex.honorifics.match(lower, k)):
            k -= 1
        if lower[k] == "by" and lower[k - 1] in ("led", "headed", "commanded"):
            org = w.org_at(k - 2 if lower[k - 2] != "," else k - 3, ("ORG",))
            if org is not None:
                w.roles.append((e.start, e.end, "leader", org.start, org.end))

    def _surnames(self, doc: Doc) -> None:
        """A person's surname alone later in the text is the same person."""
        ents = list(get_ents(doc))
        surnames = {e[-1].text: e for e in reversed(ents) if e.label_ == "PERSON" and len(e) >= 2}
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
