"""kg build: read articles into a store."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import typer

from ..errors import Errors
from ..read.text import DEFAULT_MAX_CHARS
from .main import DEFAULT_STORE, STORE_HELP, app, fail, friendly


@app.command("build")
@friendly
def build_cli(
    # fmt: off
    paths: list[Path] = typer.Argument(..., help="Files or folders of articles (.txt .html .jsonl .json; folders are walked recursively), or - for standard input."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    model: str = typer.Option(None, "--model", "-m", help="A trained spaCy pipeline to use alongside the gazetteer."),
    glob: str = typer.Option("*", "--glob", help="Only files whose name matches this pattern."),
    force: bool = typer.Option(False, "--force", help="Re-extract articles even when unchanged."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any input was skipped."),
    text_field: str = typer.Option("text", "--text-field", help="JSON field holding the article text (a.b for nested)."),
    id_field: str = typer.Option("id", "--id-field", help="JSON field holding the article id."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", help="Longest article; longer documents are split into parts (up to 20)."),
    workers: int = typer.Option(None, "--workers", "-w", min=1, help="Extraction processes. Defaults to all cores."),
    # fmt: on
) -> None:
    """Read articles, extract actors, places and events, and store them (one named graph per article)."""
    from ..build import build
    from ..extract import Extractor
    from ..read import JsonFields, Reader, ReadOptions
    from ..store import KGStore

    for noisy in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):  # we report bad pages ourselves
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    reader = Reader(ReadOptions(pattern=glob, fields=JsonFields(text=text_field, id=id_field), max_chars=max_chars))
    kg_store = KGStore(store)
    extractor = Extractor(model=model)
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit="article", file=sys.stderr, desc="build")
    report = build(paths, kg_store, extractor=extractor, force=force, reader=reader,
                   progress=bar.update if bar is not None else None, workers=workers)
    if bar is not None:
        bar.close()
    kg_store.close()
    for problem in report.problems:
        typer.echo(f"kg: skipped {problem}", err=True)
    typer.echo(report.summary())
    if report.read == 0:
        fail(Errors.E011.format(paths=", ".join(map(str, paths))))
    if strict and report.problems:
        fail(f"{len(report.problems)} inputs skipped (--strict)")
