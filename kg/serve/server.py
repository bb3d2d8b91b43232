"""kg serve as a whole: the store lock, the engine, the front; run until stopped, or in a test.

Read-only (the default) holds a shared lock on the store's LOCK file while it serves: RocksDB
writers take that file exclusively, so a `kg build` on a served store stops with one line (E002),
and `kg serve` says the same when a build holds the store. `kg query` and `kg export` keep
reading. `--writable` runs one worker that holds the store's write lock itself.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import resource
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, KGError
from ..store import KGStore, hold_store
from . import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT
from .engine import Engine
from .front import Front, FrontOptions
from .limits import Limits

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "ServeOptions", "Started", "serve", "serving"]


_PORT_IN_USE = "Port {port} on {host} is already in use. Stop what is using it, or pick another with --port."
_BAD_HOST = "Cannot listen on {host}:{port}: {detail}. Use an address of this machine, such as 127.0.0.1."


@dataclass(frozen=True)
class ServeOptions:
    """How to serve a store.

    host (str): the address to listen on. Defaults to 127.0.0.1 (this machine only).
    port (int): the TCP port; 0 picks a free one. Defaults to 7878.
    writable (bool): accept SPARQL updates and Graph Store writes. Defaults to False.
    cors (bool): allow cross-origin requests (browser apps on other sites). Defaults to False.
    timeout (float): seconds a query may run. Defaults to 30.
    workers (int | None): queries that may run at once; None for the number of cores, at least 4.
    allow_service (bool): let SERVICE send requests to other endpoints. Defaults to False.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    writable: bool = False
    cors: bool = False
    timeout: float = DEFAULT_TIMEOUT
    workers: int | None = None
    allow_service: bool = False


@dataclass(frozen=True)
class Started:
    """A running server: its store, address, base URL and mode."""

    store: Path
    host: str
    port: int
    url: str
    writable: bool
    workers: int


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else (f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}"


def _check_port(host: str, port: int) -> None:
    """Fail with one line when the port is taken or the host is not an address of this machine."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise KGError(_BAD_HOST.format(host=host, port=port, detail=exc.strerror)) from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise KGError(_PORT_IN_USE.format(host=host, port=port)) from None
            raise KGError(_BAD_HOST.format(host=host, port=port, detail=exc.strerror or exc)) from None


def _more_files() -> int:
    """Raise the open-file limit to its hard maximum (each connection is a file); the cap to use."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
    return max(64, min(4096, soft - 64))


def _prepare_store(store: Path, writable: bool) -> None:
    if writable:
        KGStore(store).close()  # creates the store and loads the ontology; E002 when a build holds it
    elif not store.is_dir() or not (store / "CURRENT").exists():
        raise KGError(Errors.E008.format(path=store, detail="no store there; run `kg build` first"))


@contextlib.asynccontextmanager
async def _running(store: Path, options: ServeOptions):
    """Start everything (lock, engine, front), yield what started, stop everything."""
    store = Path(store)
    _prepare_store(store, options.writable)
    if options.port:
        _check_port(options.host, options.port)
    workers = options.workers or max(4, os.cpu_count() or 4)
    front_options = FrontOptions(writable=options.writable, cors=options.cors, timeout=options.timeout,
                                 limits=Limits(allow_service=options.allow_service), max_connections=_more_files())
    with contextlib.nullcontext() if options.writable else hold_store(store):
        engine = Engine(store, workers=workers, writable=options.writable)
        front = Front(engine, front_options)
        try:
            await engine.start()
            try:
                await front.start(options.host, options.port)
            except OSError as exc:
                raise KGError(_BAD_HOST.format(host=options.host, port=options.port, detail=exc.strerror or exc)) from None
            port = front.port
            yield Started(store, options.host, port, _url(options.host, port), options.writable, engine.size)
        finally:
            await front.close()
            await engine.close()


def serve(store: Path, options: ServeOptions = ServeOptions(), *,
          ready: Callable[[Started], None] | None = None) -> None:
    """Serve a store until SIGINT (Ctrl-C), SIGTERM or SIGHUP, then stop cleanly.

    store (Path): the store folder.
    options (ServeOptions): address, mode and limits. Defaults to ServeOptions().
    ready (Callable[[Started], None] | None): called once the server answers (to print its address).
    Raises KGError (one line for the user) when the store is busy or missing, or the port is taken.
    """

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, stop.set)
        async with _running(store, options) as started:
            if ready is not None:
                ready(started)
            await stop.wait()

    asyncio.run(main())


@contextlib.contextmanager
def serving(store: Path, options: ServeOptions | None = None) -> Iterator[Started]:
    """Run kg serve on a thread of this process (for tests and notebooks); stop it on leaving.

    >>> from kg.serve import serving, ServeOptions                 # doctest: +SKIP
    >>> with serving("kg-store", ServeOptions(port=0)) as server:   # doctest: +SKIP
    ...     print(server.url + "/query")

    RETURNS (Started): where it listens. Raises KGError as serve() does.
    """
    options = options or ServeOptions(port=0)
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    started: list[Started] = []
    failed: list[BaseException] = []
    up = threading.Event()

    async def main() -> None:
        try:
            async with _running(store, options) as info:
                started.append(info)
                up.set()
                await stop.wait()
        except Exception as exc:  # noqa: BLE001 - raised again in the caller's thread below
            failed.append(exc)
            up.set()

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), name="kg-serve", daemon=True)
    thread.start()
    up.wait()
    try:
        if failed:
            raise failed[0]
        yield started[0]
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(30)
        loop.close()
