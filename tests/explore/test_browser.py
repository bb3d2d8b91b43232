"""The explore page in headless Chromium over the seed store: served, and as a `kg report` file offline."""
from __future__ import annotations

import pytest

from kg.explore.sparql import select
from kg.questions import prepare

from ..conftest import run_kg
from .conftest import DOCS


def located_events(seed_query, pattern: str = "") -> set[str]:
    """Events with a place that has coordinates or is a country (drawn at its centre), from the store itself."""
    rows = select(seed_query, f"""SELECT DISTINCT ?e WHERE {{ ?e a ?c . ?c rdfs:subClassOf* nkg:Event . {pattern}
        ?e nkg:place ?p . {{ ?p geo:lat ?lat }} UNION {{ ?p a nkg:Country }} }}""")
    return {r["e"] for r in rows}


def evidence(seed_query, event: str) -> set[str]:
    return {r["s"] for r in select(seed_query, f"SELECT ?s WHERE {{ <{event}> nkg:evidence ?s }}")}


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready]", timeout=30_000)


def marker_events(page) -> list[str]:
    return page.locator("#markers [data-event]").evaluate_all("ns => ns.map(n => n.getAttribute('data-event'))")


def check_card(page, seed_query, event: str) -> None:
    """Click the event's marker; its card must carry its IRI and show its evidence sentences."""
    page.locator(f'#markers [data-event="{event}"]').click()
    page.wait_for_selector(f'#card[data-event="{event}"] blockquote.evidence')
    shown = page.locator("#card blockquote.evidence").all_inner_texts()
    assert {s.strip() for s in shown} == {s.strip() for s in evidence(seed_query, event)}


@pytest.mark.slow
def test_the_page_shows_a_marker_for_every_located_event_and_a_card_with_evidence(page, explore_url, seed_query):
    open_page(page, explore_url + "/explore")
    expected = located_events(seed_query)
    shown = marker_events(page)
    assert sorted(shown) == sorted(expected)  # one marker each, none twice
    timeline = page.locator("#timeline [data-event]").evaluate_all("ns => ns.map(n => n.getAttribute('data-event'))")
    assert set(timeline) == {r["e"] for r in select(seed_query, "SELECT ?e WHERE { ?e nkg:date ?d }")}
    events = select(seed_query, "SELECT DISTINCT ?e WHERE { ?e a ?c . ?c rdfs:subClassOf* nkg:Event }")
    assert page.locator("#list tbody tr[data-event]").count() == len(events)
    row = select(seed_query, """SELECT ?e ?headline WHERE { ?e nkg:place ?p ; nkg:date ?d ; nkg:mentionedIn ?a ;
        nkg:agent|nkg:target <https://w3id.org/newskg/resource/geonames/6252001> . ?a schema:headline ?headline }
        ORDER BY ?e LIMIT 1""")[0]  # a dated, located event the United States took part in
    event = row["e"]
    check_card(page, seed_query, event)
    assert page.locator(f'#timeline [data-event="{event}"]').get_attribute("class").endswith("selected")
    assert row["headline"] in page.locator("#card").inner_text()
    page.locator("#card button[data-actor]", has_text="United States").first.click()
    page.wait_for_selector("#card .actor-card")
    assert "GeoNames 6252001" in page.locator("#card").inner_text()
    DOCS.mkdir(exist_ok=True)
    page.locator(f'#markers [data-event="{event}"]').click()
    page.wait_for_selector(f'#card[data-event="{event}"]')
    page.screenshot(path=str(DOCS / "explore.png"))


@pytest.mark.slow
@pytest.mark.parametrize("cls, pattern", [
    ("AirStrike", "?e a nkg:AirStrike ."),
    ("Attack", "?e a ?k . ?k rdfs:subClassOf* nkg:Attack ."),
])
def test_filtering_by_class_narrows_map_timeline_and_list(page, explore_url, seed_query, cls, pattern):
    open_page(page, explore_url + "/explore")
    before = page.get_attribute("body", "data-ready")
    page.locator(f'#class-tree input[value="{cls}"]').check()
    page.wait_for_function(f"document.body.getAttribute('data-ready') !== '{before}'")
    expected = located_events(seed_query, pattern)
    assert sorted(marker_events(page)) == sorted(expected)
    kept = {r["e"] for r in select(seed_query, f"SELECT ?e WHERE {{ {pattern} }}")}
    rows = page.locator("#list tbody tr[data-event]").evaluate_all("ns => ns.map(n => n.getAttribute('data-event'))")
    assert set(rows) == kept
    assert f"class={cls}" in page.url  # the view is in the address, to share or reload


@pytest.mark.slow
def test_an_actor_filter_typed_by_name(page, explore_url, seed_query):
    open_page(page, explore_url + "/explore#actor=IRGC")
    expected = located_events(seed_query, "?e nkg:agent|nkg:target <https://w3id.org/newskg/resource/entity/islamic-revolutionary-guard-corps> .")
    assert expected and sorted(marker_events(page)) == sorted(expected)


@pytest.mark.slow
def test_the_report_file_works_with_the_network_off(page, seed_store, seed_query, tmp_path):
    out = tmp_path / "report.html"
    result = run_kg("report", out, "--store", seed_store)
    assert result.returncode == 0, result.stderr
    total = len(select(seed_query, "SELECT DISTINCT ?e WHERE { ?e a ?c . ?c rdfs:subClassOf* nkg:Event }"))
    assert f"({total} events)" in result.stderr
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    open_page(page, out.as_uri())
    assert sorted(marker_events(page)) == sorted(located_events(seed_query))
    check_card(page, seed_query, "https://w3id.org/newskg/resource/event/002_b302d9e3fbb8e487/0")
    page.locator('#class-tree input[value="AirStrike"]').check()
    airstrikes = len(select(seed_query, "SELECT DISTINCT ?e WHERE { ?e a nkg:AirStrike }"))
    page.wait_for_function(f"document.querySelectorAll('#list tbody tr').length === {airstrikes}")
    assert sorted(marker_events(page)) == sorted(located_events(seed_query, "?e a nkg:AirStrike ."))


@pytest.mark.slow
def test_a_report_of_a_named_question_holds_its_events_only(page, seed_store, seed_query, tmp_path):
    out = tmp_path / "deir.html"
    result = run_kg("report", out, "--store", seed_store, "--query", "attacks-near", "--param", "place=Deir Ezzor")
    assert result.returncode == 0, result.stderr
    named = {b["event"]["value"] for b in seed_query(prepare("attacks-near", {"place": "Deir Ezzor"}))["results"]["bindings"]}
    open_page(page, out.as_uri())
    assert sorted(marker_events(page)) == sorted(named & located_events(seed_query))
    assert page.locator("#list tbody tr[data-event]").count() == len(named)
