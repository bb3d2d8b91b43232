"""The query page of kg serve and the named questions it offers (kg/serve/static/query.html).

The page is one static file; what it needs to know about kg (the predeclared prefixes, the named
questions with their parameters) is put into it as JSON when it is served. Parameters are bound
by the server (kg.questions.prepare), as RDF terms, never pasted into the text by the page.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..knowledge.vocab import PREFIXES
from ..questions import named_queries, prepare

__all__ = ["query_page", "questions_json", "question_text", "EXAMPLE"]

EXAMPLE = "SELECT ?who ?role WHERE { ?p a nkg:Person ; rdfs:label ?who ; nkg:role ?role }"
_PAGE = Path(__file__).with_name("static") / "query.html"


def _questions() -> list[dict]:
    return [{"name": name, "title": q.title, "question": q.question,
             "params": [{"name": p, "kind": param.kind, "default": param.default} for p, param in q.params.items()]}
            for name, q in named_queries().items()]


def questions_json() -> bytes:
    """The named questions, their titles and parameters (kind, default), as JSON."""
    return json.dumps(_questions(), ensure_ascii=False).encode("utf-8")


def question_text(name: str, params: dict[str, list[str]]) -> str:
    """The SPARQL of a named question with its parameters bound as terms.

    Raises KeyError (E006) for an unknown name, ValueError for a bad or unknown parameter.
    """
    from ..questions import get_named_query

    get_named_query(name)  # KeyError for an unknown name before anything else
    return prepare(name, {key: values[-1] for key, values in params.items() if values and values[-1] != ""})


@lru_cache(maxsize=1)
def query_page() -> bytes:
    """The query page, with kg's prefixes, the named questions and an example filled in."""
    config = {"prefixes": PREFIXES, "questions": _questions(), "example": EXAMPLE}
    blob = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    return _PAGE.read_text(encoding="utf-8").replace("{{CONFIG}}", blob).encode("utf-8")
