"""The kg_line_breaks component: a line break ends a sentence, before a trained parser reads the text.

Headlines, captions and date lines carry no final full stop; a parser left alone runs them into the
next line ("... a bandit in Syria The United States claimed ..."). The parser keeps boundaries set
before it, so this runs first and marks the token after every line break as a sentence start.
"""
from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["line_breaks"]


@Language.component("kg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """Mark the token after each line break as the start of a sentence."""
    strings = doc.vocab.strings
    orths = doc.to_array([ORTH]).tolist() if len(doc) else []
    for i, orth in enumerate(orths[:-1]):
        if "\n" in strings[orth] and not strings[orths[i + 1]].isspace():
            doc[i + 1].is_sent_start = True
    return doc
