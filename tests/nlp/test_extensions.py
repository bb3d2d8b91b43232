"""The per-Doc token arrays the components read instead of spaCy's Token objects."""
import pytest

from kg.nlp.extensions import span_text, token_arrays


@pytest.mark.parametrize("text", [
    "Rebels shelled Goma on Monday.  Two people died.\n\nThe army said it  repelled them.",
    "  A leading space, a trailing one ",
    "“Quoted,” she said — then left…",
])
def test_span_text_is_the_text_spacy_gives(nlp, text):
    doc = nlp.make_doc(text)
    arrays = token_arrays(doc)
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1):
            assert arrays.span_text(start, end) == doc[start:end].text
    assert span_text(doc[1:4]) == doc[1:4].text
