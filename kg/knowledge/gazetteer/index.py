"""The gazetteer index: every known name of every known actor and place, looked up by compact key."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from ..names import name_variants, skeleton, words

__all__ = ["Entry", "Gazetteer", "IndexBuilder", "RANK_LEXICON", "RANK_COUNTRY", "RANK_REGION", "RANK_CITY"]

# Ranks: lower wins when one key names several things.
RANK_LEXICON, RANK_COUNTRY, RANK_REGION, RANK_CITY = 0, 1, 2, 3
MAX_CANDIDATES = 6


class Entry(NamedTuple):
    """One known thing. key is stable across builds: "gn:170794", "iso:SY-DY", "lex:reuters"."""

    key: str
    label: str
    cls: str  # local name of its nkg class
    country: str | None = None  # ISO 3166-1 alpha-2
    region: str | None = None  # key of the region entry it lies in
    lat: float | None = None
    long: float | None = None
    population: int = 0
    same_as: tuple[str, ...] = ()
    member_of: str | None = None
    role: str | None = None
    alt_labels: tuple[str, ...] = ()


class Gazetteer:
    """Name index: compact name key -> candidate entries, best first.

    entries (list[Entry]): everything known.
    names (dict[str, tuple[int, ...]]): compact key -> entry indices, best first.
    prefixes (frozenset[str]): keys of the first words of longer names, so scans stop early.
    demonyms (dict[str, str]): compact demonym -> ISO country code.
    fuzzy (dict[str, tuple[int, ...]]): consonant skeleton -> big places, for close misspellings.
    articles (frozenset[str]): leading words names are also indexed without.
    """

    def __init__(self, entries: list[Entry], names: dict[str, tuple[int, ...]], *, prefixes: frozenset[str],
                 demonyms: dict[str, str], fuzzy: dict[str, tuple[int, ...]], articles: frozenset[str],
                 max_words: int) -> None:
        self.entries = entries
        self.names = names
        self.prefixes = prefixes
        self.demonyms = demonyms
        self.fuzzy = fuzzy
        self.articles = articles
        self.max_words = max_words
        self.by_key = {e.key: i for i, e in enumerate(entries)}
        self.country_index = {e.country: i for i, e in enumerate(entries) if e.cls == "Country" and e.country}

    def lookup(self, key: str) -> list[Entry]:
        """Candidates for one compact key, best first."""
        return [self.entries[i] for i in self.names.get(key, ())]

    def lookup_name(self, name: str) -> list[Entry]:
        """Candidates for a name as written."""
        for key in name_variants(name, self.articles):
            hits = self.lookup(key)
            if hits:
                return hits
        return []

    def lookup_fuzzy(self, name: str) -> list[Entry]:
        """Big places whose consonant skeleton matches: "Al-Haskah" -> Al-Hasakah."""
        out: list[Entry] = []
        for key in name_variants(name, self.articles):
            if len(key) >= 6:
                out += [self.entries[i] for i in self.fuzzy.get(skeleton(key), ())]
        return out

    def country(self, code: str | None) -> Entry | None:
        """The country entry for an ISO alpha-2 code."""
        i = self.country_index.get(code or "")
        return None if i is None else self.entries[i]

    def get(self, key: str | None) -> Entry | None:
        """The entry with this key ("gn:170794"), or None."""
        i = self.by_key.get(key or "")
        return None if i is None else self.entries[i]

    def merged(self, other: Gazetteer) -> Gazetteer:
        """This index with other's entries on top: other's candidates come first for every key.

        Used to lay the lexicons (small, edited often) over the world's places (large, built once).
        """
        offset = len(self.entries)
        names = dict(self.names)
        for key, idx in other.names.items():
            names[key] = (tuple(i + offset for i in idx) + names.get(key, ()))[:MAX_CANDIDATES]
        fuzzy = {k: tuple(i + offset for i in v) for k, v in other.fuzzy.items()}
        fuzzy.update(self.fuzzy)
        return Gazetteer([*self.entries, *other.entries], names, prefixes=self.prefixes | other.prefixes,
                         demonyms={**self.demonyms, **other.demonyms}, fuzzy=fuzzy, articles=self.articles,
                         max_words=max(self.max_words, other.max_words))


class IndexBuilder:
    """Collects entries and their names, then freezes them into a Gazetteer."""

    def __init__(self, articles: frozenset[str], is_common=None) -> None:
        self.articles = articles
        self.is_common = is_common or (lambda name, population: False)
        self.entries: list[Entry] = []
        self.names: dict[str, list[tuple[int, int]]] = defaultdict(list)  # key -> (rank, entry index)
        self.prefixes: set[str] = set()
        self.demonyms: dict[str, str] = {}

    def add(self, entry: Entry, names: Iterable[str], rank: int, *, guard_common: bool = False) -> int:
        """Add an entry under its names; guard_common skips names that are everyday words for small places."""
        idx = len(self.entries)
        self.entries.append(entry)
        for name in names:
            if guard_common and self.is_common(name, entry.population):
                continue
            self._add_name(idx, name, rank)
        return idx

    def _add_name(self, idx: int, name: str, rank: int) -> None:
        ws = words(name)
        for start in (0, 1) if len(ws) > 1 and ws[0] in self.articles else (0,):
            for k in range(start + 1, len(ws)):
                self.prefixes.add("".join(ws[start:k]))
        for n, key in enumerate(name_variants(name, self.articles)):
            # "Al-Omar" is indexed as "Omar" too, unless that is an everyday name or word
            if n and self.is_common(key, 0):
                continue
            if key and (rank, idx) not in self.names[key]:
                self.names[key].append((rank, idx))

    def build(self, *, fuzzy_classes: frozenset[str] = frozenset(), fuzzy_population: int = 100_000) -> Gazetteer:
        """The frozen index; places of fuzzy_classes (big ones) are also indexed by consonant skeleton."""
        names = {}
        for key, cands in self.names.items():
            cands.sort(key=lambda c: (c[0], -self.entries[c[1]].population))
            names[key] = tuple(i for _, i in cands[:MAX_CANDIDATES])
        max_words = max((len(words(n)) for e in self.entries for n in (e.label, *e.alt_labels)), default=1)
        fuzzy: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(self.entries):
            if e.cls in fuzzy_classes and (e.population >= fuzzy_population or e.cls == "AdministrativeRegion"):
                for key in {k for n in (e.label, *e.alt_labels) for k in name_variants(n, self.articles) if len(k) >= 6}:
                    if i not in fuzzy[skeleton(key)]:
                        fuzzy[skeleton(key)].append(i)
        unique = {k: tuple(v) for k, v in fuzzy.items() if len(v) == 1}
        return Gazetteer(self.entries, names, prefixes=frozenset(self.prefixes | set(self.demonyms)),
                         demonyms=self.demonyms, fuzzy=unique, articles=self.articles, max_words=min(max_words, 8))
