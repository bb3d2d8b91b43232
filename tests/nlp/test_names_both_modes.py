"""Names in both modes: the weight-free pipeline (--fast) and kg on a trained spaCy pipeline.

Each case is a mistake the weight-free reading used to make (the examples of issue 11, with other names):
everyday words read as places, given names as settlements, place names split or read from inside
longer names, titled people, units and long official names, headline words, citation markers.
"""
import pytest


@pytest.fixture(params=["fast", "trained"])
def any_nlp(request):
    return request.getfixturevalue("nlp" if request.param == "fast" else "trained_nlp")


def ents(nlp, text):
    """(text, label) of the entities, with every place label (GPE, LOC, FAC) as "place"."""
    return {(e.text, "place" if e.label_ in ("GPE", "LOC", "FAC") else e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize(
    "text, absent",
    [
        ("Most of the money was spent as part of a plan.", "part"),  # an everyday word is not Perth
        ("As a result, the talks stalled.", "As a"),  # not Osa
        ("In a statement, the ministry said.", "In a"),  # not the acronym INA
        ("Hassan Abdi met the governor in Mandera.", "Hassan"),  # given names are no settlements
        ("Hassan Abdi met the governor in Mandera.", "Abdi"),
        ("He spoke at the Manama Dialogue in Bahrain.", "Manama"),  # a city inside a longer name
        ("Climbers reached the summit of Mount Kenya.", "Kenya"),  # the country inside a mountain's name
        ("The quake struck at 04:12 Greenwich Mean Time off Aceh.", "Greenwich"),  # a time zone
        ("Tanks moved north in September.", "September"),  # months are no places
        ("Kharkiv Mayor Returns to City Hall, Says Repairs Will Take Months\n\nThe mayor, Ihor Terekhov, "
         "returned to the city on Monday and spoke to reporters.", "Returns"),  # headline words
        ("The insurgency spread across Iraq.[3] Later Iraq3 fell quiet.", "Iraq3"),  # citation markers
        ("The insurgency spread across Iraq.[3] Later Iraq3 fell quiet.", "Iraq.[3"),
        ("A drone hit a car near Qamishli, known as Qamishlo in Kurdish, on Monday.", "Kurdish"),  # a language
        ("The leaflets, printed in Pashto, were dropped over the valley.", "Pashto"),
    ],
)
def test_no_name_where_there_is_none(any_nlp, text, absent):
    assert absent not in {e.text for e in any_nlp(text).ents}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Fighters fired at Tal Tamr and Wadi Hajar near Ras al-Ayn.", ("Tal Tamr", "place")),  # not "At Tall"
        ("Fighters fired at Tal Tamr and Wadi Hajar near Ras al-Ayn.", ("Wadi Hajar", "place")),  # not "Wadi" + "Hajar"
        ("Fighters fired at Tal Tamr and Wadi Hajar near Ras al-Ayn.", ("Ras al-Ayn", "place")),  # not "Ras" + "Ayn"
        ("A tanker was seized in the Gulf of Aden.", ("Gulf of Aden", "place")),  # not Aden
        ("Climbers reached the summit of Mount Kenya.", ("Mount Kenya", "place")),
        ("Lt. Gen. John Q. Public, the corps commander, said the unit would deploy.", ("John Q. Public", "PERSON")),
        ("ISIS commander Abu Yusuf al-Tikriti was killed in a strike.", ("Abu Yusuf al-Tikriti", "PERSON")),
        ("He said the 101st Airborne Division would deploy.", ("101st Airborne Division", "ORG")),
        ("The Government of Iraq thanked Air Forces Central Command.", ("Government of Iraq", "ORG")),
        ("The Government of Iraq thanked Air Forces Central Command.", ("Air Forces Central Command", "ORG")),
        ("Shares of Acme rose in the United States' market.", ("United States", "place")),  # possessive off
        ("Troops moved into Northern Aleppo.", ("Aleppo", "place")),  # a direction word is not part of the name
        ("Crews flew from RAF Lossiemouth to the exercise area on Tuesday.", ("RAF Lossiemouth", "place")),  # a base
        ("Marines trained at Camp Pendleton and Forward Operating Base Delaram last year.",
         ("Forward Operating Base Delaram", "place")),
        ("The frigate HMCS Halifax left the harbour on Tuesday.", ("HMCS Halifax", "place")),  # a ship, no person
        ("Helicopters flew from Łask Air Base to the range.", ("Łask Air Base", "place")),  # a capitalised base word
        ("Sailors of Indian Naval Ship (INS) TALWAR searched the creeks on Monday.",
         ("Indian Naval Ship (INS) TALWAR", "place")),  # a prefix spelled out, its acronym and the ship's name
    ],
)
def test_whole_names(any_nlp, text, expected):
    assert expected in ents(any_nlp, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hassan Abdi met the governor in Mandera.", ("Hassan Abdi", "PERSON")),  # the model reads the person
        ("Police fired tear gas in Lyon and Grantham on Saturday.", ("Lyon", "place")),  # the gazetteer types the place
        ("Kenyan police arrested two men in Garissa County.", ("Garissa County", "place")),  # a known place and its head
        ("Spokesperson Nasser Kanaani said the talks failed.", ("Nasser Kanaani", "PERSON")),  # title off the name
        ("The American Academy of Pediatrics (AAP) said.", ("American Academy of Pediatrics", "ORG")),
    ],
)
def test_trained_model_and_gazetteer_agree_on_one_name(trained_nlp, text, expected):
    assert expected in ents(trained_nlp, text)


@pytest.mark.parametrize(
    "text, label",
    [
        ("The talks ended on Friday, 1996-12, after one round and 3 days.", None),  # dates and numbers
        ("Shares of Acme rose 5% to $20 in the first quarter.", None),
        ("Kenyan police arrested two Somali men.", "NORP"),  # demonyms affiliate, they are no places
    ],
)
def test_only_names_become_entities(trained_nlp, text, label):
    doc = trained_nlp(text)
    assert {e.label_ for e in doc.ents} <= {label} - {None}
    assert all(e.label_ in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"} for e in doc.ents)
    assert not any(e._.kg_class in ("Place", "Settlement") for e in doc.ents)


def test_the_models_other_spans_are_kept_apart(trained_nlp):
    doc = trained_nlp("The talks ended on Friday after 3 days in Geneva.")
    assert {e.label_ for e in doc.spans["kg_model_other"]} >= {"DATE"}
    assert [e.text for e in doc.ents] == ["Geneva"]


def test_a_verb_opening_a_sentence_is_no_part_of_a_name(trained_nlp):
    found = ents(trained_nlp, "Headquartered at Fort Bragg, North Carolina, the division can deploy within 18 hours.")
    assert ("Fort Bragg", "place") in found and not any(text.startswith("Headquartered") for text, _ in found)


def test_a_prefix_before_a_weapon_names_no_base(any_nlp):
    assert ("RAF Typhoon", "place") not in ents(any_nlp, "Two RAF Typhoon jets flew over the city on Tuesday.")


def test_title_words_across_the_edge_of_a_model_span_are_no_name(trained_nlp):
    from spacy.tokens import Span

    merger = trained_nlp.get_pipe("kg_gazetteer").merger
    doc = trained_nlp.make_doc("Estonian Minister of Defence Mart Kask said the troops would stay.")
    trimmed = merger.trim(doc, Span(doc, 3, 6, label="ORG"))  # the model's "Defence Mart Kask"
    assert trimmed is not None and (trimmed.text, trimmed.label_) == ("Mart Kask", "PERSON")
    found = ents(trained_nlp, "Union Home Minister Rajnath Singh congratulated the agencies on Monday.")
    assert not any(text == "Union Home" for text, _ in found)  # "Home" belongs to the title



@pytest.mark.parametrize("text, model_span, person", [
    ("The sanctions will stay, said Secretary of the Treasury Dana Whitcombe.", (9, 12), "Dana Whitcombe"),
    ("Chancellor of the Exchequer Miles Ashdown said the budget would pass.", (3, 6), "Miles Ashdown"),
])
def test_a_cabinet_title_with_an_article_is_no_part_of_the_name(trained_nlp, text, model_span, person):
    from spacy.tokens import Span

    merger = trained_nlp.get_pipe("kg_gazetteer").merger
    doc = trained_nlp.make_doc(text)
    trimmed = merger.trim(doc, Span(doc, *model_span, label="ORG"))  # the model's "Treasury Dana Whitcombe"
    assert trimmed is not None and (trimmed.text, trimmed.label_) == (person, "PERSON")


@pytest.mark.parametrize("text, name", [
    # a headline the model reads as common words still names the place the story names
    ("Dozens of Burkinabe soldiers killed in JNIM attack near Djibo\nPublished 2024-06-13\n\nMilitants linked to "
     "al-Qaeda killed at least 30 soldiers in an attack on a military detachment near the town of Djibo in northern "
     "Burkina Faso on Tuesday.", "Djibo"),
    # one word read as a place once and as a person elsewhere is the place
    ("Calm returned to Janzour, on the western edge of Tripoli, on Tuesday. Fighting in Janzour, a suburb of "
     "Tripoli, killed eight people.", "Janzour"),
])
def test_a_name_is_the_same_thing_everywhere_in_a_story(trained_nlp, text, name):
    doc = trained_nlp(text)
    labels = [e.label_ for e in doc.ents if e.text == name]
    assert len(labels) == text.count(name) and set(labels) <= {"GPE", "LOC", "FAC"}, labels
