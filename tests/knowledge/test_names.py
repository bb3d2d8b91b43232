"""Name keys: spellings that must meet, and ones that must not."""
import pytest

from kg.knowledge.names import compact, name_variants, skeleton, slug


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Deir Ezzor", "Deir ez-Zor", True),  # hyphen and space
        ("Stéphane Dujarric", "Stephane Dujarric", True),  # accents
        ("Amir Al-Mu’minin", "Amir Al-Mu'minin", True),  # curly apostrophe
        ("Raqqa", "Damascus", False),  # different names
    ],
)
def test_compact_meets_spelling_variants(a, b, same):
    assert (compact(a) == compact(b)) is same


@pytest.mark.parametrize(
    "name, keys",
    [
        ("Al-Hasakah", ["alhasakah", "hasakah"]),  # leading article dropped
        ("The Pentagon", ["thepentagon", "pentagon"]),  # English article too
        ("Aleppo", ["aleppo"]),  # nothing to drop
    ],
)
def test_name_variants(knowledge, name, keys):
    assert name_variants(name, knowledge.lexicons.words("nameArticles")) == keys


def test_skeleton_meets_close_misspelling():
    assert skeleton(compact("Haskah")) == skeleton(compact("Hasakah"))
    assert skeleton(compact("Homs")) != skeleton(compact("Hama"))


@pytest.mark.parametrize("text", ['Quote "me" <now>\nplease', "مرحبا بالعالم", "🙂🙂", ""])
def test_slug_is_iri_safe(text):
    s = slug(text)
    assert s and all(c.isalnum() or c == "-" for c in s)
