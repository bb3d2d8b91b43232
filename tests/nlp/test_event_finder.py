"""Event mentions and their arguments, sentence by sentence."""
import pytest

from kg.nlp.event_finder import EventMention


def mentions(nlp, text):
    doc = nlp(text)
    out = []
    for m in doc._.kg_events:
        if m.anchor:
            continue
        out.append({
            "cls": m.cls,
            "agents": {doc[a:b].text for a, b in m.agents},
            "targets": {doc[a:b].text for a, b in m.targets},
            "places": {doc[a:b].text for a, b in m.places},
            "reporters": {doc[a:b].text for a, b in m.reporters},
            "killed": m.killed,
            "injured": m.injured,
            "instruments": set(m.instruments),
        })
    return out


@pytest.mark.parametrize(
    "text, expected",
    [
        # active verb: agent before, place after "in"
        ("Israeli jets struck a building in Aitaroun, killing four people.",
         {"cls": "AirStrike", "agents": {"Israeli"}, "places": {"Aitaroun"}, "killed": 4}),
        # passive with "by" and a weapon
        ("A base in Erbil was targeted by drones on Monday, wounding three soldiers.",
         {"cls": "DroneAttack", "places": {"Erbil"}, "injured": 3}),
        # noun trigger with "on", and an attribution
        ("The Russian missile attack on Odesa killed nine people, according to Reuters.",
         {"cls": "MissileAttack", "agents": {"Russian"}, "targets": {"Odesa"}, "killed": 9, "reporters": {"Reuters"}}),
        # launch verb with a weapon
        ("Hezbollah fired dozens of rockets at Kiryat Shmona.",
         {"cls": "MissileAttack", "agents": {"Hezbollah"}}),
        # theft with coordinated agents
        ("The Wagner Group and the RSF smuggled gold into Libya.",
         {"cls": "Theft", "agents": {"Wagner Group", "RSF"}}),
        # condemnation by a person
        ("UN chief Antonio Guterres condemned the shelling of El Fasher.",
         {"cls": "Condemnation", "agents": {"Antonio Guterres"}}),
    ],
)
def test_arguments(nlp, text, expected):
    found = mentions(nlp, text)
    assert found, text
    first = next((m for m in found if m["cls"] == expected["cls"]), None)
    assert first is not None, found
    for key, value in expected.items():
        if isinstance(value, set):
            assert value <= first[key], (key, first[key])
        else:
            assert first[key] == value, (key, first[key])


@pytest.mark.parametrize(
    "text",
    [
        "Washington will not hesitate to strike if attacked.",  # hypothetical
        "The United States does not seek conflict with Iran.",  # negated, no trigger
        "Officials could attack the plan in parliament.",  # modal
    ],
)
def test_hedged_statements_are_not_attacks(nlp, text):
    assert not [m for m in mentions(nlp, text) if m["cls"] in ("Attack", "AirStrike", "MissileAttack", "DroneAttack")]


def test_response_cue_links_the_new_event_to_the_old(nlp):
    doc = nlp("Militants shelled Kramatorsk. In response to the shelling, Ukrainian forces struck Horlivka.")
    strike = next(m for m in doc._.kg_events if doc[m.trigger[0]].text == "struck")
    assert isinstance(strike.response_to, EventMention)
    assert doc[strike.response_to.trigger[0]].text == "shelling"
