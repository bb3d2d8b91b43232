"""The kg_time_normalizer component: time expressions and the calendar days they name.

Days are resolved against the article's publication date (doc._.kg_published): "on Tuesday" is
the last Tuesday on or before it, "late on 24 March" takes its year, "yesterday" is the day
before. Without a publication date only absolute dates resolve; a weekday is kept as a weekday
so that events can still be compared, and no day is ever guessed.
Result: doc._.kg_times = [TimeMention, ...].
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .component import KnowledgeComponent
from .extensions import token_arrays

__all__ = ["TimeMention", "TimeNormalizer", "make_time_normalizer", "resolve_time", "Calendar"]

_PRE = r"(?:(?:early|late|earlier|later)\s+(?:on\s+)?|on\s+|since\s+|by\s+)?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_REL = (r"yesterday|today|tonight|last night|this morning|earlier this (?:week|month|year)|last (?:week|month|year)|"
        r"(?:hours|days|weeks|minutes) (?:later|earlier|before|after)|within (?:\d+|24|48) hours|(?:a few |several )?days ago")
# "a day after the attack", "two days before the vote": so many days from an event the sentence names next
_OFFSET = r"(?P<off>a|one|two|three|four|five|six|\d+|the|the next|the following)\s+days?\s+(?P<dir>after|before)"
OFFSET_WORDS = {"a": 1, "one": 1, "the": 1, "the next": 1, "the following": 1, "two": 2, "three": 3, "four": 4,
                "five": 5, "six": 6}
REL_WORDS = frozenset({"yesterday", "today", "tonight", "last", "this", "earlier", "hours", "days", "weeks", "minutes",
                       "within", "day", "ago"})


class Calendar:
    """Weekday and month names (from lex:weekdays and lex:months) and the pattern of time expressions."""

    def __init__(self, weekdays: tuple[str, ...], months: tuple[str, ...]) -> None:
        self.weekdays = [w.lower() for w in weekdays]
        self.months = {m.lower()[:3]: i + 1 for i, m in enumerate(months)}
        mon = "(?:" + "|".join(f"{m.lower()}|{m.lower()[:4]}|{m.lower()[:3]}" for m in months) + r")\.?"
        wd = "(?:" + "|".join(self.weekdays) + ")"
        self.pattern = re.compile(
            rf"\b(?:{_PRE}(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
            rf"|{_PRE}(?P<md_m>{mon})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<md_y>\d{{4}}))?"
            rf"|{_PRE}(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm_m>{mon})(?:,?\s+(?P<dm_y>\d{{4}}))?"
            rf"|{_PRE}(?P<wd>{wd}){_PART}"
            rf"|{_OFFSET}"
            rf"|(?P<rel>{_REL}))\b",
            re.I,
        )
        self.time_words = frozenset(self.weekdays) | {m.lower() for m in months} | set(self.months) | REL_WORDS

    def month(self, name: str) -> int:
        """The number of a month name or abbreviation ("Sept." -> 9)."""
        return self.months[name.lower().rstrip(".")[:3]]


@dataclass(frozen=True)
class TimeMention:
    """A time expression: token offsets, the words, its day when known, its weekday (0=Monday) when named,
    and for "a day after X" the offset in days from the event X."""

    start: int
    end: int
    text: str
    day: date | None
    weekday: int | None = None
    relative: bool = False
    offset: int | None = None  # days from the event named right after it ("a day after the attack": +1)


def _year_for(month: int, day: int, published: date) -> date | None:
    for year in (published.year, published.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if d <= published + timedelta(days=7):
            return d
    return None


def resolve_time(m: re.Match, published: date | None, calendar: Calendar) -> tuple[date | None, int | None, bool]:
    """(day, weekday, relative) for one match of calendar.pattern."""
    g = m.groupdict()
    try:
        if g["iso"]:
            y, mo, d = map(int, g["iso"].split("-"))
            return date(y, mo, d), None, False
        for mk, dk, yk in (("md_m", "md_d", "md_y"), ("dm_m", "dm_d", "dm_y")):
            if g[mk]:
                month = calendar.month(g[mk])
                day = int(g[dk])
                if g[yk]:
                    return date(int(g[yk]), month, day), None, False
                return (_year_for(month, day, published) if published else None), None, False
    except (ValueError, KeyError):
        return None, None, False
    if g["wd"]:
        wd = calendar.weekdays.index(g["wd"].lower())
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


def _offset(m: re.Match) -> int | None:
    """+n for "n days after", -n for "n days before", None for other expressions."""
    off = m.groupdict().get("off")
    if not off:
        return None
    n = int(off) if off.isdigit() else OFFSET_WORDS.get(off.lower(), 1)
    return n if m.group("dir").lower() == "after" else -n


@Language.factory("kg_time_normalizer", assigns=["doc._.kg_times"], default_config={})
def make_time_normalizer(nlp: Language, name: str) -> TimeNormalizer:
    """Build the time normalizer; weekday and month names come from ontology/lexicon/words.ttl."""
    return TimeNormalizer(name)


class TimeNormalizer(KnowledgeComponent):
    """Finds time expressions and resolves them to days."""

    @property
    def calendar(self) -> Calendar:
        """The names and pattern of time expressions, built once per knowledge."""
        lex = self.knowledge.lexicons
        return _calendar(lex.sequence("weekdays"), lex.sequence("months"))

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.kg_published
        calendar = self.calendar
        times = []
        arrays = token_arrays(doc)
        text = arrays.text
        # The full pattern is slow to try at every word; run it only on sentences with a time word.
        hot = [k for k, w in enumerate(arrays.lower) if w in calendar.time_words or w[:1].isdigit()]
        windows: list[tuple[int, int]] = []
        for s, e in arrays.sentences() if hot else ():
            if bisect_left(hot, s) < bisect_left(hot, e):
                windows.append((arrays.idx[s], arrays.idx[e - 1] + len(arrays.texts[e - 1])))
        for a, b in windows:
            for m in calendar.pattern.finditer(text, a, b):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None:
                    continue
                day, weekday, relative = resolve_time(m, published, calendar)
                times.append(TimeMention(span.start, span.end, m.group(0), day, weekday, relative, _offset(m)))
        doc._.kg_times = times
        return doc


@lru_cache(maxsize=4)
def _calendar(weekdays: tuple[str, ...], months: tuple[str, ...]) -> Calendar:
    return Calendar(weekdays, months)
