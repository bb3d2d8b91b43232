"""kg/serve/limits.py: the checks every query passes (kg serve, kg query, KnowledgeGraph.query)."""
from __future__ import annotations

import json
import subprocess
import sys

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from bench.hostile import SERVICE, bind_chain, deep_expression, mixed_order_by
from kg import KnowledgeGraph
from kg.cli import app
from kg.errors import QueryRefusedError
from kg.questions import named_queries, prepare
from kg.serve.lexer import tokenize
from kg.serve.limits import Limits, check, describe_syntax_error

RUN_RAW = """
import sys, pyoxigraph as ox
store = ox.Store()
print(len(list(store.query(sys.stdin.read()))))
"""


def run_raw(query: str) -> subprocess.CompletedProcess:
    """Give pyoxigraph the query with no check in between, in a process of its own."""
    return subprocess.run([sys.executable, "-c", RUN_RAW], input=query, capture_output=True, text=True, timeout=120)


def test_the_crash_shapes_do_crash_a_bare_pyoxigraph():
    # What the checks are for: each of these takes the whole process down, not just the query.
    for query in (mixed_order_by(), deep_expression(), bind_chain()):
        result = run_raw(query)
        assert result.returncode < 0 or result.returncode > 1, query[:60]


@pytest.mark.parametrize(
    "query, code",
    [
        (deep_expression(5000), "[E202]"),  # brackets 5,000 deep
        (deep_expression(101), "[E202]"),  # just past the limit
        (bind_chain(1200), "[E203]"),  # a chain of BINDs (35 KB)
        ("SELECT * WHERE { " + "?s ?p ?o . " * 12_000 + "}", "[E201]"),  # too long
        (SERVICE, "[E204]"),  # reaches out
        ("select * where { service <http://example.org/> { ?s ?p ?o } }", "[E204]"),  # in any case
    ],
)
def test_refused_shapes(query, code):
    with pytest.raises(QueryRefusedError) as exc:
        check(query, Limits(allow_service=False))
    assert str(exc.value).startswith(code)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize(
    "query",
    [
        deep_expression(98),  # at the limit (with the group and BIND around it)
        bind_chain(300),
        'SELECT * WHERE { ?s ?p "((((((((((((((((((( SERVICE" }',  # brackets and keywords inside a string
        "SELECT * WHERE { ?s <urn:x:SERVICE> ?o } # SERVICE (((((",  # inside an IRI and a comment
        "SELECT ?service WHERE { ?service ?p ?o }",  # a variable named service
    ],
)
def test_allowed_shapes(query):
    checked = check(query, Limits(allow_service=False))
    assert ox.Store().query(checked.text) is not None


def test_service_is_allowed_when_asked():
    assert check(SERVICE, Limits(allow_service=True)).text == SERVICE


def test_order_by_over_mixed_values_runs_and_orders_like_sparql():
    checked = check(mixed_order_by())
    assert run_raw(checked.text).returncode == 0
    rows = [(s["c"], s["f"]) for s in ox.Store().query(checked.text)]
    assert len(rows) == 25
    numbers = [int(c.value) for c, _ in rows if c.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")]
    assert numbers == sorted(numbers)
    strings = [c.value for c, _ in rows if c.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")]
    assert strings == sorted(strings)


@pytest.mark.parametrize(
    "order, first",
    [
        ("?x", "unbound"),  # SPARQL: unbound, then IRIs, then literals
        ("DESC(?x)", "literal"),
        ("ASC(STR(?x)) DESC(?x)", "unbound"),
    ],
)
def test_safe_order_keeps_sparql_order_between_kinds(order, first):
    query = f"SELECT ?x WHERE {{ VALUES ?x {{ 2 <urn:a> UNDEF \"b\" 1 }} }} ORDER BY {order}"
    rows = [s["x"] for s in ox.Store().query(check(query).text)]
    kind = "unbound" if rows[0] is None else "literal" if isinstance(rows[0], ox.Literal) else "iri"
    assert kind == first
    assert len(rows) == 5


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_safe_order_leaves_the_named_questions_answers_as_they_were(seed_store, name):
    store = ox.Store.read_only(str(seed_store))
    text = prepare(name)
    checked = check(text)
    assert checked.text != text or "ORDER BY" not in text.upper()
    fmt = ox.QueryResultsFormat.JSON
    assert (store.query(checked.text, use_default_graph_as_union=True).serialize(format=fmt)
            == store.query(text, use_default_graph_as_union=True).serialize(format=fmt))


def test_order_by_in_a_sub_query_and_comments_are_rewritten_safely():
    query = ("SELECT * WHERE { { SELECT ?x WHERE { VALUES ?x { 1 \"a\" } } ORDER BY ?x # a comment }\n"
             " LIMIT 5 } } ORDER BY DESC(?x) # another")
    checked = check(query)
    assert checked.text.count("isNUMERIC") == 2
    assert len(list(ox.Store().query(checked.text))) == 2


@pytest.mark.parametrize(
    "query, where, words",
    [
        ("SELECT ?x WHERE { ?x ?y }", "line 1, column 19", "cannot read the query from '?x ?y }'"),
        ("SELECT * WHERE {\n?x ?y ?z .\n) }", "line 3, column 1", "')"),
        ("SELECT ?x WHERE { ?x ?y ?z \n FILTER(?x = ) }", "line 2, column 2", "FILTER"),
        ("SELECT ?x WHERE { ?x foo:bar ?z }", "line 1, column 29", "the prefix foo: is not declared"),
        # after an ORDER BY kg rewrote: the column is still the user's own
        ("SELECT ?x WHERE { ?x ?y ?z } ORDER BY DESC(?x) ?y\nLIMIT 1 FOO", "line 2, column 9", "'FOO'"),
        ("SELECT ?x WHERE { ?x ?y ?z", "line 1, column", "the query ends too early"),
    ],
)
def test_syntax_errors_are_one_sentence_with_line_and_column(query, where, words):
    checked = check(query)
    with pytest.raises(SyntaxError) as exc:
        ox.Store().query(checked.text)
    message = describe_syntax_error(exc.value, checked)
    assert message.startswith(where)
    assert words in message
    assert "\\u{" not in message and "\n" not in message and len(message) < 200


def test_lexer_keeps_strings_iris_and_comments_whole():
    tokens = tokenize('SELECT ?x WHERE { ?x <urn:a(b> """x { y""" } # ORDER BY (', comments=True)
    assert [t.kind for t in tokens] == ["name", "var", "name", "punct", "var", "iri", "string", "punct", "comment"]


# -- the same checks in kg query and KnowledgeGraph.query ---------------------------------------


def test_kg_query_runs_the_panicking_order_by(seed_store):
    result = CliRunner().invoke(app, ["query", mixed_order_by(), "--store", str(seed_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["results"]["bindings"]) == 25


@pytest.mark.parametrize("query, code", [(deep_expression(), "[E202]"), (bind_chain(1200), "[E203]")])
def test_kg_query_refuses_crash_shapes_in_one_line(seed_store, query, code):
    result = subprocess.run([sys.executable, "-m", "kg", "query", "-", "--store", str(seed_store)], input=query,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and code in result.stderr and "Traceback" not in result.stderr


def test_kg_query_syntax_error_names_the_users_line(seed_store):
    result = CliRunner().invoke(app, ["query", "SELECT ?x WHERE {\n  ?x ?y\n}", "--store", str(seed_store)])
    assert result.exit_code == 1
    assert "[E003]" in result.output and "line 2, column 3" in result.output and "\\u{" not in result.output


def test_python_api_raises_instead_of_aborting(seed_store):
    g = KnowledgeGraph(seed_store, read_only=True)
    assert len(g.query(mixed_order_by())) == 25
    with pytest.raises(QueryRefusedError, match=r"\[E202\]"):
        g.query(deep_expression())
    with pytest.raises(SyntaxError, match="line 1, column"):
        g.query("SELECT ?x WHERE { ?x ?y }")
    g.close()
