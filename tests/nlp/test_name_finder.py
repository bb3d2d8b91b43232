"""Names the gazetteer does not know, typed from head words and context."""
import pytest


def ents(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Sudanese Interior Ministry issued a statement.", ("Sudanese Interior Ministry", "ORG")),  # org head
        ("Graduates of the Imam Reza Naval Academy attended.", ("Imam Reza Naval Academy", "ORG")),  # honorific inside
        ("Rockets hit the Zawiya gas field overnight.", ("Zawiya gas field", "FAC")),  # facility head
        ("The convoy used the border crossing of Tal Kocher to reach Iraq.", ("Tal Kocher", "FAC")),  # crossing of X
        ("Fighters from the Sinjar Resistance Units (YBS) took part.", ("YBS", "ORG")),  # defined acronym
        ("They moved from Zarbat al-Nour, Hama Governorate, to the north.", ("Zarbat al-Nour", "LOC")),  # X, Region
        ("Militias loyal to Tehran and Iran-backed groups fired rockets.", ("Iran-backed groups", "ORG")),  # X-backed
    ],
)
def test_finds_and_types(nlp, text, expected):
    assert expected in ents(nlp, text)


@pytest.mark.parametrize(
    "text, absent",
    [
        ("Convoys of trucks crossed the border.", "Convoys"),  # sentence-initial word
        ("Most Popular", "Most"),  # page furniture
        ("US bases came under attack.", "US bases"),  # generic, not a name
    ],
)
def test_does_not_invent_names(nlp, text, absent):
    assert absent not in {e.text for e in nlp(text).ents}
