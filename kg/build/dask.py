"""Extraction on a Dask cluster: batches of articles go to the workers, records come back in input order.

The client reads the inputs (kg.read, as a local build does: a file it cannot read is reported the
same way) and ships Article records to the workers. Each worker builds the pipeline once, cached by
model, IRI base and ontology folder, and returns kg.build.workers.Prepared records. A bounded window
of batches is in flight, and results are taken in input order, so memory stays flat and the one
writer links same-event mentions exactly as a local build does. A task is pure (articles in,
records out), so when a worker dies Dask runs its batches again elsewhere and nothing is lost or
written twice.
"""
from __future__ import annotations

import asyncio
import hashlib
import itertools
import logging
import re
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import Errors, KGError, Warnings
from ..knowledge.paths import PACKAGED_ONTOLOGY
from ..knowledge.vocab import DEFAULT_BASE
from ..read import Article, Problem
from .extractor import Extractor
from .workers import Prepared, extract_chunk

__all__ = ["DaskExtraction", "PipelineSpec", "extract_batch", "check_address", "is_address", "BATCH_SIZE", "LOCAL"]

log = logging.getLogger("kg")

BATCH_SIZE = 16
"""Articles per Dask task."""
LOCAL = "local"
"""The address meaning: start a cluster of worker processes on this machine."""
WORKER_WAIT = 60.0
"""Seconds to wait for a first worker to join a scheduler."""
_ADDRESS = re.compile(r"^[a-z][a-z0-9+]*://\S+$|^[^\s/:]+:\d+$")  # tcp://host:8786, tls://..., host:8786


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the same extractor as the client (small, cheap to ship with each task).

    model (str | None): the trained spaCy pipeline; None for the weight-free one.
    base (str): the IRI base new IRIs are minted under.
    ontology (str | None): an ontology folder every worker sees; None for the worker's own (the one shipped with kg).
    """

    model: str | None = None
    base: str = DEFAULT_BASE
    ontology: str | None = None

    @classmethod
    def of(cls, extractor: Extractor, model: str | None) -> PipelineSpec:
        """The spec of the client's extractor, built with model."""
        folder = Path(extractor.knowledge.folder).resolve()
        return cls(model, extractor.minter.base, None if folder == PACKAGED_ONTOLOGY.resolve() else str(folder))


def fingerprint(folder: str | Path) -> str:
    """A digest of the ontology folder's Turtle files: equal digests, equal knowledge."""
    digest = hashlib.sha256()
    root = Path(folder)
    for path in sorted(root.rglob("*.ttl")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# -- on the workers ---------------------------------------------------------------------------------

_extractors: dict[PipelineSpec, Extractor] = {}
_lock = threading.Lock()  # a spaCy pipeline is not shared between threads: a worker with several threads takes turns


def worker_extractor(spec: PipelineSpec) -> Extractor:
    """The extractor of this worker process for spec, built on first use."""
    from ..nlp.pipeline import get_pipeline, make_pipeline

    extractor = _extractors.get(spec)
    if extractor is None:
        nlp = make_pipeline(spec.model, ontology=spec.ontology) if spec.ontology else get_pipeline(spec.model)
        extractor = _extractors[spec] = Extractor(nlp=nlp, base=spec.base)
    return extractor


def extract_batch(spec: PipelineSpec, articles: list[Article]) -> list[Prepared | Problem]:
    """The Dask task: records of a batch of articles, in order (pure, so a retry is safe)."""
    with _lock:
        return extract_chunk(worker_extractor(spec), articles)


def describe(spec: PipelineSpec) -> tuple[str, str]:
    """This worker's pipeline name and ontology fingerprint (building its extractor, so the first batch finds it ready)."""
    with _lock:
        extractor = worker_extractor(spec)
    return extractor.pipeline_name, fingerprint(extractor.knowledge.folder)


# -- on the client ----------------------------------------------------------------------------------

def is_address(value: str) -> bool:
    """Whether value is LOCAL or looks like a scheduler address (tcp://host:8786, host:8786), not a path."""
    return value == LOCAL or bool(_ADDRESS.match(value))


def check_address(value: str) -> str:
    """A scheduler address or LOCAL. Raises KGError (E160) for anything else."""
    if not is_address(value):
        raise KGError(Errors.E160.format(value=value))
    return value


class DaskExtraction:
    """Extraction on a Dask cluster, as a context manager that connects (or starts a local cluster) and closes.

    address (str | None): a scheduler address; None or LOCAL for a cluster of worker processes on this machine.
    extractor (Extractor): the client's extractor: its IRI base and ontology are what the workers use.
    model (str | None): the trained spaCy pipeline the workers load; None for the weight-free one.
    workers (int | None): worker processes of a local cluster; None for every core. Unused with an address.
    batch_size (int): articles per task. Defaults to BATCH_SIZE.
    """

    def __init__(self, address: str | None, *, extractor: Extractor, model: str | None = None,
                 workers: int | None = None, batch_size: int = BATCH_SIZE) -> None:
        self.address = None if address in (None, LOCAL) else check_address(str(address))
        self.extractor = extractor
        self.spec = PipelineSpec.of(extractor, model)
        self.workers = workers
        self.batch_size = max(1, batch_size)
        self.client: Any = None
        self.cluster: Any = None
        self._window = (0, 0.0)

    def __enter__(self) -> DaskExtraction:
        from distributed import Client, LocalCluster

        if self.address is None:
            from .workers import default_workers

            self.cluster = LocalCluster(n_workers=self.workers or default_workers(), threads_per_worker=1,
                                        processes=True, dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(self.address)
            except OSError as exc:  # refused, timed out, unknown host
                raise KGError(Errors.E161.format(address=self.address, detail=exc)) from None
        try:
            self._check_workers()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this started one."""
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    def _check_workers(self) -> None:
        """Wait for a worker, then have each build its pipeline and check it extracts as this kg does."""
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT)
        except (TimeoutError, asyncio.TimeoutError):  # one class from Python 3.11 on
            raise KGError(Errors.E162.format(address=self.address, seconds=WORKER_WAIT)) from None
        ours = (self.extractor.pipeline_name, fingerprint(self.extractor.knowledge.folder))
        for worker in self.client.nthreads():
            future = self.client.submit(describe, self.spec, workers=[worker], allow_other_workers=False, pure=False)
            try:
                theirs = future.result()
            except KGError as exc:
                raise KGError(Errors.E163.format(worker=worker, detail=exc)) from None
            for what, a, b in zip(("pipeline", "ontology"), theirs, ours):
                if a != b:
                    raise KGError(Errors.E164.format(worker=worker, what=what, theirs=a, ours=b))
        log.info("extracting on Dask: %d workers, %d threads", len(self.client.nthreads()), self._threads())

    def _threads(self) -> int:
        """Threads in the cluster (asked of the scheduler at most every few seconds: workers come and go)."""
        threads, when = self._window
        if time.monotonic() - when > 5.0:
            threads = max(1, sum(self.client.nthreads().values()))
            self._window = (threads, time.monotonic())
        return threads

    def __call__(self, articles: Iterable[Article]) -> Iterator[Prepared | Problem]:
        """Records of articles (or a Problem for each one that failed), in input order."""
        if self.client is None:
            raise RuntimeError("DaskExtraction is used inside `with`: it connects on entry")
        it = iter(articles)
        batches = iter(lambda: list(itertools.islice(it, self.batch_size)), [])
        pending: deque = deque()
        try:
            for batch in batches:
                pending.append((batch, self.client.submit(extract_batch, self.spec, batch, pure=False)))
                while len(pending) >= 2 * self._threads():
                    yield from self._result(*pending.popleft())
            while pending:
                yield from self._result(*pending.popleft())
        finally:
            if pending:
                self.client.cancel([future for _, future in pending])

    def _result(self, batch: list[Article], future: Any) -> list[Prepared | Problem]:
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker as exc:  # the batch killed every worker it was given to: report it, go on with the rest
            log.debug("batch lost: %s", exc)
            return [Problem(a.source or a.id, Warnings.W116, "extraction") for a in batch]
        finally:
            future.release()
