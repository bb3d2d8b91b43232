"""Building a store from documents: read, extract, write each article in one transaction."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .extract import Extractor
from .rdf import article_quads, reference_quads
from .read import Article, Problem, iter_articles
from .resolve.same_events import link_quads, same_event_links
from .store import KGStore

__all__ = ["BuildReport", "build", "add_articles"]

log = logging.getLogger("kg")


@dataclass
class BuildReport:
    """What a build did: counts, and one line per skipped input."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    quads_before: int = 0
    quads_after: int = 0

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def summary(self) -> str:
        return (f"read {self.read} articles: {self.added} added or updated, {self.unchanged} unchanged, "
                f"{self.skipped} inputs skipped; store holds {self.quads_after} quads")


def add_articles(store: KGStore, articles: Iterable[Article], *, extractor: Extractor, report: BuildReport,
                 force: bool = False, progress: Callable[[int], None] | None = None) -> BuildReport:
    """Extract and store articles, skipping those whose content hash is already stored."""
    seen: set[str] = set()

    def todo() -> Iterable[Article]:
        for a in articles:
            report.read += 1
            if a.id in seen:
                report.problems.append(Problem(a.source or a.id, f"duplicate article id {a.id!r}; kept the first"))
                continue
            seen.add(a.id)
            if not force and store.article_hash(extractor.minter.article(a.id)) == a.content_hash:
                report.unchanged += 1
                if progress:
                    progress(1)
                continue
            yield a

    for rec in extractor.extract(todo()):
        quads = article_quads(rec)
        quads += link_quads(rec, same_event_links(store.store, rec))
        store.put_article(rec.iri, quads, reference_quads(rec))
        report.added += 1
        if progress:
            progress(1)
    return report


def build(paths: Sequence[str | Path], store: KGStore, *, extractor: Extractor | None = None, force: bool = False,
          pattern: str = "*", progress: Callable[[int], None] | None = None) -> BuildReport:
    """Read every document under paths into the store; bad inputs are reported, not fatal."""
    report = BuildReport(quads_before=len(store))
    extractor = extractor or Extractor()

    def articles() -> Iterable[Article]:
        for item in iter_articles(paths, pattern=pattern):
            if isinstance(item, Problem):
                report.problems.append(item)
                log.warning("%s", item)
            else:
                yield item

    add_articles(store, articles(), extractor=extractor, report=report, force=force, progress=progress)
    store.flush()
    report.quads_after = len(store)
    return report
