"""Names in Title Case lines: in a headline every word is capitalised (or every letter), so capitals say nothing there.

"Air Peace Cancels Dozens of Flights as Aviation Unions Shut Lagos", "Scientist Returns to Base":
a name read in such a line stands only where the article's body writes it too (or the gazetteer
knows it); otherwise it shrinks to the longest part the body writes, or goes.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .extensions import TokenArrays

__all__ = ["title_case_lines", "confirm_in_body"]

MIN_WORDS = 3  # a line needs this many long words to be judged
LONG_WORD = 4  # words this long or longer are counted (short function words are lowercase in Title Case too)
SHARE = 0.8
MIN_BODY = 5  # words of body text needed to judge a headline's names
HEAD_LINES = 2  # headlines and their subtitles are the first lines; Title Case further down is a list of names


def title_case_lines(arrays: TokenArrays) -> list[tuple[int, int]]:
    """(start, end) token offsets of the sentences and lines written in Title Case at the top of the text."""
    out = []
    newlines = [k + 1 for k, t in enumerate(arrays.texts) if "\n" in t]
    top = newlines[HEAD_LINES - 1] if len(newlines) >= HEAD_LINES else len(arrays.texts)
    cuts = sorted({0, top, *(s for s, _ in arrays.sentences() if s < top), *(k for k in newlines if k < top)})
    for start, end in zip(cuts, cuts[1:]):
        words = [t for t in arrays.texts[start:end] if len(t) >= LONG_WORD and t.isalpha()]
        if len(words) >= MIN_WORDS and sum(w[0].isupper() for w in words) >= SHARE * len(words):
            out.append((start, end))  # Title Case or ALL CAPS
    return out


def _body_text(arrays: TokenArrays, lines: list[tuple[int, int]]) -> str:
    inside = {k for s, e in lines for k in range(s, e)}
    return " ".join(t for k, t in enumerate(arrays.texts) if k not in inside)


def _in_body(arrays: TokenArrays, start: int, end: int, body: str) -> bool:
    words = " ".join(arrays.texts[start:end])
    if words.isupper():  # a name in an ALL CAPS headline is confirmed by the body in any case
        return f" {words.lower()} " in body.lower()
    return f" {words} " in body


def confirm_in_body(doc: Doc, spans: list[Span], arrays: TokenArrays) -> list[Span]:
    """The spans, with those in Title Case lines kept only as far as the body (or the gazetteer) confirms them."""
    lines = title_case_lines(arrays)
    body = f" {' '.join(_body_text(arrays, lines).split())} " if lines else ""
    if len(body.split()) < MIN_BODY:
        return spans  # no headline, or nothing but Title Case: no body to confirm against
    out = []
    for sp in spans:
        if sp.kb_id_ or not any(s <= sp.start < e for s, e in lines) or _in_body(arrays, sp.start, sp.end, body):
            out.append(sp)
            continue
        part = _longest_confirmed(doc, sp, body, arrays)
        if part is not None:
            out.append(part)
    return out


def _longest_confirmed(doc: Doc, sp: Span, body: str, arrays: TokenArrays) -> Span | None:
    """The longest run of the span's words that the body writes ("Air Peace" of "Air Peace Cancels")."""
    for size in range(len(sp) - 1, 0, -1):
        for start in range(sp.start, sp.end - size + 1):
            if doc[start].text[:1].isupper() and _in_body(arrays, start, start + size, body):
                part = Span(doc, start, start + size, label=sp.label_, kb_id=sp.kb_id_)
                part._.kg_class, part._.kg_country = sp._.kg_class, sp._.kg_country
                return part
    return None
