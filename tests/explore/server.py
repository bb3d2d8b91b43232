"""A tiny HTTP server over a store that answers /explore and /api/ with kg.explore.handle.

The tests' stand-in for `kg serve` (which routes the same paths to the same function), so the
page is tested through real HTTP in a real browser. Run it by hand too:
python -m tests.explore.server STORE [PORT]
"""
from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.explore import handle, local_query
from kg.store import KGStore


def make_server(store: Path, port: int = 0) -> ThreadingHTTPServer:
    """A server on 127.0.0.1 (port 0: any free port) over a store opened read-only."""
    query = local_query(KGStore(store, read_only=True))

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            url = urlsplit(self.path)
            answer = handle("GET", url.path, parse_qs(url.query), query)
            status, ctype, body = answer or (404, "text/plain; charset=utf-8", b"not found")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


@contextlib.contextmanager
def running(store: Path) -> Iterator[str]:
    """Serve the store in a thread; yields the base URL."""
    server = make_server(store)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    srv = make_server(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8765)
    print(f"http://127.0.0.1:{srv.server_address[1]}/explore", flush=True)
    srv.serve_forever()
