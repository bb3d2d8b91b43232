"""The fast paths (worker processes, bulk-loaded batches) give the same graph as a sequential build."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus import CorpusGenerator, write_corpus
from kg.build import build
from kg.store import KGStore

N_ARTICLES = 30


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """~30 generated articles about two countries within a week, so many report the same events."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, N_ARTICLES, generator=CorpusGenerator(seed=11, days=6, countries=("SY", "UA")))
    return folder


def _quads(store: KGStore) -> set[str]:
    return {str(q) for q in store.quads()}


@pytest.fixture(scope="module")
def sequential(corpus, extractor) -> set[str]:
    store = KGStore(None)
    report = build([corpus], store, extractor=extractor, workers=1, bulk=False)
    assert report.added >= N_ARTICLES - report.skipped > 0
    return _quads(store)


def test_corpus_has_cross_article_links(sequential):
    assert any("sameEventAs" in q for q in sequential), "the corpus should exercise same-event linking"


@pytest.mark.parametrize(
    "workers,bulk,batch",
    [
        (2, False, None),  # processes, one transaction per article
        (1, True, 7),  # batches from the start, several of them
        (2, True, 7),  # both
        (2, None, 7),  # automatic: transactions first, then batches
    ],
)
def test_fast_paths_give_the_same_graph(corpus, extractor, sequential, monkeypatch, tmp_path, workers, bulk, batch):
    from kg.build import workers as workers_module
    from kg.build import writer

    if batch:
        monkeypatch.setattr(writer, "BULK_BATCH", batch)
        monkeypatch.setattr(writer, "BULK_AFTER", 10)
    monkeypatch.setattr(workers_module, "CHUNK_SIZE", 4)
    store = KGStore(tmp_path / "store")  # on disk: the bulk loader writes files there
    build([corpus], store, extractor=extractor, workers=workers, bulk=bulk)
    got = _quads(store)
    store.close()
    assert got == sequential, f"missing {sorted(sequential - got)[:3]}, extra {sorted(got - sequential)[:3]}"


def test_rebuild_after_bulk_build_changes_nothing(corpus, extractor, sequential, tmp_path):
    store = KGStore(tmp_path / "store")
    build([corpus], store, extractor=extractor, workers=2, bulk=True)
    report = build([corpus], store, extractor=extractor, workers=2, bulk=True)
    assert report.added == 0 and report.unchanged == N_ARTICLES - report.skipped
    assert _quads(store) == sequential
    store.close()
