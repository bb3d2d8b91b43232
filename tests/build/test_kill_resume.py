"""Safe builds: a build killed with SIGKILL leaves whole articles only, and the next build resumes exactly.

Also: a second kg process on a store a build holds gets the one-line E002 message.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.corpus import CorpusGenerator, write_corpus
from kg.knowledge.vocab import NKG, ONTOLOGY_GRAPH, REFERENCE_GRAPH, SCHEMA
from tests.conftest import KG, run_kg

pytestmark = pytest.mark.slow

N_ARTICLES = 40
HASH = ox.NamedNode(str(NKG.contentHash))
IDENT = ox.NamedNode(str(SCHEMA.identifier))
SHARED_GRAPHS = {ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode(REFERENCE_GRAPH)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """40 generated articles long enough (1,500-2,500 words) that a build takes seconds, not milliseconds."""
    folder = tmp_path_factory.mktemp("kill-corpus")
    write_corpus(folder, N_ARTICLES, generator=CorpusGenerator(seed=3, words=(1500, 2500)))
    return folder


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> set[ox.Quad]:
    """The quads of an uninterrupted build of the corpus."""
    path = tmp_path_factory.mktemp("clean") / "store"
    result = run_kg("build", corpus, "--store", path)
    assert result.returncode == 0, result.stderr
    return set(ox.Store.read_only(str(path)))


def stored_articles(path: Path) -> int:
    """Articles a running build has committed so far (0 while the store does not exist yet)."""
    try:
        store = ox.Store.read_only(str(path))
    except (OSError, RuntimeError):  # not created yet, or created but its column families not yet
        return 0
    return sum(1 for q in store.quads_for_pattern(None, HASH, None)
               if q.subject == q.graph_name and q.graph_name not in SHARED_GRAPHS)


def start_build(corpus: Path, store: Path, log: Path) -> subprocess.Popen:
    """`python -m kg build` in its own process group, so it can be killed with its worker processes."""
    with log.open("wb") as out:
        return subprocess.Popen([*KG, "build", str(corpus), "--store", str(store)], stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def wait_for(proc: subprocess.Popen, store: Path, at_least: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = stored_articles(store)
        if n >= at_least:
            return n
        assert proc.poll() is None, f"the build ended before {at_least} articles were stored"
        time.sleep(0.02)
    raise AssertionError(f"no {at_least} articles stored within {timeout}s")


def test_kill_and_resume(corpus: Path, clean: set[ox.Quad], tmp_path: Path) -> None:
    path = tmp_path / "store"
    proc = start_build(corpus, path, tmp_path / "build.log")
    try:
        wait_for(proc, path, 3)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its worker processes, at whatever they were doing
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    # The store opens and passes validation.
    result = run_kg("validate", "--store", path)
    assert result.returncode == 0, result.stdout + result.stderr
    store = ox.Store(str(path))
    killed = set(store)
    graphs = {g for g in store.named_graphs() if g not in SHARED_GRAPHS}
    kept = len(graphs)
    assert 3 <= kept < N_ARTICLES, f"killed after {kept} articles: not mid-way"

    # Every article graph in it is whole: its hash mark and id, and exactly the quads a clean build gives it.
    for g in graphs:
        assert [q.object.value for q in store.quads_for_pattern(g, HASH, None, g)], g
        assert [q.object.value for q in store.quads_for_pattern(g, IDENT, None, g)], g
        assert {q for q in killed if q.graph_name == g} == {q for q in clean if q.graph_name == g}, g
    reference = ox.NamedNode(REFERENCE_GRAPH)
    assert {q for q in killed if q.graph_name == reference} <= {q for q in clean if q.graph_name == reference}
    del store

    # The next build resumes: the articles already stored are unchanged, the rest are added.
    result = run_kg("build", corpus, "--store", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (f"read {N_ARTICLES} inputs: {N_ARTICLES} articles, "
                                             f"{N_ARTICLES - kept} added or updated, {kept} unchanged")
    assert set(ox.Store.read_only(str(path))) == clean


def test_second_process_on_a_busy_store(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run_kg("build", corpus, "--store", path).returncode == 0
    before = set(ox.Store.read_only(str(path)))
    # Another process holds the store open for writing, as a running build does, for as long as we need.
    holder = subprocess.Popen([sys.executable, "-c", (
        "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); time.sleep(60)"),
        str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        for args in (["build", corpus, "--force"], ["remove", "a000000"]):
            result = run_kg(*args, "--store", path)
            assert result.returncode == 1, result.stderr
            assert result.stderr.splitlines() == [
                f"kg: [E002] The store at {path} is in use by another kg process (a build or a server). "
                "Wait for it to finish or stop it, then try again."]
    finally:
        holder.kill()
        holder.wait()
    assert set(ox.Store.read_only(str(path))) == before  # the refused attempts changed nothing
