"""kg build: read articles into a store."""
from __future__ import annotations

import contextlib
import logging
import shutil
import signal
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand

from ..errors import Errors
from ..read.text import DEFAULT_MAX_CHARS
from .main import DEFAULT_STORE, FAST_HELP, MODEL_HELP, STORE_HELP, app, fail, friendly
from .progress import Progress

QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "charset_normalizer")  # kg reports bad pages itself
DASK_LOGGERS = ("distributed",)  # a local cluster's start and stop; its errors still show


def _stop_on_sigterm() -> None:
    """SIGTERM stops a build the way Ctrl-C does: workers stopped, what is written kept, one line."""
    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


class BuildCommand(TyperCommand):
    """`kg build`, where --dask may stand without its ADDRESS (at the end, or before another option or a path)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from ..build.dask import LOCAL, is_address

        args = [f"--dask={LOCAL}" if a == "--dask" and (i + 1 == len(args) or not is_address(args[i + 1])) else a
                for i, a in enumerate(args)]
        return super().parse_args(ctx, args)


@app.command("build", cls=BuildCommand)
@friendly
def build_cli(
    # fmt: off
    paths: list[Path] = typer.Argument(..., metavar="PATHS...", help="Files or folders of articles (.txt .html .jsonl .json; folders are walked recursively), or - for standard input."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", "-s", help=STORE_HELP),
    model: str = typer.Option(None, "--model", "-m", help=MODEL_HELP),
    fast: bool = typer.Option(False, "--fast", help=FAST_HELP),
    glob: str = typer.Option("*", "--glob", help="Only files whose name matches this pattern."),
    force: bool = typer.Option(False, "--force", help="Re-extract articles even when unchanged."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any input was skipped."),
    text_field: str = typer.Option("text", "--text-field", help="JSON field holding the article text (a.b for nested)."),
    id_field: str = typer.Option("id", "--id-field", help="JSON field holding the article id."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", help="Longest article; longer documents are split into parts (up to 20)."),
    workers: int = typer.Option(None, "--workers", "-w", min=1, help="Extraction processes. Defaults to all cores."),
    dask: str = typer.Option(None, "--dask", metavar="[ADDRESS]", help="Extract on Dask: alone, a cluster of --workers processes on this machine; with ADDRESS (tcp://host:8786), the cluster of that scheduler."),
    # fmt: on
) -> None:
    """Read articles, extract actors, places and events, and store them (one named graph per article)."""
    from ..build import Extractor, build
    from ..build.dask import DaskExtraction
    from ..nlp.pipeline import choose_model
    from ..read import JsonFields, Reader, ReadOptions
    from ..store import KGStore

    for noisy in QUIET_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    for noisy in DASK_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.ERROR)
    _stop_on_sigterm()
    reader = Reader(ReadOptions(pattern=glob, fields=JsonFields(text=text_field, id=id_field), max_chars=max_chars))
    extractor = Extractor(model=model, fast=fast)  # before the store: a bad model or ontology leaves no store behind
    with contextlib.ExitStack() as stack:
        extraction = stack.enter_context(DaskExtraction(dask, extractor=extractor, model=choose_model(model, fast=fast), workers=workers)) if dask else None
        new_store = not store.exists()
        kg_store = KGStore(store)
        progress = Progress()
        try:
            report = build(paths, kg_store, extractor=extractor, force=force, reader=reader, progress=progress,
                           workers=workers, extraction=extraction)
        finally:
            progress.close()
            kg_store.close()
    for problem in report.problems:
        typer.echo(f"kg: skipped {problem}", err=True)
    typer.echo(report.summary())
    if report.read == 0:
        if new_store:
            shutil.rmtree(store, ignore_errors=True)
        fail(Errors.E011.format(paths=", ".join(map(str, paths))))
    if report.failures:
        fail(Errors.E017.format(n=len(report.failures)))
    if strict and report.problems:
        fail(f"{len(report.problems)} inputs skipped (--strict)")
