"""SPARQL helpers of the explore page: run a SELECT through the caller's query function, quote terms.

Every value that comes from a request reaches SPARQL as one RDF term serialized by pyoxigraph
(an escaped literal or a checked IRI), never as raw text.

Oxigraph joins two triple patterns that share a variable with one index lookup per row, which is
slow over tens of thousands of events; two sub-SELECTs are joined by hashing. So the queries of
this package put each property of the events in its own sub-SELECT.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox

from ..knowledge.vocab import PREFIXES, XSD

__all__ = ["Query", "PROLOGUE", "select", "iri", "literal", "date_literal", "values", "local_query"]

Query = Callable[[str], dict]
"""Runs a SPARQL SELECT over the union of all graphs and returns SPARQL 1.1 JSON results as a dict."""

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def select(query: Query, body: str) -> list[dict[str, str]]:
    """Run a SELECT (kg's prefixes declared) and return its rows as plain strings.

    query (Query): the function that runs SPARQL.
    body (str): the query after its prologue.
    RETURNS (list[dict[str, str]]): one dict per row; unbound variables are left out.
    """
    result = query(PROLOGUE + body)
    return [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]


def iri(value: str) -> str:
    """An IRI as a SPARQL term. Raises ValueError when it is not an absolute IRI."""
    if ":" not in value:
        raise ValueError(f"not an absolute IRI: {value!r}")
    return str(ox.NamedNode(value))


def literal(value: str) -> str:
    """A string as an escaped SPARQL literal."""
    return str(ox.Literal(value))


def date_literal(value: str) -> str:
    """A YYYY-MM-DD date as an xsd:date literal (checked by the caller)."""
    return str(ox.Literal(value, datatype=ox.NamedNode(XSD.date)))


def values(var: str, terms: Iterable[str]) -> str:
    """A VALUES block binding ?var to each term; no terms gives a block that matches nothing."""
    return f"VALUES ?{var} {{ {' '.join(terms)} }}"


def local_query(store: Any, *, cache: int = 256) -> Query:
    """A query function over a KGStore (or anything with its `query` method): JSON results as a dict.

    store: a kg.store.KGStore, opened read-only when a server may share it.
    cache (int): answers to keep when the store is read-only (it then sees the store as it was when
        opened, so an answer never goes stale); 0 keeps none. Defaults to 256.
    """
    import json
    from functools import lru_cache

    def run(sparql: str) -> dict:
        return json.loads(store.query(sparql).serialize(format=ox.QueryResultsFormat.JSON))

    if cache and getattr(store, "read_only", False):
        remembered = lru_cache(maxsize=cache)(lambda sparql: json.dumps(run(sparql)))
        return lambda sparql: json.loads(remembered(sparql))  # a fresh dict each time: callers may change it
    return run
