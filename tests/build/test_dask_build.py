"""kg build --dask: a real scheduler and two workers on localhost give exactly the quads of a local build,
even when a worker is killed mid-build; a local cluster does too; bad addresses get one line."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.corpus import CorpusGenerator, write_corpus
from tests.build.test_kill_resume import stored_articles
from tests.conftest import KG, SEEDS, run_kg

pytestmark = pytest.mark.slow

N_GENERATED = 200
N_ARTICLES = N_GENERATED + len(list(SEEDS.glob("*.txt")))
DASK = Path(sys.executable).parent / "dask"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """`dask scheduler` and `dask worker` processes on localhost, each in its own process group."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.procs: dict[str, subprocess.Popen] = {}
        self._start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", self.address.rsplit(":", 1)[1],
                    "--no-dashboard")

    def _start(self, name: str, *args: str) -> None:
        with (self.folder / f"{name}.log").open("wb") as log:
            self.procs[name] = subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT,
                                                start_new_session=True)

    def add_worker(self, name: str) -> None:
        self._start(name, "worker", self.address, "--name", name, "--nthreads", "1", "--no-dashboard")

    def client(self):
        from distributed import Client

        return Client(self.address, timeout=30)

    def kill(self, name: str) -> None:
        """SIGKILL a worker and its nanny, as if its machine went away."""
        os.killpg(self.procs[name].pid, signal.SIGKILL)
        self.procs[name].wait()

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-threaded workers, as `dask scheduler` and `dask worker` run them."""
    c = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        c.add_worker("w1")
        c.add_worker("w2")
        with c.client() as client:
            client.wait_for_workers(2, timeout=120)
        yield c
    finally:
        c.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """200 generated articles about three countries within a month, so many report the same events."""
    folder = tmp_path_factory.mktemp("dask-corpus")
    write_corpus(folder, N_GENERATED, generator=CorpusGenerator(seed=16, days=30, countries=("SY", "UA", "SD")))
    return folder


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory) -> tuple[str, set[ox.Quad]]:
    """The summary line and the quads of a local build of seeds/ and the corpus."""
    path = tmp_path_factory.mktemp("local") / "store"
    result = run_kg("build", SEEDS, corpus, "--store", path)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[0], set(ox.Store.read_only(str(path)))


def test_dask_cluster_gives_the_local_quads(cluster, corpus, local, tmp_path):
    path = tmp_path / "store"
    result = run_kg("build", SEEDS, corpus, "--store", path, "--dask", cluster.address)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == local[0] == (f"read {N_ARTICLES} inputs: {N_ARTICLES} articles, "
                                                         f"{N_ARTICLES} added or updated, 0 unchanged")
    got = set(ox.Store.read_only(str(path)))
    assert any("sameEventAs" in str(q.predicate) for q in got), "the corpus should exercise same-event linking"
    assert got == local[1], f"missing {len(local[1] - got)}, extra {len(got - local[1])}"

    # Built again through the cluster: every article is unchanged, nothing is extracted.
    result = run_kg("build", SEEDS, corpus, "--store", path, "--dask", cluster.address)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"read {N_ARTICLES} inputs: {N_ARTICLES} articles, 0 added or updated, {N_ARTICLES} unchanged"
    assert set(ox.Store.read_only(str(path))) == local[1]


def test_a_killed_build_resumes(cluster, corpus, local, tmp_path):
    path = tmp_path / "store"
    with (tmp_path / "build.log").open("wb") as log:
        build = subprocess.Popen([*KG, "build", str(SEEDS), str(corpus), "--store", str(path), "--dask", cluster.address],
                                 stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while (kept := stored_articles(path)) < 10:
            assert build.poll() is None and time.monotonic() < deadline, "the build ended before it could be killed"
            time.sleep(0.05)
    finally:
        os.killpg(build.pid, signal.SIGKILL)  # the client; the cluster's workers go on serving others
        build.wait()
    kept = stored_articles(path)
    assert 10 <= kept < N_ARTICLES

    result = run_kg("build", SEEDS, corpus, "--store", path, "--dask", cluster.address)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (f"read {N_ARTICLES} inputs: {N_ARTICLES} articles, "
                                             f"{N_ARTICLES - kept} added or updated, {kept} unchanged")
    assert set(ox.Store.read_only(str(path))) == local[1]


def _kill_when_busy(cluster: Cluster, build: subprocess.Popen, store: Path, name: str) -> int:
    """Kill worker `name` once some articles are stored and it is extracting a batch; the articles stored then."""
    with cluster.client() as client:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            assert build.poll() is None, "the build ended before a worker could be killed"
            n = stored_articles(store)
            by_name = {info["name"]: addr for addr, info in client.scheduler_info()["workers"].items()}
            if n >= 10 and client.processing().get(by_name.get(name), ()):
                cluster.kill(name)
                return n
            time.sleep(0.05)
    raise AssertionError("the worker never had a batch to extract")


def test_a_killed_worker_loses_nothing(cluster, corpus, local, tmp_path):
    path = tmp_path / "store"
    with (tmp_path / "build.log").open("wb") as log:
        build = subprocess.Popen([*KG, "build", str(SEEDS), str(corpus), "--store", str(path), "--dask", cluster.address],
                                 stdout=subprocess.PIPE, stderr=log, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        at_kill = _kill_when_busy(cluster, build, path, "w1")
        out, _ = build.communicate(timeout=600)
    finally:
        if build.poll() is None:
            build.kill()
    assert at_kill < N_ARTICLES, "the worker was killed after the build had stored everything"
    assert build.returncode == 0, (tmp_path / "build.log").read_text()
    assert out.decode().splitlines()[0] == local[0]  # every article counted once: none lost, none twice
    assert set(ox.Store.read_only(str(path))) == local[1]


def test_local_cluster_gives_the_local_quads(seed_store, tmp_path):
    path = tmp_path / "store"
    result = run_kg("build", "--dask", SEEDS, "--workers", "2", "--store", path)  # --dask without an address
    assert result.returncode == 0, result.stderr
    assert set(ox.Store.read_only(str(path))) == set(ox.Store.read_only(str(seed_store)))


@pytest.mark.parametrize(
    "address,code",
    [
        ("seeds:x", "E160"),  # not an address (and not a path)
        (f"tcp://127.0.0.1:{free_port()}", "E161"),  # nothing listening
    ],
)
def test_bad_scheduler_is_one_line(address, code, tmp_path):
    result = run_kg("build", SEEDS, f"--dask={address}", "--store", tmp_path / "store",
                    env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert result.returncode != 0
    assert result.stderr.splitlines() == [result.stderr.strip()] and result.stderr.startswith(f"kg: [{code}]"), result.stderr
    assert not (tmp_path / "store").exists(), "a build that cannot reach its cluster leaves no store"


def test_scheduler_without_workers(extractor, monkeypatch):
    from distributed import LocalCluster

    from kg.build import dask as kg_dask
    from kg.errors import KGError

    monkeypatch.setattr(kg_dask, "WORKER_WAIT", 1.0)
    with LocalCluster(n_workers=0, processes=False, dashboard_address="127.0.0.1:0") as empty:
        with pytest.raises(KGError, match=r"\[E162\] No Dask worker joined"):
            with kg_dask.DaskExtraction(empty.scheduler_address, extractor=extractor):
                pass


def test_a_batch_that_kills_its_workers_is_reported(extractor, tmp_path):
    """With no failures allowed, the batch a worker dies on becomes failures; every other article still comes back, in order."""
    import threading

    import dask
    from distributed import Client

    from kg.build import dask as kg_dask
    from kg.read import Article, iter_articles

    write_corpus(tmp_path, 12, generator=CorpusGenerator(seed=5, words=(1500, 2500)))
    articles = [a for a in iter_articles([tmp_path]) if isinstance(a, Article)]
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):  # the scheduler runs in this process
        with kg_dask.DaskExtraction(None, extractor=extractor, workers=2, batch_size=1) as extraction:
            out: list = []
            reader = threading.Thread(target=lambda: out.extend(extraction(articles)))
            reader.start()
            client: Client = extraction.client
            pids = client.run(os.getpid)
            deadline = time.monotonic() + 120
            while not (busy := [w for w, keys in client.processing().items() if keys]):
                assert time.monotonic() < deadline and reader.is_alive(), "no worker was ever busy"
                time.sleep(0.01)
            os.kill(pids[busy[0]], signal.SIGKILL)
            reader.join(timeout=300)
    assert len(out) == len(articles)
    lost = [item for item in out if not isinstance(item, kg_dask.Prepared)]
    assert lost and all(p.kind == "extraction" and "[W116]" in p.reason for p in lost), lost
    for article, item in zip(articles, out):  # in input order, each article once
        assert (item.iri == extractor.minter.article(article.id) if isinstance(item, kg_dask.Prepared)
                else item.source == article.source)
