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
         "MissileAttack", {"places": {"Shusha"}, "targets": {"Shusha"}}, {"targets": {"Grad"}, "places": {"Grad"}}),
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
        # ... even when the parser hangs it on the response ("as a response to X on Thursday")
        ("US jets struck radar sites near Hodeidah, in what it described as a response to the targeting of a tanker in the "
         "Gulf of Aden on Thursday.", "Attack", {"places": {"Gulf of Aden"}, "time": "on Thursday"}, {}),
        ("US jets struck radar sites near Hodeidah, in what it described as a response to the targeting of a tanker in the "
         "Gulf of Aden on Thursday.", "AirStrike", {"places": {"Hodeidah"}, "time": None}, {"places": {"Gulf of Aden"}}),
        # what a response answers lends no place to it
        ("Kenyan troops raided a camp in response to an attack on a police post in Lamu.", "Attack",
         {"agents": {"Kenyan"}}, {"places": {"Lamu"}}),
        # "air and drone strikes": the phrase's head noun is the trigger's, so the light verb's subject is found
        ("Turkey carried out a wave of air and drone strikes against Kurdish militants in northern Iraq on Monday.",
         "DroneAttack", {"agents": {"Turkey"}, "places": {"Iraq"}}, {}),
        # what a measure word governs is the trigger's ("a series of raids on the province of X")
        ("American warplanes launched a series of air raids on the western province of Hudaydah on Friday.",
         "AirStrike", {"places": {"Hudaydah"}}, {}),
        # a verb that struck an object: its "on" phrase is where, not what
        ("A Turkish drone struck a car on the outskirts of Qamishli on Monday.", "DroneAttack",
         {"places": {"Qamishli"}}, {"targets": {"Qamishli"}}),
        # a clause of "after" tells another happening
        ("Turkish jets struck caves in northern Iraq on Monday, hours after two soldiers were killed in an attack on "
         "a base in Duhok.", "Attack", {"targets": {"base"}}, {"agents": {"Turkish"}}),
        # a headline's reduced passive: the subject of "killed" with no object is its victim
        ("Turkish drones pound PKK targets in Iraq after soldiers killed", "DroneAttack", {"agents": {"Turkish"}},
         {"agents": {"soldiers", "PKK"}}),
        # a suicide car bomber makes a bombing, not an air strike
        ("A checkpoint in Beledweyne was targeted by a suicide car bomber on Thursday, killing 11 people.",
         "Bombing", {"killed": 11}, {}),
        # "the fighting that broke out between X and Y": an occurrence verb's clause tells the sides
        ("A truce ended the fighting that broke out on Sunday night between the 55th Brigade and the Rada Force.",
         "ArmedClash", {"agents": {"55th Brigade", "Rada Force"}}, {}),
        # who died in an attack was its victim, and unnamed dead are its toll
        ("Five civilians died in Russian shelling of Kherson on Monday.", "MissileAttack",
         {"agents": {"Russian"}, "killed": 5}, {"agents": {"civilians"}}),
        ("Three civilians were martyred as American warplanes launched air raids on Hudaydah on Friday.", "AirStrike",
         {"killed": 3}, {}),
        # "the clashes pitted X against Y": both are sides; a clause about a name ("led by Z") is not the clash's
        ("The clashes pitted the 55th Brigade, led by Ali Hamed, against the Rada Force.",
         "ArmedClash", {"agents": {"55th Brigade", "Rada Force"}}, {"agents": {"Ali Hamed"}}),
    ],
)
def test_trained_arguments(trained_nlp, text, cls, expected, absent):
    every = trained_mentions(trained_nlp, text)
    found = [m for m in every if m["cls"] == cls and all(
        value <= m[key] if isinstance(value, set) else m[key] == value for key, value in expected.items())]
    assert found, every
    for key, value in absent.items():
        assert all(not value & m[key] for m in found), (key, found)


@pytest.mark.parametrize(
    "text, word",
    [
        ("The list of targets was drawn up by the ministry on Monday.", "targets"),  # what is struck, no happening
        ("A storm killed five people in Dhaka on Monday.", "storm"),  # weather, no assault
        ("Government forces pound rebel positions after three soldiers killed", "killed"),  # headline passive
        ("The government's offensive against the group would continue, the president said.", "offensive"),  # hedged
        ("Five civilians died in Russian shelling of Kherson on Monday.", "died"),  # the shelling's toll
    ],
)
def test_trained_words_that_tell_no_happening(trained_nlp, text, word):
    doc = trained_nlp(text)
    assert not [m for m in doc._.kg_events if word in doc[m.trigger[0]:m.trigger[1]].text], [
        (m.cls, doc[m.trigger[0]:m.trigger[1]].text) for m in doc._.kg_events]


@pytest.mark.parametrize("pipeline", ["nlp", "trained_nlp"])
@pytest.mark.parametrize("text, owner", [
    ("Pirates attacked a Danish-owned cargo ship off the coast on Friday.", "Danish"),
    ("The rebels hit a Liberian-flagged tanker in the Gulf of Aden on Friday.", "Liberian"),
    ("Gunmen attacked a Kenyan-owned truck near Mandera on Friday.", "Kenyan"),
])
def test_the_owner_of_what_was_hit_is_no_target(request, pipeline, text, owner):
    found = [m for m in mentions(request.getfixturevalue(pipeline), text) if m["cls"] == "Attack"]
    assert found and all(owner not in m["targets"] for m in found), found
