"""Query results as text: aligned tables for reading, SPARQL result formats, RDF for graph results."""
from __future__ import annotations

import unicodedata

import pyoxigraph as ox

from .values import python_value

__all__ = ["RESULT_FORMATS", "GRAPH_FORMATS", "format_table", "serialize_result", "list_questions"]

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
"""SPARQL result formats for SELECT and ASK: the same bytes `kg serve` sends for the same query."""
GRAPH_FORMATS = {"table": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                 "xml": ox.RdfFormat.RDF_XML, "json": ox.RdfFormat.JSON_LD, "jsonld": ox.RdfFormat.JSON_LD}
"""RDF formats for CONSTRUCT and DESCRIBE results."""


def _width(text: str) -> int:
    """Columns a string takes on a terminal (wide East Asian characters take two, accents none)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _compact(term.value, prefixes)
    if isinstance(term, ox.BlankNode):
        return str(term)
    return " ".join(str(python_value(term)).split())  # one line per row, whatever the literal holds


def format_table(res: ox.QuerySolutions) -> str:
    """SELECT results as an aligned text table (IRIs shortened with the usual prefixes)."""
    from ..store import EXPORT_PREFIXES

    prefixes = dict(sorted(EXPORT_PREFIXES.items(), key=lambda kv: -len(kv[1])))  # longest namespace first
    names = [v.value for v in res.variables]
    rows = [[_cell(sol[n], prefixes) for n in names] for sol in res]
    widths = [max([_width(n), *(_width(r[i]) for r in rows)]) for i, n in enumerate(names)]
    out = ["  ".join(_pad(n, w) for n, w in zip(names, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out)


def serialize_result(res: ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples, fmt: str) -> bytes:
    """A result in a format: table (text), a SPARQL result format, or RDF. Raises ValueError for a
    format the result has no form in."""
    from ..store import EXPORT_PREFIXES

    if isinstance(res, ox.QueryTriples):
        if fmt not in GRAPH_FORMATS:
            raise ValueError(f"a CONSTRUCT or DESCRIBE result is RDF; use --format {', '.join(GRAPH_FORMATS)}")
        graph_format = GRAPH_FORMATS[fmt]
        prefixes = EXPORT_PREFIXES if graph_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        return ox.serialize(res, format=graph_format, prefixes=prefixes) or b""
    kind = "an ASK" if isinstance(res, ox.QueryBoolean) else "a SELECT"
    if fmt == "table":
        text = ("true" if res else "false") if isinstance(res, ox.QueryBoolean) else format_table(res)
        return (text + "\n").encode("utf-8")
    if fmt not in RESULT_FORMATS:
        raise ValueError(f"{kind} result has no {fmt} form; use table, json, xml, csv or tsv")
    return res.serialize(format=RESULT_FORMATS[fmt]) or b""


def list_questions() -> str:
    """One line per named question: name, gold question id, title and parameters with defaults."""
    from . import named_queries

    qs = named_queries()
    width = max(len(n) for n in qs)
    lines = []
    for name, nq in qs.items():
        usage = f"  [{nq.usage}]" if nq.params else ""
        lines.append(f"{name:{width}}  {nq.question or '--':3}  {nq.title}{usage}")
    return "\n".join(lines)
