"""Assemble the spaCy pipeline: weight-free by default, or on top of a trained pipeline."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import Errors, KGError
from . import event_finder, gazetteer_matcher, name_finder, role_finder, time_normalizer  # noqa: F401  (factories)

__all__ = ["make_pipeline", "get_pipeline", "KG_COMPONENTS"]

KG_COMPONENTS = ("kg_gazetteer", "kg_name_finder", "kg_role_finder", "kg_time_normalizer", "kg_event_finder")
# Newlines end sentences too: headlines, captions and date lines carry no final full stop.
SENTENCE_ENDS = [".", "!", "?", "\n", "\n\n", "\n\n\n", " \n", "\n \n", "。", "?\n", ".\n"]


def make_pipeline(model: str | None = None) -> Language:
    """The kg pipeline. model (str): an installed trained pipeline or a path; None for the weight-free one.

    The trained pipeline's NER (when it has one) runs first and the gazetteer adds to it.
    """
    if model:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except (OSError, ImportError, ValueError) as exc:
            raise KGError(Errors.E014.format(model=model, detail=exc)) from None
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
            nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS}, first=True)
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
    for name in KG_COMPONENTS:
        nlp.add_pipe(name)
    for name in KG_COMPONENTS:
        pipe = nlp.get_pipe(name)
        if hasattr(pipe, "initialize"):
            pipe.initialize(nlp=nlp)
    return nlp


@lru_cache(maxsize=4)
def get_pipeline(model: str | None = None) -> Language:
    """A shared pipeline per model, built once per process."""
    return make_pipeline(model)
