"""kg stats, kg validate, kg extract, kg remove: looking at and tending a store."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from .main import DEFAULT_STORE, STORE_HELP, app, fail, friendly

STATS = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?class { nkg:Article nkg:Person nkg:Organization nkg:Country nkg:Place nkg:Event nkg:Attack nkg:Statement }
  ?x a ?t . ?t rdfs:subClassOf* ?class .
} GROUP BY ?class ORDER BY ?class
"""


@app.command("stats")
@friendly
def stats_cli(store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP)) -> None:
    """Count articles, actors, places, events and quads in the store."""
    from ..store import KGStore

    kg_store = KGStore(store, read_only=True)
    typer.echo(f"store    {store}")
    typer.echo(f"quads    {len(kg_store)}")
    typer.echo(f"graphs   {sum(1 for _ in kg_store.store.named_graphs())}")
    for row in kg_store.query(STATS):
        typer.echo(f"{row['class'].value.rsplit('#', 1)[-1]:12} {row['n'].value}")


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
    file: Path = typer.Argument(..., help="One article (.txt), or - for standard input."),
    model: str = typer.Option(None, "--model", "-m", help="A trained spaCy pipeline to use alongside the gazetteer."),
    # fmt: on
) -> None:
    """Extract one article and print its graph as Turtle, without a store."""
    import pyoxigraph as ox

    from ..errors import Errors
    from ..extract import Extractor
    from ..rdf import article_quads, reference_quads
    from ..read import Problem, article_from_text, iter_articles

    if str(file) == "-":
        article = article_from_text(sys.stdin.read(), id="stdin", source="-")
    else:
        if not file.exists():
            fail(Errors.E001.format(path=file))
        items = list(iter_articles([file]))
        problems = [i for i in items if isinstance(i, Problem)]
        if problems:
            fail(str(problems[0]))
        article = items[0]
    rec = next(Extractor(model=model).extract([article]))
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in (*article_quads(rec), *reference_quads(rec))]
    prefixes = {"nkg": "https://w3id.org/newskg/ontology#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                "skos": "http://www.w3.org/2004/02/skos/core#", "schema": "http://schema.org/",
                "owl": "http://www.w3.org/2002/07/owl#", "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
                "res": "https://w3id.org/newskg/resource/"}
    sys.stdout.buffer.write(ox.serialize(sorted(set(triples), key=str), format=ox.RdfFormat.TURTLE, prefixes=prefixes))


@app.command("remove")
@friendly
def remove_cli(
    # fmt: off
    ids: list[str] = typer.Argument(..., help="Article ids to delete."),
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
