"""The kg_line_breaks component: a line break ends a sentence, whatever the parser would say.

News text puts headlines, bylines, datelines and captions on lines of their own, with no full stop.
A trained parser segments sentences itself and would run a headline into the first sentence of the
story; this component, placed before the parser, marks the token after every line break as the start
of a sentence, which the parser then respects.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["LineBreaks", "make_line_breaks"]


@Language.factory("kg_line_breaks", assigns=["token.is_sent_start"], default_config={})
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    """Build the line-break sentence marker (no settings)."""
    return LineBreaks(name)


class LineBreaks:
    """Marks a sentence start after every token that holds or is followed by a line break."""

    def __init__(self, name: str = "kg_line_breaks") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                doc[tok.i + 1].is_sent_start = True
        return doc
