"""One query worker of kg serve: a process that holds the store open and runs one request at a time.

The front server starts workers with ``python -m kg.serve.worker STORE CONFIG [--writable]`` (CONFIG:
JSON with the prefixes to predeclare and to write results with, so a worker imports nothing of kg
beyond this module and starts in a tenth of a second) and talks to them over stdin and stdout: one JSON line per request or answer, then the body bytes the line
announces. A worker has nothing to clean up, so the front stops a query by killing its worker
(a timeout, a client gone) and starts another; one that crashes takes only its own query with it.

Queries run on a thread with a large stack, so the limits of kg.serve.limits sit far below the
depth at which the engine would overflow it. Answers are written whole into memory (up to a cap)
before the front sends a byte, so a client never gets a 200 followed by a broken body.
"""
from __future__ import annotations

import io
import json
import os
import sys
import threading
from typing import Any, BinaryIO, cast

import pyoxigraph as ox

from ..errors import Errors
from .formats import GRAPHS, RESULTS, Format, choose

__all__ = ["main", "STACK_BYTES"]

STACK_BYTES = 512 * 1024 * 1024  # address space only; pages are used as the recursion needs them
PREFIXES: dict[str, str] = {}  # predeclared in queries and updates (set from CONFIG)
EXPORT_PREFIXES: dict[str, str] = {}  # declared in Turtle and RDF/XML answers (set from CONFIG)
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"

Answer = tuple[dict[str, Any], bytes]


class _TooLargeError(Exception):
    pass


class _Capped(io.BytesIO):
    """A buffer that refuses to grow past a limit (so one huge result cannot eat the machine)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.limit:
            raise _TooLargeError()
        return super().write(data)


def _error(status: int, message: str, **extra: Any) -> Answer:
    return {"status": status, "type": "text/plain; charset=utf-8", **extra}, (message + "\n").encode("utf-8")


def _pick(accept: str | None, formats: tuple[Format, ...], kind: str) -> Format:
    fmt = choose(accept, formats)
    if fmt is None:
        raise LookupError(Errors.E211.format(accept=accept, kind=kind,
                                             options=", ".join(f.media_type for f in formats)))
    return fmt


def _serialize(result: Any, accept: str | None, limit: int) -> Answer:
    out = _Capped(limit)
    if isinstance(result, ox.QueryTriples):
        fmt = _pick(accept, GRAPHS, "an RDF graph")
        pretty = fmt.oxigraph in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML)
        ox.serialize(result, out, format=cast(ox.RdfFormat, fmt.oxigraph), prefixes=EXPORT_PREFIXES if pretty else None)
    else:
        fmt = _pick(accept, RESULTS, "SPARQL results")
        result.serialize(out, format=fmt.oxigraph)
    return {"status": 200, "type": fmt.media_type}, out.getvalue()


def _graph_names(iris: list[str] | None) -> list[Any] | None:
    return [ox.NamedNode(i) for i in iris] if iris else None


def _query(store: ox.Store, req: dict[str, Any]) -> Answer:
    defaults = _graph_names(req.get("default_graphs"))
    result = store.query(req["query"], prefixes=PREFIXES, use_default_graph_as_union=defaults is None,
                         default_graph=defaults, named_graphs=_graph_names(req.get("named_graphs")))
    return _serialize(result, req.get("accept"), req["max_bytes"])


def _graph_get(store: ox.Store, req: dict[str, Any]) -> Answer:
    if req.get("graph") is None:  # the default graph: the union of all graphs, as in every query
        return _serialize(store.query(_UNION, use_default_graph_as_union=True), req.get("accept"), req["max_bytes"])
    graph = ox.NamedNode(req["graph"])
    if not store.contains_named_graph(graph):
        return _error(404, Errors.E212.format(iri=req["graph"]))
    fmt = _pick(req.get("accept"), GRAPHS, "an RDF graph")
    out = _Capped(req["max_bytes"])
    pretty = fmt.oxigraph in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML)
    store.dump(out, format=cast(ox.RdfFormat, fmt.oxigraph), from_graph=graph, prefixes=EXPORT_PREFIXES if pretty else None)
    return {"status": 200, "type": fmt.media_type}, out.getvalue()


def _graph_write(store: ox.Store, req: dict[str, Any], body: bytes) -> Answer:
    graph = ox.NamedNode(req["graph"])
    existed = store.contains_named_graph(graph)
    if req["op"] == "graph_delete":
        if not existed:
            return _error(404, Errors.E212.format(iri=req["graph"]))
        store.remove_graph(graph)
        return {"status": 204, "type": ""}, b""
    media = (req.get("content_type") or "text/turtle").split(";")[0].strip().lower()
    fmt = ox.RdfFormat.from_media_type(media)
    if fmt is None:
        return _error(415, Errors.E215.format(fmt=media, detail="not an RDF format kg reads"))
    try:
        if req["op"] == "graph_put" and existed:
            store.clear_graph(graph)
        store.load(body, format=fmt, to_graph=graph)
    except SyntaxError as exc:
        return _error(400, Errors.E215.format(fmt=fmt.name, detail=" ".join(str(exc).split())))
    return {"status": 204 if existed else 201, "type": ""}, b""


def _handle(store: ox.Store, req: dict[str, Any], body: bytes) -> Answer:
    op = req["op"]
    try:
        if op == "query":
            return _query(store, req)
        if op == "update":
            store.update(req["update"], prefixes=PREFIXES)
            return {"status": 204, "type": ""}, b""
        if op == "graph_get":
            return _graph_get(store, req)
        if op in ("graph_put", "graph_post", "graph_delete"):
            return _graph_write(store, req, body)
    except SyntaxError as exc:
        return _error(400, str(exc), syntax=str(exc))
    except LookupError as exc:
        return _error(406, str(exc.args[0]))
    except _TooLargeError:
        return _error(500, Errors.E208.format(limit=req["max_bytes"] // 1_000_000))
    except (OSError, ValueError) as exc:  # the store could not be read, or a bad IRI in a parameter
        return _error(500 if isinstance(exc, OSError) else 400, " ".join(str(exc).split()))
    return _error(400, f"unknown request {op!r}")


def _send(out: BinaryIO, header: dict[str, Any], body: bytes) -> None:
    out.write(json.dumps({**header, "length": len(body)}).encode() + b"\n" + body)
    out.flush()


def _serve(store: ox.Store, inp: BinaryIO, out: BinaryIO) -> None:
    _send(out, {"ready": True, "pid": os.getpid()}, b"")
    while True:
        line = inp.readline()
        if not line:
            return  # the front has gone: so do we
        req = json.loads(line)
        body = inp.read(req.get("length", 0))
        out.write(b"{}\n")  # read: from here on, a death of this worker is this request's
        out.flush()
        header, data = _handle(store, req, body)
        _send(out, header, data)


def main(argv: list[str] | None = None) -> int:
    """Open the store, say ready, answer requests until stdin closes."""
    args = sys.argv[1:] if argv is None else argv
    path, config, writable = args[0], json.loads(args[1]), "--writable" in args
    PREFIXES.update(config["prefixes"])
    EXPORT_PREFIXES.update(config["export_prefixes"])
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not corrupt the answers
    try:
        store = ox.Store(path) if writable else ox.Store.read_only(path)
    except OSError as exc:
        print(f"cannot open the store: {exc}", file=sys.stderr, flush=True)
        return 3
    threading.stack_size(STACK_BYTES)
    runner = threading.Thread(target=_serve, args=(store, sys.stdin.buffer, out), name="kg-worker")
    runner.start()
    runner.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
