"""kg.read.metadata: headline, date line, byline and caption lines read from the text itself."""
from __future__ import annotations

from datetime import date

import pytest

from kg.read.metadata import is_caption, parse_date, read_text_metadata


@pytest.mark.parametrize(
    "text, headline, published, author",
    [
        ("US strikes Deir Ezzor again\nThe US has launched a new attack.", "US strikes Deir Ezzor again", None, None),  # headline
        (" date 2022-08-24 Posted on by uprootedpalestinians\n\nThe US forces said.", None, date(2022, 8, 24),
         "uprootedpalestinians"),  # posted-on-by
        ("Missiles hit bases\nBy News Desk - March 25 2023\n\nTwo bases were hit.", "Missiles hit bases",
         date(2023, 3, 25), "News Desk"),  # byline-date
        ("Strike on Odesa\nBy Staff Writer - 14 May 2024\n\nStory.", "Strike on Odesa", date(2024, 5, 14),
         "Staff Writer"),  # day-month
        ("Headline here\nPosted on March 3, 2024 by John Smith\n\nBody.", "Headline here", date(2024, 3, 3),
         "John Smith"),  # posted-on
        ("Title\nBy Jane Doe and John Roe, Reuters\nTuesday, March 12, 2024\n\nBody.", "Title", date(2024, 3, 12),
         "Jane Doe and John Roe"),  # separate-lines
        ("Title\nPublished: 2024-03-12T10:00:00Z\n\nBody.", "Title", date(2024, 3, 12), None),  # iso-timestamp
        ("Title\nBy Jane Doe | Reuters | March 3, 2024\nStory.", "Title", date(2024, 3, 3), "Jane Doe"),  # pipes
        ("Navy seizes heroin\nNEWS RELEASE | Coast Guard District 7 | May 2, 2025\n\nThe crew.", "Navy seizes heroin",
         date(2025, 5, 2), None),  # release-fields
        ("Turkish drones pound PKK\nSeptember 17, 2024\n\nTurkey struck.", "Turkish drones pound PKK",
         date(2024, 9, 17), None),  # bare-date
        ("Russian forces hit Sumy\nMOSCOW, February 26, 2025\n\nThe ministry said.", "Russian forces hit Sumy",
         date(2025, 2, 26), None),  # wire dateline
        ("Talks resume\nKYIV, March 3, 2024 (Reuters) -\n\nStory.", "Talks resume", date(2024, 3, 3), None),
        ("Talks resume\nMeanwhile, March 3, 2024 was a Sunday\n\nStory.", "Talks resume", None, None),  # not a place
        ("The army said it struck ten targets.\nMore text.", None, None, None),  # no-headline
        ("", None, None, None),  # empty
    ],
)
def test_read_text_metadata(text: str, headline: str | None, published: date | None, author: str | None) -> None:
    meta = read_text_metadata(text)
    assert (meta.headline, meta.published, meta.author) == (headline, published, author)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Boys look out the window near Damascus airport, Syria, November 20, 2019 (Reuters)", True),  # agency
        ("(Photo credit: Getty Images)", True),  # credit
        ("Firefighters at the site in Odesa, Ukraine, May 14, 2024 (AP Photo)", True),  # ap-photo
        ("Smoke rises over Ras Issa, Yemen, February 23, 2024 (Saba)", True),  # dated-credit
        ("Photo: Ali Jadallah/Anadolu", True),  # photo-colon
        ("The Rapid Support Forces (RSF) shelled the camp.", False),  # acronym
        ("Three soldiers were injured, the Pentagon said.", False),  # story
    ],
)
def test_is_caption(line: str, expected: bool) -> None:
    assert is_caption(line) is expected


def test_captions_listed_but_kept_in_text() -> None:
    text = "Strike on Odesa\n\nFirefighters at the port, May 14, 2024 (AP Photo)\n\nRussian missiles hit Odesa."
    meta = read_text_metadata(text)
    assert meta.captions == ["Firefighters at the port, May 14, 2024 (AP Photo)"]
    assert meta.headline == "Strike on Odesa"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2022-08-24", date(2022, 8, 24)),  # iso
        ("March 25 2023", date(2023, 3, 25)),  # month-day
        ("Tuesday, March 12th, 2024", date(2024, 3, 12)),  # weekday-ordinal
        ("2024-13-45", None),  # impossible
        ("not a date", None),  # words
        ("99999999999999999999", None),  # overflow
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected
