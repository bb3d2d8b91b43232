"""The same happening reported by two articles: nkg:sameEventAs, in one build and across builds."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.build import build
from kg.knowledge.vocab import NKG
from kg.resolve import IndexedEvent, SameEventIndex
from kg.store import KGStore

US, EU, IRAN = "urn:x:us", "urn:x:eu", "urn:x:iran"
MONDAY = date(2025, 3, 10)


def _event(iri: str, article: str, *, agents=(US,), places=(), day: date | None = MONDAY, cls="Sanction"):
    return IndexedEvent(iri, article, cls, frozenset(agents), tuple(places), frozenset(places), day, None)


@pytest.mark.parametrize(
    "other, linked",
    [
        (_event("b", "B"), True),  # the same agent, the same day, no place: one sanctions package
        (_event("b", "B", day=date(2025, 3, 11)), True),  # a day later: "on Monday" against "overnight"
        (_event("b", "B", places=("urn:x:uae",)), True),  # one names a place, the other none
        (_event("b", "B", agents=(EU,)), False),  # another agent
        (_event("b", "B", day=date(2025, 3, 14)), False),  # days apart
        (_event("b", "B", cls="Attack"), False),  # another kind of happening
        (_event("b", "A"), False),  # the same article
        (_event("b", "B", day=None), False),  # no day: nothing to tell them apart by
    ],
)
def test_placeless_events_are_matched_by_a_shared_agent_and_day(knowledge, other, linked):
    index = SameEventIndex(knowledge.ontology)
    index.add_events("A", [_event("a", "A")])
    assert bool(index.add_events(other.article, [other]).get("b")) is linked


def test_two_placed_events_are_not_matched_by_their_agent_alone(knowledge):
    index = SameEventIndex(knowledge.ontology)
    index.add_events("A", [_event("a", "A", cls="AirStrike", places=("urn:x:gaza",))])
    found = index.add_events("B", [_event("b", "B", cls="AirStrike", places=("urn:x:rafah-far-away",))])
    assert not found


RELEASE = """Treasury Sanctions Network Shipping Iranian Oil
PRESS RELEASE | Department of the Treasury | March 10, 2025

WASHINGTON — Today, the Department of the Treasury is sanctioning eight companies and four tankers that ship
Iranian oil to buyers in Asia.
"""
REPORT = """Iran condemns new US sanctions on tankers
By Staff Reporter - March 11, 2025

The Department of the Treasury on Monday sanctioned eight companies and four tankers that carry Iranian oil.
Iran on Tuesday condemned the sanctions.
"""


@pytest.mark.parametrize("separate_builds", [False, True])
def test_a_sanction_reported_twice_is_one_happening(tmp_path: Path, trained_extractor, separate_builds: bool):
    (tmp_path / "release.txt").write_text(RELEASE)
    (tmp_path / "report.txt").write_text(REPORT)
    store = KGStore(tmp_path / "store")
    if separate_builds:  # the second build finds the first article's sanction in the stored index
        build([tmp_path / "release.txt"], store, extractor=trained_extractor)
        build([tmp_path / "report.txt"], store, extractor=trained_extractor)
    else:
        build([tmp_path / "release.txt", tmp_path / "report.txt"], store, extractor=trained_extractor)
    rows = store.query(f"SELECT ?a ?b WHERE {{ ?a <{NKG.sameEventAs}> ?b . ?a a <{NKG.Sanction}> . ?b a <{NKG.Sanction}> }}")
    assert len(list(rows)) == 2  # both directions


STRIKE_UA = """Russian drone attack on Sumy kills four
By Staff Reporter - February 26, 2025

Russian attack drones struck residential areas of the city of Sumy on Tuesday evening, killing four people.
"""
STRIKE_RU = """Russian forces hit Ukrainian army point in Sumy
MOSCOW, February 26, 2025

The Russian Armed Forces struck a deployment point of the Ukrainian army in the city of Sumy with drones on Tuesday
evening, the Russian Defence Ministry said.
"""


@pytest.mark.parametrize("separate_builds", [False, True])
def test_a_force_and_its_state_are_one_side(tmp_path: Path, trained_extractor, separate_builds: bool):
    """"Russian forces" in one report and "the Russian Armed Forces" in the other: one side (nkg:actsFor)."""
    (tmp_path / "ua.txt").write_text(STRIKE_UA)
    (tmp_path / "ru.txt").write_text(STRIKE_RU)
    store = KGStore(tmp_path / "store")
    if separate_builds:  # the stored force must come back with its side for the second build to match it
        build([tmp_path / "ru.txt"], store, extractor=trained_extractor)
        build([tmp_path / "ua.txt"], store, extractor=trained_extractor)
    else:
        build([tmp_path / "ua.txt", tmp_path / "ru.txt"], store, extractor=trained_extractor)
    sides = list(store.query(f"SELECT ?org ?state WHERE {{ ?org <{NKG.actsFor}> ?state }}"))
    assert sides, "no nkg:actsFor written"
    rows = store.query(f"SELECT ?a ?b WHERE {{ ?a <{NKG.sameEventAs}> ?b }}")
    assert len(list(rows)) == 2
