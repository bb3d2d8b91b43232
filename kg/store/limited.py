"""A query with a time limit: it runs in a forked child process, which is killed when it runs past the limit.

Oxigraph cannot interrupt a query from Python: a sort or a join returns to Python only when it is
done, and pyoxigraph has no cancellation handle. So a limited query gets a process of its own. The
child answers through a pipe in a SPARQL result format (N-Triples for CONSTRUCT and DESCRIBE), and
the parent parses the answer back into the same kind of result object `Store.query` returns.
"""
from __future__ import annotations

import os
import select
import signal
import time
import traceback
from collections.abc import Callable

import pyoxigraph as ox

from ..errors import Errors, QueryTimeoutError

__all__ = ["query_with_timeout"]

Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
_JSON = ox.QueryResultsFormat.JSON
_NT = ox.RdfFormat.N_TRIPLES
_ERRORS = {"SyntaxError": SyntaxError, "OSError": OSError, "ValueError": ValueError, "RuntimeError": RuntimeError}


def _answer(run: Callable[[], Result]) -> bytes:
    """The child's reply: a tag byte, then the result (or the error's class name and message)."""
    try:
        res = run()
        if isinstance(res, ox.QueryTriples):
            return b"T" + (res.serialize(format=_NT) or b"")
        return b"R" + (res.serialize(format=_JSON) or b"")
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it again
        name = type(exc).__name__ if type(exc).__name__ in _ERRORS else "RuntimeError"
        return b"E" + f"{name}\n{exc}".encode("utf-8", "replace")


def _result(reply: bytes) -> Result:
    tag, body = reply[:1], reply[1:]
    if tag == b"R":
        return ox.parse_query_results(body, format=_JSON)
    if tag == b"T":  # through a small store, so the caller gets a QueryTriples like Store.query gives
        graph = ox.Store()
        graph.load(body, format=_NT)
        res = graph.query("CONSTRUCT WHERE { ?s ?p ?o }")
        assert isinstance(res, ox.QueryTriples)
        return res
    name, _, message = body.decode("utf-8", "replace").partition("\n")
    raise _ERRORS.get(name, RuntimeError)(message or "the query process stopped without an answer")


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes, or None when the deadline passes first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def query_with_timeout(run: Callable[[], Result], timeout: float) -> Result:
    """run() in a forked child, stopped after timeout seconds. Raises QueryTimeoutError (E020) then.

    run (Callable): opens what it needs and runs the query (in the child process).
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; coverage does not follow it
        code = 0
        try:
            os.close(read_fd)
            with os.fdopen(write_fd, "wb") as out:
                out.write(_answer(run))
        except BaseException:  # noqa: BLE001 - a child must never return into the caller's code
            traceback.print_exc()
            code = 1
        os._exit(code)
    os.close(write_fd)
    try:
        reply = _read_until(read_fd, time.monotonic() + timeout)
    finally:
        os.close(read_fd)
    if reply is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise QueryTimeoutError(Errors.E020.format(seconds=timeout))
    os.waitpid(pid, 0)
    return _result(reply)
