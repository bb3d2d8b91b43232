"""The explore page: a map, a timeline and event cards that point back to their sentences.

`kg serve` routes every path under /explore and /api/ to :func:`handle`; `kg report` writes the same
page as one self-contained file (kg.explore.report). The data come from SPARQL over the store, through
the query function the caller gives (kg.explore.sparql.local_query wraps a KGStore).
"""
from .routes import handle
from .sparql import Query, local_query

__all__ = ["handle", "Query", "local_query"]
