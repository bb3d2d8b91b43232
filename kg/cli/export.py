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
    output: str = typer.Argument(..., metavar="OUTPUT", help="Output file (.ttl .trig .nq .nt .jsonld), or - for standard output."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    fmt: str = typer.Option(None, "--format", "-f", help="ttl, trig, nq, nt or jsonld (default: from the extension; Turtle for -)."),
    graph: str = typer.Option(None, "--graph", "-g", help="Only this article's graph: its id (or a graph IRI)."),
    # fmt: on
) -> None:
    """Export the knowledge graph as RDF: Turtle, TriG, N-Quads, N-Triples or JSON-LD.

    Turtle and N-Triples hold the union of all graphs; TriG, N-Quads and JSON-LD keep one named graph per article.

    Examples: kg export graph.trig

    kg export - --graph 003_faddfdcd4adff68a
    """
    from ..api import KnowledgeGraph
    from ..errors import Errors
    from ..store import ExportFormat

    if fmt is None:
        fmt = ExportFormat.TURTLE.value if output == "-" else Path(output).suffix
        if not fmt:
            fail(Errors.E005.format(path=output, options=", ".join(f.value for f in ExportFormat)))
    export_format = ExportFormat.from_name(fmt)
    if output != "-" and not Path(output).parent.is_dir():
        fail(Errors.E018.format(path=output, folder=Path(output).parent))
    kg = KnowledgeGraph(store, read_only=True)
    if output == "-":
        kg.export(sys.stdout.buffer, format=export_format, graph=graph)
        sys.stdout.buffer.flush()
        return
    kg.export(output, format=export_format, graph=graph)
    typer.echo(f"wrote {output} ({export_format.name.lower()})", err=True)
