"""The one bridge to rdflib: an rdflib Dataset over a pyoxigraph store, through oxrdflib (no copy)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    import rdflib

__all__ = ["rdflib_dataset", "rdflib_graph"]


def rdflib_dataset(store: ox.Store, *, prefixes: dict[str, str] | None = None, union: bool = True) -> rdflib.Dataset:
    """An rdflib Dataset backed by store: rdflib's SPARQL, serializers and pySHACL see the same quads.

    store (ox.Store): the pyoxigraph store.
    prefixes (dict[str, str] | None): prefixes to bind (kg's, so that rdflib writes them).
    union (bool): the default graph is the union of all graphs, as in kg's queries. Defaults to True.
    """
    import rdflib
    from oxrdflib import OxigraphStore

    ds = rdflib.Dataset(store=OxigraphStore(store=store), default_union=union)
    for prefix, ns in (prefixes or {}).items():
        ds.bind(prefix, rdflib.URIRef(ns), override=True, replace=True)
    return ds


def rdflib_graph(quads: Iterable[ox.Quad | ox.Triple]) -> rdflib.Graph:
    """A plain in-memory rdflib Graph of the triples of quads (a copy, for tools that walk it hard, like pySHACL)."""
    import rdflib

    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return rdflib.Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
