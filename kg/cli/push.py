"""kg push: send the store's graphs to a SPARQL 1.1 Graph Store Protocol endpoint."""
from __future__ import annotations

import os
from pathlib import Path

import typer

from .main import DEFAULT_STORE, STORE_HELP, app, friendly
from .progress import Progress


@app.command("push")
@friendly
def push_cli(
    # fmt: off
    url: str = typer.Argument(..., metavar="URL", help="The Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph) or http://host:3030/ds/data (Fuseki)."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    # fmt: on
) -> None:
    """Send every graph (articles, reference, ontology) to a SPARQL store, one PUT per graph: repeating it changes nothing.

    Credentials come from the environment: KG_PUSH_TOKEN (a bearer token), or KG_PUSH_USER and KG_PUSH_PASSWORD.
    """
    from ..store import KGStore
    from ..store.push import GraphStore, authorization, push

    GraphStore(url)  # a bad URL fails before the store is opened
    kg_store = KGStore(store, read_only=True)
    progress = Progress("graph", desc="push")
    try:
        report = push(kg_store, url, auth=authorization(os.environ), progress=progress)
    finally:
        progress.close()
        kg_store.close()
    typer.echo(f"pushed {report.graphs:,} graphs ({report.triples:,} triples) to {url}")
