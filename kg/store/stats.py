"""What a store holds, counted: articles, people, organizations, places, events, quads."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .store import KGStore

__all__ = ["store_stats", "pipeline_counts", "COUNTED"]

COUNTED = ("Article", "Person", "Organization", "Country", "Place", "Event")
_STATS = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?class { %s }
  ?t rdfs:subClassOf* ?class .
  ?x a ?t .
} GROUP BY ?class
"""


def store_stats(store: KGStore) -> dict[str, int]:
    """quads, graphs, and the number of things of each COUNTED class (subclasses included).

    Counting the quads reads the whole store, so it runs beside the other counts (Oxigraph
    releases the GIL): `kg stats` stays under a second on a store of over a million quads.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        quads = pool.submit(len, store)
        graphs = store.graph_count()
        counts = {c: 0 for c in COUNTED}
        values = " ".join(f"nkg:{c}" for c in COUNTED)
        for row in store.query(_STATS % values):
            counts[row["class"].value.rsplit("#", 1)[-1]] = int(row["n"].value)
        return {"quads": quads.result(), "graphs": graphs, **counts}


_PIPELINES = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?pipeline (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a nkg:Article ; nkg:pipeline ?pipeline } GROUP BY ?pipeline
"""


def pipeline_counts(store: KGStore) -> dict[str, int]:
    """The spaCy pipelines that read the stored articles ("en_core_web_sm 3.8.0", "weight-free"), with how many each."""
    rows = [(row["pipeline"].value, int(row["n"].value)) for row in store.query(_PIPELINES)]
    return dict(sorted(rows, key=lambda kv: (-kv[1], kv[0])))
