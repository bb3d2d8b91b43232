"""kg export: write the store (or one article's graph) as RDF."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from .main import DEFAULT_STORE, STORE_HELP, app, fail, friendly


@app.command("export")
@friendly
def export_cli(
    # fmt: off
    output: str = typer.Argument(..., help="Output file (.ttl .trig .nq .nt .jsonld), or - for stdout."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    fmt: str = typer.Option(None, "--format", "-f", help="ttl, trig, nq, nt or jsonld (default: from the extension)."),
    graph: str = typer.Option(None, "--graph", "-g", help="Only this article's graph (its id)."),
    # fmt: on
) -> None:
    """Export the knowledge graph to a file; graph-keeping formats (TriG, N-Quads) keep article graphs."""
    from ..errors import Errors
    from ..store import ExportFormat, KGStore

    if fmt is None:
        if output == "-":
            fmt = "ttl"
        else:
            suffix = Path(output).suffix
            if not suffix:
                fail(Errors.E005.format(path=output, options=", ".join(f.value for f in ExportFormat)))
            fmt = suffix
    export_format = ExportFormat.from_name(fmt)
    kg_store = KGStore(store, read_only=True)
    iri = None
    if graph:
        iri = kg_store.article_ids().get(graph)
        if iri is None:
            fail(Errors.E013.format(id=graph))
    if output == "-":
        kg_store.dump(sys.stdout.buffer, export_format, graph=iri)
        sys.stdout.buffer.flush()
    else:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        kg_store.dump(output, export_format, graph=iri)
        typer.echo(f"wrote {output}", err=True)
