"""Queries with a time limit: a runaway query is stopped and reported; others give what Store.query gives."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import KnowledgeGraph
from kg.errors import QueryTimeoutError
from kg.store import KGStore
from tests.conftest import run_kg

# Three unconstrained patterns: every triple cubed, far more than any test store answers in seconds.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUERIES = [
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label",
    "ASK { ?s a <https://w3id.org/newskg/ontology#Article> }",
    "ASK { ?s a <urn:example:Nothing> }",
    "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c }",
]


def _plain(res) -> object:
    if isinstance(res, ox.QueryBoolean):
        return bool(res)
    if isinstance(res, ox.QuerySolutions):
        return [[str(row[v]) for v in res.variables] for row in res]
    return sorted(str(t) for t in res)


def _children() -> list[str]:
    """This process's child processes (alive or zombie), from /proc."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            out.append(f"{stat.parent.name} {fields[0]}")
    return out


@pytest.fixture(scope="module")
def seeds(seed_store) -> KGStore:
    return KGStore(seed_store, read_only=True)


@pytest.mark.parametrize("sparql", QUERIES)
def test_a_limited_query_gives_what_an_unlimited_one_gives(seeds, sparql):
    limited = seeds.query(sparql, timeout=30)
    assert type(limited) is type(seeds.query(sparql))
    assert _plain(limited) == _plain(seeds.query(sparql))


def test_a_runaway_query_is_stopped(seeds):
    before = set(_children())  # other tests' servers and browsers may be running beside this one
    start = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"\[E020\].*0\.5 s"):
        seeds.query(RUNAWAY, timeout=0.5)
    assert time.monotonic() - start < 5
    assert set(_children()) <= before, "the query's process should be killed and reaped"


def test_errors_in_a_limited_query_are_the_usual_ones(seeds):
    with pytest.raises(SyntaxError):
        seeds.query("SELEC ?x", timeout=5)


def test_in_memory_and_writable_stores_too(tmp_path, extractor):
    for path in (None, tmp_path / "store"):
        kg = KnowledgeGraph(path)
        kg._extractor = extractor  # the session's pipeline, not a second one
        kg.add("Russian missiles hit Odesa on Monday, killing three people.", id="odesa", published="2024-03-12")
        rows = kg.query("SELECT ?place WHERE { ?e nkg:place/rdfs:label ?place }", timeout=30)
        assert [r["place"] for r in rows] == ["Odesa"]  # a written, not yet flushed article is seen
        with pytest.raises(TimeoutError):
            kg.query(RUNAWAY, timeout=0.3)
        kg.close()


def test_cli_timeout_is_one_line(seed_store):
    result = run_kg("query", RUNAWAY, "--store", seed_store, "--timeout", "0.5")
    assert result.returncode == 1
    assert result.stderr.startswith("kg: [E020] The query ran past the 0.5 s time limit")
    assert len(result.stderr.strip().splitlines()) == 1
    ok = run_kg("query", "people", "--store", seed_store, "--timeout", "30", "--format", "csv")
    assert ok.returncode == 0 and "Nasser Kanaani" in ok.stdout
