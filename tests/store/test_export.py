"""kg export: every format parses back with rdflib to the same triples (or quads) as the store."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from kg.cli import app
from kg.store import EXPORT_PREFIXES, ExportFormat, KGStore

ARTICLE = "003_faddfdcd4adff68a"
ARTICLE_IRI = f"https://w3id.org/newskg/resource/article/{ARTICLE}"

FORMATS = [  # extension, rdflib parser, keeps named graphs
    ("ttl", "turtle", False),
    ("trig", "trig", True),
    ("nq", "nquads", True),
    ("nt", "nt", False),
    ("jsonld", "json-ld", True),
]


def _to_ox(term: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """rdflib term -> pyoxigraph term (a literal with no datatype is an xsd:string, as in RDF 1.1)."""
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


def parsed(data: bytes, parser: str, keeps_graphs: bool) -> set:
    """What rdflib reads from an export: (s, p, o, graph) quads, or (s, p, o) triples."""
    if keeps_graphs:
        ds = rdflib.Dataset()
        ds.parse(data=data, format=parser)
        return {(_to_ox(s), _to_ox(p), _to_ox(o), str(g)) for s, p, o, g in ds.quads((None, None, None, None))}
    g = rdflib.Graph()
    g.parse(data=data, format=parser)
    return {(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in g}


def expected(store_path, keeps_graphs: bool, graph: str | None = None) -> set:
    store = ox.Store.read_only(str(store_path))
    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(graph) if graph else None)
    if keeps_graphs:
        return {(q.subject, q.predicate, q.object, q.graph_name.value) for q in quads}
    return {(q.subject, q.predicate, q.object) for q in quads}


def export(*args: str) -> bytes:
    result = CliRunner().invoke(app, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_the_seed_store_has_no_blank_nodes(seed_store):
    # So the round trips below may compare sets of terms (no blank-node relabelling to allow for).
    store = ox.Store.read_only(str(seed_store))
    assert not any(isinstance(t, ox.BlankNode) for q in store for t in (q.subject, q.object))


@pytest.mark.parametrize("ext, parser, keeps_graphs", FORMATS)
def test_whole_store_round_trips(seed_store, tmp_path, ext, parser, keeps_graphs):
    out = tmp_path / f"graph.{ext}"
    export(str(out), "--store", str(seed_store))
    want = expected(seed_store, keeps_graphs)
    assert parsed(out.read_bytes(), parser, keeps_graphs) == want
    if keeps_graphs:  # one graph per article, plus the reference and ontology graphs
        assert {q[3] for q in want} >= {ARTICLE_IRI, "https://w3id.org/newskg/ontology",
                                        "https://w3id.org/newskg/graph/reference"}


@pytest.mark.parametrize("ext, parser, keeps_graphs", FORMATS)
def test_one_article_graph_round_trips(seed_store, tmp_path, ext, parser, keeps_graphs):
    out = tmp_path / f"one.{ext}"
    export(str(out), "--store", str(seed_store), "--graph", ARTICLE)
    got = parsed(out.read_bytes(), parser, keeps_graphs)
    assert got == expected(seed_store, keeps_graphs, ARTICLE_IRI)
    assert len(got) > 20
    if keeps_graphs:
        assert {q[3] for q in got} == {ARTICLE_IRI}  # kept as a named graph


@pytest.mark.parametrize("ext, parser, keeps_graphs", FORMATS)
def test_stdout_is_the_same_as_a_file(seed_store, tmp_path, ext, parser, keeps_graphs):
    out = tmp_path / f"graph.{ext}"
    export(str(out), "--store", str(seed_store))
    assert export("-", "--store", str(seed_store), "--format", ext) == out.read_bytes()


def test_stdout_defaults_to_turtle(seed_store):
    data = export("-", "--store", str(seed_store))
    assert data.startswith(b"@prefix ")
    assert parsed(data, "turtle", False) == expected(seed_store, False)


@pytest.mark.parametrize("ext", ["ttl", "trig"])
def test_turtle_declares_and_uses_prefixes(seed_store, ext):
    text = export("-", "--store", str(seed_store), "--format", ext).decode()
    for prefix in ("nkg", "rdfs", "skos", "schema", "xsd", "article", "entity", "event"):
        assert f"@prefix {prefix}: <{EXPORT_PREFIXES[prefix]}> ." in text
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("@prefix"))
    assert "a nkg:Article" in body and "rdfs:label" in body
    assert "<https://w3id.org/newskg/ontology#" not in body  # never the long form of a declared namespace
    # Subjects are grouped: each subject starts one block, so no subject line repeats.
    subjects = [ln.split()[0] for ln in text.splitlines() if ln and not ln[0].isspace() and not ln.startswith(("@", "}"))
                and not ln.rstrip().endswith("{")]
    assert len(subjects) == len(set(subjects))


def test_jsonld_has_a_context(seed_store):
    doc = json.loads(export("-", "--store", str(seed_store), "--graph", ARTICLE, "--format", "jsonld"))
    assert doc["@context"]["nkg"] == "https://w3id.org/newskg/ontology#"
    text = json.dumps(doc)
    assert '"nkg:mentionedIn"' in text and '"@type": "nkg:Article"' in text
    assert doc["@id"] == f"article:{ARTICLE}"  # the graph's name, compacted


@pytest.mark.parametrize("ext", ["ttl", "trig", "nt", "jsonld"])
def test_exports_are_deterministic(seed_store, ext):
    first = export("-", "--store", str(seed_store), "--format", ext)
    assert export("-", "--store", str(seed_store), "--format", ext) == first


@pytest.mark.parametrize(
    "name, fmt",
    [("ttl", ExportFormat.TURTLE), (".trig", ExportFormat.TRIG), ("N-Quads", ExportFormat.NQUADS),
     ("ntriples", ExportFormat.NTRIPLES), ("json-ld", ExportFormat.JSONLD), ("xml", ValueError)],
)
def test_format_names(name, fmt):
    if fmt is ValueError:
        with pytest.raises(ValueError, match="E004"):
            ExportFormat.from_name(name)
    else:
        assert ExportFormat.from_name(name) is fmt


def test_triple_formats_hold_each_triple_once(seed_store, tmp_path):
    out = tmp_path / "graph.nt"
    export(str(out), "--store", str(seed_store))
    lines = out.read_text().splitlines()
    assert len(lines) == len(set(lines)) == len(expected(seed_store, False))
    assert len(lines) < len(KGStore(seed_store, read_only=True))  # shared facts appear in several graphs


@pytest.mark.parametrize(
    "args, message",
    [
        (["out.xyz"], "E004"),  # unknown extension
        (["out"], "E005"),  # no extension
        (["-", "--graph", "no-such-article"], "E013"),  # unknown article
    ],
)
def test_export_errors_are_one_line(seed_store, tmp_path, args, message):
    result = CliRunner().invoke(app, ["export", *args, "--store", str(seed_store)])
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1
