"""The ontology as the extractor reads it: class hierarchy, trigger words and argument frames.

Everything comes from Turtle at run time (``nkg.ttl`` and ``lexicon/triggers.ttl``), so a class
declared there, with its trigger words, is extracted without touching Python. Classes are named by
their local name in the nkg namespace ("AirStrike"); annotations are inherited down the hierarchy.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import pyoxigraph as ox

from .vocab import NKG, RDFS

__all__ = ["Ontology", "load_ontology", "read_turtle", "ONTOLOGY_FILES"]

ONTOLOGY_FILES = ("nkg.ttl", "lexicon/triggers.ttl")
"""The files the ontology is read from, relative to the ontology folder."""

Triples = dict[str, dict[str, list[str]]]


def read_turtle(path: Path) -> Triples:
    """subject IRI -> predicate IRI -> object values, from a Turtle file (pyoxigraph's parser)."""
    out: Triples = defaultdict(lambda: defaultdict(list))
    with open(path, "rb") as f:
        for t in ox.parse(f, format=ox.RdfFormat.TURTLE):
            if not isinstance(t.subject, ox.BlankNode):
                out[t.subject.value][t.predicate.value].append(t.object.value)
    return out


@dataclass(eq=False)
class Ontology:
    """The nkg classes: parents, annotations, and the trigger phrases of event classes.

    parents (dict[str, tuple[str, ...]]): class -> its direct nkg superclasses.
    annotations (dict[str, dict[str, list[str]]]): class -> annotation property IRI -> values.
    triggers (dict[str, tuple[str, ...]]): trigger phrase (lowercase lemmas) -> the event classes it signals.
    verb_triggers (dict[str, tuple[str, ...]]): phrases that signal their classes only when used as a verb.
    """

    parents: dict[str, tuple[str, ...]]
    annotations: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    triggers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    verb_triggers: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._families: dict[str, str] = {}
        self._by_label: dict[str, str | None] = {}
        self._frames: dict[str, Mapping[str, str]] = {}

    @classmethod
    def from_triples(cls, triples: Triples) -> Ontology:
        """Build from subject -> predicate -> values (every nkg subject with a superclass or trigger)."""
        parents: dict[str, tuple[str, ...]] = {}
        annotations: dict[str, dict[str, list[str]]] = {}
        triggers: dict[str, tuple[str, ...]] = {}
        verb_triggers: dict[str, tuple[str, ...]] = {}
        for subject, props in triples.items():
            name = NKG.local(subject)
            if name is None:
                continue
            supers = [n for n in map(NKG.local, props.get(RDFS.subClassOf, ())) if n]
            if supers or name in parents or RDFS.subClassOf in props:
                parents[name] = tuple(supers)
            annotations[name] = {p: list(v) for p, v in props.items() if p.startswith(NKG)}
            for table, prop in ((triggers, NKG.trigger), (verb_triggers, NKG.verbTrigger)):
                for word in props.get(prop, ()):
                    key = " ".join(word.lower().split())
                    table[key] = (*table.get(key, ()), name)
        return cls(parents, annotations, triggers, verb_triggers)

    # -- the hierarchy ---------------------------------------------------------------------------

    def ancestors(self, name: str) -> tuple[str, ...]:
        """The class and every nkg superclass, nearest first."""
        if name not in self._ancestors:
            out, todo = [name], list(self.parents.get(name, ()))
            while todo:
                cur = todo.pop(0)
                if cur not in out:
                    out.append(cur)
                    todo += self.parents.get(cur, ())
            self._ancestors[name] = tuple(out)
        return self._ancestors[name]

    def is_a(self, name: str | None, other: str) -> bool:
        """True when name is other or one of its subclasses."""
        return name is not None and other in self.ancestors(name)

    def is_any(self, name: str | None, others: Iterable[str]) -> bool:
        """True when name is a subclass of any of others."""
        return name is not None and not set(self.ancestors(name)).isdisjoint(others)

    def subclasses(self, name: str) -> frozenset[str]:
        """Every class under name, name included."""
        return frozenset(c for c in self.parents if self.is_a(c, name)) | {name}

    def family(self, name: str) -> str:
        """The class directly under nkg:Event that name descends from ("AirStrike" -> "Attack").

        Mentions of one family may be the same happening; a class outside the events is its own family.
        """
        if name not in self._families:
            chain = self.ancestors(name)
            self._families[name] = name if "Event" not in chain or name == "Event" else chain[chain.index("Event") - 1]
        return self._families[name]

    def compatible(self, a: str, b: str) -> bool:
        """Two event classes may describe one happening: same family, and one is the other or under it."""
        return self.family(a) == self.family(b) and (self.is_a(a, b) or self.is_a(b, a))

    @property
    def event_classes(self) -> frozenset[str]:
        """Every class under nkg:Event."""
        return self.subclasses("Event")

    # -- annotations, inherited ----------------------------------------------------------------

    def annotation(self, name: str, prop: str) -> list[str]:
        """The values of an nkg annotation on the class or its nearest annotated superclass."""
        for cls in self.ancestors(name):
            values = self.annotations.get(cls, {}).get(prop)
            if values:
                return values
        return []

    def ner_label(self, name: str) -> str | None:
        """The spaCy NER label of names of this class (nkg:nerLabel), or None."""
        values = self.annotation(name, NKG.nerLabel)
        return values[0] if values else None

    def classes_with_label(self, *labels: str) -> frozenset[str]:
        """Every class whose names carry one of these NER labels."""
        return frozenset(c for c in self.parents if self.ner_label(c) in labels)

    def class_for_label(self, label: str) -> str | None:
        """The class that names with this NER label are, when nothing else is known: the one class that
        declares the label, or the nearest common superclass of those that do (GPE -> Place)."""
        if label not in self._by_label:
            own = [c for c, a in self.annotations.items() if label in a.get(NKG.nerLabel, ())]
            common = [c for c in self.ancestors(own[0]) if all(self.is_a(o, c) for o in own)] if own else []
            self._by_label[label] = common[0] if common else None
        return self._by_label[label]

    def frame(self, name: str) -> Mapping[str, str]:
        """Slot -> role ("nsubj" -> "agent", "on" -> "target") for triggers of this class (nkg:frame,
        the nearest class's pair winning for each slot)."""
        if name not in self._frames:
            out: dict[str, str] = {}
            for cls in reversed(self.ancestors(name)):
                for value in self.annotations.get(cls, {}).get(NKG.frame, ()):
                    out.update(pair.split(":", 1) for pair in value.split() if ":" in pair)  # type: ignore[misc]
            self._frames[name] = MappingProxyType(out)
        return self._frames[name]

    def subject_role(self, name: str) -> str:
        """The role ("agent", "target") the subject of an active trigger of this class fills."""
        return self.frame(name).get("nsubj", "agent")

    def object_classes(self, name: str) -> tuple[str, ...]:
        """The classes of object that make a shared trigger word mean this class (nkg:objectClass)."""
        return tuple(c for c in map(NKG.local, self.annotation(name, NKG.objectClass)) if c)

    def _flag(self, name: str, prop: str) -> bool:
        """An inherited xsd:boolean annotation of the class."""
        values = self.annotation(name, prop)
        return bool(values) and values[0] in ("true", "1")

    def two_sided(self, name: str) -> bool:
        """Events of this class name each party as an agent (a clash, a meeting, an agreement)."""
        return self._flag(name, NKG.twoSided)

    def consultative(self, name: str) -> bool:
        """Events of this class are talks between sides, whose own troops are no party (nkg:consultative)."""
        return self._flag(name, NKG.consultative)

    def of_state(self, name: str) -> bool:
        """Organizations of this class act for the state their name gives (nkg:ofState)."""
        return self._flag(name, NKG.ofState)

    def required_role(self, name: str) -> str | None:
        """The role an event of this class needs to be recorded at all, or None."""
        values = self.annotation(name, NKG.requiredRole)
        return NKG.local(values[0]) if values else None

    def takes_casualties(self, name: str) -> bool:
        """Whether casualty counts near a trigger belong to events of this class."""
        values = self.annotation(name, NKG.takesCasualties)
        return not values or values[0] not in ("false", "0")

    def code(self, name: str, prop: str = NKG.cameoCode) -> str | None:
        """The class's own CAMEO code (or another code property), inherited."""
        values = self.annotation(name, prop)
        return values[0] if values else None


@lru_cache(maxsize=8)
def _load(folder: str, stamp: tuple[float, ...]) -> Ontology:
    merged: Triples = defaultdict(lambda: defaultdict(list))
    for name in ONTOLOGY_FILES:
        path = Path(folder) / name
        if path.exists():
            for subject, props in read_turtle(path).items():
                for p, values in props.items():
                    merged[subject][p] += values
    return Ontology.from_triples(merged)


def load_ontology(folder: Path) -> Ontology:
    """The ontology in a folder, read once per process (again when a file changes)."""
    stamp = tuple((folder / n).stat().st_mtime if (folder / n).exists() else 0.0 for n in ONTOLOGY_FILES)
    return _load(str(folder), stamp)


