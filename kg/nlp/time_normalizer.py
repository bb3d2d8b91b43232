"""The kg_time_normalizer component: time expressions and the calendar days they name.

Days are resolved against the article's publication date (doc._.kg_published): "on Tuesday" is
the last Tuesday on or before it, "late on 24 March" takes its year, "yesterday" is the day
before. Without a publication date only absolute dates resolve; a weekday is kept as a weekday
so that events can still be compared, and no day is ever guessed.
Result: doc._.kg_times = [TimeMention, ...].
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import token_arrays

__all__ = ["TimeMention", "TimeNormalizer", "make_time_normalizer", "resolve_time"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PRE = r"(?:(?:early|late|earlier|later)\s+(?:on\s+)?|on\s+|since\s+|by\s+)?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
PATTERN = re.compile(
    rf"\b(?:{_PRE}(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|{_PRE}(?P<md_m>{_MON})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<md_y>\d{{4}}))?"
    rf"|{_PRE}(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm_m>{_MON})(?:,?\s+(?P<dm_y>\d{{4}}))?"
    rf"|{_PRE}(?P<wd>{_WD}){_PART}"
    rf"|(?P<rel>yesterday|today|tonight|last night|this morning|earlier this (?:week|month|year)|last (?:week|month|year)|"
    rf"(?:hours|days|weeks|minutes) (?:later|earlier|before|after)|within (?:\d+|24|48) hours))\b",
    re.I,
)


TIME_WORDS = frozenset([*WEEKDAYS, *MONTHS, "yesterday", "today", "tonight", "last", "this", "earlier", "hours", "days",
                        "weeks", "minutes", "within"])


@dataclass(frozen=True)
class TimeMention:
    """A time expression: token offsets, the words, its day when known, its weekday (0=Monday) when named."""

    start: int
    end: int
    text: str
    day: date | None
    weekday: int | None = None
    relative: bool = False


def _year_for(month: int, day: int, published: date) -> date | None:
    for year in (published.year, published.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if d <= published + timedelta(days=7):
            return d
    return None


def resolve_time(m: re.Match, published: date | None) -> tuple[date | None, int | None, bool]:
    """(day, weekday, relative) for one regex match of PATTERN."""
    g = m.groupdict()
    try:
        if g["iso"]:
            y, mo, d = map(int, g["iso"].split("-"))
            return date(y, mo, d), None, False
        for mk, dk, yk in (("md_m", "md_d", "md_y"), ("dm_m", "dm_d", "dm_y")):
            if g[mk]:
                month = MONTHS[g[mk].lower().rstrip(".")[:4] if g[mk].lower().startswith("sept") else g[mk].lower().rstrip(".")[:3]]
                day = int(g[dk])
                if g[yk]:
                    return date(int(g[yk]), month, day), None, False
                return (_year_for(month, day, published) if published else None), None, False
    except (ValueError, KeyError):
        return None, None, False
    if g["wd"]:
        wd = WEEKDAYS.index(g["wd"].lower())
        if published is None:
            return None, wd, False
        back = (published.weekday() - wd) % 7
        return published - timedelta(days=back), wd, False
    rel = (g["rel"] or "").lower()
    if published is not None:
        if rel in ("today", "tonight", "this morning"):
            return published, None, False
        if rel in ("yesterday", "last night"):
            return published - timedelta(days=1), None, False
    return None, None, True


@Language.factory("kg_time_normalizer", assigns=["doc._.kg_times"], default_config={})
def make_time_normalizer(nlp: Language, name: str) -> TimeNormalizer:
    """Build the time normalizer (regular expressions; no data files)."""
    return TimeNormalizer(name)


class TimeNormalizer:
    """Finds time expressions and resolves them to days."""

    def __init__(self, name: str = "kg_time_normalizer") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.kg_published
        times = []
        arrays = token_arrays(doc)
        text = arrays.text
        # The full pattern is slow to try at every word; run it only on sentences with a time word.
        hot = [k for k, w in enumerate(arrays.lower) if w in TIME_WORDS or w[:1].isdigit()]
        windows: list[tuple[int, int]] = []
        for s, e in arrays.sentences() if hot else ():
            if any(s <= k < e for k in hot):
                windows.append((arrays.idx[s], arrays.idx[e - 1] + len(arrays.texts[e - 1])))
        for a, b in windows:
            for m in PATTERN.finditer(text, a, b):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None:
                    continue
                day, weekday, relative = resolve_time(m, published)
                times.append(TimeMention(span.start, span.end, m.group(0), day, weekday, relative))
        doc._.kg_times = times
        return doc
