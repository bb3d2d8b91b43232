"""Building a store from documents: read, extract, write each article in one transaction."""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .extract import Extractor
from .rdf import article_quads, reference_quads
from .errors import Warnings
from .read import PROBLEM_KINDS, Article, Problem, ReadOptions, Reader
from .resolve.same_events import link_quads, same_event_links
from .store import KGStore

__all__ = ["BuildReport", "build", "add_articles"]

log = logging.getLogger("kg")


@dataclass
class BuildReport:
    """What a build did: counts, and one Problem per skipped input.

    files (int): inputs opened (files and standard input).
    read (int): articles read from them, duplicates included.
    added (int): articles extracted and stored (new, or changed since the last build).
    unchanged (int): articles whose content hash was already in the store.
    split (int): long documents stored as several parts.
    problems (list[Problem]): what was skipped, and why.
    quads_before, quads_after (int): the store's size around the build.
    """

    read: int = 0
    added: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    quads_before: int = 0
    quads_after: int = 0
    files: int = 0
    split: int = 0

    @property
    def skipped(self) -> int:
        """How many inputs (files, records or articles) were skipped."""
        return len(self.problems)

    def skipped_by_kind(self) -> dict[str, int]:
        """Skipped inputs counted by why ("empty", "binary", ...), most common first."""
        counts = Counter(p.kind for p in self.problems)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def summary(self) -> str:
        """Three lines: what was read and stored, what was skipped and why, and the store's size."""
        split = f"; {self.split} long documents split into parts" if self.split else ""
        why = ", ".join(f"{n} {PROBLEM_KINDS.get(k, k)}" for k, n in self.skipped_by_kind().items())
        delta = self.quads_after - self.quads_before
        return "\n".join((
            f"read {self.files} inputs: {self.read} articles, {self.added} added or updated, "
            f"{self.unchanged} unchanged{split}",
            f"skipped {self.skipped} inputs{': ' + why if why else ''}",
            f"store holds {self.quads_after} quads ({delta:+d})",
        ))


def add_articles(store: KGStore, articles: Iterable[Article], *, extractor: Extractor, report: BuildReport,
                 force: bool = False, progress: Callable[[int], None] | None = None) -> BuildReport:
    """Extract and store articles, skipping those whose content hash is already stored."""
    seen: set[str] = set()

    def todo() -> Iterable[Article]:
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

    for rec in extractor.extract(todo()):
        quads = article_quads(rec)
        quads += link_quads(rec, same_event_links(store.store, rec))
        store.put_article(rec.iri, quads, reference_quads(rec))
        report.added += 1
        if progress:
            progress(1)
    return report


def build(paths: Sequence[str | Path], store: KGStore, *, extractor: Extractor | None = None, force: bool = False,
          pattern: str = "*", reader: Reader | None = None,
          progress: Callable[[int], None] | None = None) -> BuildReport:
    """Read every document under paths into the store; bad inputs are reported, not fatal.

    reader (Reader | None): how inputs are read (JSON field names, --max-chars, standard input).
        Defaults to Reader(ReadOptions(pattern=pattern)).
    """
    report = BuildReport(quads_before=len(store))
    extractor = extractor or Extractor()
    reader = reader or Reader(ReadOptions(pattern=pattern))

    def articles() -> Iterable[Article]:
        for item in reader(paths):
            report.files, report.split = reader.files, reader.split
            if isinstance(item, Problem):
                report.problems.append(item)
                log.info("skipped %s", item)
            else:
                yield item
        report.files, report.split = reader.files, reader.split

    add_articles(store, articles(), extractor=extractor, report=report, force=force, progress=progress)
    # Changed articles may have left reference facts nothing mentions now; a killed build may too.
    store.prune_reference()
    store.flush()
    report.quads_after = len(store)
    return report
