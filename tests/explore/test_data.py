"""The JSON API of the explore page over the seed store: the map, the timeline, the list, the cards, filters."""
from __future__ import annotations

import json
import shutil

import pytest

from kg.explore import data, handle, local_query
from kg.explore.filters import Filters
from kg.explore.sparql import select
from kg.knowledge.vocab import NKG
from kg.store import KGStore

SYRIA = "https://w3id.org/newskg/resource/geonames/163843"


def events_with(seed_query, pattern: str) -> set[str]:
    """Events of the store matching a SPARQL pattern on ?e (the test's own answer, not the API's)."""
    return {r["e"] for r in select(seed_query, f"SELECT DISTINCT ?e WHERE {{ ?e a ?c . ?c rdfs:subClassOf* nkg:Event . {pattern} }}")}


def get(seed_query, path: str, **params) -> tuple[int, dict]:
    status, ctype, body = handle("GET", path, {k: v if isinstance(v, list) else [v] for k, v in params.items()}, seed_query)
    assert ctype.startswith("application/json")
    return status, json.loads(body)


def test_every_event_with_a_place_is_a_feature_at_its_point(seed_query):
    status, fc = get(seed_query, "/api/events")
    assert status == 200 and fc["type"] == "FeatureCollection" and fc["detail"] == "events"
    assert {f["id"] for f in fc["features"]} == events_with(seed_query, "?e nkg:place ?p")
    assert fc["total"] == len(events_with(seed_query, ""))
    conoco = next(f for f in fc["features"] if f["properties"]["placeLabel"] == "Conoco gas field")
    assert conoco["geometry"] == {"type": "Point", "coordinates": [40.29, 35.31]}
    assert conoco["properties"]["approximate"] is False and conoco["properties"]["injured"] == 3


def test_events_at_a_region_are_drawn_at_its_centre_and_marked(seed_query):
    fc = data.events_geojson(seed_query, Filters())
    at_syria = [f for f in fc["features"] if f["properties"]["place"] == SYRIA]
    assert at_syria and all(f["properties"]["approximate"] for f in at_syria)
    long, lat = at_syria[0]["geometry"]["coordinates"]
    assert 35.5 < long < 42.5 and 32.3 < lat < 37.4  # inside Syria's bounding box


def test_many_events_are_aggregated_by_place(seed_query):
    fc = data.events_geojson(seed_query, Filters(), limit=3)
    assert fc["detail"] == "places"
    assert all(f["properties"]["kind"] == "place" for f in fc["features"])
    located = events_with(seed_query, "?e nkg:place ?p")
    assert sum(f["properties"]["count"] for f in fc["features"]) == fc["located"] == len(located)
    for f in fc["features"]:
        assert f["properties"]["count"] == sum(f["properties"]["classes"].values())


@pytest.mark.parametrize("params, pattern", [
    ({"class": "Attack"}, "?e a ?k . ?k rdfs:subClassOf* nkg:Attack"),  # subclasses come with it
    ({"class": "AirStrike"}, "?e a nkg:AirStrike"),
    ({"actor": "IRGC"}, "{ ?e nkg:agent|nkg:target <https://w3id.org/newskg/resource/entity/islamic-revolutionary-guard-corps> }"),
    ({"actor": "united states"}, "?e nkg:agent|nkg:target <https://w3id.org/newskg/resource/geonames/6252001>"),  # any case
    ({"place": "Syria"}, "?e nkg:place/nkg:locatedIn* <https://w3id.org/newskg/resource/geonames/163843>"),
    ({"place": "Deir Ezzor", "class": "Attack"}, "?e nkg:place/nkg:locatedIn* <https://w3id.org/newskg/resource/iso3166/SY-DY> ; a ?k . ?k rdfs:subClassOf* nkg:Attack"),
    ({"from": "2022-08-20", "to": "2022-08-31"}, "?e nkg:date ?d FILTER(?d >= '2022-08-20'^^xsd:date && ?d <= '2022-08-31'^^xsd:date)"),
    ({"source": "Mehr News Agency"}, "?e nkg:reportedBy <https://w3id.org/newskg/resource/entity/mehr-news-agency>"),
])
def test_filters_narrow_the_list_as_the_store_says(seed_query, params, pattern):
    expected = events_with(seed_query, pattern)
    assert expected, "the seed store should have events for this case"
    status, page = get(seed_query, "/api/list", **params, limit="200")
    assert status == 200
    assert {e["event"] for e in page["events"]} == expected and page["total"] == len(expected)
    _, fc = get(seed_query, "/api/events", **params)
    assert {f["id"] for f in fc["features"]} == expected & events_with(seed_query, "?e nkg:place ?p")


def test_a_name_that_matches_nothing_is_reported(seed_query):
    _, fc = get(seed_query, "/api/events", actor="Nobody At All")
    assert fc["features"] == [] and fc["unmatched"] == {"actor": ["Nobody At All"]}


def test_the_timeline_counts_events_by_day(seed_query):
    _, tl = get(seed_query, "/api/timeline")
    dated = events_with(seed_query, "?e nkg:date ?d")
    assert sum(d["count"] for d in tl["days"]) == len(dated) and tl["undated"] == tl["total"] - len(dated)
    assert {e["event"] for e in tl["events"] if e["date"]} == dated
    aug24 = next(d for d in tl["days"] if d["date"] == "2022-08-24")
    assert aug24["classes"] == {NKG.AirStrike: 1, NKG.Statement: 1}


def test_the_list_pages_newest_first(seed_query):
    _, first = get(seed_query, "/api/list", limit="5")
    _, second = get(seed_query, "/api/list", limit="5", offset="5")
    dates = [e["date"] for e in first["events"] + second["events"] if e["date"]]
    assert dates == sorted(dates, reverse=True) and first["total"] == len(events_with(seed_query, ""))
    assert not {e["event"] for e in first["events"]} & {e["event"] for e in second["events"]}


def test_classes_come_from_the_ontology_with_counts(seed_query):
    _, body = get(seed_query, "/api/classes")
    by_name = {c["name"]: c for c in body["classes"]}
    assert by_name["AirStrike"]["parents"] == [NKG.Attack] and by_name["AirStrike"]["count"] == 5
    assert {"Event", "Attack", "Statement", "Condemnation"} <= set(by_name)


def test_a_class_added_to_the_ontology_appears_by_itself(store_copy):
    store = KGStore(store_copy)
    store.load_trig(b"""@prefix nkg: <https://w3id.org/newskg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/newskg/ontology> { nkg:Kidnapping rdfs:subClassOf nkg:Event ; rdfs:label "kidnapping"@en . }
        <urn:test:g> { <urn:test:k1> a nkg:Kidnapping ; nkg:place <https://w3id.org/newskg/resource/geonames/163843> . }""")
    q = local_query(store)
    classes = {c["name"]: c for c in data.classes_json(q)["classes"]}
    assert classes["Kidnapping"]["count"] == 1 and classes["Kidnapping"]["label"] == "kidnapping"
    assert [f["id"] for f in data.events_geojson(q, Filters(classes=("Kidnapping",)))["features"]] == ["urn:test:k1"]
    store.close()


def test_the_event_card_points_back_to_its_sentences(seed_query):
    event = "https://w3id.org/newskg/resource/event/002_b302d9e3fbb8e487/0"
    status, card = get(seed_query, "/api/event", iri=event)
    assert status == 200 and card["class"] == NKG.AirStrike and card["date"] == "2022-08-24"
    assert set(card["evidence"]) == {r["s"] for r in select(seed_query, f"SELECT ?s WHERE {{ <{event}> nkg:evidence ?s }}")}
    assert [a["label"] for a in card["agents"]] == ["United States"]
    answered = {r["o"] for r in select(seed_query, f"SELECT ?o WHERE {{ <{event}> nkg:inResponseTo ?o }}")}
    about = {r["s"] for r in select(seed_query, f"SELECT ?s WHERE {{ ?s nkg:about <{event}> }}")}
    assert answered and {r["event"] for r in card["respondsTo"]} == answered
    assert about and {s["event"] for s in card["statements"]} == about
    assert {s["article"]["identifier"] for s in card["sameEvent"]} == {"000_c2f147ab53c33b27"}
    assert card["article"]["identifier"] == "002_b302d9e3fbb8e487"


def test_the_actor_card_has_names_links_and_events_over_time(seed_query):
    status, card = get(seed_query, "/api/actor", iri="https://w3id.org/newskg/resource/entity/islamic-revolutionary-guard-corps")
    assert status == 200 and card["label"] == "Islamic Revolutionary Guard Corps"
    assert "IRGC" in card["names"] and card["types"][0]["iri"] == NKG.MilitaryForce
    us = get(seed_query, "/api/actor", iri="https://w3id.org/newskg/resource/geonames/6252001")[1]
    assert us["links"] == ["https://sws.geonames.org/6252001/"]
    us_iri = "https://w3id.org/newskg/resource/geonames/6252001"
    for role in ("agent", "target"):
        days: dict[str, int] = {}
        for r in select(seed_query, f"SELECT DISTINCT ?e ?d WHERE {{ ?e nkg:{role} <{us_iri}> ; nkg:date ?d }}"):
            days[r["d"]] = days.get(r["d"], 0) + 1
        assert us["events"]["byDay"][role] == days and days


@pytest.mark.parametrize("kind, q, name", [("actor", "irg", "IRGC"), ("place", "deir", "Deir Ezzor"), ("source", "mehr", "Mehr News Agency")])
def test_names_for_the_filter_boxes(seed_query, kind, q, name):
    _, body = get(seed_query, "/api/names", kind=kind, q=q)
    assert name in [n["name"] for n in body["names"]]


@pytest.mark.parametrize("method, path, params, status", [
    ("GET", "/api/events", {"from": ["24/08/2022"]}, 400),  # not a date
    ("GET", "/api/events", {"class": ["Kidnapping"]}, 400),  # not a class of the ontology
    ("GET", "/api/event", {"iri": ["https://w3id.org/newskg/resource/event/none"]}, 400),
    ("GET", "/api/event", {}, 400),
    ("GET", "/api/nothing", {}, 404),
    ("POST", "/api/events", {}, 405),
    ("GET", "/explore/../pyproject.toml", {}, 404),
])
def test_bad_requests_get_one_clear_error(seed_query, method, path, params, status):
    got, ctype, body = handle(method, path, params, seed_query)
    assert got == status and json.loads(body)["error"]


def test_other_paths_are_not_the_explore_pages(seed_query):
    assert handle("GET", "/query", {}, seed_query) is None
    assert handle("GET", "/", {}, seed_query) is None


def test_the_page_and_its_files_are_served(seed_query):
    status, ctype, body = handle("GET", "/explore", {}, seed_query)
    assert status == 200 and ctype.startswith("text/html") and b'src="/explore/explore.js"' in body
    assert handle("GET", "/explore/explore.js", {}, seed_query)[1].startswith("text/javascript")
    world = json.loads(handle("GET", "/explore/world.json", {}, seed_query)[2])["countries"]
    assert len(world) > 170 and any(c["name"] == "Syria" for c in world)


def test_a_read_only_store_answers_from_memory_after_the_first_time(seed_store, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(seed_store, copy)
    store = KGStore(copy, read_only=True)
    q = local_query(store)
    first = q("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    first["results"]["bindings"].clear()  # a caller changing its answer does not change the next one
    assert q("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["results"]["bindings"]
