"""Building a store from documents: read, extract, link and write each article."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..errors import Warnings
from ..read import Article, Problem, Reader, ReadOptions
from ..store import KGStore
from .extractor import Extractor
from .report import BuildReport
from .workers import extract_records
from .writer import Writer, load_index

__all__ = ["build", "add_articles"]

log = logging.getLogger("kg")


def _new_articles(store: KGStore, articles: Iterable[Article], extractor: Extractor, report: BuildReport, *,
                  force: bool, progress: Callable[[int], None] | None) -> Iterable[Article]:
    """The articles to extract: not duplicates, and new or changed since the last build (unless force)."""
    seen: set[str] = set()
    for a in articles:
        report.read += 1
        if a.id in seen:
            report.problems.append(Problem(a.source or a.id, Warnings.W111.format(id=a.id), "duplicate"))
            continue
        seen.add(a.id)
        if not force and store.article_hash(extractor.minter.article(a.id)) == a.content_hash:
            report.unchanged += 1
            if progress:
                progress(1)
            continue
        yield a


def add_articles(store: KGStore, articles: Iterable[Article], *, extractor: Extractor, report: BuildReport,
                 force: bool = False, progress: Callable[[int], None] | None = None, workers: int | None = 1,
                 bulk: bool | None = None) -> BuildReport:
    """Extract and store articles, skipping those whose content hash is already stored.

    workers (int | None): extraction processes; None for every core. Defaults to 1 (this process).
    bulk (bool | None): write new articles in batches with Oxigraph's bulk loader; None switches to
        batches once a build has written BULK_AFTER articles. Either way the graph is the same.
    """
    report.pipeline = extractor.pipeline_name
    writer = Writer(store, load_index(store, extractor.knowledge), bulk=bulk)
    todo = _new_articles(store, articles, extractor, report, force=force, progress=progress)
    try:
        for item in extract_records(todo, extractor=extractor, workers=workers):
            if isinstance(item, Problem):
                report.failures.append(item)
                log.error("%s", item)
            else:
                writer.write(item)
                report.added += 1
            if progress:
                progress(1)
    finally:
        writer.close()
    return report


def build(paths: Sequence[str | Path], store: KGStore, *, extractor: Extractor | None = None, force: bool = False,
          reader: Reader | None = None, progress: Callable[[int], None] | None = None, workers: int | None = 1,
          bulk: bool | None = None) -> BuildReport:
    """Read every document under paths into the store; bad inputs are reported, not fatal.

    reader (Reader | None): how inputs are read (JSON field names, --max-chars, --glob, standard input).
        Defaults to Reader(ReadOptions()).
    workers (int | None): extraction processes; None for every core. Defaults to 1.
    bulk (bool | None): batched writes with the bulk loader (see add_articles). Defaults to None (automatic).
    """
    report = BuildReport(quads_before=len(store))
    extractor = extractor or Extractor()
    reader = reader or Reader(ReadOptions())

    def articles() -> Iterable[Article]:
        for item in reader(paths):
            report.files, report.split = reader.files, reader.split
            if isinstance(item, Problem) and item.kind == "failure":
                report.failures.append(item)
                log.error("%s", item)
            elif isinstance(item, Problem):
                report.problems.append(item)
                log.info("skipped %s", item)
            else:
                yield item
        report.files, report.split = reader.files, reader.split

    add_articles(store, articles(), extractor=extractor, report=report, force=force, progress=progress,
                 workers=workers, bulk=bulk)
    # Changed articles may have left reference facts nothing mentions now; a killed build may too.
    store.prune_reference()
    store.flush()
    report.quads_after = len(store)
    return report
