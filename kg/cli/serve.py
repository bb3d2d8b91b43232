"""kg serve: the store over HTTP."""
from __future__ import annotations

from pathlib import Path

import typer

from ..serve import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT
from .main import DEFAULT_STORE, STORE_HELP, app, friendly


@app.command("serve")
@friendly
def serve_cli(
    # fmt: off
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    port: int = typer.Option(DEFAULT_PORT, "--port", "-p", min=1, max=65535, help="TCP port to listen on."),
    host: str = typer.Option(DEFAULT_HOST, "--host", help="Address to listen on; 0.0.0.0 opens it to the network."),
    writable: bool = typer.Option(False, "--writable", help="Accept SPARQL updates and Graph Store writes (default: read-only)."),
    cors: bool = typer.Option(False, "--cors", help="Allow cross-origin requests from web pages on other sites."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=0.1, help="Seconds a query may run before it is stopped."),
    workers: int = typer.Option(None, "--workers", min=1, help="Queries that may run at once (default: the number of cores, at least 4)."),
    allow_service: bool = typer.Option(False, "--allow-service", help="Let SERVICE send requests to other SPARQL endpoints."),
    # fmt: on
) -> None:
    """Serve the store over HTTP: SPARQL at /query, Graph Store at /store, a query page at /.

    The default graph is the union of all graphs, as in `kg query`.
    Read-only and bound to this machine unless told otherwise; Ctrl-C stops it.

    Example: kg serve --store kg-store --port 7878
    """
    import logging

    from ..serve import ServeOptions, Started, serve

    logging.getLogger("kg").setLevel(logging.INFO)

    def banner(s: Started) -> None:
        typer.echo(f"kg: serving {s.store} ({'read-write' if s.writable else 'read-only'}) at {s.url}/")
        typer.echo(f"  SPARQL endpoint   {s.url}/query" + (f"   (updates: {s.url}/update)" if s.writable else ""))
        typer.echo(f"  Graph Store       {s.url}/store?graph=IRI")
        typer.echo(f"  query page        {s.url}/")
        typer.echo(f"  explore page      {s.url}/explore")
        typer.echo(f"  limits            {timeout:g} s per query, {s.workers} at once"
                   + ("" if allow_service else ", SERVICE refused"))
        if host in ("0.0.0.0", "::"):
            typer.echo("  listening on every network interface: anyone who can reach this machine can query it")
        typer.echo("Press Ctrl-C to stop.")

    options = ServeOptions(host=host, port=port, writable=writable, cors=cors, timeout=timeout, workers=workers,
                           allow_service=allow_service)
    serve(store, options, ready=banner)
    typer.echo("kg: stopped", err=True)
