"""Building a store from documents: read, extract, write each article in one transaction."""
from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import signal
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .extract import Extractor
from .rdf import article_quads, reference_quads
from .errors import Warnings
from .read import PROBLEM_KINDS, Article, Problem, ReadOptions, Reader
from .resolve.same_events import link_quads, same_event_links
from .namespaces import NKG, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from .resolve import ArticleRecord
from .store import KGStore

__all__ = ["BuildReport", "build", "add_articles", "extract_records", "default_workers"]

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
        split = f"; {self.split} long document{'s' if self.split > 1 else ''} split into parts" if self.split else ""
        why = ", ".join(f"{n} {PROBLEM_KINDS.get(k, k)}" for k, n in self.skipped_by_kind().items())
        delta = self.quads_after - self.quads_before
        return "\n".join((
            f"read {self.files} inputs: {self.read} articles, {self.added} added or updated, "
            f"{self.unchanged} unchanged{split}",
            f"skipped {self.skipped} inputs{': ' + why if why else ''}",
            f"store holds {self.quads_after} quads ({delta:+d})",
        ))


def add_articles(store: KGStore, articles: Iterable[Article], *, extractor: Extractor, report: BuildReport,
                 force: bool = False, progress: Callable[[int], None] | None = None, workers: int | None = 1,
                 bulk: bool | None = None) -> BuildReport:
    """Extract and store articles, skipping those whose content hash is already stored.

    workers (int | None): extraction processes; None for every core. Defaults to 1 (this process).
    bulk (bool | None): write new articles in batches with Oxigraph's bulk loader; None switches to
        batches once a build has written BULK_AFTER articles. Either way the graph is the same.
    """
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

    writer = _Writer(store, bulk=bulk)
    try:
        for item in extract_records(todo(), extractor=extractor, workers=workers):
            if isinstance(item, Problem):
                report.problems.append(item)
                log.debug("skipped %s", item)
            else:
                writer.write(item)
                report.added += 1
            if progress:
                progress(1)
    finally:
        writer.close()
    return report


def build(paths: Sequence[str | Path], store: KGStore, *, extractor: Extractor | None = None, force: bool = False,
          pattern: str = "*", reader: Reader | None = None,
          progress: Callable[[int], None] | None = None, workers: int | None = 1,
          bulk: bool | None = None) -> BuildReport:
    """Read every document under paths into the store; bad inputs are reported, not fatal.

    reader (Reader | None): how inputs are read (JSON field names, --max-chars, standard input).
        Defaults to Reader(ReadOptions(pattern=pattern)).
    workers (int | None): extraction processes; None for every core. Defaults to 1.
    bulk (bool | None): batched writes with the bulk loader (see add_articles). Defaults to None (automatic).
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

    add_articles(store, articles(), extractor=extractor, report=report, force=force, progress=progress,
                 workers=workers, bulk=bulk)
    # Changed articles may have left reference facts nothing mentions now; a killed build may too.
    store.prune_reference()
    store.flush()
    report.quads_after = len(store)
    return report


# -- fast paths: extraction in worker processes, batched writes ---------------------------------
#
# Extraction (spaCy and the resolvers) is pure per article, so it runs in a pool of processes and
# comes back in input order. Writing stays in this process: cross-article nkg:sameEventAs links
# are looked up in the store as each article is written, so the order of writes is the order of
# the input, and a parallel build gives the same graph as a sequential one.

BULK_AFTER = 500
"""With bulk=None, a build writes this many articles one transaction each, then switches to batches."""
BULK_BATCH = 1000
"""Articles per bulk-loader batch."""
CHUNK_SIZE = 16
"""Articles per task sent to a worker process."""
_HASH = ox.NamedNode(str(NKG.contentHash))
_NQ = ox.RdfFormat.N_QUADS


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass
class _Prepared:
    """One extracted article, ready to write: its record, and its quads as N-Quads (cheap to pass between processes).

    quads (bytes): the article's graph without its content-hash mark.
    mark (bytes): the content-hash quad, written after the rest so an interrupted bulk load is redone.
    reference (bytes): the reference-graph facts about the entities it mentions.
    """

    record: ArticleRecord
    quads: bytes
    mark: bytes
    reference: bytes


def _prepare(rec: ArticleRecord) -> _Prepared:
    quads = article_quads(rec)
    mark = [q for q in quads if q.predicate == _HASH]
    rest = [q for q in quads if q.predicate != _HASH]
    return _Prepared(rec, ox.serialize(rest, format=_NQ), ox.serialize(mark, format=_NQ),
                     ox.serialize(reference_quads(rec), format=_NQ))


def _parse(data: bytes) -> list[ox.Quad]:
    return list(ox.parse(data, format=_NQ)) if data else []


def _extract_chunk(extractor: Extractor, chunk: list[Article]) -> list[_Prepared | Problem]:
    """Records for a chunk of articles; an article the extractor fails on becomes a Problem, not a failed build."""
    try:
        return [_prepare(rec) for rec in extractor.extract(chunk)]
    except Exception:  # noqa: BLE001  (find which article it was, and go on without it)
        out: list[_Prepared | Problem] = []
        for article in chunk:
            try:
                out.extend(_prepare(rec) for rec in extractor.extract([article]))
            except Exception as exc:  # noqa: BLE001
                out.append(Problem(article.source or article.id,
                                   f"extraction failed ({type(exc).__name__}: {exc}); this is a bug in kg, "
                                   "please report it with the article", "extraction"))
        return out


_worker_extractor: Extractor | None = None


def _init_worker(extractor: Extractor) -> None:
    """Pool initializer: the pipeline is built once per process (inherited when forked, else unpickled)."""
    global _worker_extractor
    _worker_extractor = extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle: it stops the pool


def _worker_chunk(chunk: list[Article]) -> list[_Prepared | Problem]:
    assert _worker_extractor is not None
    return _extract_chunk(_worker_extractor, chunk)


def _chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def extract_records(articles: Iterable[Article], *, extractor: Extractor, workers: int | None = 1,
                    chunk_size: int | None = None) -> Iterator[_Prepared | Problem]:
    """Extracted articles (or a Problem for each one the extractor failed on), in input order.

    workers (int | None): processes to extract in; None for every core. Defaults to 1 (this process).
    chunk_size (int | None): articles per task. Defaults to CHUNK_SIZE.
    RETURNS (Iterator): at most a few chunks per worker are read ahead, so memory stays flat.
    """
    workers = default_workers() if workers is None else max(1, workers)
    chunks = _chunked(articles, chunk_size or CHUNK_SIZE)
    head = list(itertools.islice(chunks, 2))
    if workers == 1 or len(head) < 2:  # one chunk is not worth starting processes for
        for chunk in itertools.chain(head, chunks):
            yield from _extract_chunk(extractor, chunk)
        return
    # fork shares the loaded pipeline with the workers for free; elsewhere it is pickled once per worker.
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(extractor,)) as pool:
        pending: deque = deque()
        for chunk in itertools.chain(head, chunks):
            pending.append(pool.apply_async(_worker_chunk, (chunk,)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


class _Writer:
    """Writes prepared articles in input order: one transaction each, or batches through the bulk loader.

    A batch is loaded with Store.bulk_load, then the articles' content-hash marks are added in one
    transaction, so a build killed mid-batch leaves articles without marks, which the next build redoes.
    While a batch is pending, same-event links are looked up in the store and in a small in-memory
    store holding the batch's article graphs plus every ontology and reference fact. An event's facts
    all live in its own article's graph, so the two lookups together see what one store would.
    """

    def __init__(self, store: KGStore, *, bulk: bool | None, batch: int | None = None) -> None:
        self.store = store
        self.auto = bulk is None
        self.batch = batch or BULK_BATCH
        self.written = 0
        self.side: ox.Store | None = None
        self.shared: set[ox.Quad] = set()
        self.pending: list[bytes] = []
        self.marks: list[bytes] = []
        self.count = 0
        if bulk:
            self._start_batches()

    def _start_batches(self) -> None:
        main = self.store.store
        for g in (ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode(REFERENCE_GRAPH)):
            self.shared.update(main.quads_for_pattern(None, None, None, g))
        self._new_side()

    def _new_side(self) -> None:
        self.side = ox.Store()
        self.side.extend(self.shared)

    def write(self, item: _Prepared) -> None:
        rec = item.record
        main = self.store.store
        if self.side is None or main.contains_named_graph(ox.NamedNode(rec.iri)):
            self.flush()
            links = link_quads(rec, same_event_links(main, rec))
            self.store.put_article(rec.iri, [*_parse(item.quads), *_parse(item.mark), *links], _parse(item.reference))
            if self.side is not None:
                self._share(_parse(item.reference), write=False)
            self.written += 1
            if self.auto and self.side is None and self.written >= BULK_AFTER:
                self._start_batches()
            return
        found = set(same_event_links(main, rec)) | set(same_event_links(self.side, rec))
        links = link_quads(rec, sorted(found))
        # Reference facts go to the store at once (they are few and mostly known already), so the
        # store's lookups always see the whole reference graph.
        self._share(_parse(item.reference), write=True)
        data = item.quads + (ox.serialize(links, format=_NQ) if links else b"")
        self.side.load(data, format=_NQ)
        self.pending.append(data)
        self.marks.append(item.mark)
        self.count += 1
        self.written += 1
        if self.count >= self.batch:
            self.flush()

    def _share(self, quads: list[ox.Quad], *, write: bool) -> None:
        new = [q for q in quads if q not in self.shared]
        if new:
            if write:
                self.store.store.extend(new)
            self.shared.update(new)
            assert self.side is not None
            self.side.extend(new)

    def flush(self) -> None:
        """Load the pending batch, then mark its articles as done."""
        if not self.pending:
            return
        main = self.store.store
        main.bulk_load(b"".join(self.pending), format=_NQ)
        main.extend(_parse(b"".join(self.marks)))
        self.pending, self.marks, self.count = [], [], 0
        self._new_side()

    def close(self) -> None:
        self.flush()
