"""kg serve: the store over HTTP."""
from __future__ import annotations

from pathlib import Path

import typer

from ..serve import DEFAULT_HOST, DEFAULT_PORT
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
    timeout: int = typer.Option(None, "--timeout", min=1, help="Seconds a query may run before the server gives up."),
    # fmt: on
) -> None:
    """Serve the store over HTTP with Oxigraph: SPARQL at /query, Graph Store at /store, a query page at /.

    The default graph is the union of all graphs, as in `kg query`.
    Read-only and bound to this machine unless told otherwise; Ctrl-C stops it.

    Example: kg serve --store kg-store --port 7878
    """
    from ..serve import serve

    serve(store, host=host, port=port, writable=writable, cors=cors, timeout=timeout)
