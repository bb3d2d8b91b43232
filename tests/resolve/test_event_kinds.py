"""Every kind of happening, who did it to whom, says who: read from the parse of the trained pipeline."""
from __future__ import annotations

from datetime import date

import pytest

from kg.read import article_from_text

PUBLISHED = date(2024, 5, 15)  # a Wednesday


def record(extractor, text, published=PUBLISHED):
    return next(extractor.extract([article_from_text(text, id="t", published=published)]))


def names(rec, iris):
    return {rec.entities[i].label.lower() for i in iris if i in rec.entities}


def only(rec, cls):
    found = [e for e in rec.events if e.cls == cls]
    assert len(found) == 1, [(e.cls, e.label) for e in rec.events]
    return found[0]


@pytest.mark.parametrize(
    "text, cls, agents, targets, places",
    [
        # a car bomb is a bombing, not an air strike
        ("A car bomb exploded at a checkpoint in Mogadishu on Tuesday, killing nine people, police said.",
         "Bombing", set(), set(), {"mogadishu"}),
        # "seize" a town is a capture
        ("Rebels seized the town of Goma on Sunday.", "Capture", {"rebels"}, set(), {"goma"}),
        # "seize" a tanker is a theft
        ("Houthi forces seized a tanker in the Red Sea on Sunday.", "Theft", {"houthis"}, set(), {"red sea"}),
        # unnamed doers and victims are groups
        ("Gunmen kidnapped 30 students from a school in Kaduna on Thursday.", "Abduction", {"gunmen"},
         {"students"}, {"kaduna"}),
        ("Police arrested 12 protesters in Nairobi on Monday.", "Arrest", {"police"}, {"protesters"}, {"nairobi"}),
        ("Thousands of protesters rallied in Tbilisi on Sunday.", "Protest", {"protesters"}, set(), {"tbilisi"}),
        # two-sided: each side is an agent and a target
        ("Israel and Hamas signed a ceasefire agreement in Cairo on Monday.", "Agreement", {"israel", "hamas"},
         {"israel", "hamas"}, {"cairo"}),
        ("Troops clashed with Taliban fighters near Kandahar on Monday.", "ArmedClash", {"troops", "taliban"},
         {"troops", "taliban"}, {"kandahar"}),
        ("Foreign Minister Abbas Araghchi met his Omani counterpart Badr Albusaidi in Muscat on Tuesday.", "Meeting",
         {"abbas araghchi", "badr albusaidi"}, {"abbas araghchi", "badr albusaidi"}, {"muscat"}),
        ("The European Union imposed sanctions on Belarus on Monday.", "Sanction", {"european union"}, {"belarus"},
         set()),
        ("Iran threatened Israel with a crushing response on Monday.", "Threat", {"iran"}, {"israel"}, set()),
        # the subject of a light verb ("delivered a strike") is the attack's agent
        ("Russian troops delivered a strike on a command post in Kupiansk on Monday.", "Attack",
         {"russian armed forces"}, set(), {"kupyansk"}),
    ],
)
def test_kinds_of_happening(trained_extractor, text, cls, agents, targets, places):
    rec = record(trained_extractor, text)
    ev = only(rec, cls)
    assert agents <= names(rec, ev.agents) and targets <= names(rec, ev.targets) and places <= names(rec, ev.places)
    assert ev.date is not None and ev.date <= PUBLISHED


def test_groups_are_nodes_of_their_article(trained_extractor):
    rec = record(trained_extractor, "Gunmen kidnapped 30 students from a school in Kaduna on Thursday.")
    ev = only(rec, "Abduction")
    gunmen = rec.entities[ev.agents[0]]
    assert gunmen.cls == "Group" and gunmen.label == "gunmen" and "/group/t/" in gunmen.iri


def test_each_speaker_condemns_separately(trained_extractor):
    rec = record(trained_extractor, "A suicide bomber killed 12 people at a market in Konduga on Saturday. "
                                    "President Bola Tinubu and Governor Babagana Zulum, in separate statements, "
                                    "condemned the attack.")
    attack = only(rec, "Bombing")
    condemnations = [e for e in rec.events if e.cls == "Condemnation"]
    assert {next(iter(names(rec, c.agents))) for c in condemnations} == {"bola tinubu", "babagana zulum"}
    assert all(c.about == [attack.iri] for c in condemnations)


def test_disputed_blame_leaves_the_agent_open(trained_extractor):
    rec = record(trained_extractor, "Shells struck a camp for displaced people near Goma on Sunday, killing nine "
                                    "people. The army and the M23 rebels blamed each other for the shelling.")
    attack = next(e for e in rec.events if e.cls in ("MissileAttack", "Attack"))
    assert attack.agents == [] and attack.killed == 9
    blame = [e for e in rec.events if e.cls == "Statement"]
    assert len(blame) == 2 and all(b.about == [attack.iri] for b in blame)


def test_past_claims_are_no_claim_of_this_attack(trained_extractor):
    rec = record(trained_extractor, "A bomb exploded at a market in Konduga on Saturday, killing 18 people. "
                                    "No group has claimed responsibility. Boko Haram, which has claimed similar "
                                    "attacks before, is active in the area.")
    bombing = only(rec, "Bombing")
    assert bombing.agents == []


def test_a_day_after_the_attack_counts_from_the_attack(trained_extractor):
    rec = record(trained_extractor, "A roadside bomb struck an army vehicle near Buleda on Tuesday, killing seven "
                                    "soldiers. Troops killed five militants in an exchange of fire near Buleda a day "
                                    "after the attack.", date(2025, 2, 20))
    assert only(rec, "Bombing").date == date(2025, 2, 18)
    assert only(rec, "ArmedClash").date == date(2025, 2, 19)


def test_a_roundup_gives_one_event_per_incident(trained_extractor):
    rec = record(trained_extractor, "Gunmen killed four men outside a car wash in Culiacan on Saturday. "
                                    "On Sunday, soldiers came under fire near Navolato; three gunmen were killed. "
                                    "Late on Sunday, armed men abducted three employees of a restaurant in Mazatlan.",
                 date(2025, 3, 17))
    places = {frozenset(names(rec, e.places)) for e in rec.events if e.cls != "Statement"}
    assert {frozenset({"culiacan"}), frozenset({"mazatlan"})} <= places
    assert only(rec, "Abduction").date == date(2025, 3, 16)


@pytest.mark.parametrize(
    "text, cls",
    [
        ("A suicide bomber blew himself up at a mosque in Peshawar on Friday, killing 30 people.", "Bombing"),
        ("Israeli jets bombed Khan Younis on Friday, killing 30 people.", "AirStrike"),
        ("The bombing in Quetta on Friday killed 30 people.", "Bombing"),
    ],
)
def test_bombs_and_bombers_in_both_pipelines(any_extractor, text, cls):
    rec = record(any_extractor, text)
    ev = next(e for e in rec.events if e.cls != "Statement")
    assert ev.cls == cls and ev.killed == 30 and "bomber" not in ev.instruments


@pytest.mark.parametrize("text", ["Israeli air defences shot down two drones over Eilat on Sunday.",
                                  "Air defence units shot down 14 drones over the Belgorod region on Monday."])
def test_shooting_down_drones_is_no_attack_by_the_air_defence(any_extractor, text):
    rec = record(any_extractor, text)
    assert not [e for e in rec.events if e.cls != "Statement" and e.agents], [(e.cls, e.agents) for e in rec.events]


@pytest.mark.parametrize("text", [
    '"We will not stop," Interior Minister Kemal Demir said on Monday during a visit to soldiers in Van province.',
    "Al Udeid, a large air base in Qatar that hosts British and other allied troops, was hit by missiles on Monday.",
    "Camp Rhino, a desert base in Kenya that hosts French and other allied troops, was hit by rockets on Monday.",
    "Defence Minister Ana Lopes visited troops in Beira on Tuesday.",
])
def test_a_visit_to_ones_own_troops_is_no_meeting(any_extractor, text):
    rec = record(any_extractor, text)
    assert not [e for e in rec.events if e.cls == "Meeting"], [(e.cls, e.label) for e in rec.events]


@pytest.mark.parametrize("text", ["Foreign Minister Ana Lopes held talks with rebels in Beira on Tuesday.",
                                  "President Ana Lopes met army chief Joao Silva in Maputo on Tuesday."])
def test_talks_with_an_armed_group_are_a_meeting(any_extractor, text):
    rec = record(any_extractor, text)
    assert [e for e in rec.events if e.cls == "Meeting"], [(e.cls, e.label) for e in rec.events]


@pytest.mark.parametrize("text, state", [
    ("The Israeli Defence Ministry said its jets struck Hezbollah sites in Nabatieh on Monday. "
     "Israel has exchanged fire with Hezbollah since October.", "israel"),
    ("The Russian Defence Ministry said its forces had struck an airfield near Kharkiv on Monday. "
     "Russia has denied targeting civilians.", "russia"),
])
def test_a_ministry_strikes_through_its_state(trained_extractor, text, state):
    rec = record(trained_extractor, text)
    ev = next(e for e in rec.events if e.cls not in ("Statement", "Denial"))
    assert names(rec, ev.agents) == {state}, names(rec, ev.agents)
    assert not [r for r in names(rec, ev.reporters) if "ministry" in r], names(rec, ev.reporters)


@pytest.mark.parametrize("text, not_sources", [
    # a speaker credits the news of its sentence, not a happening told before that it only names
    ("Gunmen attacked a police post in Garissa on Monday, killing six officers, local officials said. "
     "The Kenyan army said on Tuesday that its jets had struck the fleeing gunmen in response to the attack.",
     ("kenya", "army")),
    ("Rebels shelled the town of Kidal on Sunday, residents said. The Malian army said on Monday that "
     "its drones had hit rebel positions in retaliation for the shelling.", ("mali", "army")),
    ("Gunmen abducted 12 aid workers in Gao on Sunday, residents said. The UN chief condemned the abductions "
     "and called for their release, his spokesman Pierre Dubois told reporters on Monday.", ("dubois", "army")),
    # whoever relays a claim ("according to SITE") is no source of the attack
    ("Gunmen stormed an army post near Menaka on Sunday, killing 12 soldiers. Al-Shabaab claimed the attack "
     "on Monday through its Amaq media arm, according to the SITE Intelligence Group.", ("site intelligence group",)),
    ("A car bomb exploded at a market in Kirkuk on Friday, killing nine people. The Islamic State group claimed "
     "the bombing in an online statement, according to the Long War Journal.", ("long war journal",)),
])
def test_no_source_of_what_a_speaker_names_in_passing_or_relays(any_extractor, text, not_sources):
    rec = record(any_extractor, text)
    reporters = names(rec, rec.events[0].reporters)
    assert not [r for r in reporters if any(n in r for n in not_sources)], reporters


@pytest.mark.parametrize("text, done_by", [
    ("Israeli jets struck sites in Nabatieh on Monday. Hours later, Hezbollah fired rockets at Kiryat Shmona. "
     "Senior Hezbollah official Ali Hassan condemned the strikes.", "israel"),
    ("Ukrainian drones struck an oil depot in Belgorod on Monday. Hours later, Russia fired missiles at Kharkiv. "
     "Russian Foreign Ministry spokeswoman Irina Volkova condemned the attack.", "ukraine"),
])
def test_what_a_side_condemns_was_done_by_another(trained_extractor, text, done_by):
    rec = record(trained_extractor, text)
    cond = only(rec, "Condemnation")
    about = [e for e in rec.events if e.iri in cond.about]
    assert about and done_by in about[0].label.lower(), [e.label for e in about]


def test_a_total_over_several_strikes_is_no_single_strike_count(trained_extractor):
    rec = record(trained_extractor, "Nine civilians were killed in two airstrikes on Sagaing on Sunday, residents said.")
    strikes = [e for e in rec.events if e.cls == "AirStrike"]
    assert strikes and all(e.killed is None for e in strikes)


@pytest.mark.parametrize("text", ["The army did not comment.", "The group declined to comment on the report.",
                                  "A spokesman for the ministry refused to comment."])
def test_no_comment_is_no_statement(trained_extractor, text):
    assert [e.cls for e in record(trained_extractor, text).events] == []


def test_a_demonym_speaker_is_a_person_of_the_country_not_the_country(trained_extractor):
    rec = record(trained_extractor, "Troops and rebels exchanged heavy fire near the border crossing on Monday, "
                                    "killing three civilians, a Pakistani customs official said.")
    clash = only(rec, "ArmedClash")
    assert names(rec, clash.reporters) == {"pakistani customs official"}
    assert clash.killed == 3


def test_a_dateline_is_where_the_report_was_filed_not_where_it_happened(trained_extractor):
    rec = record(trained_extractor, "MARAWI CITY, Philippines — A bomb exploded under a police truck in Piagapo town "
                                    "on Monday, killing two officers, the military said.")
    bombing = only(rec, "Bombing")
    assert names(rec, bombing.places) == {"piagapo"} and not names(rec, bombing.targets) & {"marawi city", "marawi"}


def test_a_weapon_is_an_instrument_not_an_agent(trained_extractor):
    rec = record(trained_extractor, "Landmine kills two soldiers near Cotabato\n\nA landmine exploded under an army "
                                    "truck near Cotabato on Monday, killing two soldiers.")
    bombing = only(rec, "Bombing")
    assert "landmine" in bombing.instruments and "landmine" not in names(rec, bombing.agents)


def test_unnamed_assailants_are_the_doer_the_story_names(trained_extractor):
    """"Militants" where the headline names JNIM, and "the retreating attackers" struck in response: JNIM."""
    rec = record(trained_extractor, "Soldiers killed in JNIM attack near Djibo\n\nMilitants killed at least 30 soldiers "
                                    "in an attack on a military post near the town of Djibo on Tuesday, security "
                                    "sources said. The army said its air force had struck the retreating attackers "
                                    "on Tuesday afternoon in response to the assault.")
    attack = next(e for e in rec.events if e.killed == 30)
    strike = next(e for e in rec.events if attack.iri in e.in_response_to)
    for names_of in (names(rec, attack.agents), names(rec, strike.targets)):
        assert names_of and not names_of & {"militants", "retreating attackers", "attackers"}, names_of


@pytest.mark.parametrize("text, source, not_source", [
    # a named source beats "officials", and a sentence with no news of its own adds to the bombing just told
    ("A car bomb exploded at a checkpoint in Beledweyne on Thursday, killing 11 people, officials said. The minibus "
     "blew up as soldiers inspected vehicles, according to the state-run Somali National News Agency (SONNA).",
     "somali national news agency", "officials"),
    # who denies it, or puts it on the other side, is no source of it
    ("The RSF shelled a camp in El Fasher on Sunday, killing 14 civilians, aid workers said. The RSF denied "
     "responsibility, accusing the army of shelling its own positions.", "aid workers", "rapid support forces"),
])
def test_who_is_the_source(trained_extractor, text, source, not_source):
    rec = record(trained_extractor, text)
    ev = next(e for e in rec.events if e.killed)
    reporters = names(rec, ev.reporters)
    assert any(source in r for r in reporters) and not any(not_source in r for r in reporters), reporters


@pytest.mark.parametrize("text, statement", [
    # a named person who says more than the news is a statement about it ...
    ("A suicide bomber killed 18 people at a market in Konduga on Saturday. Babakura Kolo, a local militia "
     "commander, said the attacker came in through the bush behind the market.", True),
    # ... one who only vouches for it is its source
    ("A suicide bomber killed 18 people at a market in Konduga on Saturday, militia commander Babakura Kolo said.",
     False),
])
def test_a_person_who_says_more_makes_a_statement(trained_extractor, text, statement):
    rec = record(trained_extractor, text)
    bombing = only(rec, "Bombing")
    said = [e for e in rec.events if e.cls == "Statement" and "babakura kolo" in names(rec, e.agents)]
    assert bool(said) == statement and ("babakura kolo" in names(rec, bombing.reporters)) != statement
    assert all(bombing.iri in e.about for e in said)


def test_a_named_persons_death_in_an_attack_stays_a_death(trained_extractor):
    rec = record(trained_extractor, "Commander Ali Hassan died in an Israeli strike on Tyre on Monday.")
    death = only(rec, "Death")
    strike = next(e for e in rec.events if e.cls != "Death")
    assert names(rec, death.targets) == {"ali hassan"} and "ali hassan" not in names(rec, strike.agents)
