"""The supervised query engine of kg serve: a pool of worker processes (kg.serve.worker), kept full.

Each worker runs one request at a time. A request that runs past its time, or whose client has
gone, is stopped by killing its worker; a worker that dies (an engine crash) fails only the
request it was running, with a 503 and one line, and the event is logged. Either way a new worker
takes its place at once (a start takes a fraction of a second), so the engine is back well within
two seconds and the other workers never stop answering.
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any

from ..errors import EngineError, Errors, KGError
from ..store.lock import is_lock_error

__all__ = ["Engine", "ClientGoneError", "WORKER_START_TIMEOUT"]

log = logging.getLogger("kg")

WORKER_START_TIMEOUT = 30.0
_HEADER_LIMIT = 1 << 20


class ClientGoneError(Exception):
    """The client closed its connection before its answer was ready."""


class _WorkerDiedError(Exception):
    pass


class _NotDeliveredError(_WorkerDiedError):
    """The worker was dead before it read the request (so the request is not what killed it)."""


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: have the kernel stop the worker when kg itself dies (no orphaned workers)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Worker:
    """One worker process and the last lines it wrote to stderr."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.pid = proc.pid
        self.stderr: collections.deque[str] = collections.deque(maxlen=40)
        self.dead = False
        self.busy = False
        self._pump = asyncio.ensure_future(self._read_stderr())

    async def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        async for raw in self.proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            if line:
                self.stderr.append(line)
                log.debug("engine worker %s: %s", self.pid, line)

    async def read_answer(self) -> tuple[dict[str, Any], bytes]:
        assert self.proc.stdout is not None
        try:
            line = await self.proc.stdout.readline()
            if not line:
                raise _WorkerDiedError()
            header = json.loads(line)
            body = await self.proc.stdout.readexactly(header.get("length", 0))
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):
            raise _WorkerDiedError() from None
        return header, body

    async def deliver(self, request: dict[str, Any], body: bytes) -> None:
        """Send a request and wait for the worker to say it has read it."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(json.dumps({**request, "length": len(body)}).encode() + b"\n" + body)
            await self.proc.stdin.drain()
            if not await self.proc.stdout.readline():
                raise _NotDeliveredError()
        except ConnectionError:
            raise _NotDeliveredError() from None

    def kill(self) -> None:
        self.dead = True
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()

    async def why(self) -> str:
        """Why the worker stopped, in a few words (the panic message when there is one)."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.proc.wait(), 2)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._pump, 1)
        lines = list(self.stderr)
        for i, line in enumerate(lines):
            if "panicked at" in line and i + 1 < len(lines):
                return f"it panicked: {lines[i + 1].strip()}"
            if "stack overflow" in line:
                return "it overflowed its stack"
        code = self.proc.returncode
        if code is not None and code < 0:
            return f"it was killed by {signal.Signals(-code).name}"
        return f"it exited with code {code}"


class Engine:
    """A pool of worker processes over one store, restarted as they die.

    store (Path): the store folder.
    workers (int): how many queries may run at once. Defaults to 2. A writable engine has one.
    writable (bool): open the store for writing (updates, Graph Store writes). Defaults to False.
    """

    def __init__(self, store: Path, *, workers: int = 2, writable: bool = False) -> None:
        self.store = Path(store)
        self.writable = writable
        self.size = 1 if writable else max(1, workers)
        self.restarts = 0
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._closing = False
        self._tasks: set[asyncio.Task] = set()
        from ..knowledge.vocab import PREFIXES
        from ..store import EXPORT_PREFIXES

        self._config = json.dumps({"prefixes": PREFIXES, "export_prefixes": EXPORT_PREFIXES})

    async def start(self) -> None:
        """Start every worker (at once); raises KGError (one line) when none can open the store."""
        started = await asyncio.gather(*(self._spawn() for _ in range(self.size)), return_exceptions=True)
        workers = [w for w in started if isinstance(w, _Worker)]
        if not workers:
            raise next(e for e in started if isinstance(e, BaseException))
        for worker in workers:
            self._idle.put_nowait(worker)
        for _ in range(self.size - len(workers)):
            self._respawn(0.5)

    async def _spawn(self) -> _Worker:
        cmd = [sys.executable, "-m", "kg.serve.worker", str(self.store), self._config,
               *(["--writable"] if self.writable else [])]
        package_root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
               "RUST_BACKTRACE": "0"}
        proc = await asyncio.create_subprocess_exec(
            *cmd, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env=env, limit=_HEADER_LIMIT, preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        worker = _Worker(proc)
        try:
            header, _ = await asyncio.wait_for(worker.read_answer(), WORKER_START_TIMEOUT)
        except (_WorkerDiedError, asyncio.TimeoutError):
            worker.kill()
            reason = " ".join(list(worker.stderr)[-3:]) or await worker.why()
            if is_lock_error(Exception(reason)):
                raise KGError(Errors.E002.format(path=self.store)) from None
            raise KGError(Errors.E008.format(path=self.store, detail=reason)) from None
        if not header.get("ready"):
            worker.kill()
            raise KGError(Errors.E008.format(path=self.store, detail="the query worker did not start"))
        self._all.add(worker)
        asyncio.ensure_future(self._watch(worker))
        return worker

    async def _watch(self, worker: _Worker) -> None:
        """Replace a worker that dies while idle (a crash outside any request, an outside kill)."""
        await worker.proc.wait()
        self._all.discard(worker)
        if not worker.dead and not worker.busy and not self._closing:
            worker.dead = True
            log.warning("engine worker %s stopped while idle (%s); starting another", worker.pid, await worker.why())
            self._respawn()

    def _respawn(self, delay: float = 0.0) -> None:
        if self._closing:
            return

        async def again() -> None:
            await asyncio.sleep(delay)
            try:
                worker = await self._spawn()
            except KGError as exc:
                log.error("cannot start an engine worker: %s; trying again", exc)
                self._respawn(min(max(delay * 2, 0.5), 10.0))
                return
            self.restarts += 1
            self._idle.put_nowait(worker)

        task = asyncio.ensure_future(again())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _acquire(self, timeout: float, gone: asyncio.Future | None) -> _Worker:
        """A free worker, waiting for one at most `timeout` seconds (and no longer than the client stays)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            get = asyncio.ensure_future(self._idle.get())
            waiting: set[asyncio.Future] = {get} | ({gone} if gone is not None else set())
            await asyncio.wait(waiting, timeout=max(0.0, deadline - loop.time()), return_when=asyncio.FIRST_COMPLETED)
            if not get.done():
                get.cancel()
                if gone is not None and gone.done():
                    raise ClientGoneError()
                raise EngineError(Errors.E207.format(seconds=timeout), status=503)
            worker = get.result()
            if worker.dead or worker.proc.returncode is not None:
                continue
            if gone is not None and gone.done():
                self._idle.put_nowait(worker)
                raise ClientGoneError()
            worker.busy = True
            return worker

    async def _delivered(self, request: dict[str, Any], body: bytes, timeout: float,
                         gone: asyncio.Future | None) -> _Worker:
        """A free worker that has read the request; one found dead before that is replaced, not blamed."""
        while True:
            worker = await self._acquire(timeout, gone)
            try:
                await asyncio.wait_for(worker.deliver(request, body), timeout)
                return worker
            except (_NotDeliveredError, asyncio.TimeoutError):
                worker.kill()
                log.warning("engine worker %s stopped while idle (%s); starting another", worker.pid,
                            await worker.why())
                self._respawn()

    async def run(self, request: dict[str, Any], body: bytes = b"", *, timeout: float,
                  gone: asyncio.Future | None = None) -> tuple[dict[str, Any], bytes]:
        """Run one request on a free worker and return its answer (header, body).

        request (dict): what the worker should do (see kg.serve.worker).
        body (bytes): a request body (Graph Store writes). Defaults to b"".
        timeout (float): seconds the request may run, and may wait for a free worker.
        gone (asyncio.Future | None): done when the client has gone; the request is stopped then.
        Raises EngineError (timeout: 504, crash or busy: 503) or ClientGoneError.
        """
        worker = await self._delivered(request, body, timeout, gone)
        call = asyncio.ensure_future(worker.read_answer())
        waiting: set[asyncio.Future] = {call} | ({gone} if gone is not None else set())
        done, _ = await asyncio.wait(waiting, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if call in done:
            try:
                answer = call.result()
            except _WorkerDiedError:
                worker.dead = True
                reason = await worker.why()
                log.warning("engine worker %s stopped while running a query (%s); starting another", worker.pid, reason)
                self._respawn()
                raise EngineError(Errors.E206.format(reason=reason), status=503) from None
            worker.busy = False
            self._idle.put_nowait(worker)
            return answer
        call.cancel()
        worker.kill()
        self._respawn()
        if gone is not None and gone in done:
            log.info("client gone: stopped its query (worker %s)", worker.pid)
            raise ClientGoneError()
        log.info("query stopped after %g s (worker %s)", timeout, worker.pid)
        raise EngineError(Errors.E205.format(seconds=timeout), status=504)

    async def close(self) -> None:
        """Stop every worker."""
        self._closing = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            if worker.proc.stdin is not None:
                worker.proc.stdin.close()
            worker.kill()
        for worker in list(self._all):
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(worker.proc.wait(), 5)
