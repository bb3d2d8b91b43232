"""People from titles and appositions, with their role and organization."""
import pytest


def roles(nlp, text):
    doc = nlp(text)
    out = set()
    for p0, p1, role, o0, o1 in doc._.kg_roles:
        out.add((doc[p0:p1].text, role.lower(), doc[o0:o1].text if o0 is not None else None))
    return out


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ukrainian Foreign Ministry spokesperson Heorhii Tykhyi said the talks failed.",
         ("Heorhii Tykhyi", "spokesperson", "Ukrainian Foreign Ministry")),  # org + role + name
        ("NATO spokesperson Colonel Martin O'Donnell declined to comment.",
         ("Martin O'Donnell", "spokesperson", "NATO")),  # role + rank + name
        ("Lebanon's caretaker Prime Minister Najib Mikati spoke.", ("Najib Mikati", "prime minister", "Lebanon")),  # possessive
        ("Kaja Kallas, the EU foreign policy chief, arrived.", None),  # apposition without a known role word: no claim
        ("Amina Yusuf, spokesperson for the Somali National Army, said it was over.",
         ("Amina Yusuf", "spokesperson", "Somali National Army")),  # apposition with "for"
        ("Yusuf Haidar, the chief negotiator and spokesman of Hezbollah, spoke.",
         ("Yusuf Haidar", "negotiator and spokesman", "Hezbollah")),  # two roles, then "of"
    ],
)
def test_roles(nlp, text, expected):
    found = roles(nlp, text)
    if expected is None:
        assert all(r[2] is None or r[1] != "chief" for r in found)
    else:
        assert expected in found


def test_surname_is_the_same_person(nlp):
    doc = nlp("Defence Minister Rustem Umerov visited the front. Umerov said supplies were short.")
    people = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert people == ["Rustem Umerov", "Umerov"]
