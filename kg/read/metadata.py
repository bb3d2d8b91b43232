"""Metadata written into the text itself: headline, date lines, bylines, photo captions."""
from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateparser

__all__ = ["TextMetadata", "read_text_metadata", "parse_date"]

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_WORDS = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}})"
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:date|published|updated|posted(?: on)?)\s*:?\s*)?(?P<date>{_DATE_WORDS})\b(?P<rest>.*)$", re.I
)
_BYLINE = re.compile(rf"^\s*By\s+(?P<author>[^-–—|]+?)\s*[-–—|]\s*(?P<date>{_DATE_WORDS})\s*$", re.I)
_POSTED_BY = re.compile(r"posted on\s*(?:\S+\s+)?by\s+(?P<author>\S+)", re.I)
_CAPTION = re.compile(
    r"^\s*\((?:photo|image|picture)[^)]*\)\s*$|\((?:Reuters|AFP|AP|Getty Images|EPA|Anadolu|file photo)\)\s*$|"
    r"^\s*(?:photo|image|file photo)\s*(?:credit)?\s*:", re.I
)


def parse_date(text: str) -> date | None:
    """A calendar day from text like "2022-08-24" or "March 25 2023"; None if it is not one."""
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


def read_text_metadata(text: str) -> TextMetadata:
    """Find the headline (a short first line), a date line or byline, and photo-caption lines."""
    meta = TextMetadata()
    lines = [ln.strip() for ln in text.splitlines()]
    for i, line in enumerate(lines):
        if not line:
            continue
        if _CAPTION.search(line):
            meta.captions.append(line)
            continue
        if i < 8 and meta.published is None:
            m = _BYLINE.match(line) or _DATE_LINE.match(line)
            if m:
                meta.published = parse_date(m.group("date"))
                author = m.groupdict().get("author")
                rest = m.groupdict().get("rest") or ""
                posted = _POSTED_BY.search(rest)
                meta.author = (author or (posted.group("author") if posted else None) or None)
                continue
        if meta.headline is None and len(line) < 160 and not line.endswith((".", ":")) and i < 3:
            meta.headline = line
    return meta
