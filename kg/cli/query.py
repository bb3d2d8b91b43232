"""kg query: SPARQL or a named question over the store."""
from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import typer

from .main import DEFAULT_STORE, STORE_HELP, app, fail, friendly

FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
           "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


def _table(res: ox.QuerySolutions) -> str:
    from ..api import python_value

    names = [v.value for v in res.variables]
    rows = [["" if sol[n] is None else str(python_value(sol[n])) for n in names] for sol in res]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    out.append(f"({len(rows)} rows)")
    return "\n".join(out)


@app.command("query")
@friendly
def query_cli(
    # fmt: off
    query: str = typer.Argument(None, help="SPARQL text, a .rq file, or the name of a named question."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json, xml, csv or tsv."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE for a named question (repeatable)."),
    list_: bool = typer.Option(False, "--list", help="List the named questions."),
    # fmt: on
) -> None:
    """Run SPARQL over the union of all graphs (common prefixes predeclared), or a named question."""
    from ..errors import Errors
    from ..queries import PREFIXES, get_named_query, named_queries
    from ..store import KGStore

    if list_:
        for name, nq in named_queries().items():
            params = " ".join(f"--param {p}=…" for p in nq.params)
            typer.echo(f"{name:24} {nq.title}{'  [' + params + ']' if params else ''}")
        return
    if not query:
        fail("give a query, a .rq file or a named question (see kg query --list)")
    subs = None
    text = query
    if query.endswith(".rq") and Path(query).exists():
        text = Path(query).read_text(encoding="utf-8")
    elif "{" not in query and " " not in query.strip():
        nq = get_named_query(query)
        values = {}
        for p in param:
            if "=" not in p:
                fail(Errors.E009.format(param=p))
            k, v = p.split("=", 1)
            values[k.strip()] = v
        subs = nq.bindings(values)
        text = nq.text
    if fmt not in ("table", *FORMATS):
        fail(f"unknown format {fmt!r}; use table, json, xml, csv or tsv")
    kg_store = KGStore(store, read_only=True)
    try:
        res = kg_store.query(text if "PREFIX nkg:" in text else PREFIXES + text, substitutions=subs)
    except SyntaxError as exc:
        fail(Errors.E003.format(where=query if query.endswith(".rq") else "the query", detail=exc))
    if isinstance(res, ox.QueryBoolean):
        if fmt == "table":
            typer.echo("true" if res else "false")
        else:
            sys.stdout.buffer.write(res.serialize(format=FORMATS.get(fmt, ox.QueryResultsFormat.JSON)))
        return
    if isinstance(res, ox.QueryTriples):
        sys.stdout.buffer.write(res.serialize(format=ox.RdfFormat.TURTLE))
        return
    if fmt == "table":
        typer.echo(_table(res))
    else:
        sys.stdout.buffer.write(res.serialize(format=FORMATS[fmt]))
