"""kg query: SPARQL, a .rq file or a named question over the store."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .main import DEFAULT_STORE, STORE_HELP, app, fail, friendly

if TYPE_CHECKING:
    from ..serve.limits import Checked

FORMAT_HELP = "table (aligned, for reading), or a SPARQL result format: json, xml, csv, tsv."


def _params(param: list[str]) -> dict[str, str]:
    from ..errors import Errors

    values: dict[str, str] = {}
    for p in param:
        key, sep, value = p.partition("=")
        if not sep or not key.strip():
            fail(Errors.E009.format(param=p))
        values[key.strip()] = value
    return values


def _syntax_error(exc: SyntaxError, checked: Checked, query: str, text: str, source: str) -> str:
    """One line naming the line and column of the user's own text (not of the predeclared prefixes)."""
    from ..errors import Errors
    from ..questions import PREFIXES
    from ..serve.limits import describe_syntax_error

    skip = PREFIXES.count("\n") if text.startswith(PREFIXES) and not source.startswith(PREFIXES) else 0
    detail = describe_syntax_error(exc, checked, skip_lines=skip)
    return Errors.E003.format(where=query if query.endswith(".rq") else "the query", detail=detail)


@app.command("query")
@friendly
def query_cli(
    # fmt: off
    query: str = typer.Argument(None, metavar="QUERY", help="SPARQL text, a .rq file, - for standard input, or a named question (see --list)."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE for a named question (repeatable); bound as an RDF term."),
    list_: bool = typer.Option(False, "--list", "-l", help="List the named questions, one line each."),
    show: bool = typer.Option(False, "--show", help="Print the SPARQL that would run (parameters bound), and stop."),
    timeout: float = typer.Option(None, "--timeout", "-t", min=0.001, help="Stop the query after this many seconds (one line, exit 1)."),
    # fmt: on
) -> None:
    """Run SPARQL over the union of all graphs (common prefixes predeclared), or a named question.

    Examples: kg query --list

    kg query attacks-near --param place="Deir Ezzor"

    kg query 'SELECT ?name WHERE { ?p a nkg:Person ; rdfs:label ?name }' --format csv
    """
    from ..questions import prepare
    from ..questions.output import GRAPH_FORMATS, RESULT_FORMATS, list_questions, serialize_result
    from ..serve.limits import check
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
    checked = check(text)  # QueryRefusedError (one line) for the shapes that would crash the engine
    try:
        res = KGStore(store, read_only=True).query(checked.text, timeout=timeout)
    except SyntaxError as exc:
        fail(_syntax_error(exc, checked, query, text, source))
    sys.stdout.buffer.write(serialize_result(res, fmt))
    sys.stdout.buffer.flush()
