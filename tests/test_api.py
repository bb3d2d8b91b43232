"""The Python API: KnowledgeGraph.query, .dataframe, .rdflib and .export, and its docstring examples."""
from __future__ import annotations

import doctest
import io
from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pyoxigraph as ox
import pytest
import rdflib

import kg.api
import kg.knowledge
import kg.knowledge.vocab
import kg.questions
from kg import KnowledgeGraph
from kg.api import Rows, python_value
from kg.questions import prepare

XSD = "http://www.w3.org/2001/XMLSchema#"
GRAPH = ox.NamedNode("urn:example:article")
SMALL = """
@prefix nkg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:example:article> {
  <urn:example:article> a nkg:Article ; schema:identifier "art-1" .
  <urn:example:e1> a nkg:AirStrike ; nkg:date "2023-03-24"^^xsd:date ; nkg:killed 2 ;
      nkg:place <urn:example:deir> ; nkg:mentionedIn <urn:example:article> .
  <urn:example:e2> a nkg:DroneAttack ; nkg:injured 5 ; nkg:mentionedIn <urn:example:article> .
  <urn:example:deir> a nkg:AdministrativeRegion ; rdfs:label "Deir ez-Zor" .
}
"""
EVENTS = "SELECT ?e ?date ?killed WHERE { ?e a/rdfs:subClassOf* nkg:Attack OPTIONAL { ?e nkg:date ?date } " \
         "OPTIONAL { ?e nkg:killed ?killed } } ORDER BY ?e"


@pytest.fixture()
def small() -> KnowledgeGraph:
    g = KnowledgeGraph()  # in memory, writable
    g.store.load_trig(SMALL.encode())
    return g


def lit(value: str, datatype: str | None = None, language: str | None = None) -> ox.Literal:
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype) if datatype else None)


@pytest.mark.parametrize(
    "term, value",
    [
        (None, None),  # unbound
        (lit("3", "integer"), 3),
        (lit("-7", "int"), -7),
        (lit("12", "nonNegativeInteger"), 12),
        (lit("2.5", "decimal"), 2.5),
        (lit("1.0E3", "double"), 1000.0),
        (lit("true", "boolean"), True),
        (lit("0", "boolean"), False),
        (lit("2023-03-24", "date"), date(2023, 3, 24)),
        (lit("2023-03-24T10:00:00Z", "dateTime"), datetime(2023, 3, 24, 10, tzinfo=timezone.utc)),
        (lit("2023-03-24T10:00:00+03:00", "dateTime"), datetime(2023, 3, 24, 10, tzinfo=timezone(timedelta(hours=3)))),
        (lit("plain"), "plain"),
        (lit("Syrie", language="fr"), "Syrie"),
        (lit("not a number", "integer"), "not a number"),  # ill-typed literal stays text
        (lit("2023-02-30", "date"), "2023-02-30"),  # no such day
        (ox.NamedNode("urn:example:x"), "urn:example:x"),
    ],
)
def test_python_values(term, value):
    got = python_value(term)
    assert got == value and type(got) is type(value)


def test_select_gives_rows_of_python_values(small):
    rows = small.query(EVENTS)
    assert isinstance(rows, Rows) and rows.variables == ["e", "date", "killed"]
    assert rows == [
        {"e": "urn:example:e1", "date": date(2023, 3, 24), "killed": 2},
        {"e": "urn:example:e2", "date": None, "killed": None},
    ]


def test_empty_select_keeps_its_variables(small):
    rows = small.query("SELECT ?x ?y WHERE { ?x a nkg:Vote ; rdfs:label ?y }")
    assert rows == [] and rows.variables == ["x", "y"]


def test_ask_and_construct(small):
    assert small.query("ASK { ?e a nkg:AirStrike }") is True
    assert small.query("ASK { ?e a nkg:Vote }") is False
    triples = small.query("CONSTRUCT { ?e nkg:killed ?k } WHERE { ?e nkg:killed ?k }")
    assert triples == [("urn:example:e1", "https://w3id.org/newskg/ontology#killed", 2)]


def test_named_question_with_keyword_parameters(small):
    # Named questions find places by the names the reference graph holds (kg writes each entity's there).
    small.store.load_trig(b'<https://w3id.org/newskg/graph/reference> { <urn:example:deir> '
                          b'<http://www.w3.org/2000/01/rdf-schema#label> "Deir ez-Zor" . }')
    rows = small.query("attacks-near", place="Deir ez-Zor")
    assert [(r["type"], r["placeName"], r["date"], r["article"]) for r in rows] == [
        ("AirStrike", "Deir ez-Zor", date(2023, 3, 24), "art-1")]
    assert small.query(prepare("attacks-near", {"place": "Deir ez-Zor"})) == rows  # the same text runs


def test_bad_sparql_and_unknown_names_raise(small):
    with pytest.raises(SyntaxError):
        small.query("SELECT ?x WHERE { ?x ")
    with pytest.raises(KeyError, match="E006"):
        small.query("no-such-question")
    with pytest.raises(ValueError, match="E010"):
        small.query("attacks-near", town="Raqqa")


def test_dataframe(small):
    df = small.dataframe(EVENTS)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["e", "date", "killed"]
    assert df.loc[0, "killed"] == 2 and df.loc[0, "date"] == date(2023, 3, 24)
    assert pd.isna(df.loc[1, "killed"]) and pd.isna(df.loc[1, "date"])
    assert str(df["killed"].dtype) == "Int64"  # a count with a gap stays an integer column
    empty = small.dataframe("SELECT ?x ?y WHERE { ?x a nkg:Vote ; rdfs:label ?y }")
    assert list(empty.columns) == ["x", "y"] and len(empty) == 0
    assert list(small.dataframe("casualties").columns)[:5] == ["date", "type", "placeName", "killed", "injured"]


def test_dataframe_needs_a_select(small):
    with pytest.raises(ValueError, match="SELECT"):
        small.dataframe("ASK { ?s ?p ?o }")


def test_rdflib_dataset_is_the_same_store(small):
    ds = small.rdflib()
    assert isinstance(ds, rdflib.Dataset)
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(small)
    article = ds.get_graph(rdflib.URIRef(GRAPH.value))
    assert (rdflib.URIRef("urn:example:e1"), rdflib.URIRef("https://w3id.org/newskg/ontology#killed"),
            rdflib.Literal(2)) in article
    # rdflib's SPARQL sees the union of graphs and kg's prefixes, like KnowledgeGraph.query.
    assert [str(r.e) for r in ds.query(EVENTS)] == ["urn:example:e1", "urn:example:e2"]
    # No copy: what rdflib writes, kg reads.
    ds.get_graph(rdflib.URIRef(GRAPH.value)).add(
        (rdflib.URIRef("urn:example:e2"), rdflib.URIRef("https://w3id.org/newskg/ontology#killed"), rdflib.Literal(4)))
    assert small.query(EVENTS)[1]["killed"] == 4


def test_rdflib_over_a_read_only_store(seed_store):
    with KnowledgeGraph(seed_store, read_only=True) as g:
        ds = g.rdflib()
        articles = {str(r.id) for r in ds.query("SELECT ?id WHERE { ?a a nkg:Article ; schema:identifier ?id }")}
        assert articles == {r["id"] for r in g.query("SELECT ?id WHERE { ?a a nkg:Article ; schema:identifier ?id }")}
        assert len(articles) == 3


@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("nt", "nt"), ("trig", "trig"), ("nq", "nquads")])
def test_export_to_a_path_follows_the_extension(small, tmp_path, fmt, parser):
    out = tmp_path / f"g.{fmt}"
    small.export(out, graph="art-1")
    if fmt in ("trig", "nq"):
        ds = rdflib.Dataset().parse(out, format=parser)
        quads = list(ds.quads((None, None, None, None)))
        assert {str(g) for *_, g in quads} == {GRAPH.value} and len(quads) == 12  # the article's graph, kept
    else:
        assert len(rdflib.Graph().parse(out, format=parser)) == 12


def test_export_to_a_file_object(small):
    buf = io.BytesIO()
    small.export(buf, format="nt", graph="urn:example:article")  # a graph IRI works too
    assert len(buf.getvalue().decode().splitlines()) == 12


def test_export_of_an_unknown_graph(small, tmp_path):
    with pytest.raises(KeyError, match="E013"):
        small.export(tmp_path / "x.ttl", graph="nope")


def test_repr_and_len(small, seed_store):
    assert repr(small).startswith("<KnowledgeGraph in memory: ") and str(len(small)) in repr(small)
    with KnowledgeGraph(seed_store, read_only=True) as g:
        assert "read-only" in repr(g) and len(g) > 300


@pytest.mark.parametrize("module", [kg.api, kg.questions, kg.knowledge, kg.knowledge.vocab])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_public_api_has_docstrings():
    for name in ("query", "dataframe", "rdflib", "export", "add", "add_files", "graph_iri", "close"):
        doc = getattr(KnowledgeGraph, name).__doc__
        assert doc and len(doc.strip()) > 20, name
    assert KnowledgeGraph.__doc__ and python_value.__doc__ and prepare.__doc__
