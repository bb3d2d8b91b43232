"""kg serve: the real Oxigraph server, queried by real clients (SPARQLWrapper, rdflib, plain HTTP)."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, XML, SPARQLWrapper
from typer.testing import CliRunner

from kg.cli import app
from kg.questions import PREFIXES, named_queries, prepare
from tests.conftest import KG, SEEDS, run_kg

START_TIMEOUT = 60.0
QUESTIONS = {nq.question: name for name, nq in named_queries().items() if nq.question}
ARTICLE = "003_faddfdcd4adff68a"
ARTICLE_IRI = f"https://w3id.org/newskg/resource/article/{ARTICLE}"
PEOPLE = PREFIXES + "SELECT DISTINCT ?name WHERE { ?p a nkg:Person ; rdfs:label ?name } ORDER BY ?name"


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A `kg serve` process started by a test: its URL, its process and what it printed."""

    def __init__(self, proc: subprocess.Popen, port: int, banner: list[str]) -> None:
        self.proc = proc
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.banner = banner

    def stop(self, sig: int = signal.SIGINT, timeout: float = 20) -> tuple[int, str]:
        """Send a signal (Ctrl-C by default); return the exit code and everything on stderr."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:  # never leave a server behind, whatever happened
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        return code, self.proc.stderr.read() if self.proc.stderr else ""


@contextlib.contextmanager
def running_server(store: Path, *args: str, port: int | None = None, cwd: Path | None = None) -> Iterator[Server]:
    """Start `kg serve` on a free port (its default host, 127.0.0.1), wait until it is up, always stop it."""
    port = port or free_port()
    # SIGINT back to default: a shell running the tests in the background ignores it, and a
    # child would inherit that; a real terminal's Ctrl-C is what we want to imitate.
    proc = subprocess.Popen([*KG, "serve", "--store", str(store), "--port", str(port), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    server = Server(proc, port, [])
    try:
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True)
        reader.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not any("Press Ctrl-C" in ln for ln in lines):
            if proc.poll() is not None:
                raise AssertionError(f"kg serve exited with {proc.returncode}: {proc.stderr.read()}")
            assert time.monotonic() < deadline, f"kg serve did not start within {START_TIMEOUT} s"
            time.sleep(0.05)
        server.banner = list(lines)
        yield server
    finally:
        server.stop()


def http(url: str, *, accept: str | None = None, data: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) of a plain HTTP request, errors included."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def kg_query(store: Path, query: str, *args: str) -> bytes:
    """What `kg query` prints, as bytes (run in-process through Typer's CliRunner)."""
    result = CliRunner().invoke(app, ["query", query, "--store", str(store), *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.strip().splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture(scope="module")
def served_store(seed_store, tmp_path_factory) -> Path:
    """A private copy of the seed store for this module's server (so other tests never meet its lock)."""
    dest = tmp_path_factory.mktemp("served") / "store"
    shutil.copytree(seed_store, dest)
    return dest


@pytest.fixture(scope="module")
def server(served_store) -> Iterator[Server]:
    with running_server(served_store) as srv:
        yield srv


# -- start-up --------------------------------------------------------------------------------


def test_says_the_url_it_serves(server):
    assert f"at http://127.0.0.1:{server.port}/" in server.banner[0]
    assert "read-only" in server.banner[0]
    assert any(f"http://127.0.0.1:{server.port}/query" in ln for ln in server.banner)


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's table of listening sockets")
def test_listens_on_localhost_only_by_default(server):
    # The fixture passes no --host: the default must be the loopback address, never all interfaces.
    listening = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, port = local.split(":")
        if state == "0A" and int(port, 16) == server.port:  # 0A: LISTEN
            listening.add(address)
    assert listening == {"0100007F"}  # 127.0.0.1, little-endian hex
    assert http(server.url + "/")[0] == 200


def test_web_query_page(server):
    status, content_type, body = http(server.url + "/")
    assert status == 200
    assert content_type.startswith("text/html")
    assert b"<html" in body.lower()


# -- the Done-when test: Q1-Q9 through SPARQLWrapper give kg query's rows -----------------------


def test_all_nine_questions_are_shipped():
    assert sorted(QUESTIONS) == [f"Q{i}" for i in range(1, 10)]


@pytest.mark.parametrize("question", sorted(QUESTIONS))
def test_questions_through_sparqlwrapper_match_kg_query(server, served_store, question):
    name = QUESTIONS[question]
    endpoint = SPARQLWrapper(server.url + "/query")
    endpoint.setMethod(POST)
    endpoint.setQuery(prepare(name))
    endpoint.setReturnFormat(JSON)
    remote = endpoint.query().convert()
    local = json.loads(kg_query(served_store, name, "--format", "json"))
    assert remote["head"]["vars"] == local["head"]["vars"]
    assert remote["results"]["bindings"] == local["results"]["bindings"]


def test_a_question_with_rows_gives_rows_through_the_server(server, served_store):
    # Q7 lists named people; the seed articles name several (the gold expects six).
    endpoint = SPARQLWrapper(server.url + "/query")
    endpoint.setQuery(prepare("people"))
    endpoint.setReturnFormat(JSON)
    names = {b["name"]["value"] for b in endpoint.query().convert()["results"]["bindings"]}
    assert {"Nasser Kanaani", "Joe Biden", "Lloyd Austin"} <= names


def test_parameters_reach_the_server_as_terms(server, served_store):
    text = prepare("mentions", {"name": "IRGC"})
    endpoint = SPARQLWrapper(server.url + "/query")
    endpoint.setQuery(text)
    endpoint.setReturnFormat(JSON)
    articles = {b["article"]["value"] for b in endpoint.query().convert()["results"]["bindings"]}
    assert articles == {"002_b302d9e3fbb8e487", "003_faddfdcd4adff68a"}  # Q6's gold answer


def test_sparqlwrapper_xml_results(server, served_store):
    endpoint = SPARQLWrapper(server.url + "/query")
    endpoint.setQuery(prepare("people"))
    endpoint.setReturnFormat(XML)
    doc = endpoint.query().convert()  # a DOM document
    names = [b.getElementsByTagName("literal")[0].firstChild.data
             for b in doc.getElementsByTagName("binding") if b.getAttribute("name") == "name"]
    local = json.loads(kg_query(served_store, "people", "--format", "json"))["results"]["bindings"]
    assert names == [row["name"]["value"] for row in local]


def test_rdflib_sparqlstore(server, served_store):
    remote = rdflib.Graph(store=SPARQLStore(server.url + "/query"))
    rows = [str(row.name) for row in remote.query(PEOPLE)]
    local = json.loads(kg_query(served_store, PEOPLE, "--format", "json"))["results"]["bindings"]
    assert rows == [row["name"]["value"] for row in local]
    assert len(rows) >= 3


# -- plain HTTP: the same bytes as kg query --format ---------------------------------------------


@pytest.mark.parametrize(
    "fmt, accept",
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
    ],
)
@pytest.mark.parametrize("query", ["people", "attacks-on", PEOPLE])
def test_http_accept_formats_are_byte_compatible_with_kg_query(server, served_store, fmt, accept, query):
    status, content_type, body = http(server.url + "/query", accept=accept, data={"query": prepare(query)})
    assert status == 200
    assert content_type.startswith(accept)
    assert body == kg_query(served_store, query, "--format", fmt)
    assert body.strip()  # a header at least


def test_http_get_with_query_string(server, served_store):
    url = server.url + "/query?" + urllib.parse.urlencode({"query": PEOPLE})
    status, _, body = http(url, accept="text/csv")
    assert status == 200
    assert body == kg_query(served_store, PEOPLE, "--format", "csv")


# -- Graph Store Protocol ------------------------------------------------------------------------


def test_graph_store_protocol_returns_one_article_graph(server, served_store):
    url = server.url + "/store?" + urllib.parse.urlencode({"graph": ARTICLE_IRI})
    status, content_type, body = http(url, accept="text/turtle")
    assert status == 200 and content_type.startswith("text/turtle")
    fetched = rdflib.Graph().parse(data=body.decode(), format="turtle")
    store = ox.Store.read_only(str(served_store))
    expected = {(str(q.subject), str(q.predicate), str(q.object))
                for q in store.quads_for_pattern(None, None, None, ox.NamedNode(ARTICLE_IRI))}
    got = {(f"<{s}>", f"<{p}>", str(_to_ox(o))) for s, p, o in fetched}
    assert got == expected
    assert len(got) > 20


def _to_ox(term: rdflib.term.Node) -> ox.NamedNode | ox.Literal:
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)
    return ox.NamedNode(str(term))


# -- read-only, busy stores and clean stops --------------------------------------------------------


def test_read_only_refuses_updates(server, served_store):
    before = len(ox.Store.read_only(str(served_store)))
    status, _, _ = http(server.url + "/update", data={"update": "CLEAR ALL"})
    assert status == 403
    put, _, _ = http(server.url + "/store?default", data={"x": "y"}, method="PUT")
    assert put in (403, 405)
    assert http(server.url + "/query", accept="text/csv", data={"query": PEOPLE})[0] == 200
    assert len(ox.Store.read_only(str(served_store))) == before


def test_a_build_on_a_served_store_gets_one_clear_line(server, served_store):
    result = run_kg("build", SEEDS, "--store", served_store)
    assert result.returncode == 1
    assert "[E002]" in one_line(result.stderr)


def test_kg_query_still_reads_a_served_store(server, served_store):
    assert b"Nasser Kanaani" in kg_query(served_store, "people", "--format", "csv")


def test_serving_a_store_a_build_holds_gets_one_clear_line(store_copy):
    holder = ox.Store(str(store_copy))  # what a running build holds: the store's write lock
    try:
        for args in ([], ["--writable"]):
            result = run_kg("serve", "--store", store_copy, "--port", free_port(), *args, timeout=60)
            assert result.returncode == 1
            assert "[E002]" in one_line(result.stderr)
    finally:
        del holder


def test_ctrl_c_stops_the_server_cleanly(store_copy):
    with running_server(store_copy) as srv:
        assert http(srv.url + "/query", accept="text/csv", data={"query": PEOPLE})[0] == 200
        code, stderr = srv.stop(signal.SIGINT)
    assert code == 0
    assert "stopped" in stderr and "Traceback" not in stderr
    with pytest.raises(OSError):  # the oxigraph process went with it
        socket.create_connection(("127.0.0.1", srv.port), timeout=1).close()
    # and the store is free again: a build may open it
    assert run_kg("build", SEEDS, "--store", store_copy).returncode == 0


def test_sigterm_stops_the_server_cleanly(store_copy):
    with running_server(store_copy) as srv:
        code, stderr = srv.stop(signal.SIGTERM)
    assert code == 0 and "stopped" in stderr


def test_writable_server_accepts_updates_and_holds_the_store(store_copy):
    triple = "<urn:example:s> <urn:example:p> \"written over HTTP\""
    with running_server(store_copy, "--writable") as srv:
        assert "read-write" in srv.banner[0]
        status, _, _ = http(srv.url + "/update", data={"update": f"INSERT DATA {{ GRAPH <urn:example:g> {{ {triple} }} }}"})
        assert status == 204
        busy = run_kg("build", SEEDS, "--store", store_copy)
        assert busy.returncode == 1 and "[E002]" in one_line(busy.stderr)
    found = kg_query(store_copy, "SELECT ?o WHERE { <urn:example:s> <urn:example:p> ?o }", "--format", "csv")
    assert b"written over HTTP" in found


def test_explore_answers_are_remembered_until_the_store_changes(store_copy):
    event = "<urn:example:event>"
    with running_server(store_copy, "--writable") as srv:
        before = [json.loads(http(srv.url + "/api/list")[2])["total"] for _ in range(2)]
        status, _, _ = http(srv.url + "/update", data={"update": f"INSERT DATA {{ GRAPH <urn:example:g> {{ {event} a "
                                                               f"nkg:Attack ; nkg:date \"2024-01-02\"^^xsd:date }} }}"})
        assert status == 204
        after = json.loads(http(srv.url + "/api/list")[2])
    assert before[0] == before[1] and after["total"] == before[0] + 1
    assert "urn:example:event" in {e["event"] for e in after["events"]}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--store", "{missing}"], "[E008]"),  # never built
        (["--store", "{store}", "--port", "{taken}"], "already in use"),  # port taken
        (["--store", "{store}", "--host", "192.0.2.1"], "Cannot listen on 192.0.2.1"),  # not this machine
    ],
)
def test_start_up_problems_are_one_clear_line(args, message, store_copy, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = [a.replace("{missing}", str(tmp_path / "nothing")).replace("{store}", str(store_copy))
                .replace("{taken}", str(port)) for a in args]
        if "--port" not in args:
            args += ["--port", str(free_port())]
        result = run_kg("serve", *args, timeout=60)
    assert result.returncode == 1
    assert message in one_line(result.stderr)


def test_kg_serve_help_names_the_defaults():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for text in ("7878", "127.0.0.1", "--writable", "--host", "--port"):
        assert text in result.output
