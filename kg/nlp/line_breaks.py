"""The kg_line_breaks component: a line break ends a sentence, whatever the parser would say.

News text puts headlines, bylines, datelines and captions on lines of their own, with no full stop.
A trained parser segments sentences itself and would run a headline into the first sentence of the
story; this component, placed before the parser, marks the token after every line break as the start
of a sentence, which the parser then respects. A dateline ("KABUL —", "GOMA, Congo (Reuters) -") ends
where the story begins: the place it names is where the report was filed, not where anything happened.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["LineBreaks", "make_line_breaks"]

DASHES = frozenset({"—", "–", "-", "--"})
DATELINE_TOKENS = 10  # a dateline is short: its place, maybe a country and an agency


@Language.factory("kg_line_breaks", assigns=["token.is_sent_start"], default_config={})
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    """Build the line-break sentence marker (no settings)."""
    return LineBreaks(name)


class LineBreaks:
    """Marks a sentence start after every token that holds or is followed by a line break."""

    def __init__(self, name: str = "kg_line_breaks") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        starts = [0] if len(doc) else []
        for tok in doc[:-1]:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                doc[tok.i + 1].is_sent_start = True
                starts.append(tok.i + 1)
        for start in starts:
            end = _dateline_end(doc, start)
            if end is not None:
                doc[end].is_sent_start = True
        return doc


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The token after the dash of a dateline opening a paragraph ("COTABATO CITY, Philippines —"), or None."""
    first = doc[start].text
    if len(first) < 2 or not first.isupper():
        return None
    for tok in doc[start:start + DATELINE_TOKENS]:
        if tok.text in DASHES:
            return tok.i + 1 if tok.i > start and tok.i + 1 < len(doc) else None
        if "\n" in tok.text or "\n" in tok.whitespace_ or not (tok.text[:1].isupper() or tok.is_punct):
            return None
    return None
