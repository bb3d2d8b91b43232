"""python -m bench serve: kg serve under load and under attack, as a section of bench/RESULTS.md.

Load: 50 clients, each on its own kept-alive connection, send 200 queries each, cycling through
the named questions (parameters at their defaults): success rate, median and p95 latency.
Hostile: each shape that took the old server down (and a few more) is sent, and while it runs,
and again after it, a normal query must be answered within 2 s; no answer may be a 200 carrying
an error. The server is the real `kg serve` process with its defaults (30 s timeout, SERVICE
refused), over a store built from the seed articles plus generated ones; the load runs on the
same machine as the server.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from .hostile import CARTESIAN, SERVICE, bind_chain, deep_expression, mixed_order_by

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                  help="Benchmark kg serve: a load run and a hostile run; writes a section of bench/RESULTS.md.")

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- serve-bench:begin -->", "<!-- serve-bench:end -->"
JSON = "application/sparql-results+json"
NORMAL = ("SELECT DISTINCT ?name WHERE { ?p a nkg:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 20")


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the server ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _server(store: Path, *args: str) -> Iterator[tuple[subprocess.Popen, int]]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if "Press Ctrl-C" in line:
                break
        else:
            raise RuntimeError(f"kg serve did not start: {proc.stderr.read() if proc.stderr else ''}")
        yield proc, port
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _post(port: int, text: str, *, timeout: float = 60, conn: http.client.HTTPConnection | None = None,
          accept: str = JSON) -> tuple[int, str, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", "/query", body=urllib.parse.urlencode({"query": text}),
                     headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        if own:
            conn.close()


def _whole(status: int, content_type: str, body: bytes) -> bool:
    """A 200 is a whole, valid JSON result; anything else is an error line, not a 200."""
    if status != 200:
        return not body.startswith(b"{")
    try:
        json.loads(body)
    except ValueError:
        return False
    return content_type.startswith(JSON)


# -- load run --------------------------------------------------------------------------------


def load_run(port: int, *, clients: int, queries: int) -> dict:
    """Each client sends `queries` named questions in turn over one kept-alive connection."""
    from kg.questions import named_queries, prepare

    texts = [(name, prepare(name)) for name in sorted(named_queries())]
    latencies: list[float] = []
    per_question: dict[str, list[float]] = {name: [] for name, _ in texts}
    failures: list[str] = []
    lock = threading.Lock()

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for i in range(queries):
            name, text = texts[(k + i) % len(texts)]
            started = time.perf_counter()
            try:
                status, content_type, body = _post(port, text, conn=conn)
                ok = status == 200 and _whole(status, content_type, body)
                problem = "" if ok else f"{name}: HTTP {status} {body[:100]!r}"
            except (OSError, http.client.HTTPException) as exc:
                ok, problem = False, f"{name}: {type(exc).__name__} {exc}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                per_question[name].append(elapsed)
                if not ok:
                    failures.append(problem)
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    total = clients * queries
    return {"clients": clients, "queries_each": queries, "total": total, "ok": total - len(failures),
            "success_rate": (total - len(failures)) / total, "wall_seconds": wall, "queries_per_second": total / wall,
            "median_ms": statistics.median(latencies) * 1000, "p95_ms": _p95(latencies) * 1000,
            "max_ms": max(latencies) * 1000, "failures": failures[:10],
            "per_question": {n: {"median_ms": statistics.median(v) * 1000, "p95_ms": _p95(v) * 1000}
                             for n, v in per_question.items() if v}}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


# -- hostile run -----------------------------------------------------------------------------


def _send_query(text: str, *, give_up: float | None = None) -> Callable[[int], dict]:
    def send(port: int) -> dict:
        try:
            status, content_type, body = _post(port, text, timeout=give_up or 120)
        except TimeoutError:
            return {"status": "client gave up", "whole": True}
        return {"status": status, "whole": _whole(status, content_type, body),
                "says": body.decode("utf-8", "replace").strip()[:90] if status != 200 else f"{len(body):,} bytes"}
    return send


def _several(count: int, send: Callable[[int], dict]) -> Callable[[int], dict]:
    def run(port: int) -> dict:
        results: list[dict] = []
        threads = [threading.Thread(target=lambda: results.append(send(port))) for _ in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return {"status": ", ".join(sorted({str(r["status"]) for r in results})), "whole": all(r["whole"] for r in results)}
    return run


def _connections(idle: int, half: int, hold: float) -> Callable[[int], dict]:
    def run(port: int) -> dict:
        sockets = []
        for i in range(idle + half):
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            if i >= idle:
                s.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n")
            sockets.append(s)
        time.sleep(hold)
        for s in sockets:
            s.close()
        return {"status": f"{idle} idle + {half} half-sent held {hold:g} s", "whole": True}
    return run


def _oversized(port: int) -> dict:
    return _send_query("SELECT * WHERE { ?s ?p ?o } #" + "x" * 2_000_000)(port)


def _kill_engine(server: subprocess.Popen) -> Callable[[int], dict]:
    """Every worker killed 0.3 s into a long query: the normal query at 0.5 s meets an engine restarting."""
    def run(port: int) -> dict:
        result: dict = {}
        t = threading.Thread(target=lambda: result.update(_send_query(CARTESIAN)(port)))
        t.start()
        time.sleep(0.3)
        for pid in _children(server.pid):
            os.kill(pid, signal.SIGKILL)
        t.join()
        return result
    return run


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(p) for p in (task / "children").read_text().split()}
    return found


def _normal(port: int) -> dict:
    started = time.perf_counter()
    try:
        status, content_type, body = _post(port, NORMAL, timeout=30)
    except (OSError, http.client.HTTPException) as exc:
        return {"status": type(exc).__name__, "seconds": time.perf_counter() - started, "ok": False}
    seconds = time.perf_counter() - started
    ok = status == 200 and _whole(status, content_type, body) and seconds < 2.0
    return {"status": status, "seconds": seconds, "ok": ok}


def hostile_run(server: subprocess.Popen, port: int) -> list[dict]:
    """Each shape, a normal query while it runs (after 0.5 s) and one after it."""
    shapes: list[tuple[str, Callable[[int], dict]]] = [
        ("ORDER BY over numbers, strings and dates (panicked the engine)", _send_query(mixed_order_by())),
        ("expression nested 5,000 parentheses deep (stack overflow)",
         _send_query(deep_expression(5000))),
        ("3,000 BINDs in a chain (stack overflow)",
         _send_query(bind_chain(3000))),
        ("cartesian COUNT, client waits (30 s default timeout)", _send_query(CARTESIAN)),
        ("5 cartesian COUNTs, clients give up after 1 s", _several(5, _send_query(CARTESIAN, give_up=1.0))),
        ("SERVICE <http://127.0.0.1:9/sparql>", _send_query(SERVICE)),
        ("1,000 idle and half-sent connections", _connections(500, 500, 3.0)),
        ("a 2 MB query", _oversized),
        ("engine killed (SIGKILL to every worker) under a running query", _kill_engine(server)),
    ]
    rows = []
    for name, attack in shapes:
        _say(f"hostile: {name}")
        result: dict = {}
        started = time.perf_counter()
        t = threading.Thread(target=lambda a=attack, r=result: r.update(a(port)))
        t.start()
        time.sleep(0.5)
        during = _normal(port)
        t.join()
        attack_seconds = time.perf_counter() - started
        after = _normal(port)
        rows.append({"shape": name, "answer": result.get("status"), "says": result.get("says", ""),
                     "whole": result.get("whole", False), "attack_seconds": attack_seconds,
                     "normal_during": during, "normal_after": after,
                     "ok": result.get("whole", False) and during["ok"] and after["ok"]})
    return rows


# -- the store and the report ----------------------------------------------------------------


def build_store(work: Path, articles: int) -> tuple[Path, int]:
    """The seed articles plus `articles` generated ones, built with kg build."""
    from .corpus import write_corpus

    inputs = [str(ROOT / "seeds")]
    if articles:
        write_corpus(work / "corpus", articles, seed=0)
        inputs.append(str(work / "corpus"))
    store = work / "store"
    subprocess.run([sys.executable, "-m", "kg", "build", *inputs, "--store", str(store)], check=True,
                   stdout=subprocess.DEVNULL)
    import pyoxigraph as ox

    quads = len(ox.Store.read_only(str(store)))
    return store, quads


def render(res: dict) -> str:
    load, m = res["load"], res["machine"]
    lines = [BEGIN, "## kg serve: load and hostile clients", "",
             f"Written by `python -m bench serve` on {m['date']} ({res['seconds']:.0f} s). The real `kg serve` "
             f"process with its defaults ({res['workers']} workers, 30 s timeout, SERVICE refused) over a store of "
             f"{res['quads']:,} quads (the seed articles and {res['articles']:,} generated ones); the clients run on "
             f"the same {m['cores']}-core machine, which other work shared while this ran (load average "
             f"{res['load_average'][0]:.1f} at the start, {res['load_average'][1]:.1f} at the end). With every client "
             "busy, a query's latency is mostly its wait for a free worker (clients ÷ throughput).", "",
             f"Load: {load['clients']} clients × {load['queries_each']} queries, each client on one kept-alive "
             "connection, cycling through the named questions (parameters at their defaults).", "",
             "| Queries | Succeeded | Success rate | Median | p95 | Slowest | Throughput |", "|---|---|---|---|---|---|---|",
             f"| {load['total']:,} | {load['ok']:,} | {load['success_rate']:.2%} | {load['median_ms']:.1f} ms | "
             f"{load['p95_ms']:.1f} ms | {load['max_ms']:.0f} ms | {load['queries_per_second']:.0f} queries/s |", "",
             "| Question | Median | p95 |", "|---|---|---|"]
    lines += [f"| `{n}` | {q['median_ms']:.1f} ms | {q['p95_ms']:.1f} ms |" for n, q in load["per_question"].items()]
    lines += ["", "Hostile: each shape is sent; 0.5 s later, while it runs, a normal query (20 names, "
              "`ORDER BY`) is sent, and another once the shape is done. *Pass*: both normal queries answered in "
              "under 2 s, and the shape's own answer is a whole result or a non-200 with one line.", "",
              "| Shape | Its answer | Normal query during | Normal query after | Pass |", "|---|---|---|---|---|"]
    for row in res["hostile"]:
        code = re.match(r"\[E\d+\]", row["says"] or "")
        says = f" {code[0]}" if code else ""
        during, after = row["normal_during"], row["normal_after"]
        lines.append(f"| {row['shape']} | {row['answer']}{says} ({row['attack_seconds']:.1f} s) | "
                     f"{during['status']} in {during['seconds'] * 1000:.0f} ms | {after['status']} in "
                     f"{after['seconds'] * 1000:.0f} ms | {'yes' if row['ok'] else '**no**'} |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_section(text: str, path: Path) -> None:
    """Put the section into RESULTS.md, replacing an older one (the rest of the file is kept)."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# kg benchmark results\n"
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END) + "\n?", re.S)
    new = pattern.sub(lambda _: text, old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


@app.command()
def main(
    # fmt: off
    articles: int = typer.Option(50, "--articles", help="Generated articles added to the seed articles in the store."),
    clients: int = typer.Option(50, "--clients", help="Concurrent clients in the load run."),
    queries: int = typer.Option(200, "--queries", help="Queries each client sends."),
    out: Path = typer.Option(ROOT / "bench" / "RESULTS.md", "--out", "-o", help="Markdown report to put the section in."),
    # fmt: on
) -> None:
    """Build a store, serve it with `kg serve`, run the load and the hostile clients, write the section."""
    from .measure import machine_info

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="kg-bench-serve-"))
    try:
        _say(f"building a store from the seeds and {articles} generated articles")
        store, quads = build_store(work, articles)
        with _server(store) as (proc, port):
            workers = len(_children(proc.pid))
            _say(f"load: {clients} clients x {queries} queries")
            load = load_run(port, clients=clients, queries=queries)
            _say(f"load: {load['success_rate']:.2%} ok, median {load['median_ms']:.1f} ms, p95 {load['p95_ms']:.1f} ms")
            hostile = hostile_run(proc, port)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    res = {"machine": machine_info(), "load_average": [load_before, os.getloadavg()[0]], "articles": articles, "quads": quads, "workers": workers, "load": load,
           "hostile": hostile, "seconds": time.perf_counter() - started}
    out.with_name("RESULTS-serve.json").write_text(json.dumps(res, indent=1, default=str))
    write_section(render(res), out)
    _say(f"wrote the kg serve section of {out}; hostile shapes passed: {sum(r['ok'] for r in hostile)}/{len(hostile)}")


if __name__ == "__main__":
    app(prog_name="python -m bench.serve")
