"""Time expressions resolve against the publication date, and never guess a day without one."""
from datetime import date

import pytest

from kg.nlp.time_normalizer import Calendar, resolve_time

PUB = date(2023, 3, 25)  # a Saturday


@pytest.fixture(scope="module")
def calendar(knowledge):
    lex = knowledge.lexicons
    return Calendar(lex.sequence("weekdays"), lex.sequence("months"))


@pytest.mark.parametrize(
    "text, published, day",
    [
        ("late on 24 March", PUB, date(2023, 3, 24)),  # day-month, year from the article
        ("on Tuesday", PUB, date(2023, 3, 21)),  # last Tuesday on or before
        ("Friday night", PUB, date(2023, 3, 24)),  # weekday with a part of day
        ("early Saturday", PUB, date(2023, 3, 25)),  # the publication day itself
        ("August 15", date(2022, 8, 24), date(2022, 8, 15)),  # month-day
        ("December 30", date(2023, 1, 2), date(2022, 12, 30)),  # year boundary
        ("November 20, 2019", None, date(2019, 11, 20)),  # absolute: no publication date needed
        ("2022-08-24", None, date(2022, 8, 24)),  # ISO
        ("yesterday", PUB, date(2023, 3, 24)),  # relative day
        ("on Tuesday", None, None),  # no publication date: no guess
        ("earlier this month", PUB, None),  # vague: words only
    ],
)
def test_resolve(calendar, text, published, day):
    m = calendar.pattern.search(text)
    assert m is not None
    assert resolve_time(m, published, calendar)[0] == day


def test_weekday_is_kept_without_a_date(calendar):
    m = calendar.pattern.search("carried out air strikes on Tuesday")
    assert resolve_time(m, None, calendar)[1] == 1


def test_component_reads_published_from_the_doc(nlp):
    doc = nlp.make_doc("The strike came on Sunday.")
    doc._.kg_published = date(2024, 1, 17)
    doc = nlp(doc)
    assert [t.day for t in doc._.kg_times] == [date(2024, 1, 14)]
