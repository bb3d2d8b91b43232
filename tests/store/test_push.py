"""kg push: a real writable Oxigraph server ends up with exactly the store's graphs; errors are one line."""
from __future__ import annotations

import base64
import http.server
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request

import sys
import shutil
from pathlib import Path
import pyoxigraph as ox
import pytest

from kg.knowledge.vocab import REFERENCE_GRAPH
from tests.conftest import run_kg

UNION = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_executable() -> str:
    """The `oxigraph` server program of the `oxigraph` package (a test dependency), next to this Python."""
    found = Path(sys.executable).with_name("oxigraph")
    return str(found) if found.exists() else (shutil.which("oxigraph") or pytest.fail("pip install oxigraph (the test extra)"))


@pytest.fixture()
def oxigraph(tmp_path):
    """`oxigraph serve` (read-write) on a free port, over a store folder; yields (endpoint base URL, folder, process)."""
    folder, port = tmp_path / "server-store", free_port()
    proc = subprocess.Popen([oxigraph_executable(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "oxigraph serve did not start"
            time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", folder, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)


def _union(base: str) -> set[ox.Triple]:
    request = urllib.request.Request(f"{base}/query?{urllib.parse.urlencode({'query': UNION})}",
                                     headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return {q.triple for q in ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES)}


def test_push_makes_the_server_hold_the_store(seed_store, oxigraph):
    base, folder, proc = oxigraph
    local = set(ox.Store.read_only(str(seed_store)))
    article = next(q.graph_name for q in local if "/article/" in q.graph_name.value)
    # Something stale on the server, in a graph the push replaces: it must go.
    stale = "<urn:x:stale> <urn:x:p> <urn:x:o> ."
    put = urllib.request.Request(f"{base}/store?{urllib.parse.urlencode({'graph': article.value})}", data=stale.encode(),
                                 method="PUT", headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(put, timeout=30).close()

    for _ in range(2):  # pushing again changes nothing
        result = run_kg("push", f"{base}/store", "--store", seed_store)
        assert result.returncode == 0, result.stderr
        graphs = len({q.graph_name for q in local})
        assert result.stdout.strip() == f"pushed {graphs:,} graphs ({len(local):,} triples) to {base}/store"
        assert _union(base) == {q.triple for q in local}

    proc.terminate()
    proc.wait(timeout=30)
    assert set(ox.Store.read_only(str(folder))) == local  # graph by graph, exactly


BASIC = "Basic " + base64.b64encode(b"ann:s3cret").decode()


class Endpoint(http.server.BaseHTTPRequestHandler):
    """A Graph Store endpoint that wants credentials and fails on one graph (error paths real servers take)."""

    accepted = ("Bearer s3cret", BASIC)
    failing = REFERENCE_GRAPH
    seen: list[tuple[str, str | None, str | None]] = []

    def do_PUT(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"]))
        graph = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0]
        self.seen.append((graph, self.headers.get("Authorization"), self.headers.get("Content-Type")))
        if self.headers.get("Authorization") not in self.accepted:
            self.send_response(401)
        elif graph == self.failing:
            self.send_response(500)
            message = b"disk full\n"
            self.send_header("Content-Length", str(len(message)))
            self.end_headers()
            self.wfile.write(message)
            return
        else:
            assert list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def endpoint():
    Endpoint.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/data"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "env,sent,message",
    [
        ({}, None, "[E168] The SPARQL endpoint {url} refused the push (HTTP 401 Unauthorized) to no credentials"),
        ({"KG_PUSH_TOKEN": "wrong"}, "Bearer wrong",
         "[E168] The SPARQL endpoint {url} refused the push (HTTP 401 Unauthorized) to the credentials of KG_PUSH_TOKEN"),
        ({"KG_PUSH_TOKEN": "s3cret"}, "Bearer s3cret",  # accepted: articles go, the reference graph fails
         f"[E169] The SPARQL endpoint {{url}} answered HTTP 500 Internal Server Error to the graph <{REFERENCE_GRAPH}>: disk full"),
        ({"KG_PUSH_USER": "ann", "KG_PUSH_PASSWORD": "s3cret"}, BASIC, "[E169]"),  # basic authentication, accepted too
    ],
)
def test_refusals_are_one_line(seed_store, endpoint, env, sent, message, monkeypatch):
    for name in ("KG_PUSH_TOKEN", "KG_PUSH_USER", "KG_PUSH_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    result = run_kg("push", endpoint, "--store", seed_store, env=env)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("kg: " + message.format(url=endpoint)), result.stderr
    assert {auth for _, auth, _ in Endpoint.seen} == {sent}
    assert {kind for _, _, kind in Endpoint.seen} == {"application/n-triples"}
    if sent in Endpoint.accepted:  # stopped at the failing graph
        assert Endpoint.seen[-1][0] == REFERENCE_GRAPH
    else:  # stopped at the first refusal
        assert len(Endpoint.seen) == 1


@pytest.mark.parametrize(
    "url,code",
    [
        (f"http://127.0.0.1:{free_port()}/store", "E167"),  # nothing listening
        ("http://ann:s3cret@127.0.0.1:7878/store", "E166"),  # credentials on the command line
        ("ftp://127.0.0.1/store", "E165"),  # not HTTP
    ],
)
def test_bad_endpoint_is_one_line(seed_store, url, code):
    result = run_kg("push", url, "--store", seed_store)
    assert result.returncode == 1
    assert result.stderr.startswith(f"kg: [{code}]") and len(result.stderr.splitlines()) == 1, result.stderr
    assert "s3cret" not in result.stderr  # a password given anyway is not echoed


def test_push_needs_a_store(tmp_path, endpoint):
    result = run_kg("push", endpoint, "--store", tmp_path / "none")
    assert result.returncode == 1 and "[E008]" in result.stderr
    assert not (tmp_path / "none").exists()
