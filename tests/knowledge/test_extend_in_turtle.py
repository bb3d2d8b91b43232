"""Extending kg is an edit of Turtle: a new event class, a new armed group, no Python."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import run_kg

KIDNAPPING = """
nkg:Kidnapping a owl:Class ;
    rdfs:subClassOf nkg:Event ;
    rdfs:label "kidnapping"@en ;
    nkg:objectClass nkg:Person , nkg:Group ;
    nkg:trigger "kidnap", "abduct", "hostage" .
"""  # nkg:Abduction has these words too: a class that asks for the same objects and comes later overrides it
REPORT_A = """Gunmen kidnap students in northern Nigeria
Published: 2024-03-08

Gunmen kidnapped 30 students from a school in Kuriga, Kaduna State, on Thursday, killing a teacher, police said.
"""
REPORT_B = """Search for abducted pupils goes on
Published: 2024-03-09

Armed men abducted dozens of pupils in Kuriga on Thursday, killing one teacher, local officials said.
"""
EVENTS = """SELECT ?e ?place ?date ?killed ?same WHERE {
  ?e a nkg:Kidnapping ; nkg:place/rdfs:label ?place ; nkg:date ?date ; nkg:killed ?killed .
  OPTIONAL { ?e nkg:sameEventAs ?same }
}"""


def _query(store: Path, env: dict[str, str], sparql: str) -> list[list[str]]:
    out = run_kg("query", sparql, "--store", store, "--format", "tsv", env=env)
    assert out.returncode == 0, out.stderr
    return [line.split("\t") for line in out.stdout.splitlines()[1:]]


def test_an_event_class_added_in_turtle_is_extracted_and_linked(ontology_copy, tmp_path):
    with open(ontology_copy / "nkg.ttl", "a", encoding="utf-8") as f:
        f.write(KIDNAPPING)
    (tmp_path / "a.txt").write_text(REPORT_A)
    (tmp_path / "b.txt").write_text(REPORT_B)
    env = {"KG_ONTOLOGY": str(ontology_copy)}
    built = run_kg("build", tmp_path / "a.txt", tmp_path / "b.txt", "--store", tmp_path / "store", env=env)
    assert built.returncode == 0, built.stderr
    rows = _query(tmp_path / "store", env, EVENTS)
    day = '"2024-03-07"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert {(place, date, killed) for _, place, date, killed, _ in rows} == {('"Kuriga"', day, "1")}
    events = {r[0] for r in rows}
    assert len(events) == 2  # one event per article
    assert {(r[0], r[4]) for r in rows} == {(a, b) for a in events for b in events if a != b}  # sameEventAs both ways


def test_without_the_class_there_is_no_such_event(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT_A)
    assert run_kg("build", tmp_path / "a.txt", "--store", tmp_path / "store").returncode == 0
    assert _query(tmp_path / "store", {}, EVENTS) == []


ARMED_GROUP = """
<https://w3id.org/newskg/lexicon/actor-zorbanek-liberation-front> a nkg:ArmedGroup ;
    rdfs:label "Zorbanek Liberation Front" ;
    skos:altLabel "ZLF" ;
    nkg:countryCode "NG" .
"""


def test_an_armed_group_added_to_the_lexicon_is_found_without_rebuilding_the_world(knowledge, ontology_copy, tmp_path):
    from kg.knowledge.paths import cache_dir

    assert knowledge.gazetteer.entries  # builds the caches now if this machine has none yet
    places = sorted(cache_dir().glob("places-*.pickle"))
    assert places  # the session's pipeline built or loaded the world's places
    stamps = {p: p.stat().st_mtime for p in places}
    with open(ontology_copy / "lexicon" / "actors.ttl", "a", encoding="utf-8") as f:
        f.write(ARMED_GROUP)
    (tmp_path / "a.txt").write_text("The ZLF attacked a convoy near Maiduguri on Monday, police said.\n")
    env = {"KG_ONTOLOGY": str(ontology_copy)}
    assert run_kg("build", tmp_path / "a.txt", "--store", tmp_path / "store", env=env).returncode == 0
    rows = _query(tmp_path / "store", env, "SELECT ?label WHERE { ?g a nkg:ArmedGroup ; rdfs:label ?label }")
    assert ['"Zorbanek Liberation Front"'] in rows
    assert {p: p.stat().st_mtime for p in places} == stamps  # the world's places were not rebuilt
