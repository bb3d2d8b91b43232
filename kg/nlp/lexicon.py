"""Word lists the extractor reads from ontology/lexicon/: roles, ranks, name cues, instruments, triggers."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ..data import ontology_dir

__all__ = ["Lexicons", "load_lexicons", "Phrases", "LexiconUser"]

NKG = "https://w3id.org/newskg/ontology#"
LEX = "https://w3id.org/newskg/lexicon/"
SKOS = "http://www.w3.org/2004/02/skos/core#"


class Phrases(dict):
    """Lowercase word tuple -> value, indexed by first word so that most tokens cost one lookup."""

    def __init__(self) -> None:
        super().__init__()
        self.max_len = 1
        self.by_first: dict[str, list[int]] = {}  # first word -> phrase lengths, longest first

    def add(self, phrase: str, value: object) -> None:
        key = tuple(phrase.lower().replace("-", " - ").split())
        if key and key not in self:
            self[key] = value
            self.max_len = max(self.max_len, len(key))
            lengths = self.by_first.setdefault(key[0], [])
            if len(key) not in lengths:
                lengths.append(len(key))
                lengths.sort(reverse=True)

    def match(self, words: list[str], i: int) -> tuple[int, object] | None:
        """Longest phrase starting at words[i]: (length, value), or None."""
        lengths = self.by_first.get(words[i])
        if lengths is None:
            return None
        for n in lengths:
            if i + n <= len(words):
                v = self.get(tuple(words[i:i + n]))
                if v is not None:
                    return n, v
        return None


@dataclass
class Lexicons:
    roles: Phrases = field(default_factory=Phrases)  # -> canonical role
    ranks: Phrases = field(default_factory=Phrases)
    honorifics: Phrases = field(default_factory=Phrases)
    cues: Phrases = field(default_factory=Phrases)  # head word -> nkg class local name
    instruments: Phrases = field(default_factory=Phrases)  # -> (canonical, attack class)
    triggers: Phrases = field(default_factory=Phrases)  # lemma phrase -> event class


def _read(path: Path) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    if path.exists():
        with open(path, "rb") as f:
            for t in ox.parse(f, format=ox.RdfFormat.TURTLE):
                out[t.subject.value][t.predicate.value].append(t.object.value)
    return out


def _concepts(path: Path):
    for subject, props in _read(path).items():
        pref = props.get(SKOS + "prefLabel", [])
        if pref:
            yield subject, props, pref[0], [pref[0], *props.get(SKOS + "altLabel", [])]


@lru_cache(maxsize=4)
def load_lexicons(folder: str | None = None) -> Lexicons:
    """Read every word list once per process."""
    lex = Path(folder) if folder else ontology_dir() / "lexicon"
    out = Lexicons()
    for _, props, pref, labels in _concepts(lex / "roles.ttl"):
        scheme = props.get(SKOS + "inScheme", [LEX + "roles"])[0].removeprefix(LEX)
        table = {"ranks": out.ranks, "honorifics": out.honorifics}.get(scheme, out.roles)
        for label in labels:
            table.add(label, pref)
    for _, props, pref, labels in _concepts(lex / "cues.ttl"):
        cls = props.get(NKG + "cue", [NKG + "Organization"])[0].removeprefix(NKG)
        for label in labels:
            out.cues.add(label, cls)
    for _, props, pref, labels in _concepts(lex / "instruments.ttl"):
        cls = props.get(NKG + "cue", [NKG + "Attack"])[0].removeprefix(NKG)
        for label in labels:
            out.instruments.add(label, (pref, cls))
    for subject, props in _read(lex / "triggers.ttl").items():
        cls = subject.removeprefix(NKG)
        for word in props.get(NKG + "trigger", []):
            out.triggers.add(word, cls)
    return out


class LexiconUser:
    """Mixin for pipeline components that read the word lists: loaded in initialize(), or on first use."""

    _lex: Lexicons | None = None

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Load the lexicons (spaCy calls this from nlp.initialize())."""
        self._lex = load_lexicons()

    @property
    def lex(self) -> Lexicons:
        """The word lists from ontology/lexicon/."""
        if self._lex is None:
            self._lex = load_lexicons()
        return self._lex
