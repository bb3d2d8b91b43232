"""Assemble the spaCy pipeline: weight-free by default, or on top of a trained pipeline."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language

from ..errors import Errors, KGError
from ..knowledge import ontology_dir
from . import event_finder, gazetteer_matcher, line_breaks, name_finder, role_finder, time_normalizer  # noqa: F401  (factories)
from .component import KnowledgeComponent

__all__ = ["make_pipeline", "get_pipeline", "KG_COMPONENTS"]

KG_COMPONENTS = ("kg_gazetteer", "kg_name_finder", "kg_role_finder", "kg_time_normalizer", "kg_event_finder")
# Newlines end sentences too: headlines, captions and date lines carry no final full stop.
SENTENCE_ENDS = [".", "!", "?", "\n", "\n\n", "\n\n\n", " \n", "\n \n", "。", "?\n", ".\n"]


def _base(model: str | None) -> Language:
    if not model:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
        return nlp
    try:
        nlp = spacy.load(model, exclude=["lemmatizer"])
    except (OSError, ImportError, ValueError) as exc:
        raise KGError(Errors.E014.format(model=model, detail=exc)) from None
    if not any(nlp.has_pipe(p) for p in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS}, first=True)
    elif nlp.has_pipe("parser"):
        nlp.add_pipe("kg_line_breaks", before="parser")  # headlines and datelines end at their line break
    return nlp


def make_pipeline(model: str | None = None, *, ontology: str | Path | None = None) -> Language:
    """The kg pipeline, initialized with the knowledge of an ontology folder.

    model (str | None): an installed trained pipeline or a path; None for the weight-free one.
        The trained pipeline's NER (when it has one) runs first and the gazetteer adds to it.
    ontology (str | Path | None): the ontology folder; None for KG_ONTOLOGY, else the one shipped with kg.
        It is written into the config's [initialize.components] and read by each component's initialize().
    """
    nlp = _base(model)
    folder = str(ontology) if ontology is not None else None
    for name in KG_COMPONENTS:
        nlp.add_pipe(name)
        nlp.config["initialize"]["components"][name] = {"ontology": folder}
        # only kg's components: nlp.initialize() would also reset a trained pipeline's weights
        cast(KnowledgeComponent, nlp.get_pipe(name)).initialize(lambda: [], nlp=nlp, ontology=folder)
    return nlp


@lru_cache(maxsize=4)
def _shared(model: str | None, folder: str) -> Language:
    return make_pipeline(model, ontology=folder)


def get_pipeline(model: str | None = None) -> Language:
    """A shared pipeline per model and ontology folder, built once per process."""
    return _shared(model, str(ontology_dir()))
