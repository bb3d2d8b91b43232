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


def trained_mentions(nlp, text):
    """Mentions with their time expression, from the trained pipeline (arguments from the parse)."""
    doc = nlp(text)
    found = mentions(nlp, text)
    times = [m.time.text if m.time else None for m in doc._.kg_events if not m.anchor]
    return [{**m, "time": t} for m, t in zip(found, times)]


@pytest.mark.parametrize(
    "text, cls, expected, absent",
    [
        # two triggers with different named doers are two happenings, not one with both agents
        ("Ukrainian strike kills three in Belgorod, Russia fires missiles at Kharkiv.",
         "MissileAttack", {"agents": {"Russia"}}, {"agents": {"Ukrainian"}}),
        # a light verb lends its subject through a measure noun ("a wave of raids")
        ("Nigerian troops carried out a wave of raids on Boko Haram camps near Maiduguri.",
         "Attack", {"agents": {"Nigerian troops"}}, {}),
        # a weapon is no target; the side it is named for did it
        ("Two Houthi drones were launched toward the frigate HMS Diamond.",
         "DroneAttack", {"agents": {"Houthi"}}, {"targets": {"Houthi"}}),
        ("Armenian forces fired dozens of Grad rockets at the city of Shusha.",
         "MissileAttack", {"places": {"Shusha"}}, {"targets": {"Grad"}, "places": {"Grad"}}),
        # what a weapon was fired toward is the target
        ("Militants fired rockets towards the town of Sderot on Monday.", "MissileAttack", {"targets": {"Sderot"}}, {}),
        ("Houthi forces launched drones toward Eilat on Monday.", "DroneAttack", {"targets": {"Eilat"}}, {}),
        # what a weapon was dropped on is still the target
        ("Syrian helicopters dropped barrel bombs on Daraya.", "AirStrike", {"targets": {"Daraya"}}, {}),
        # a noun trigger that is what another one struck is no happening of its own
        ("Ethiopia and Eritrea strike TPLF targets in Mekelle", "Attack", {"agents": {"Ethiopia"}}, {"agents": {"TPLF"}}),
        # a place inside another trigger's phrase is that one's
        ("Kenyan troops raided a camp in Kismayo in response to the ambush in Lamu.",
         "Attack", {"places": {"Kismayo"}}, {"places": {"Lamu"}}),
        # ... and so is a time
        ("Indian forces shelled Pakistani posts in response to an attack on an army camp on Wednesday, the army said on Friday.",
         "MissileAttack", {"time": "on Friday"}, {}),
    ],
)
def test_trained_arguments(trained_nlp, text, cls, expected, absent):
    every = trained_mentions(trained_nlp, text)
    found = [m for m in every if m["cls"] == cls and all(
        value <= m[key] if isinstance(value, set) else m[key] == value for key, value in expected.items())]
    assert found, every
    for key, value in absent.items():
        assert all(not value & m[key] for m in found), (key, found)


@pytest.mark.parametrize("pipeline", ["nlp", "trained_nlp"])
@pytest.mark.parametrize("text, owner", [
    ("Pirates attacked a Danish-owned cargo ship off the coast on Friday.", "Danish"),
    ("The rebels hit a Liberian-flagged tanker in the Gulf of Aden on Friday.", "Liberian"),
    ("Gunmen attacked a Kenyan-owned truck near Mandera on Friday.", "Kenyan"),
])
def test_the_owner_of_what_was_hit_is_no_target(request, pipeline, text, owner):
    found = [m for m in mentions(request.getfixturevalue(pipeline), text) if m["cls"] == "Attack"]
    assert found and all(owner not in m["targets"] for m in found), found
