"""Word lists the extractor reads from ontology/lexicon/: roles, ranks, name cues, instruments, function words."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .ontology import read_turtle
from .vocab import LEX, NKG, RDF, SKOS

__all__ = ["Lexicons", "load_lexicons", "Phrases", "LEXICON_FILES"]

LEXICON_FILES = ("roles.ttl", "cues.ttl", "instruments.ttl", "words.ttl")


class Phrases(dict):
    """Lowercase word tuple -> value, indexed by first word so that most tokens cost one lookup."""

    def __init__(self) -> None:
        super().__init__()
        self.max_len = 1
        self.by_first: dict[str, list[int]] = {}  # first word -> phrase lengths, longest first

    def add(self, phrase: str, value: object) -> None:
        """Index a phrase (split on spaces, hyphens kept as words) unless it is there already."""
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


@dataclass(eq=False)
class Lexicons:
    """The word lists, each read once per process.

    roles, ranks, honorifics (Phrases): role words -> canonical role.
    cues (Phrases): head words of names -> nkg class local name.
    instruments (Phrases): weapons -> (canonical name, the event class they suggest).
    lists (dict[str, frozenset[str]]): function-word lists of words.ttl, by local name.
    sequences (dict[str, tuple[str, ...]]): ordered lists of words.ttl (weekdays, months, numbers).
    """

    roles: Phrases = field(default_factory=Phrases)
    ranks: Phrases = field(default_factory=Phrases)
    honorifics: Phrases = field(default_factory=Phrases)
    cues: Phrases = field(default_factory=Phrases)
    instruments: Phrases = field(default_factory=Phrases)
    lists: dict[str, frozenset[str]] = field(default_factory=dict)
    sequences: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _unions: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, repr=False)

    def words(self, name: str) -> frozenset[str]:
        """A word list of words.ttl by local name ("hedges"). Raises KeyError naming the list."""
        try:
            return self.lists[name]
        except KeyError:
            raise KeyError(f"no word list lex:{name} in ontology/lexicon/words.ttl") from None

    @cached_property
    def role_words(self) -> frozenset[str]:
        """The words a role, rank or honorific can start with: a token elsewhere needs no lookup."""
        return frozenset().union(self.roles.by_first, self.ranks.by_first, self.honorifics.by_first)

    def first_words(self, *names: str) -> frozenset[str]:
        """The first words of the phrases of several lists: a token elsewhere starts none of them."""
        key = ("first words", *names)
        if key not in self._unions:
            self._unions[key] = frozenset(phrase.split()[0] for phrase in self.union(*names) if phrase.strip())
        return self._unions[key]

    def union(self, *names: str) -> frozenset[str]:
        """The words of several lists together, built once."""
        if names not in self._unions:
            self._unions[names] = frozenset().union(*(self.words(n) for n in names))
        return self._unions[names]

    def sequence(self, name: str) -> tuple[str, ...]:
        """An ordered word list of words.ttl ("weekdays", "months", "numberWords")."""
        try:
            return self.sequences[name]
        except KeyError:
            raise KeyError(f"no ordered word list lex:{name} in ontology/lexicon/words.ttl") from None


def _concepts(path: Path):
    for subject, props in read_turtle(path).items():
        pref = props.get(SKOS.prefLabel, [])
        if pref:
            yield subject, props, pref[0], [pref[0], *props.get(SKOS.altLabel, [])]


def _read_roles(out: Lexicons, path: Path) -> None:
    for _, props, pref, labels in _concepts(path):
        scheme = props.get(SKOS.inScheme, [LEX + "roles"])[0].removeprefix(LEX)
        table = {"ranks": out.ranks, "honorifics": out.honorifics}.get(scheme, out.roles)
        for label in labels:
            table.add(label, pref)


def _read_words(out: Lexicons, path: Path) -> None:
    for subject, props in read_turtle(path).items():
        if NKG.WordList not in props.get(RDF.type, ()):
            continue
        name = subject.removeprefix(LEX)
        if props.get(NKG.sequence):
            out.sequences[name] = tuple(props[NKG.sequence][0].split())
        out.lists[name] = frozenset(props.get(NKG.word, ())) | {w.lower() for w in out.sequences.get(name, ())}


@lru_cache(maxsize=8)
def _load(folder: str, stamp: tuple[float, ...]) -> Lexicons:
    lex = Path(folder)
    out = Lexicons()
    _read_roles(out, lex / "roles.ttl")
    for _, props, _pref, labels in _concepts(lex / "cues.ttl"):
        cls = props.get(NKG.cue, [NKG.Organization])[0].removeprefix(NKG)
        for label in labels:
            out.cues.add(label, cls)
    for _, props, pref, labels in _concepts(lex / "instruments.ttl"):
        cls = props.get(NKG.cue, [NKG.Attack])[0].removeprefix(NKG)
        for label in labels:
            out.instruments.add(label, (pref, cls))
    _read_words(out, lex / "words.ttl")
    calendar = {w.lower() for name in ("weekdays", "months") for w in out.sequences.get(name, ())}
    out.lists["notNames"] = out.lists.get("notNames", frozenset()) | calendar
    return out


def load_lexicons(folder: Path) -> Lexicons:
    """The word lists in an ontology folder's lexicon/, read once per process (again when a file changes)."""
    lex = folder / "lexicon"
    stamp = tuple((lex / n).stat().st_mtime if (lex / n).exists() else 0.0 for n in LEXICON_FILES)
    return _load(str(lex), stamp)
