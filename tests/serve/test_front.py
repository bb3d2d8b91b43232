"""kg serve's own pages and routes, through kg.serve.serving() (the server on a thread of this process)."""
from __future__ import annotations

import importlib.machinery
import json
import shutil
import subprocess
import sys
import types
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from bench.hostile import SERVICE
from kg.knowledge.vocab import PREFIXES
from kg.serve import ServeOptions, Started, serving
from tests.serve.test_serve import http


@pytest.fixture(scope="module")
def front_store(seed_store, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("front") / "store"
    shutil.copytree(seed_store, dest)
    return dest


@pytest.fixture(scope="module")
def server(front_store) -> Iterator[Started]:
    with serving(front_store, ServeOptions(port=0, timeout=5, workers=2)) as started:
        yield started


def test_the_query_page_speaks_kg(server):
    status, content_type, body = http(server.url + "/")
    page = body.decode()
    assert status == 200 and content_type.startswith("text/html")
    assert 'href="/explore"' in page
    config = json.loads(page.split('<script id="kg-config" type="application/json">')[1].split("</script>")[0])
    assert config["prefixes"] == PREFIXES
    names = {q["name"]: q for q in config["questions"]}
    assert {"name": "place", "kind": "string", "default": "Deir Ezzor"} in names["attacks-near"]["params"]
    # the example on the page runs as written (its prefixes are predeclared)
    status, _, body = http(server.url + "/query", accept="text/csv", data={"query": config["example"]})
    assert status == 200 and body.count(b"\n") > 1


def test_named_questions_are_bound_by_the_server_as_terms(server):
    status, _, body = http(server.url + "/questions")
    assert status == 200 and "attacks-near" in {q["name"] for q in json.loads(body)}
    hostile = 'x" } ; DROP ALL'
    status, _, body = http(server.url + "/questions/attacks-near?" + urllib.parse.urlencode({"place": hostile}))
    text = body.decode()
    assert status == 200 and 'VALUES (?place) { ("x\\" } ; DROP ALL") }' in text
    status, _, body = http(server.url + "/query", accept="application/sparql-results+json", data={"query": text})
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    assert http(server.url + "/questions/no-such-question")[0] == 404
    assert http(server.url + "/questions/attacks-near?nope=1")[0] == 400


def test_graph_store_default_graph_is_the_union_of_all_graphs(server, front_store):
    status, content_type, body = http(server.url + "/store?default", accept="application/n-triples")
    assert status == 200 and content_type.startswith("application/n-triples")
    got = {(s, p, o) for s, p, o in rdflib.Graph().parse(data=body.decode(), format="nt")}
    store = ox.Store.read_only(str(front_store))
    expected = {(q.subject, q.predicate, q.object) for q in store}
    assert len(got) == len(expected) > 500


def test_graph_store_unknown_graph_is_404(server):
    status, _, body = http(server.url + "/store?graph=" + urllib.parse.quote("urn:x:nothing"))
    assert status == 404 and body.startswith(b"[E212]")


def test_unacceptable_format_is_406(server):
    status, _, body = http(server.url + "/query", accept="image/png", data={"query": "ASK {}"})
    assert status == 406 and b"application/sparql-results+json" in body


@pytest.fixture()
def fake_explore(monkeypatch) -> list:
    """A stand-in for kg.explore (issue 15) with the interface the front calls."""
    calls: list = []
    module = types.ModuleType("kg.explore")
    module.__spec__ = importlib.machinery.ModuleSpec("kg.explore", None)

    def handle(method, path, params, query):
        calls.append((method, path, params))
        if path == "/api/people":
            rows = query("SELECT ?name WHERE { ?p a nkg:Person ; rdfs:label ?name } ORDER BY ?name")
            return 200, "application/json", json.dumps([b["name"]["value"] for b in rows["results"]["bindings"]]).encode()
        if path == "/api/service":
            query(SERVICE)
        return None

    module.handle = handle
    monkeypatch.setitem(sys.modules, "kg.explore", module)
    import kg

    monkeypatch.setattr(kg, "explore", module, raising=False)
    return calls


def test_explore_paths_go_to_kg_explore_through_the_same_engine(server, fake_explore):
    status, content_type, body = http(server.url + "/api/people?x=1")
    assert status == 200 and content_type == "application/json" and "Nasser Kanaani" in json.loads(body)
    assert fake_explore[0] == ("GET", "/api/people", {"x": ["1"]})
    assert http(server.url + "/explore/nothing")[0] == 404  # handle() said None
    status, _, body = http(server.url + "/api/service")  # the same limits as /query
    assert status == 400 and body.startswith(b"[E204]")


def test_explore_is_404_when_kg_explore_is_not_installed(server, monkeypatch):
    monkeypatch.setitem(sys.modules, "kg.explore", None)  # find_spec() says None, as for a missing module
    assert http(server.url + "/explore")[0] == 404


def test_writable_graph_store_put_get_delete(store_copy):
    turtle = b"<urn:x:s> <urn:x:p> \"written\" ."
    graph = urllib.parse.quote("urn:x:graph")
    with serving(store_copy, ServeOptions(port=0, writable=True)) as srv:

        def send(method: str, url: str, data: bytes | None = None) -> int:
            request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "text/turtle"})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return response.status
            except urllib.error.HTTPError as exc:
                return exc.code

        assert send("PUT", f"{srv.url}/store?graph={graph}", turtle) == 201
        status, _, body = http(f"{srv.url}/store?graph={graph}", accept="application/n-triples")
        assert status == 200 and b'"written"' in body
        assert send("PUT", f"{srv.url}/store?default", turtle) == 400  # the union is not writable
        assert send("DELETE", f"{srv.url}/store?graph={graph}") == 204
        assert http(f"{srv.url}/store?graph={graph}")[0] == 404


def test_a_process_that_served_in_a_thread_exits(front_store):
    """Stopping the server while it is still preparing the explore page leaves no thread waiting on its loop."""
    code = ("import sys; from kg.serve import ServeOptions, serving\n"
            "with serving(sys.argv[1], ServeOptions(port=0, workers=1)):\n    pass\n")
    done = subprocess.run([sys.executable, "-c", code, str(front_store)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
