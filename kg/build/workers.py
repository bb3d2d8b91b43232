"""Extraction in worker processes: records come back in input order, as quads ready to write.

Extraction (spaCy and the resolvers) is pure per article, so it runs in a pool of processes. At
most a few chunks per worker are read ahead, so memory stays flat however large the input.
"""
from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import signal
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from spacy.tokens import Doc

from ..knowledge.vocab import NKG
from ..rdf import article_quads, reference_quads
from ..read import Article, Problem
from ..resolve import ArticleRecord, IndexedEvent, indexed_events
from .extractor import Extractor

__all__ = ["Prepared", "extract_records", "default_workers", "CHUNK_SIZE"]

log = logging.getLogger("kg")
CHUNK_SIZE = 16
"""Articles per task sent to a worker process."""
_HASH = NKG.contentHash
_NQ = ox.RdfFormat.N_QUADS


@dataclass
class Prepared:
    """One extracted article, ready to write, in a form cheap to pass between processes.

    iri (str): the article's IRI (its graph's name).
    events (list[IndexedEvent]): its events as the same-event index keeps them.
    quads (bytes): the article's graph as N-Quads, without its content-hash mark and same-event links.
    mark (bytes): the content-hash quad, written after the rest so an interrupted bulk load is redone.
    reference (bytes): the reference-graph facts about the entities it mentions.
    """

    iri: str
    events: list[IndexedEvent]
    quads: bytes
    mark: bytes
    reference: bytes


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def prepare(rec: ArticleRecord, weekdays: tuple[str, ...]) -> Prepared:
    """The record's quads, serialized, and its events for the same-event index."""
    quads = article_quads(rec, weekdays=weekdays)
    mark = [q for q in quads if q.predicate.value == _HASH]
    rest = [q for q in quads if q.predicate.value != _HASH]
    return Prepared(rec.iri, list(indexed_events(rec)), nquads(rest), nquads(mark), nquads(reference_quads(rec)))


def nquads(quads: list[ox.Quad]) -> bytes:
    """Quads as N-Quads bytes."""
    return ox.serialize(quads, format=_NQ) or b"" if quads else b""


def _failure(article: Article, exc: Exception) -> Problem:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {os.path.basename(where.filename)}:{where.lineno}" if where else ""
    return Problem(article.source or article.id, f"extraction failed ({type(exc).__name__}: {exc}{at}); this is a "
                   "bug in kg, please report it with the article", "extraction")


def extract_chunk(extractor: Extractor, chunk: list[Article]) -> list[Prepared | Problem]:
    """Records for a chunk of articles, through nlp.pipe. An article the extractor fails on becomes a
    failure naming it and the others go on; a missing dependency (ImportError) stops the build."""
    try:
        docs = list(extractor.nlp.pipe(extractor.make_docs(chunk)))
    except ImportError:
        raise
    except Exception:  # noqa: BLE001 - find which article it was, one at a time
        return [_one(extractor, article, None) for article in chunk]
    return [_one(extractor, article, doc) for article, doc in zip(chunk, docs)]


def _one(extractor: Extractor, article: Article, doc: Doc | None) -> Prepared | Problem:
    try:
        doc = doc if doc is not None else extractor.nlp(next(extractor.make_docs([article])))
        return prepare(extractor.record(article, doc), extractor.knowledge.lexicons.sequence("weekdays"))
    except ImportError:
        raise
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not lose the others; reported as a failure
        log.debug("extraction failed on %s", article.id, exc_info=True)
        return _failure(article, exc)


_worker_extractor: Extractor | None = None


def _init_worker(extractor: Extractor) -> None:
    """Pool initializer: the pipeline is built once per process (inherited when forked, else unpickled)."""
    global _worker_extractor
    _worker_extractor = extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C and SIGTERM are the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _worker_chunk(chunk: list[Article]) -> list[Prepared | Problem]:
    assert _worker_extractor is not None
    return extract_chunk(_worker_extractor, chunk)


def _chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def extract_records(articles: Iterable[Article], *, extractor: Extractor, workers: int | None = 1,
                    chunk_size: int | None = None) -> Iterator[Prepared | Problem]:
    """Extracted articles (or a Problem for each one the extractor failed on), in input order.

    workers (int | None): processes to extract in; None for every core. Defaults to 1 (this process).
    chunk_size (int | None): articles per task. Defaults to CHUNK_SIZE.
    """
    workers = default_workers() if workers is None else max(1, workers)
    chunks = _chunked(articles, chunk_size or CHUNK_SIZE)
    head = list(itertools.islice(chunks, 2))
    if workers == 1 or len(head) < 2:  # one chunk is not worth starting processes for
        for chunk in itertools.chain(head, chunks):
            yield from extract_chunk(extractor, chunk)
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
