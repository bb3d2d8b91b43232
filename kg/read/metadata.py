"""Metadata written into the text itself: headline, date lines, bylines, photo captions."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from dateutil import parser as dateparser

__all__ = ["TextMetadata", "read_text_metadata", "parse_date"]

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_DATE_WORDS = (rf"(?:\d{{4}}-\d{{2}}-\d{{2}}{_TIME}"
               rf"|{_WEEKDAY}{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
               rf"|{_WEEKDAY}\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})")
# "date 2022-08-24 Posted on by someone", "Published: March 3, 2024 10:45 AM", "Updated 2024-03-27".
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:date|dated|published|updated|posted(?:\s+on)?|last\s+updated)\s*(?:on)?\s*:?\s*)?"
    rf"(?P<date>{_DATE_WORDS})\b(?P<rest>.*)$", re.I)
# "By News Desk - March 25 2023", "By Jane Doe | Reuters | March 3, 2024".
_BYLINE_DATE = re.compile(
    rf"^\s*By\s+(?P<author>[^-–—|]+?)\s*[-–—|,]\s*(?:[^-–—|]+?\s*[-–—|]\s*)?"
    rf"(?P<date>{_DATE_WORDS})\b.*$", re.I)
# "MOSCOW, February 26, 2025", "KYIV, March 3, 2024 (Reuters) -": a wire dateline on a line of its own.
_DATELINE = re.compile(rf"^\s*(?P<city>[^\W\d][\w .'’-]{{1,40}}),\s*(?P<date>{_DATE_WORDS})\s*(?:\([^()]{{2,30}}\))?\s*[-–—]?\s*$",
                       re.I)
# "PRESS RELEASE | Ministry of Defence | September 9, 2025": fields of a release's header line.
_FIELD_SEP = re.compile(r"\s+[|•·]\s+")
# "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Posted on by uprootedpalestinians".
_BYLINE = re.compile(r"^\s*(?:posted\s+(?:on\s+)?)?by\s+(?P<author>[^|,;:]{2,60}?)\s*(?:[|,;].*)?$", re.I)
_REST_AUTHOR = re.compile(r"^\W*(?:posted\s*(?:on)?\s*)?(?:by\s+(?P<author>\S.{0,59}?))?\s*$", re.I)
_CREDITS = (r"Reuters|AFP|AP|AP Photo|Getty Images|EPA|EPA-EFE|Anadolu(?: Agency)?|file photo|Xinhua|UPI|WAFA"
            r"|IRNA|SANA")
_CAPTION = re.compile(
    rf"^\s*\((?:photo|image|picture|video)[^)]*\)\s*$"             # (Photo credit: Getty Images)
    rf"|\((?:[^()]*/)?(?:{_CREDITS})(?:/[^()]*)?\)\s*$"             # ... (Reuters), (AP Photo/Jane Doe)
    rf"|^\s*(?:photo|image|file photo|picture)\s*(?:credit)?\s*:"   # Photo: ...
    rf"|\b(?:photo|picture|image)\s*:\s*[^.]{{2,60}}$", re.I)
# A caption without a known agency: "..., Yemen, February 23, 2024 (Saba)": a date, then a short credit.
_DATED_CAPTION = re.compile(rf"{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}\s*\([^()]{{2,40}}\)\s*$", re.I)


def _field_date(line: str) -> date | None:
    """The date of a short header line of fields ("NEWS RELEASE | Coast Guard District 7 | May 2, 2025")."""
    if len(line) > 160 or not _FIELD_SEP.search(line):
        return None
    for field in _FIELD_SEP.split(line):
        m = _DATE_LINE.match(field)
        if m and not m.group("rest").strip():
            return parse_date(m.group("date"))
    return None


def _dateline_date(line: str) -> date | None:
    """The date of a wire dateline ("MOSCOW, February 26, 2025"): a place in capitals, then the day."""
    m = _DATELINE.match(line)
    return parse_date(m.group("date")) if m and m.group("city").isupper() else None


@lru_cache(maxsize=4096)  # a corpus repeats its dates, and dateutil is a build's costliest read
def parse_date(text: str) -> date | None:
    """A calendar day from text like "2022-08-24" or "March 25 2023"; None if it is not one.

    >>> parse_date("Tuesday, March 12th, 2024")
    datetime.date(2024, 3, 12)
    """
    try:
        return dateparser.parse(text, default=None, fuzzy=False).date()  # type: ignore[union-attr]
    except (ValueError, OverflowError, AttributeError, TypeError):
        return None


class TextMetadata:
    """What the first lines of a plain-text article say about it."""

    def __init__(self) -> None:
        self.headline: str | None = None
        self.published: date | None = None
        self.author: str | None = None
        self.captions: list[str] = []


def is_caption(line: str) -> bool:
    """Whether a line reads like a photo caption or credit rather than part of the story."""
    # Every pattern needs a closing bracket at the end or photo, image or picture: most lines have
    # neither, and the regular expressions (which try every position) are a build's costliest read.
    # (The tails checked are letters whose case has no other forms, so no caption is missed.)
    if not line.rstrip().endswith(")") and not any(tail in line.lower() for tail in ("hoto", "mage", "ctur")):
        return False
    return bool(_CAPTION.search(line) or _DATED_CAPTION.search(line))


def _author(text: str | None) -> str | None:
    text = (text or "").strip(" .-–—|,")
    return text or None


def read_text_metadata(text: str) -> TextMetadata:
    """Find the headline (a short first line), a date line or byline, and photo-caption lines.

    Only the first lines are searched for a headline, date and byline; captions anywhere.
    Nothing is removed from the text: the caption lines stay in the story the extractor reads.
    """
    meta = TextMetadata()
    seen = 0  # non-empty lines so far
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        seen += 1
        if is_caption(line):
            meta.captions.append(line)
            continue
        if seen > 8:
            continue
        if meta.published is None:
            m = _BYLINE_DATE.match(line) or _DATE_LINE.match(line)
            if m:
                meta.published = parse_date(m.group("date"))
                author = m.groupdict().get("author")
                if author is None:
                    rest = _REST_AUTHOR.match(m.group("rest") or "")
                    author = rest.group("author") if rest else None
                meta.author = meta.author or _author(author)
                continue
            meta.published = _field_date(line) or _dateline_date(line)
            if meta.published is not None:
                continue
        if meta.author is None and len(line) < 80:
            m = _BYLINE.match(line)
            if m:
                meta.author = _author(m.group("author"))
                continue
        short = len(line) < 200 and not line.endswith((".", ":", ",", ";"))
        if meta.headline is None and seen <= 2 and short:
            meta.headline = line
    return meta
