"""Mentions merged into one event per happening, linked to what they answer."""
from datetime import date

from kg.read import article_from_text


def record(extractor, text, published=None):
    return next(extractor.extract([article_from_text(text, id="t", published=published)]))


def test_mentions_of_one_happening_merge_with_all_evidence(extractor):
    rec = record(extractor, "Russian missiles struck Odesa on Monday, killing nine people. "
                            "The attack also injured 27 others, officials said.", date(2024, 3, 13))
    attacks = [e for e in rec.events if e.cls in ("Attack", "MissileAttack")]
    assert len(attacks) == 1
    assert attacks[0].killed == 9 and attacks[0].injured == 27 and len(attacks[0].evidence) == 2
    assert attacks[0].date == date(2024, 3, 11)


def test_a_new_attack_is_a_second_event(extractor):
    rec = record(extractor, "Israeli jets struck Khiam on Monday. Israeli jets launched a new attack on Khiam hours later.")
    assert len([e for e in rec.events if e.cls in ("Attack", "AirStrike")]) == 2


def test_retaliation_points_to_the_earlier_attack(extractor):
    rec = record(extractor, "Houthi drones attacked a tanker in the Red Sea on Tuesday. "
                            "US jets bombed Hodeidah in retaliation on Wednesday.", date(2024, 1, 12))
    first = next(e for e in rec.events if e.cls == "DroneAttack")
    second = next(e for e in rec.events if e.cls == "AirStrike")
    assert second.in_response_to == [first.iri]


def test_condemnation_is_about_the_attack(extractor):
    rec = record(extractor, "Russian drones hit a hospital in Kharkiv on Sunday. "
                            "President Volodymyr Zelensky condemned the attack.", date(2024, 5, 20))
    attack = next(e for e in rec.events if e.cls in ("DroneAttack", "Attack"))
    condemnation = next(e for e in rec.events if e.cls == "Condemnation")
    assert condemnation.about == [attack.iri]


def test_no_day_is_guessed_without_a_publication_date(extractor):
    rec = record(extractor, "US helicopters bombarded an area near Raqqa on Tuesday.")
    assert rec.events and rec.events[0].date is None and rec.events[0].date_text == "on Tuesday"


def test_casualties_in_a_later_sentence_join_the_attack(extractor):
    rec = record(extractor, "Israeli jets struck a house in Aitaroun late on Tuesday, killing four people. "
                            "Seven other people were wounded.", date(2024, 3, 27))
    strike = next(e for e in rec.events if e.cls == "AirStrike")
    assert (strike.killed, strike.injured) == (4, 7)


def test_generic_speaker_is_the_organization_named_before(extractor):
    rec = record(extractor, "The Turkish Defence Ministry announced new operations. Turkish drones struck "
                            "PKK positions in Duhok on Monday. The ministry said 13 militants were killed.",
                 date(2024, 6, 4))
    strike = next(e for e in rec.events if e.cls == "DroneAttack")
    reporters = {rec.entities[i].label for i in strike.reporters if i in rec.entities}
    assert any("Defence" in r or "Defense" in r for r in reporters)
