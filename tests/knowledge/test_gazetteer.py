"""The gazetteer index: world places and curated actors, found under their many spellings."""
import pytest



@pytest.fixture(scope="module")
def gaz(knowledge):
    return knowledge.gazetteer


@pytest.mark.parametrize(
    "name, key_prefix, cls, country",
    [
        ("Deir ez-Zor", "iso:SY-DY", "AdministrativeRegion", "SY"),  # region merged with its capital
        ("Dayr az Zawr", "iso:SY-DY", "AdministrativeRegion", "SY"),  # ISO spelling
        ("Aleppo", "iso:SY-HL", "AdministrativeRegion", "SY"),  # Halab province and its capital
        ("Iran", "gn:130758", "Country", "IR"),  # country by GeoNames id
        ("United States", "gn:6252001", "Country", "US"),
        ("CENTCOM", "lex:", "MilitaryForce", "US"),  # curated actor by acronym
        ("Islamic Revolution Guard Corps", "lex:", "MilitaryForce", "IR"),  # alias of the IRGC
        ("Mosul", "", "Settlement", "IQ"),  # plain city
    ],
)
def test_known_names(gaz, name, key_prefix, cls, country):
    top = gaz.lookup_name(name)[0]
    assert top.key.startswith(key_prefix) and top.cls == cls and top.country == country


@pytest.mark.parametrize("word", ["Base", "Gulf", "Most", "Reading", "Police"])
def test_everyday_words_are_not_small_places(gaz, word):
    assert not [e for e in gaz.lookup_name(word) if e.cls in ("Settlement", "AdministrativeRegion")]


@pytest.mark.parametrize(
    "word, not_label",
    [
        ("Part", "Perth"),  # an English word among a big city's alternate names
        ("Pak", "Paka"),  # a short alternate name in another language
        ("Asa", "Osa"),
    ],
)
def test_alternate_names_that_are_words_or_short_are_not_indexed(gaz, word, not_label):
    assert not_label not in {e.label for e in gaz.lookup_name(word)}


@pytest.mark.parametrize("name, key", [("Florida", "iso:US-FL"), ("Texas", "iso:US-TX"), ("Sindh", "iso:PK-SD")])
def test_frequent_region_names_are_not_everyday_words(gaz, name, key):
    assert gaz.lookup_name(name)[0].key == key  # the biggest region of that name first


@pytest.mark.parametrize("word", ["Centre", "Delta", "Rivers"])
def test_regions_named_by_everyday_words_need_more_than_the_word(gaz, word):
    assert not [e for e in gaz.lookup_name(word) if e.cls == "AdministrativeRegion"]


def test_homs_is_still_found_by_its_alternate_name(gaz):
    assert any(e.country == "SY" for e in gaz.lookup_name("Homs"))


@pytest.mark.parametrize("adjective, code", [("Iranian", "IR"), ("Syrian", "SY"), ("Ukrainian", "UA"), ("British", "GB")])
def test_demonyms(gaz, adjective, code):
    from kg.knowledge.names import compact

    assert gaz.demonyms[compact(adjective)] == code


def test_fuzzy_finds_close_misspelling_of_a_big_place(gaz):
    assert gaz.lookup_fuzzy("Al-Haskah")[0].key == "iso:SY-HA"
    assert gaz.lookup_fuzzy("Zzyzx Springs") == []


def test_lexicon_facility_lies_in_its_region(gaz):
    field = gaz.lookup_name("Al-Omar oil field")[0]
    assert field.cls == "Facility" and field.region == "iso:SY-DY" and field.lat is not None
