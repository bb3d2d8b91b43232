"""kg build: read articles into a store."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from .main import DEFAULT_STORE, STORE_HELP, app, fail, friendly


@app.command("build")
@friendly
def build_cli(
    # fmt: off
    paths: list[Path] = typer.Argument(..., help="Files or folders of articles (folders are walked recursively)."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    model: str = typer.Option(None, "--model", "-m", help="A trained spaCy pipeline to use alongside the gazetteer."),
    glob: str = typer.Option("*", "--glob", help="Only files whose name matches this pattern."),
    force: bool = typer.Option(False, "--force", help="Re-extract articles even when unchanged."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any input was skipped."),
    # fmt: on
) -> None:
    """Read articles, extract actors, places and events, and store them (one named graph per article)."""
    from ..build import build
    from ..extract import Extractor
    from ..store import KGStore

    kg_store = KGStore(store)
    extractor = Extractor(model=model)
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit="article", file=sys.stderr, desc="build")
    report = build(paths, kg_store, extractor=extractor, force=force, pattern=glob,
                   progress=bar.update if bar is not None else None)
    if bar is not None:
        bar.close()
    kg_store.close()
    for problem in report.problems:
        typer.echo(f"kg: skipped {problem}", err=True)
    typer.echo(report.summary())
    if report.read == 0 and report.problems:
        fail(f"nothing could be read from {', '.join(map(str, paths))}")
    if strict and report.problems:
        fail(f"{len(report.problems)} inputs skipped (--strict)")
