"""kg query: SPARQL, a .rq file or a named question over the store."""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import typer

from .main import DEFAULT_STORE, STORE_HELP, app, fail, friendly

RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
"""SPARQL result formats for SELECT and ASK: the same bytes `kg serve` sends for the same query."""
GRAPH_FORMATS = {"table": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                 "xml": ox.RdfFormat.RDF_XML, "json": ox.RdfFormat.JSON_LD, "jsonld": ox.RdfFormat.JSON_LD}
"""RDF formats for CONSTRUCT and DESCRIBE results."""
FORMAT_HELP = "table (aligned, for reading), or a SPARQL result format: json, xml, csv, tsv."


def _width(text: str) -> int:
    """Columns a string takes on a terminal (wide East Asian characters take two, accents none)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _compact(iri: str, prefixes: dict[str, str]) -> str:
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, prefixes: dict[str, str]) -> str:
    from ..api import python_value

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


def _params(param: list[str]) -> dict[str, str]:
    from ..errors import Errors

    values: dict[str, str] = {}
    for p in param:
        key, sep, value = p.partition("=")
        if not sep or not key.strip():
            fail(Errors.E009.format(param=p))
        values[key.strip()] = value
    return values


def list_questions() -> str:
    """One line per named question: name, gold question id, title and parameters with defaults."""
    from ..queries import named_queries

    qs = named_queries()
    width = max(len(n) for n in qs)
    lines = []
    for name, nq in qs.items():
        usage = f"  [{nq.usage}]" if nq.params else ""
        lines.append(f"{name:{width}}  {nq.question or '--':3}  {nq.title}{usage}")
    return "\n".join(lines)


@app.command("query")
@friendly
def query_cli(
    # fmt: off
    query: str = typer.Argument(None, help="SPARQL text, a .rq file, - for standard input, or a named question (see --list)."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE for a named question (repeatable); bound as an RDF term."),
    list_: bool = typer.Option(False, "--list", "-l", help="List the named questions, one line each."),
    show: bool = typer.Option(False, "--show", help="Print the SPARQL that would run (parameters bound), and stop."),
    # fmt: on
) -> None:
    """Run SPARQL over the union of all graphs (common prefixes predeclared), or a named question.

    Examples: kg query --list

    kg query attacks-near --param place="Deir Ezzor"

    kg query 'SELECT ?name WHERE { ?p a nkg:Person ; rdfs:label ?name }' --format csv
    """
    from ..errors import Errors
    from ..queries import PREFIXES, prepare
    from ..store import KGStore

    if list_:
        typer.echo(list_questions())
        return
    if not query:
        fail("give a query, a .rq file or a named question (see kg query --list)")
    if fmt not in ("table", *RESULT_FORMATS, *GRAPH_FORMATS):
        fail(f"unknown format {fmt!r}; use table, json, xml, csv or tsv")
    source = sys.stdin.read() if query == "-" else query
    text = prepare(source, _params(param))
    if show:
        typer.echo(text)
        return
    kg_store = KGStore(store, read_only=True)
    try:
        res = kg_store.query(text)
    except SyntaxError as exc:
        where = query if query.endswith(".rq") else "the query"
        detail = str(exc)
        if text.startswith(PREFIXES) and not source.startswith(PREFIXES):  # count lines of the user's text
            offset = PREFIXES.count("\n")
            detail = re.sub(r"error at (\d+):(\d+)",
                            lambda m: f"line {int(m[1]) - offset}, column {m[2]}", detail)
        fail(Errors.E003.format(where=where, detail=detail))
    out = sys.stdout.buffer
    if isinstance(res, ox.QueryBoolean):
        if fmt == "table":
            typer.echo("true" if res else "false")
        elif fmt in RESULT_FORMATS:
            out.write(res.serialize(format=RESULT_FORMATS[fmt]))
        else:
            fail(f"an ASK result has no {fmt} form; use table, json, xml, csv or tsv")
    elif isinstance(res, ox.QueryTriples):
        if fmt not in GRAPH_FORMATS:
            fail(f"a CONSTRUCT or DESCRIBE result is RDF; use --format {', '.join(GRAPH_FORMATS)}")
        from ..store import EXPORT_PREFIXES

        graph_format = GRAPH_FORMATS[fmt]
        prefixes = EXPORT_PREFIXES if graph_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        out.write(ox.serialize(res, format=graph_format, prefixes=prefixes))
    elif fmt == "table":
        typer.echo(format_table(res))
    elif fmt in RESULT_FORMATS:
        out.write(res.serialize(format=RESULT_FORMATS[fmt]))
    else:
        fail(f"a SELECT result has no {fmt} form; use table, json, xml, csv or tsv")
    out.flush()
