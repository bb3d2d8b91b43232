"""Records to quads: one named graph per article, and canonical facts in the reference graph.

The layout keeps each fact once in the union of all graphs, so joins do not multiply:

- an article's graph holds what the article said: its metadata, its events (whole), and for each
  entity it mentions nkg:mentionedIn, the names it wrote (skos:altLabel), roles and affiliations;
- the reference graph holds each mentioned entity's canonical facts once: rdf:type, rdfs:label,
  every other name any article wrote for it (skos:altLabel), and the gazetteer's owl:sameAs,
  coordinates and nkg:locatedIn.

A gazetteer entity's canonical label comes from the gazetteer, so an article graph names it only
by its other names; an entity found by the name finder got its label from the article, so the
article graph lists that label among the names it wrote. Either way GRAPH ?article { ?x
skos:altLabel ?name } gives the names an article used, as the previous layout did.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import pyoxigraph as ox

from ..knowledge.vocab import GEO, NKG, OWL, RDF, RDFS, REFERENCE_GRAPH, SCHEMA, SKOS, XSD
from ..resolve.records import ArticleRecord, Entity, Event

__all__ = ["article_quads", "reference_quads", "same_event_quads", "written_names"]


def _n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


_TYPE = _n(RDF.type)
_LABEL = _n(RDFS.label)
_ALT = _n(SKOS.altLabel)
_MENTIONED = _n(NKG.mentionedIn)
_XSD_DATE = _n(XSD.date)
_XSD_INT = _n(XSD.integer)
_XSD_DEC = _n(XSD.decimal)
_REF = ox.NamedNode(REFERENCE_GRAPH)
_NO_LINKS: Mapping[str, list[str]] = {}


def _lit(value: object, datatype: ox.NamedNode | None = None) -> ox.Literal:
    return ox.Literal(str(value), datatype=datatype) if datatype else ox.Literal(str(value))


def article_quads(rec: ArticleRecord, *, same_events: Mapping[str, list[str]] = _NO_LINKS,
                  weekdays: Sequence[str] | None = None) -> list[ox.Quad]:
    """Every fact read from one article, in the article's named graph.

    rec (ArticleRecord): the resolved article.
    same_events (Mapping[str, list[str]]): event IRI -> events of other articles reporting the same
        happening; written both ways (nkg:sameEventAs is symmetric) in this article's graph.
    weekdays (Sequence[str] | None): weekday names, Monday first (lex:weekdays). Defaults to the
        ontology's list.
    """
    g = _n(rec.iri)
    out: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(s, _n(p), o, g))

    _article(rec, add)
    for ent in rec.entities.values():
        _entity(ent, g, add)
    names = weekdays if weekdays is not None else _default_weekdays()
    for ev in rec.events:
        _event(ev, g, add, names)
    return out + same_event_quads(rec.iri, same_events)


def same_event_quads(article_iri: str, same_events: Mapping[str, list[str]]) -> list[ox.Quad]:
    """nkg:sameEventAs both ways between an article's events and other articles' events, in its graph."""
    g, p = _n(article_iri), _n(NKG.sameEventAs)
    out = []
    for a, others in sorted(same_events.items()):
        for b in others:
            out += [ox.Quad(_n(a), p, _n(b), g), ox.Quad(_n(b), p, _n(a), g)]
    return out


def _default_weekdays() -> Sequence[str]:
    from ..knowledge import load_knowledge

    return load_knowledge().lexicons.sequence("weekdays")


def _article(rec: ArticleRecord, add) -> None:
    art, a = _n(rec.iri), rec.article
    add(art, RDF.type, _n(NKG.Article))
    add(art, SCHEMA.identifier, _lit(a.id))
    add(art, NKG.contentHash, _lit(a.content_hash))
    for prop, value in ((SCHEMA.headline, a.headline), (SCHEMA.url, a.url), (SCHEMA.publisher, a.publisher),
                        (SCHEMA.author, a.author)):
        if value:
            add(art, prop, _lit(value))
    if a.published:
        add(art, SCHEMA.datePublished, _lit(a.published.isoformat(), _XSD_DATE))
    if rec.pipeline:
        add(art, NKG.pipeline, _lit(rec.pipeline))


def written_names(ent: Entity) -> set[str]:
    """The names an article's graph lists for an entity (skos:altLabel there)."""
    return ent.alt_labels - {ent.label} if ent.reference else ent.alt_labels | {ent.label}


def _entity(ent: Entity, article: ox.NamedNode, add) -> None:
    s = _n(ent.iri)
    add(s, NKG.mentionedIn, article)
    for alt in sorted(written_names(ent)):
        add(s, SKOS.altLabel, _lit(alt))
    for org in sorted(ent.member_of):
        add(s, NKG.memberOf, _n(org))
    for role in sorted(ent.roles):
        add(s, NKG.role, _lit(role))


def _event(ev: Event, article: ox.NamedNode, add, weekdays: Sequence[str]) -> None:
    s = _n(ev.iri)
    add(s, RDF.type, _n(NKG[ev.cls]))
    add(s, NKG.mentionedIn, article)
    if ev.label:
        add(s, RDFS.label, _lit(ev.label))
    for prop, values in ((NKG.agent, ev.agents), (NKG.target, ev.targets), (NKG.place, ev.places),
                         (NKG.reportedBy, ev.reporters), (NKG.inResponseTo, ev.in_response_to), (NKG.about, ev.about)):
        for v in dict.fromkeys(values):
            add(s, prop, _n(v))
    for inst in dict.fromkeys(ev.instruments):
        add(s, NKG.instrument, _lit(inst))
    for prop, count in ((NKG.killed, ev.killed), (NKG.injured, ev.injured)):
        if count is not None:
            add(s, prop, _lit(count, _XSD_INT))
    if ev.date:
        add(s, NKG.date, _lit(ev.date.isoformat(), _XSD_DATE))
    if ev.date_text:
        add(s, NKG.dateText, _lit(ev.date_text))
    if ev.date is None and ev.weekday is not None:
        add(s, NKG.weekday, _lit(weekdays[ev.weekday]))
    for sentence in dict.fromkeys(ev.evidence):
        add(s, NKG.evidence, _lit(sentence))


def _entity_facts(ent: Entity, *, names: bool = True) -> Iterator[ox.Quad]:
    s = _n(ent.iri)
    yield ox.Quad(s, _TYPE, _n(NKG[ent.cls]), _REF)
    yield ox.Quad(s, _LABEL, _lit(ent.label), _REF)
    if names:  # every name written for it, once (an article graph keeps the names it wrote)
        for alt in sorted(ent.alt_labels - {ent.label}):
            yield ox.Quad(s, _ALT, _lit(alt), _REF)
    if ent.acts_for:
        yield ox.Quad(s, _n(NKG.actsFor), _n(ent.acts_for), _REF)
    if not ent.reference:
        return
    for iri in ent.same_as:
        yield ox.Quad(s, _n(OWL.sameAs), _n(iri), _REF)
    if ent.lat is not None and ent.long is not None:
        yield ox.Quad(s, _n(GEO.lat), _lit(round(ent.lat, 5), _XSD_DEC), _REF)
        yield ox.Quad(s, _n(GEO.long), _lit(round(ent.long, 5), _XSD_DEC), _REF)
    if ent.located_in:
        yield ox.Quad(s, _n(NKG.locatedIn), _n(ent.located_in), _REF)


def reference_quads(rec: ArticleRecord) -> list[ox.Quad]:
    """Canonical facts about the entities an article mentions (type, label, names) and the places
    that hold them, with the gazetteer's sameAs, coordinates and containment."""
    out: list[ox.Quad] = []
    for ent in rec.entities.values():
        out.extend(_entity_facts(ent))
    for ent in rec.places_chain.values():  # containers the article does not name
        if ent.reference:
            out.extend(_entity_facts(ent, names=False))
    return out
