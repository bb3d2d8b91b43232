"""The Oxigraph HTTP server over a store (SPARQL 1.1 Protocol, Graph Store Protocol, web UI).

The server is the `oxigraph` program of the `oxigraph` package (the same version as pyoxigraph),
run with the union of all graphs as its default graph, like `kg query`.

Read-only (the default) runs `oxigraph serve-read-only`, which takes no lock of its own. So that a
`kg build` cannot write under it, kg holds a shared lock on the store's LOCK file while it serves:
RocksDB writers take that file exclusively, so a build then stops with one clear line (E002), and
`kg serve` stops with the same line when a build already holds the store. Readers (`kg query`,
`kg export`, other read-only servers) are not affected. `--writable` runs `oxigraph serve`, which
holds the store's write lock itself.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
import time
from pathlib import Path

from ..errors import Errors, KGError
from ..store import KGStore, hold_store

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "oxigraph_executable", "serve"]

DEFAULT_PORT = 7878
DEFAULT_HOST = "127.0.0.1"
START_TIMEOUT = 30.0

# Messages of this command (E002 and E008 come from kg/errors.py).
_NO_PROGRAM = ("Cannot find the `oxigraph` server program. Install it next to kg with "
               "`pip install 'oxigraph>=0.5,<0.6'`, or point KG_OXIGRAPH at it.")
_PORT_IN_USE = "Port {port} on {host} is already in use. Stop what is using it, or pick another with --port."
_BAD_HOST = "Cannot listen on {host}:{port}: {detail}. Use an address of this machine, such as 127.0.0.1."
_START_FAILED = "The oxigraph server did not start: {detail}"
_EXITED = "The oxigraph server stopped unexpectedly (exit code {code})."


def oxigraph_executable() -> str:
    """The path of the `oxigraph` program: KG_OXIGRAPH, else next to this Python, else on PATH.

    RETURNS (str): an executable path. Raises KGError when there is none.
    """
    env = os.environ.get("KG_OXIGRAPH")
    if env:
        if Path(env).is_file() and os.access(env, os.X_OK):
            return env
        raise KGError(f"KG_OXIGRAPH={env} is not an executable file. " + _NO_PROGRAM)
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise KGError(_NO_PROGRAM)


def _bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


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


def _is_up(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host if host not in ("0.0.0.0", "::", "") else "127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: have the kernel stop the server if kg itself is killed (no orphaned servers)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - prctl is a best effort on Linux only
        pass


def _explain(lines: list[str], *, path: Path, host: str, port: int) -> str:
    """One line for why the oxigraph process exited during start-up."""
    text = "\n".join(lines)
    lowered = text.lower()
    if "lock" in lowered or "resource temporarily unavailable" in lowered:
        return Errors.E002.format(path=path)
    if "address already in use" in lowered:
        return _PORT_IN_USE.format(host=host, port=port)
    errors = [ln.removeprefix("Error:").strip() for ln in lines if ln.startswith("Error:")]
    detail = errors[0] if errors else next((ln.strip() for ln in lines if ln.strip()), "no output")
    return _START_FAILED.format(detail=detail)


def _say(message: str, *, err: bool = False) -> None:
    print(message, file=sys.stderr if err else sys.stdout, flush=True)


class _Stop(Exception):  # noqa: N818 - a signal, not an error
    """Raised by the SIGTERM/SIGHUP handler so that they stop the server like Ctrl-C."""


def serve(store: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, writable: bool = False,
          cors: bool = False, timeout: int | None = None) -> None:
    """Run the Oxigraph server over a store until Ctrl-C (or SIGTERM), then stop it.

    store (Path): the store folder.
    host (str): the address to listen on. Defaults to 127.0.0.1 (this machine only).
    port (int): the TCP port. Defaults to 7878.
    writable (bool): accept SPARQL updates and Graph Store writes. Defaults to False.
    cors (bool): allow cross-origin requests (browser apps on other sites). Defaults to False.
    timeout (int | None): seconds a query may run before the server gives up. Defaults to no limit.
    Raises KGError (one line for the user) when the store is busy or missing, the port is taken,
    or the server cannot start.
    """
    program = oxigraph_executable()
    store = Path(store)
    if writable:
        KGStore(store).close()  # creates the store and loads the ontology; E002 when a build holds it
    elif not store.is_dir() or not (store / "CURRENT").exists():
        raise KGError(Errors.E008.format(path=store, detail="no store there; run `kg build` first"))
    _check_port(host, port)
    cmd = [program, "serve" if writable else "serve-read-only", "--location", str(store),
           "--bind", _bind_address(host, port), "--union-default-graph"]
    if cors:
        cmd.append("--cors")
    if timeout:
        cmd += ["--timeout-s", str(timeout)]
    guard = contextlib.nullcontext() if writable else hold_store(store)
    with guard:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        started = threading.Event()
        early: list[str] = []

        def pump() -> None:
            """Keep the server's output: for the error message while starting, to stderr after."""
            assert proc.stdout is not None
            for raw in proc.stdout:
                line = raw.decode("utf-8", "replace").rstrip()
                if not started.is_set():
                    early.append(line)
                elif line and not line.startswith("Listening for requests"):
                    _say(f"oxigraph: {line}", err=True)

        reader = threading.Thread(target=pump, name="oxigraph-output", daemon=True)
        reader.start()
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if sig}

        def stop(signum: int, frame: object) -> None:
            raise _Stop()

        for sig in previous:
            signal.signal(sig, stop)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _is_up(host, port):
                if proc.poll() is not None:
                    reader.join(timeout=2)
                    raise KGError(_explain(early, path=store, host=host, port=port))
                if time.monotonic() > deadline:
                    raise KGError(_START_FAILED.format(detail=f"no answer on {host}:{port} after {START_TIMEOUT:.0f} s"))
                time.sleep(0.05)
            started.set()
            url = _url(host, port)
            mode = "read-write" if writable else "read-only"
            _say(f"kg: serving {store} ({mode}) at {url}/")
            _say(f"  SPARQL endpoint   {url}/query" + (f"   (updates: {url}/update)" if writable else ""))
            _say(f"  Graph Store       {url}/store?graph=IRI")
            _say(f"  query page        {url}/")
            if host in ("0.0.0.0", "::"):
                _say("  listening on every network interface: anyone who can reach this machine can query it")
            _say("Press Ctrl-C to stop.")
            sys.stdout.flush()
            code = proc.wait()
            raise KGError(_EXITED.format(code=code))
        except (KeyboardInterrupt, _Stop):
            _say("kg: stopping the server", err=True)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
    _say("kg: stopped", err=True)
