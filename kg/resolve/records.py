"""Resolved extraction records: what one article says, with canonical entities and stable IRIs.

These plain records are the hand-over between the resolve stage and the rdf stage, which is the
only place that knows the ontology's IRIs for properties. Classes are local names in the nkg namespace.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..read import Article

__all__ = ["Entity", "Event", "ArticleRecord"]


@dataclass
class Entity:
    """One real thing mentioned by an article."""

    iri: str
    label: str
    cls: str  # local name of its nkg class
    alt_labels: set[str] = field(default_factory=set)
    same_as: tuple[str, ...] = ()
    lat: float | None = None
    long: float | None = None
    located_in: str | None = None  # IRI of the containing place (reference fact)
    member_of: set[str] = field(default_factory=set)  # IRIs, read from this article
    roles: set[str] = field(default_factory=set)
    reference: bool = False  # its type, links and coordinates come from a gazetteer
    state: str | None = None  # IRI of the country an organization or person acts for, when known
    acts_for: str | None = None  # the state of a government body or military force: a fact written to the graph


@dataclass
class Event:
    """One happening reported by an article, merged over all its mentions there."""

    iri: str
    cls: str
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    date: date | None = None
    date_text: str | None = None
    weekday: int | None = None  # 0 = Monday, kept when the day itself is unknown
    evidence: list[str] = field(default_factory=list)
    in_response_to: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    label: str = ""

    def add(self, role: str, values: list[str]) -> None:
        """Append new values to a list field (agents, targets, places, reporters, instruments, evidence...)."""
        mine = getattr(self, role)
        mine += [v for v in values if v not in mine]


@dataclass
class ArticleRecord:
    """Everything read from one article: the article, its entities, its events."""

    article: Article
    iri: str
    entities: dict[str, Entity] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    places_chain: dict[str, Entity] = field(default_factory=dict)  # containing places not mentioned
    pipeline: str = ""  # the spaCy pipeline that read it: "en_core_web_sm 3.8.0" or "weight-free"
