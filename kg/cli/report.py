"""kg report: the explore page (map, timeline, event cards) as one self-contained HTML file."""
from __future__ import annotations

from pathlib import Path

import typer

from .main import DEFAULT_STORE, STORE_HELP, app, fail, friendly
from .query import _params


@app.command("report")
@friendly
def report_cli(
    # fmt: off
    output: Path = typer.Argument(..., help="The HTML file to write."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    query: str = typer.Option(None, "--query", "-q", help="Only the events this SELECT names: SPARQL, a .rq file or a named question."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE for a named question (repeatable)."),
    limit: int = typer.Option(2000, "--limit", min=1, help="At most this many events (the newest)."),
    title: str = typer.Option("kg report", "--title", help="The page's title."),
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
    subset = subset_from_query(run, query, _params(param)) if query else None
    done = write_report(run, output, subset=subset, limit=limit, title=title)
    left = f"; {done.left_out} older ones left out (--limit)" if done.left_out else ""
    typer.echo(f"wrote {done.path} ({done.events} events{left})", err=True)
