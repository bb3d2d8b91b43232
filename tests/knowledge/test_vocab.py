"""Every nkg term the code names is declared in the ontology, so a misspelling fails here."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.knowledge import load_knowledge
from kg.knowledge.ontology import read_turtle
from kg.knowledge.vocab import NKG, Namespace

PACKAGE = Path(__file__).resolve().parents[2] / "kg"


def _declared() -> set[str]:
    triples = read_turtle(load_knowledge().folder / "nkg.ttl")
    return {name for s in triples if (name := NKG.local(s))}


def _named_in_code() -> set[str]:
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        names |= set(re.findall(r"\bNKG\.([A-Za-z]\w*)", path.read_text(encoding="utf-8")))
    return names - {"local"}


def test_every_term_the_code_names_is_declared():
    assert _named_in_code() - _declared() == set()


def test_namespace_gives_iris_and_keeps_str_behaviour():
    ns = Namespace("https://example.org/x#")
    assert ns.Thing == "https://example.org/x#Thing" and ns["Other"] == "https://example.org/x#Other"
    assert ns[-1] == "#" and ns.local(ns.Thing) == "Thing" and ns.local("https://elsewhere/") is None


@pytest.mark.parametrize("cls, family", [("AirStrike", "Attack"), ("Condemnation", "Statement"), ("Death", "Death"),
                                         ("Person", "Person")])
def test_families_come_from_the_hierarchy(knowledge, cls, family):
    assert knowledge.ontology.family(cls) == family
