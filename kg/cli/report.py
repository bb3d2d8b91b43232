"""kg report: the explore page (map, timeline, event cards) as one self-contained HTML file."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .main import DEFAULT_STORE, STORE_HELP, app, fail, friendly
from .query import _params


@app.command("report")
@friendly
def report_cli(
    # fmt: off
    output: Annotated[Path, typer.Argument(metavar="OUTPUT", help="The HTML file to write.")],
    store: Annotated[Path, typer.Option("--store", "-s", help=STORE_HELP)] = Path(DEFAULT_STORE),
    query: Annotated[str | None, typer.Option("--query", "-q", help="Only the events this SELECT names: SPARQL, a .rq file or a named question.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for a named question (repeatable).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many events (the newest).")] = 2000,
    title: Annotated[str, typer.Option("--title", help="The page's title.")] = "kg report",
    # fmt: on
) -> None:
    """Write the explore page over the store as one HTML file that opens with no server and no network.

    Every event (or those a query names) is on the map and the timeline, with its card and evidence.

    Examples: kg report events.html

    kg report deir-ezzor.html --query attacks-near --param place="Deir Ezzor"
    """
    from ..errors import Errors
    from ..explore import local_query
    from ..explore.report import subset_from_query, write_report
    from ..store import KGStore

    if not output.parent.is_dir():
        fail(Errors.E018.format(path=output, folder=output.parent))
    run = local_query(KGStore(store, read_only=True))
    subset = subset_from_query(run, query, _params(param or [])) if query else None
    done = write_report(run, output, subset=subset, limit=limit, title=title)
    left = f"; {done.left_out} older ones left out (--limit)" if done.left_out else ""
    typer.echo(f"wrote {done.path} ({done.events} events{left})", err=True)
