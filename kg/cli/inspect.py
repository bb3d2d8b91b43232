"""kg stats, kg validate, kg extract, kg remove: looking at and tending a store."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from .main import DEFAULT_STORE, FAST_HELP, MODEL_HELP, STORE_HELP, app, fail, friendly


@app.command("stats")
@friendly
def stats_cli(store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP)) -> None:
    """Count articles, actors, places, events and quads in the store."""
    from ..store import KGStore
    from ..store.stats import pipeline_counts, store_stats

    kg_store = KGStore(store, read_only=True)
    typer.echo(f"store    {store}")
    for key, value in store_stats(kg_store).items():
        typer.echo(f"{key:12} {value}")
    for name, n in pipeline_counts(kg_store).items():
        typer.echo(f"{'pipeline':12} {name} ({n} articles)")


@app.command("validate")
@friendly
def validate_cli(store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP)) -> None:
    """Check the store against the SHACL shapes; exit 1 and list the violations when it does not conform."""
    from ..store import KGStore
    from ..validate import validate

    report = validate(KGStore(store, read_only=True))
    if report.conforms:
        typer.echo("conforms: the graph passes every SHACL shape")
        return
    for line in report.violations:
        typer.echo(line)
    fail(f"{len(report.violations)} SHACL violations")


@app.command("extract")
@friendly
def extract_cli(
    # fmt: off
    file: Path = typer.Argument(..., metavar="FILE", help="One article (.txt, .html, .json), or - for standard input."),
    model: str = typer.Option(None, "--model", "-m", help=MODEL_HELP),
    fast: bool = typer.Option(False, "--fast", help=FAST_HELP),
    # fmt: on
) -> None:
    """Extract one article and print its graph as Turtle (with kg export's prefixes), without a store."""
    from ..build.extract import extract_file
    from ..store import ExportFormat, write_rdf

    quads = extract_file(file, model=model, fast=fast, stdin_text=sys.stdin.read() if str(file) == "-" else None)
    write_rdf(quads, sys.stdout.buffer, ExportFormat.TURTLE)
    sys.stdout.buffer.flush()


@app.command("remove")
@friendly
def remove_cli(
    # fmt: off
    ids: list[str] = typer.Argument(..., metavar="IDS...", help="Article ids to delete."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    # fmt: on
) -> None:
    """Delete articles' graphs and the reference facts no other article needs."""
    from ..errors import Errors
    from ..store import KGStore

    kg_store = KGStore(store)
    known = kg_store.article_ids()
    missing = [i for i in ids if i not in known]
    for i in ids:
        if i in known:
            kg_store.remove_article(known[i])
            typer.echo(f"removed {i}")
    kg_store.close()
    if missing:
        fail(Errors.E013.format(id=", ".join(missing)))
