"""python -m bench dask: Dask's local cluster against --workers on one corpus, the per-article costs of
extraction and of the one writer, and from those the throughput to expect on N machines.

Writes its own section of bench/RESULTS.md (between the markers below) and bench/RESULTS-dask.json.
"""
from __future__ import annotations

import json
import pickle
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import typer

from .corpus import write_corpus

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                  help="Measure kg build --dask against --workers, and the costs that bound a cluster build.")

START, END = "<!-- dask:start -->", "<!-- dask:end -->"
MACHINES = (1, 2, 4, 8, 16, 32, 64)


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_build(paths: list[Path], store: Path, *, workers: int, dask: bool) -> dict:
    """`python -m kg build PATHS --workers N [--dask]` into a new store: wall seconds and the summary."""
    shutil.rmtree(store, ignore_errors=True)
    cmd = [sys.executable, "-m", "kg", "build", *map(str, paths), "--store", str(store), "--workers", str(workers)]
    t = time.perf_counter()
    result = subprocess.run([*cmd, *(["--dask"] if dask else [])], capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - t
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {result.stderr.strip()[-500:]}")
    added = re.search(r"(\d+) added", result.stdout)
    return {"seconds": seconds, "added": int(added.group(1)) if added else 0, "summary": result.stdout.splitlines()[0]}


def _quads(store: Path) -> set:
    import pyoxigraph as ox

    return set(ox.Store.read_only(str(store)))


def compare(corpus: Path, small: list[Path], work: Path, *, workers: int, runs: int) -> dict:
    """Both modes on the whole corpus and on a few articles, alternating; steady rates from the difference."""
    out: dict = {"local": {"big": [], "small": []}, "dask": {"big": [], "small": []}}
    order = ["local", "dask"]
    for r in range(runs):
        for mode in order if r % 2 == 0 else order[::-1]:  # alternate, so drift in the machine's load hits both
            for size, paths in (("small", small), ("big", [corpus])):
                b = run_build(paths, work / f"{mode}-{size}", workers=workers, dask=mode == "dask")
                out[mode][size].append(b)
                _say(f"  {mode:5} {size:5} run {r + 1}: {b['added']} articles in {b['seconds']:.1f} s")
    for mode in order:
        big, small_runs = out[mode]["big"], out[mode]["small"]
        n_big, n_small = big[0]["added"], small_runs[0]["added"]
        t_big = statistics.median(b["seconds"] for b in big)
        t_small = statistics.median(b["seconds"] for b in small_runs)
        out[mode].update(articles=n_big, seconds=t_big, fixed_seconds=t_small, end_to_end=n_big / t_big,
                         steady=(n_big - n_small) / max(t_big - t_small, 1e-9))
    out["same_quads"] = _quads(work / "local-big") == _quads(work / "dask-big")
    out["same_summary"] = out["local"]["big"][-1]["summary"] == out["dask"]["big"][-1]["summary"]
    return out


def costs(corpus: Path, work: Path, *, articles: int) -> dict:
    """Seconds per article of each step, in this one process: reading, extraction, shipping, writing."""
    from kg.build import Extractor, extract_records
    from kg.build.writer import Writer, load_index
    from kg.read import Article, Reader, ReadOptions
    from kg.store import KGStore

    t = time.perf_counter()
    items = [a for a in Reader(ReadOptions())([corpus]) if isinstance(a, Article)][:articles]
    read = (time.perf_counter() - t) / len(items)
    extractor = Extractor()
    list(extract_records(items[:3], extractor=extractor))  # warm-up: lazy tables, caches
    t = time.perf_counter()
    records = list(extract_records(items, extractor=extractor, workers=1))
    extract = (time.perf_counter() - t) / len(items)
    t = time.perf_counter()
    shipped = [pickle.dumps(a) for a in items] + [pickle.dumps(r) for r in records]
    back = [pickle.loads(s) for s in shipped]
    ship = (time.perf_counter() - t) / len(items)
    out = {"articles": len(items), "read": read, "extract": extract, "ship": ship,
           "article_bytes": sum(map(len, shipped[:len(items)])) / len(items),
           "record_bytes": sum(map(len, shipped[len(items):])) / len(items)}
    del back
    for bulk in (False, True):
        path = work / f"writer-{bulk}"
        shutil.rmtree(path, ignore_errors=True)
        store = KGStore(path)
        t = time.perf_counter()
        writer = Writer(store, load_index(store, extractor.knowledge), bulk=bulk)
        for item in records:
            writer.write(item)  # type: ignore[arg-type]
        writer.close()
        store.flush()
        out["write_bulk" if bulk else "write"] = (time.perf_counter() - t) / len(items)
        store.close()
    return out


def model(c: dict, cmp: dict, *, cores: int) -> dict:
    """Throughput on N machines of `cores` cores each, on paper, from the measured costs.

    Each worker core extracts at 1/extract articles/s (measured in one process), times Dask's
    efficiency: its steady rate over the local processes' on the same machine (at most 1). The one
    client reads, ships and writes every article on one core: that rate is the ceiling, whatever the cluster.
    """
    per_core = 1 / c["extract"]
    efficiency = min(1.0, cmp["dask"]["steady"] / cmp["local"]["steady"])
    client = {mode: 1 / (c["read"] + c["ship"] + c[key]) for mode, key in (("transactions", "write"), ("bulk", "write_bulk"))}
    rows = [{"machines": n, "cores": n * cores, "extraction": n * cores * per_core * efficiency,
             "expected": min(n * cores * per_core * efficiency, client["bulk"])} for n in MACHINES]
    return {"per_core": per_core, "efficiency": efficiency, "client": client, "rows": rows, "cores": cores,
            "limit_cores": client["bulk"] / (per_core * efficiency)}


def _ms(s: float) -> str:
    return f"{1000 * s:.2f} ms"


def section(res: dict) -> str:
    """The Markdown section for RESULTS.md."""
    cmp, c, m = res["compare"], res["costs"], res["model"]
    loc, dsk = cmp["local"], cmp["dask"]
    lines = [START, "## Past one machine: `kg build --dask`", "",
             f"Written by `python -m bench dask` on {res['date']}. The machine has {res['machine_cores']} cores and was "
             "**shared with other work** while this ran (load average "
             f"{res['load'][0]:.1f} at the start, {res['load'][1]:.1f} at the end): read the ratios, not the absolute rates. "
             f"Corpus: {loc['articles']:,} generated articles (`bench.corpus`, seed {res['seed']}), weight-free pipeline.", "",
             f"### Dask's local cluster against `--workers {res['workers']}`", "",
             f"Each row: `python -m kg build CORPUS --workers {res['workers']}` with and without `--dask` (a "
             f"`distributed.LocalCluster` of {res['workers']} single-threaded worker processes), median of "
             f"{res['runs']} runs, alternating. *Steady rate*: articles per second once started, from the difference "
             f"between the whole corpus and a {res['small']}-article build (start-up: pipeline loads, cluster start).", "",
             "| Extraction | Whole build | End to end | Fixed cost (start-up) | Steady rate |", "|---|---|---|---|---|"]
    for name, row in (("`--workers`", loc), ("`--dask` (local cluster)", dsk)):
        lines.append(f"| {name} | {row['seconds']:.1f} s | {row['end_to_end']:.1f} articles/s | {row['fixed_seconds']:.1f} s "
                     f"| {row['steady']:.1f} articles/s |")
    ratio = dsk["steady"] / loc["steady"]
    lines += ["", f"Dask's steady rate is **{ratio:.0%}** of the local processes' "
              f"({'within' if abs(1 - ratio) <= 0.10 else 'outside'} the 10% goal); its start-up costs "
              f"{dsk['fixed_seconds'] - loc['fixed_seconds']:+.1f} s more (a scheduler, and each worker loading the pipeline). "
              f"Same quads from both: **{'yes' if cmp['same_quads'] else 'NO'}**; same summary: "
              f"{'yes' if cmp['same_summary'] else 'NO'}.", "",
              "### Where an article's time goes", "",
              f"In one process, {c['articles']} articles (the client's steps are the ones a cluster cannot spread):", "",
              "| Step | Where | Per article |", "|---|---|---|",
              f"| read (`kg.read`, text files) | client | {_ms(c['read'])} |",
              f"| extract (spaCy + resolve + quads) | worker | {_ms(c['extract'])} |",
              f"| ship (pickle the article out and its record back, {c['article_bytes'] / 1024:.1f} + "
              f"{c['record_bytes'] / 1024:.1f} KiB) | client | {_ms(c['ship'])} |",
              f"| write, one transaction per article (same-event links included) | client | {_ms(c['write'])} |",
              f"| write, bulk loader batches (builds past 500 articles) | client | {_ms(c['write_bulk'])} |", "",
              "### On paper: N machines", "",
              f"Per core, extraction runs at {m['per_core']:.0f} articles/s (in one process); a Dask worker is counted at "
              f"{m['efficiency']:.0%} of that (Dask's steady rate over the local processes', above, at most 100%). "
              "The writer's costs were measured on a new store and grow slowly with its size (the same-event index, "
              "Oxigraph's indexes), so its ceiling is optimistic for very large stores. "
              "The one client reads, ships and writes every article on one "
              f"core: at most **{m['client']['bulk']:.0f} articles/s** with bulk batches "
              f"({m['client']['transactions']:.0f}/s one transaction each). Machines of {m['cores']} cores:", "",
              "| Machines | Cores | Extraction could give | Expected build rate | Limited by |", "|---|---|---|---|---|"]
    for row in m["rows"]:
        limit = "writer" if row["extraction"] > row["expected"] else "extraction"
        lines.append(f"| {row['machines']} | {row['cores']} | {row['extraction']:,.0f} articles/s | "
                     f"{row['expected']:,.0f} articles/s | {limit} |")
    lines += ["", f"With the weight-free pipeline the writer is the limit from about **{m['limit_cores']:.0f} cores** on: "
              "a machine of that many cores already saturates it. A trained pipeline (parser, NER; none is installed "
              "here, so it is not measured) costs several times more per article to extract, which moves the limit "
              "out by the same factor; past it, adding workers adds nothing. "
              "A million articles at the writer's ceiling take "
              f"{1e6 / m['client']['bulk'] / 3600:.1f} hours.", "",
              "What then: (1) **several stores by date range**, one writer each (`kg build` of one month's shards into its "
              "own store, all on the same cluster); same-event links are looked up within a store, so cut at quiet "
              "boundaries or overlap the ranges by the index's window of days, then `kg push` every store into one SPARQL "
              "store (graphs are per article, so the pushes do not collide). (2) **A clustered SPARQL store** behind "
              "`kg push`: the writers' stores are the staging area and the Graph Store Protocol PUTs (one per article, "
              "idempotent) can run from every shard at once. Both keep the one-writer-per-store rule that makes a build "
              "resumable by content hash.", END]
    return "\n".join(lines) + "\n"


def write_section(text: str, path: Path) -> None:
    """Replace this module's section of the report (between the markers), or add it at the end."""
    old = path.read_text() if path.exists() else "# kg benchmark results\n"
    if START in old and END in old:
        new = old[:old.index(START)] + text.rstrip("\n") + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new)


@app.command()
def main(
    # fmt: off
    articles: int = typer.Option(400, "--articles", "-n", help="Generated articles in the corpus."),
    small: int = typer.Option(20, "--small", help="Articles of the small build that measures start-up."),
    workers: int = typer.Option(2, "--workers", "-w", min=1, help="Worker processes, for both modes."),
    runs: int = typer.Option(2, "--runs", min=1, help="Builds of each size in each mode (the median counts)."),
    cost_articles: int = typer.Option(150, "--cost-articles", help="Articles timed step by step in one process."),
    cores: int = typer.Option(8, "--cores", help="Cores per machine, for the on-paper table."),
    seed: int = typer.Option(0, "--seed", help="Corpus seed."),
    out: Path = typer.Option(Path("bench") / "RESULTS.md", "--out", "-o", help="Report whose Dask section is (re)written."),
    work: Path = typer.Option(None, "--work", help="Folder for the corpus and stores. Defaults to a temporary one."),
    # fmt: on
) -> None:
    """Measure and write the Dask section of the report (and its numbers as RESULTS-dask.json beside it)."""
    import os

    folder = work or Path(tempfile.mkdtemp(prefix="kg-bench-dask-"))
    try:
        res: dict = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "seed": seed, "workers": workers,
                     "runs": runs, "small": small, "machine_cores": os.cpu_count(), "load": [os.getloadavg()[0]]}
        _say(f"writing a corpus of {articles:,} articles")
        corpus = folder / "corpus"
        write_corpus(corpus, articles, seed=seed)
        small_dir = folder / "small"
        write_corpus(small_dir, small, seed=seed)
        _say(f"builds: --workers {workers} and --dask, {runs} runs each")
        res["compare"] = compare(corpus, [small_dir], folder, workers=workers, runs=runs)
        _say("per-article costs in one process")
        res["costs"] = costs(corpus, folder, articles=cost_articles)
        res["model"] = model(res["costs"], res["compare"], cores=cores)
        res["load"].append(os.getloadavg()[0])
    finally:
        if work is None:
            shutil.rmtree(folder, ignore_errors=True)
    out.with_name("RESULTS-dask.json").write_text(json.dumps(res, indent=1, default=str))
    write_section(section(res), out)
    _say(f"wrote the Dask section of {out}")
