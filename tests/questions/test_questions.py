"""Named questions: the shipped .rq files, their parameters, and their answers on a small hand-made graph."""
from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg import KnowledgeGraph
from kg.cli import app
from kg.questions import NamedQuery, Param, get_named_query, load_query, named_queries, prepare, queries_dir

# A small graph laid out as kg lays it out (one graph per article with what it said, a reference graph
# with each entity's type, label and names once), holding the facts behind the gold answers of
# ../shared/eval/seeds.gold.json Q1-Q9, plus distractors.
HANDMADE = """
@prefix nkg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <http://schema.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix r: <urn:example:> .

<https://w3id.org/newskg/graph/reference> {
  r:syria a nkg:Country ; rdfs:label "Syria" .
  r:qatar a nkg:Country ; rdfs:label "Qatar" ; geo:lat 25.5 ; geo:long 51.25 .
  r:deir a nkg:AdministrativeRegion ; rdfs:label "Deir ez-Zor" ; skos:altLabel "Deir Ezzor" ;
         nkg:locatedIn r:syria ; geo:lat 35.33 ; geo:long 40.14 .
  r:hasakah a nkg:AdministrativeRegion ; rdfs:label "Al-Hasakah" ; nkg:locatedIn r:syria .
  r:damascus a nkg:Settlement ; rdfs:label "Damascus" ; nkg:locatedIn r:syria .
  r:omar a nkg:Facility ; rdfs:label "Al-Omar oil field" ; nkg:locatedIn r:deir .
  r:conoco a nkg:Facility ; rdfs:label "Conoco gas field" ; nkg:locatedIn r:deir .
  r:jir a nkg:Facility ; rdfs:label "Kharab al-Jir" ; nkg:locatedIn r:hasakah .
  r:tanf a nkg:Facility ; rdfs:label "Al-Tanf" ; nkg:locatedIn r:syria .
  r:us a nkg:Country ; rdfs:label "United States" ; skos:altLabel "US" .
  r:usforces a nkg:MilitaryForce ; rdfs:label "US forces" .
  r:irgc a nkg:MilitaryForce ; rdfs:label "Islamic Revolutionary Guard Corps" ; skos:altLabel "IRGC" ;
         owl:sameAs <http://www.wikidata.org/entity/Q272495> .
  r:guards a nkg:MilitaryForce ; rdfs:label "Revolutionary Guards" ; owl:sameAs <http://www.wikidata.org/entity/Q272495> .
  r:centcom a nkg:MilitaryForce ; rdfs:label "US Central Command" .
  r:sana a nkg:MediaOrganization ; rdfs:label "SANA" .
  r:kanaani a nkg:Person ; rdfs:label "Nasser Kanaani" .
  r:fm a nkg:GovernmentBody ; rdfs:label "Iranian Foreign Ministry" .
  r:biden a nkg:Person ; rdfs:label "Joe Biden" .
  r:other a nkg:MilitaryForce ; rdfs:label "Russian Armed Forces" .
}

r:a1 {
  r:a1 a nkg:Article ; schema:identifier "a1" ; schema:datePublished "2023-03-25"^^xsd:date ;
       schema:headline "Strikes in Deir Ezzor" .
  r:deir skos:altLabel "Deir Ezzor" ; nkg:mentionedIn r:a1 .
  r:us skos:altLabel "US" ; nkg:mentionedIn r:a1 .
  r:usforces skos:altLabel "US forces" ; nkg:mentionedIn r:a1 .
  r:irgc skos:altLabel "Islamic Revolutionary Guard Corps" , "IRGC" ; nkg:mentionedIn r:a1 .
  r:centcom skos:altLabel "US Central Command" ; nkg:mentionedIn r:a1 .
  r:sana skos:altLabel "SANA" ; nkg:mentionedIn r:a1 .
  r:kanaani skos:altLabel "Nasser Kanaani" ; nkg:role "spokesperson" ; nkg:memberOf r:fm ; nkg:mentionedIn r:a1 .
  r:fm skos:altLabel "Iranian Foreign Ministry" ; nkg:mentionedIn r:a1 .
  r:conoco nkg:mentionedIn r:a1 . r:omar nkg:mentionedIn r:a1 . r:jir nkg:mentionedIn r:a1 .
  r:tanf nkg:mentionedIn r:a1 . r:damascus nkg:mentionedIn r:a1 . r:qatar nkg:mentionedIn r:a1 .

  r:strike a nkg:AirStrike ; nkg:agent r:us ; nkg:place r:deir ; nkg:date "2023-03-24"^^xsd:date ;
           nkg:inResponseTo r:drone , r:tanfattack ; nkg:reportedBy r:sana ; nkg:mentionedIn r:a1 .
  r:missile a nkg:MissileAttack ; nkg:place r:conoco ; nkg:target r:usforces ; nkg:injured 3 ;
            nkg:date "2023-03-24"^^xsd:date ; nkg:inResponseTo r:strike ; nkg:reportedBy r:centcom ;
            nkg:mentionedIn r:a1 .
  r:drone a nkg:DroneAttack ; nkg:place r:jir ; nkg:target r:usforces ; nkg:killed 1 ;
          nkg:date "2023-03-23"^^xsd:date ; nkg:mentionedIn r:a1 .
  r:tanfattack a nkg:Attack ; nkg:place r:tanf ; nkg:target r:us ; nkg:mentionedIn r:a1 .
  r:omarattack a nkg:Attack ; nkg:place r:omar ; nkg:target r:us ; nkg:mentionedIn r:a1 .
  r:condemn a nkg:Condemnation ; nkg:agent r:kanaani ; nkg:about r:strike ; nkg:mentionedIn r:a1 .
  r:condemn2 a nkg:Condemnation ; nkg:agent r:fm ; nkg:target r:us ; nkg:mentionedIn r:a1 .
  # distractors: not an attack, and an attack outside Deir Ezzor
  r:statement a nkg:Statement ; nkg:agent r:us ; nkg:place r:deir ; nkg:about r:strike ; nkg:mentionedIn r:a1 .
  r:damascusattack a nkg:AirStrike ; nkg:place r:damascus ; nkg:date "2023-03-20"^^xsd:date ;
                   nkg:mentionedIn r:a1 .
}

r:a2 {
  r:a2 a nkg:Article ; schema:identifier "a2" ; schema:datePublished "2022-08-24"^^xsd:date .
  r:guards skos:altLabel "Revolutionary Guards" ; nkg:mentionedIn r:a2 .
  r:biden skos:altLabel "Joe Biden" ; nkg:role "President" ; nkg:memberOf r:us ; nkg:mentionedIn r:a2 .
  r:us nkg:mentionedIn r:a2 .
}

r:a3 {
  r:a3 a nkg:Article ; schema:identifier "a3" .
  r:other skos:altLabel "Russian Armed Forces" ; nkg:mentionedIn r:a3 .
}
"""


@pytest.fixture(scope="module")
def handmade() -> KnowledgeGraph:
    """An in-memory knowledge graph (ontology loaded) holding HANDMADE."""
    kg = KnowledgeGraph()
    kg.store.load_trig(HANDMADE.encode())
    return kg


def _pick(rows, *columns):
    return {tuple(r[c] for c in columns) for r in rows}


# -- the shipped files -----------------------------------------------------------------------------


QUESTION_FILES = [  # gold question -> named question
    ("Q1", "attacks-near"),
    ("Q2", "attacks-on"),
    ("Q3", "condemnations"),
    ("Q4", "casualties"),
    ("Q5", "responses"),
    ("Q6", "mentions"),
    ("Q7", "people"),
    ("Q8", "sources"),
    ("Q9", "places"),
]


@pytest.mark.parametrize("question, name", QUESTION_FILES)
def test_each_gold_question_has_a_named_question(question, name):
    nq = get_named_query(name)
    assert nq.question == question
    assert (queries_dir() / f"{name}.rq").is_file()
    assert nq.title and nq.title != name


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_shipped_query_runs_standalone(name):
    # Self-contained: it declares its prefixes, so it runs anywhere (no kg prologue added).
    nq = get_named_query(name)
    result = ox.Store().query(nq.sparql(), use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    assert list(result) == []


def test_list_shows_one_line_per_question():
    result = CliRunner().invoke(app, ["query", "--list"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == len(named_queries()) >= 10
    for line, (name, nq) in zip(lines, named_queries().items()):
        assert line.startswith(name) and nq.title in line
    assert any(ln.startswith("attacks-near") and 'place="Deir Ezzor"' in ln and "Q1" in ln for ln in lines)


# -- parameters: bound as RDF terms ----------------------------------------------------------------

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(
    "kind, value, expected",
    [
        ("string", "Deir Ezzor", ox.Literal("Deir Ezzor")),  # plain
        ("string", 'say "hi" } ; DROP ALL', ox.Literal('say "hi" } ; DROP ALL')),  # quotes and braces stay text
        ("iri", "https://w3id.org/newskg/resource/entity/irgc", ox.NamedNode("https://w3id.org/newskg/resource/entity/irgc")),
        ("date", "2023-03-24", ox.Literal("2023-03-24", datatype=ox.NamedNode(XSD + "date"))),
        ("int", "3", ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))),
        ("int", "three", ValueError),  # not a number
        ("date", "24 March", ValueError),  # not ISO
        ("iri", "not an iri", ValueError),  # relative, with spaces
    ],
)
def test_parameter_values_become_terms(kind, value, expected):
    param = Param(kind)
    if isinstance(expected, type) and issubclass(expected, Exception):
        with pytest.raises(expected, match=kind):
            param.term(value, name="q", param="p")
    else:
        assert param.term(value) == expected


def test_values_block_holds_escaped_terms_only():
    text = prepare("attacks-near", {"place": 'x" } } ; DROP ALL ; #'})
    assert 'VALUES (?place) { ("x\\" } } ; DROP ALL ; #") }' in text
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:example:s"), ox.NamedNode("urn:example:p"), ox.Literal("o")))
    assert list(store.query(text, use_default_graph_as_union=True)) == []  # parses, finds nothing
    assert len(store) == 1


def test_named_question_with_an_injection_attempt_finds_nothing(handmade):
    assert handmade.query("attacks-near", place='Deir Ezzor" } UNION { ?x ?y ?z') == []


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: prepare("attacks-near", {"town": "Raqqa"}), ValueError, "E010"),  # unknown parameter
        (lambda: prepare("no-such-question"), KeyError, "E006"),  # unknown name
        (lambda: prepare("SELECT * WHERE { ?s ?p ?o }", {"x": "1"}), ValueError, "named questions"),  # raw SPARQL
    ],
)
def test_bad_calls_say_what_is_wrong(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_defaults_apply_and_can_be_overridden():
    nq = get_named_query("attacks-near")
    assert nq.bindings() == {ox.Variable("place"): ox.Literal("Deir Ezzor")}
    assert nq.bindings({"place": "Raqqa"}) == {ox.Variable("place"): ox.Literal("Raqqa")}


def test_rq_file_with_parameters(tmp_path, handmade):
    rq = tmp_path / "by-source.rq"
    rq.write_text("# title: Events a source reported\n# param source: string\n"
                  "PREFIX nkg: <https://w3id.org/newskg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                  "SELECT ?event WHERE { ?event nkg:reportedBy/rdfs:label ?source } ORDER BY ?event\n")
    assert load_query(rq) == NamedQuery("by-source", "Events a source reported", {"source": Param("string")},
                                        rq.read_text())
    rows = handmade.query(str(rq), source="SANA")
    assert [r["event"] for r in rows] == ["urn:example:strike"]


def test_make_demo_query_still_works(seed_store):
    # The Makefile's `make demo` runs exactly this.
    result = CliRunner().invoke(app, ["query", "attacks-in", "--param", "region=Deir Ezzor", "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split() == ["date", "type", "agentName", "placeName", "injured"]
    assert "Deir ez-Zor" in result.output


# -- answers on the hand-made graph (exact) ------------------------------------------------------


def test_q1_attacks_near_deir_ezzor(handmade):
    rows = handmade.query("attacks-near")  # default: place="Deir Ezzor"
    assert _pick(rows, "date", "type", "placeName") == {
        (date(2023, 3, 24), "AirStrike", "Deir ez-Zor"),
        (date(2023, 3, 24), "MissileAttack", "Conoco gas field"),
        (None, "Attack", "Al-Omar oil field"),
    }
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), key=lambda d: (d is not None, d))


def test_q1_any_name_of_the_place_works(handmade):
    by_label = handmade.query("attacks-near", place="Deir ez-Zor")
    by_alt = handmade.query("attacks-near", place="Deir Ezzor")
    assert by_label == by_alt and len(by_label) == 3
    assert _pick(handmade.query("attacks-near", place="Syria"), "placeName") >= {
        ("Kharab al-Jir",), ("Al-Tanf",), ("Damascus",), ("Conoco gas field",)}


def test_q2_attacks_on_us_forces(handmade):
    rows = handmade.query("attacks-on", target="United States")
    assert _pick(rows, "type", "targetName", "placeName") == {
        ("MissileAttack", "US forces", "Conoco gas field"),
        ("DroneAttack", "US forces", "Kharab al-Jir"),
        ("Attack", "United States", "Al-Tanf"),
        ("Attack", "United States", "Al-Omar oil field"),
    }
    assert _pick(handmade.query("attacks-on", target="US"), "event") == _pick(rows, "event")


def test_q3_who_condemned_us_strikes(handmade):
    rows = handmade.query("condemnations")
    assert _pick(rows, "who", "role", "condemned") == {
        ("Nasser Kanaani", "spokesperson", "urn:example:strike"),  # about a US air strike
        ("Iranian Foreign Ministry", None, "urn:example:us"),  # aimed at the US itself
    }
    assert handmade.query("condemnations", agent="Qatar") == []


def test_q4_casualties_per_attack(handmade):
    rows = handmade.query("casualties")
    assert _pick(rows, "placeName", "killed", "injured") == {("Conoco gas field", None, 3), ("Kharab al-Jir", 1, None)}
    assert all(isinstance(r["killed"] or r["injured"], int) for r in rows)


def test_q5_responses(handmade):
    rows = handmade.query("responses")
    assert _pick(rows, "type", "placeName", "earlierType", "earlierPlace") == {
        ("AirStrike", "Deir ez-Zor", "Attack", "Al-Tanf"),
        ("MissileAttack", "Conoco gas field", "AirStrike", "Deir ez-Zor"),
        ("AirStrike", "Deir ez-Zor", "DroneAttack", "Kharab al-Jir"),
    }


def test_q6_articles_mentioning_the_irgc_under_any_name(handmade):
    rows = handmade.query("mentions", name="IRGC")
    assert _pick(rows, "article") == {("a1",), ("a2",)}  # a2 says "Revolutionary Guards" (owl:sameAs)
    assert ("a2", "Revolutionary Guards") in _pick(rows, "article", "seenAs")
    assert _pick(handmade.query("mentions", name="Islamic Revolutionary Guard Corps"), "article") == {("a1",), ("a2",)}


def test_q7_people_with_role_and_organization(handmade):
    rows = handmade.query("people")
    assert [(r["name"], r["role"], r["organization"]) for r in rows] == [
        ("Joe Biden", "President", "United States"),
        ("Nasser Kanaani", "spokesperson", "Iranian Foreign Ministry"),
    ]


def test_q8_sources(handmade):
    rows = handmade.query("sources")
    assert _pick(rows, "source", "type") == {("SANA", "AirStrike"), ("US Central Command", "MissileAttack")}


def test_q9_places_with_coordinates_and_country(handmade):
    rows = {r["place"]: r for r in handmade.query("places")}
    assert rows["Deir ez-Zor"]["lat"] == pytest.approx(35.33) and rows["Deir ez-Zor"]["country"] == "Syria"
    assert rows["Kharab al-Jir"]["within"] == "Al-Hasakah" and rows["Kharab al-Jir"]["country"] == "Syria"
    assert rows["Qatar"]["type"] == "Country" and rows["Qatar"]["country"] is None
    assert rows["Qatar"]["long"] == pytest.approx(51.25)
    assert "Syria" not in rows  # no article mentions it


# -- on the seed store, where the current graph already gives the gold answer ---------------------


def test_q6_on_the_seeds(seed_store):
    with KnowledgeGraph(seed_store, read_only=True) as kg:
        assert {r["article"] for r in kg.query("mentions", name="IRGC")} == {"002_b302d9e3fbb8e487", "003_faddfdcd4adff68a"}


def test_q7_on_the_seeds(seed_store):
    with KnowledgeGraph(seed_store, read_only=True) as kg:
        names = {r["name"] for r in kg.query("people")}
    assert {"Nasser Kanaani", "Joe Biden", "Lloyd Austin", "Abolfazl Alijani"} <= names


def test_q9_on_the_seeds(seed_store):
    with KnowledgeGraph(seed_store, read_only=True) as kg:
        rows = kg.query("places")
    assert {"Damascus", "Qatar"} <= {r["place"] for r in rows}
    assert all(r["country"] in (None, "Syria") for r in rows if r["place"] in ("Damascus", "Deir ez-Zor"))


# -- kg query output --------------------------------------------------------------------------------


def test_table_is_aligned_with_short_iris(seed_store):
    result = CliRunner().invoke(app, ["query", "attacks-on", "--store", str(seed_store)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    header, rule, body = lines[0], lines[1], lines[2:-1]
    starts = [i for i, c in enumerate(rule) if c == "-" and (i == 0 or rule[i - 1] == " ")]
    assert starts == [header.index(col) for col in header.split()]
    assert body and all(ln[s - 2: s] == "  " for ln in body for s in starts[1:] if len(ln) > s)
    assert "event:003_faddfdcd4adff68a/" in result.output and "https://w3id.org" not in result.output
    assert lines[-1] == f"({len(body)} rows)"


@pytest.mark.parametrize(
    "fmt, head",
    [
        ("json", b'{"head":{"vars":["name","role","organization"]}'),
        ("xml", b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="name"/>'),
        ("csv", b"name,role,organization\r\n"),
        ("tsv", b"?name\t?role\t?organization\n"),
    ],
)
def test_standard_result_formats(seed_store, fmt, head):
    result = CliRunner().invoke(app, ["query", "people", "--store", str(seed_store), "--format", fmt])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(head)


def test_show_prints_the_bound_query():
    result = CliRunner().invoke(app, ["query", "attacks-near", "--param", "place=Raqqa", "--show"])
    assert result.exit_code == 0
    assert 'VALUES (?place) { ("Raqqa") }' in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["attacks-near", "--param", "Raqqa"], "E009"),  # no NAME=
        (["attacks-near", "--param", "town=Raqqa"], "E010"),  # unknown parameter
        (["casualties", "--format", "yaml"], "unknown format"),  # bad format
        (["ASK { ?s ?p ?o }", "--format", "csv", "--param", "a=b"], "named questions"),  # params on raw SPARQL
        (["SELECT * WHERE { ?s ?p }"], "line 1, column 18"),  # where the unreadable part starts, in the user's text
    ],
)
def test_query_errors_are_one_line(seed_store, args, message):
    result = CliRunner().invoke(app, ["query", *args, "--store", str(seed_store)])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
