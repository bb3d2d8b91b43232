"""Measurements for the benchmark: extraction speed, end-to-end builds, loading and querying.

Every function returns plain dicts of numbers so the report can be written from them (and the
run can be saved as JSON). Timings use time.perf_counter; memory is sampled from /proc.
"""
from __future__ import annotations

import functools
import json
import math
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = ["machine_info", "cpu_calibration", "TreeSampler", "ProgressProbe", "tokenizer_speed", "extraction_speed",
           "component_profile", "run_build", "store_quads", "store_contents", "store_marks", "oxigraph_load", "oxigraph_queries",
           "rdflib_baseline", "rdflib_child", "query_plan", "lookup_cost", "timed", "api_queries", "tour_plan"]


# -- the machine ---------------------------------------------------------------------------------

def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine_info() -> dict:
    """Cores, CPU, memory and library versions, and when the run started."""
    from kg.build import default_workers

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        pass
    commit = None
    try:
        root = Path(__file__).resolve().parents[2]
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                                timeout=10).stdout.strip() or None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        if commit and dirty:
            commit += " with uncommitted changes"
    except (OSError, subprocess.SubprocessError):
        pass
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": default_workers(),
        "cpu": cpu,
        "memory_gib": round(mem / 2**30, 1) if mem else None,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "spacy": _package("spacy"),
        "pyoxigraph": _package("pyoxigraph"),
        "rdflib": _package("rdflib"),
        "kg": _package("kg"),
        "commit": commit,
    }


def _burn(_: object = None) -> float:
    t = time.perf_counter()
    x = 0
    for i in range(3_000_000):
        x += i
    return time.perf_counter() - t


def cpu_calibration(workers: int, *, repeat: int = 3) -> dict:
    """How many cores this run really gets: a pure-Python loop alone, then in `workers` processes at once.

    RETURNS (dict): single (s), parallel (s, slowest process), effective_cores (workers x single / parallel),
        and the load average before.
    """
    import multiprocessing

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    single = min(_burn() for _ in range(repeat))
    parallel = single
    if workers > 1:
        ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ctx.Pool(workers) as pool:
            parallel = min(max(pool.map(_burn, range(workers))) for _ in range(repeat))
    return {"single": single, "parallel": parallel, "effective_cores": workers * single / parallel,
            "loadavg": list(load) if load else None}


# -- memory of a process tree --------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            out.extend(int(c) for c in text.split())
    except OSError:
        pass
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; PSS counts pages shared with forked workers once."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss = pss = int(line.split()[1]) * 1024
        except (OSError, ValueError):
            pass
    return rss, pss


class TreeSampler:
    """Samples the memory of a process and all its descendants in a thread, keeping the peaks.

    main_rss: the process itself; worker_rss: the largest descendant; tree_rss: the sum of RSS
    (pages shared by forked workers counted once per process); tree_pss: the sum of PSS (each page
    counted once overall: the memory the whole build really occupies).
    """

    def __init__(self, pid: int, *, interval: float = 0.25) -> None:
        self.pid = pid
        self.interval = interval
        self.main_rss = self.worker_rss = self.tree_rss = self.tree_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        pids, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            pids.append(p)
            todo.extend(_children(p))
        rss_sum = pss_sum = 0
        for p in pids:
            rss, pss = _memory(p)
            rss_sum += rss
            pss_sum += pss
            if p == self.pid:
                self.main_rss = max(self.main_rss, rss)
            else:
                self.worker_rss = max(self.worker_rss, rss)
        self.tree_rss = max(self.tree_rss, rss_sum)
        self.tree_pss = max(self.tree_pss, pss_sum)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def peaks(self) -> dict:
        return {"main_rss": self.main_rss, "worker_rss": self.worker_rss, "tree_rss": self.tree_rss,
                "tree_pss": self.tree_pss}


# -- extraction ----------------------------------------------------------------------------------

def _words(texts: Sequence[str]) -> int:
    return sum(len(t.split()) for t in texts)


@functools.lru_cache(maxsize=2)
def _bare_pipeline(model: str | None):
    import spacy

    return spacy.load(model) if model else spacy.blank("en")


def tokenizer_speed(texts: Sequence[str], *, repeat: int = 3, model: str | None = None) -> dict:
    """A bare spacy.blank("en") over the texts (nlp.pipe), best of `repeat` runs; or, with model, the bare
    trained pipeline `spacy.load(model)` (what kg's extraction with that model is compared with)."""
    nlp = _bare_pipeline(model)
    best = math.inf
    for _ in range(repeat):
        t = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best = min(best, time.perf_counter() - t)
    return {"articles": len(texts), "words": _words(texts), "seconds": best,
            "articles_per_s": len(texts) / best, "words_per_s": _words(texts) / best}


def extraction_speed(articles: list, *, extractor, workers: int, keep: list | None = None) -> dict:
    """The kg pipeline and resolvers (what a build's workers do) over articles, in `workers` processes.

    keep (list | None): when given, each article's events (in the same-event index's form) are appended to it.
    """
    from kg.build import extract_records
    from kg.read import Problem

    failed = 0
    t = time.perf_counter()
    for item in extract_records(articles, extractor=extractor, workers=workers):
        if isinstance(item, Problem):
            failed += 1
        elif keep is not None:
            keep.append(item)
    dt = time.perf_counter() - t
    words = _words([a.text for a in articles])
    return {"articles": len(articles), "words": words, "seconds": dt, "workers": workers, "failed": failed,
            "articles_per_s": len(articles) / dt, "words_per_s": words / dt, "words_per_s_per_core": words / dt / workers}


def component_profile(articles: list, *, extractor) -> dict[str, float]:
    """Seconds spent in the tokenizer, each pipeline component and the resolvers, over articles."""
    nlp = extractor.nlp
    make = getattr(extractor, "_doc", None)
    spent: dict[str, float] = {"tokenizer": 0.0}
    docs = []
    for a in articles:
        t = time.perf_counter()
        docs.append(make(a) if make else nlp.make_doc(a.text))
        spent["tokenizer"] += time.perf_counter() - t
    alive = list(range(len(docs)))
    for name, proc in nlp.pipeline:
        spent[name] = 0.0
        for i in list(alive):
            t = time.perf_counter()
            try:
                docs[i] = proc(docs[i])
            except Exception:  # noqa: BLE001  (an extractor bug: the build reports it; here just skip the doc)
                alive.remove(i)
            spent[name] += time.perf_counter() - t
    spent["resolve (records)"] = 0.0
    for i in alive:
        t = time.perf_counter()
        try:
            extractor.record(articles[i], docs[i])
        except Exception:  # noqa: BLE001
            pass
        spent["resolve (records)"] += time.perf_counter() - t
    return spent


# -- end-to-end builds ---------------------------------------------------------------------------

def store_quads(path: str | Path) -> int:
    """How many quads a store on disk holds (opened read-only)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    try:
        return len(store)
    finally:
        del store


def store_contents(path: str | Path) -> tuple[int, int]:
    """(quads, articles with their content-hash mark) in a store on disk: how far a build got."""
    import pyoxigraph as ox

    from kg.knowledge.vocab import NKG, ONTOLOGY_GRAPH

    store = ox.Store.read_only(str(path))
    try:
        ontology = ox.NamedNode(ONTOLOGY_GRAPH)  # the ontology graph carries a content hash too
        marks = sum(1 for q in store.quads_for_pattern(None, ox.NamedNode(str(NKG.contentHash)), None)
                    if q.graph_name != ontology)
        return len(store), marks
    finally:
        del store


def store_marks(path: str | Path) -> int:
    """Articles with their content-hash mark in a store on disk, counted by one SPARQL COUNT (a look that
    costs milliseconds however large the store, so probing a running build does not slow it down)."""
    import pyoxigraph as ox

    from kg.knowledge.vocab import NKG, ONTOLOGY_GRAPH

    store = ox.Store.read_only(str(path))
    try:
        rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?a <{NKG.contentHash}> ?h }} "
                           f"FILTER (?g != <{ONTOLOGY_GRAPH}>) }}")
        return int(next(iter(rows))["n"].value)  # type: ignore[index, union-attr]
    finally:
        del store


class ProgressProbe:
    """Counts, every few seconds, the articles a running build has written (their content-hash marks).

    Oxigraph stores can be opened read-only while a build writes; a failed look (files moving under
    a compaction) is just skipped. samples: (seconds since start, articles written).
    """

    def __init__(self, path: str | Path, *, interval: float = 5.0) -> None:
        self.path = Path(path)
        self.interval = interval
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._start = time.perf_counter()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                marks = store_marks(self.path)
            except (OSError, ValueError, RuntimeError):
                continue
            self.samples.append((time.perf_counter() - self._start, marks))

    def __enter__(self) -> ProgressProbe:
        self._start = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def stalled(self, now: float, *, expected: int, tail_limit: float) -> bool:
        """True when at least 90% of `expected` articles are written and none for a good while."""
        if not self.samples:
            return False
        marks = self.samples[-1][1]
        if marks < 0.9 * expected:
            return False
        since = next(t for t, m in self.samples if m == marks)
        first = next((t for t, m in self.samples if m > 0), since)
        per_batch = (since - first) / max(1, marks) * 1000  # the bulk loader writes 1,000 at a time
        return now - since > max(tail_limit, 3 * per_batch)

    def summary(self, final: int | None) -> dict:
        """When the last article was written, and the rate over each fifth of the writing."""
        if not self.samples:
            return {}
        top = final if final is not None else max(m for _, m in self.samples)
        done_at = next((t for t, m in self.samples if m >= top), None) if top else None
        return {"last_write_s": done_at, "samples": [[round(t, 1), m] for t, m in self.samples]}


def run_build(paths: Sequence[str | Path], store: str | Path, *, workers: int, timeout: float,
              log_to: str | Path | None = None, probe_every: float = 5.0, expected: int | None = None,
              tail_limit: float | None = None, model: str | None = None) -> dict:
    """`python -m kg build PATHS --store STORE --workers N` as a user runs it: wall time, peak memory, quads.
    model None is the weight-free pipeline (`--fast`); a name is that trained pipeline (`--model`).

    timeout (float): seconds before the build is stopped.
    expected, tail_limit: stop the build too when nearly all `expected` articles are written and
        nothing more has been written for `tail_limit` seconds (or three batches' time): it is then
        in its final step, and the rest of the budget is better spent elsewhere.
    RETURNS (dict): seconds, returncode, timed_out, in_final_step, added, skipped, quads, articles
        written, progress samples, and the memory peaks (bytes).
    """
    cmd = [sys.executable, "-m", "kg", "build", *map(str, paths), "--store", str(store), "--workers", str(workers),
           *(["--model", model] if model else ["--fast"])]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    out_path = Path(log_to) if log_to else Path(store).with_suffix(".log")
    with open(out_path, "w") as out:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        timed_out = in_final_step = False
        with TreeSampler(proc.pid) as sampler, ProgressProbe(store, interval=probe_every) as probe:
            while True:
                try:
                    proc.wait(timeout=1.0)
                    break
                except subprocess.TimeoutExpired:
                    pass
                now = time.perf_counter() - t
                timed_out = now > timeout
                in_final_step = bool(expected and tail_limit and probe.stalled(now, expected=expected,
                                                                                 tail_limit=tail_limit))
                if timed_out or in_final_step:
                    os.killpg(proc.pid, signal.SIGKILL)  # the build and its workers: a session of their own
                    proc.wait()
                    timed_out = True
                    break
        dt = time.perf_counter() - t
    text = out_path.read_text(errors="replace")
    added = re.search(r"(\d+) added", text)
    skipped = re.search(r"skipped (\d+) inputs", text)
    result = {"seconds": dt, "returncode": proc.returncode, "timed_out": timed_out, "workers": workers, "model": model,
              "in_final_step": in_final_step,
              "added": int(added.group(1)) if added else None, "skipped": int(skipped.group(1)) if skipped else None,
              "log": str(out_path), **sampler.peaks()}
    try:
        result["quads_written"], result["articles_written"] = store_contents(store)
    except OSError:  # no store, or one a killed build left unreadable
        result["quads_written"] = result["articles_written"] = None
    result["quads"] = result["quads_written"] if not timed_out and proc.returncode == 0 else None
    result["progress"] = probe.summary(result["articles_written"])
    if proc.returncode != 0 and not timed_out:
        result["error"] = text.strip().splitlines()[-1] if text.strip() else f"exit code {proc.returncode}"
    return result


# -- loading and querying ------------------------------------------------------------------------

def oxigraph_load(nquads: str | Path, target: str | Path | None = None, *, lenient: bool = False) -> dict:
    """Oxigraph's bulk loader: an N-Quads file into a new store, on disk at target or (None) in memory."""
    import pyoxigraph as ox

    t = time.perf_counter()
    store = ox.Store(str(target)) if target is not None else ox.Store()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS, lenient=lenient)
    if target is not None:
        store.flush()
    dt = time.perf_counter() - t
    n = len(store)
    del store
    return {"seconds": dt, "quads": n, "quads_per_s": n / dt, "on_disk": target is not None, "lenient": lenient}


def query_plan(store_path: str | Path) -> dict[str, dict]:
    """Each named question's SPARQL, parameters at their defaults; and, for a question whose parameter
    names a place, once more with the place most attacks happened at (the defaults name places of the
    seed articles, which a generated corpus may not have).

    RETURNS (dict): key -> {"name", "title", "params", "sparql", "variant"}.
    """
    import pyoxigraph as ox

    from kg.questions import named_queries

    store = ox.Store.read_only(str(store_path))
    plan: dict[str, dict] = {}
    try:
        busiest = _busiest_place(store)
        for name, nq in named_queries().items():
            for variant in ("defaults", "data"):
                values = {p: busiest for p in nq.params if p in ("place", "region")} if variant == "data" else {}
                if variant == "data" and not (values and busiest):
                    continue
                bound = {p: values.get(p, nq.params[p].default) for p in nq.params}
                plan[name if variant == "defaults" else f"{name}@{busiest}"] = {
                    "name": name, "title": nq.title, "question": nq.question, "params": bound,
                    "sparql": nq.sparql(values), "variant": variant}
    finally:
        del store
    return plan


TOUR = {
    "people and their roles": "SELECT DISTINCT ?who ?role WHERE { ?p a nkg:Person ; rdfs:label ?who ; nkg:role ?role } LIMIT 20",
    "events and their places": "SELECT ?type ?place WHERE { ?e a ?type ; nkg:place/rdfs:label ?place } LIMIT 10",
    "how many people": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a nkg:Person }",
}
"""The ad-hoc SPARQL of the README's tour (kg query and the Python API predeclare the prefixes)."""


def tour_plan() -> dict[str, dict]:
    """The README tour's queries, as kg runs them (common prefixes put before them)."""
    from kg.questions import PREFIXES

    return {f"tour: {k}": {"name": text, "title": k, "params": {}, "sparql": PREFIXES + text, "variant": "tour"}
            for k, text in TOUR.items()}


def _busiest_place(store) -> str | None:
    """The name of the place most attacks happened at (in the reference graph)."""
    from kg.knowledge.vocab import REFERENCE_GRAPH

    q = f"""PREFIX nkg: <https://w3id.org/newskg/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?label (COUNT(*) AS ?n) WHERE {{
      ?e nkg:place ?p ; a ?c . ?c rdfs:subClassOf* nkg:Attack . GRAPH <{REFERENCE_GRAPH}> {{ ?p rdfs:label ?label }}
    }} GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1"""
    rows = list(store.query(q, use_default_graph_as_union=True))
    return rows[0]["label"].value if rows else None


def _timed_runs(run: Callable[[], int], runs: int, budget: float) -> dict:
    """Run a query (a warm-up, then up to `runs` timed runs within the budget); median seconds and row count."""
    t = time.perf_counter()
    rows = run()
    warm = time.perf_counter() - t
    if warm > budget / 3:  # too slow to repeat: the one (cold) run is the figure
        return {"median": warm, "runs": 1, "rows": rows, "cold": True}
    times: list[float] = []
    while len(times) < runs and (not times or time.perf_counter() - t + times[-1] < 0.8 * budget):
        s = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - s)
    return {"median": statistics.median(times), "runs": len(times), "rows": rows}


def _child(conn, make_run: Callable[[], Callable[[], int]], runs: int, budget: float) -> None:
    try:
        conn.send(_timed_runs(make_run(), runs, budget))
    except Exception as exc:  # noqa: BLE001  (a bad query or engine error is a result, not a crash)
        conn.send({"median": None, "error": f"{type(exc).__name__}: {str(exc)[:200]}", "runs": 0, "rows": None})


def _in_child(make_run: Callable[[], Callable[[], int]], runs: int, budget: float) -> dict:
    """_timed_runs in a forked process, stopped after `budget` seconds: a query engine cannot be interrupted."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_child, args=(child, make_run, runs, budget), daemon=True)
    proc.start()
    entry = None
    if parent.poll(budget):
        try:
            entry = parent.recv()
        except EOFError:  # the child died (out of memory, a crash in the engine)
            pass
    if entry is None:
        proc.kill()
        entry = {"median": None, "over": budget, "runs": 0, "rows": None}
    proc.join()
    return entry


def oxigraph_queries(store_path: str | Path, plan: dict[str, dict], *, runs: int = 9, budget: float = 30.0) -> dict:
    """Median latency (seconds) of each planned query on the store, results read to the end, after a warm-up.

    Each question runs in a forked process that opens the store read-only, stopped after `budget` s.
    """

    def opener(sparql: str) -> Callable[[], Callable[[], int]]:
        def make() -> Callable[[], int]:
            import pyoxigraph as ox

            store = ox.Store.read_only(str(store_path))
            return lambda: sum(1 for _ in store.query(sparql, use_default_graph_as_union=True))

        return make

    return {name: _in_child(opener(item["sparql"]), runs, budget) for name, item in plan.items()}


def rdflib_child(nquads: str, plan_json: str, out_json: str, runs: int, budget: float) -> None:
    """In its own process: load the N-Quads into an in-memory rdflib Dataset, then time each query.

    Each query runs in a forked child (sharing the loaded data) so one that runs away can be stopped
    at `budget` seconds without reloading; results are written to out_json as they come.
    """
    import rdflib

    plan = json.loads(Path(plan_json).read_text())
    result: dict = {"load": None, "queries": {}}

    def save() -> None:
        Path(out_json).write_text(json.dumps(result))

    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    dt = time.perf_counter() - t
    n = sum(len(g) for g in ds.graphs())
    result["load"] = {"seconds": dt, "quads": n, "quads_per_s": n / dt}
    save()
    for name, item in plan.items():
        def make(sparql: str = item["sparql"]) -> Callable[[], int]:
            return lambda: sum(1 for _ in ds.query(sparql))

        result["queries"][name] = _in_child(make, runs, budget)
        save()


def rdflib_baseline(nquads: str | Path, plan: dict[str, dict], *, workdir: str | Path, runs: int = 3,
                    budget: float = 60.0, load_timeout: float = 1800.0) -> dict:
    """rdflib's in-memory Dataset and SPARQL engine on the same quads and queries, in a separate process.

    RETURNS (dict): {"load": {...} | None, "queries": {name: {"median", "runs", "rows"} or {"over": s}}}.
    """
    work = Path(workdir)
    plan_json, out_json = work / "rdflib-plan.json", work / "rdflib-result.json"
    plan_json.write_text(json.dumps(plan))
    out_json.unlink(missing_ok=True)
    code = ("import sys; from bench.measure import rdflib_child; "
            "rdflib_child(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))")
    timeout = load_timeout + (budget + 5) * len(plan)
    timed_out = False
    try:
        subprocess.run([sys.executable, "-c", code, str(nquads), str(plan_json), str(out_json), str(runs),
                        str(budget)], timeout=timeout, check=False, capture_output=True)
    except subprocess.TimeoutExpired:
        timed_out = True
    result = json.loads(out_json.read_text()) if out_json.exists() else {"load": None, "queries": {}}
    if result["load"] is None:
        result["load"] = {"seconds": None, "over": load_timeout if timed_out else None}
    return result


def api_queries(store_path: str | Path, plan: dict[str, dict], *, runs: int = 9) -> dict:
    """Median seconds of each planned question through the Python API (KnowledgeGraph.query, Python
    values out), warm, in this process, on the store opened read-only."""
    from kg import KnowledgeGraph

    out = {}
    with KnowledgeGraph(store_path, read_only=True) as kg:
        for name, item in plan.items():
            query = item.get("name", name)
            params = {k: str(v) for k, v in item.get("params", {}).items() if v is not None}
            rows = kg.query(query, **params)  # warm-up
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                rows = kg.query(query, **params)
                times.append(time.perf_counter() - t)
            out[name] = {"median": statistics.median(times), "runs": runs, "rows": len(rows) if isinstance(rows, list) else 1}
    return out


def lookup_cost(store_path: str | Path, records: list, *, limit: int = 200) -> dict:
    """Milliseconds per article of the same-event lookup a build makes before writing it, on this store."""
    from kg.build.writer import load_index
    from kg.knowledge import load_knowledge
    from kg.store import KGStore

    store = KGStore(store_path, read_only=True)
    index = load_index(store, load_knowledge())
    sample = records[:limit]
    t = time.perf_counter()
    for prepared in sample:
        for ev in prepared.events:
            index.links(ev)
    dt = time.perf_counter() - t
    return {"articles": len(sample), "ms_per_article": 1000 * dt / max(1, len(sample)), "quads": len(store)}


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    """fn() and the seconds it took."""
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t
