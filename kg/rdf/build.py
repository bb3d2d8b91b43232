"""Records to quads: one named graph per article, and reference facts in the reference graph."""
from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from ..namespaces import GEO, NKG, OWL, RDF, RDFS, REFERENCE_GRAPH, SCHEMA, SKOS, XSD
from ..resolve.records import ArticleRecord, Entity

__all__ = ["article_quads", "reference_quads"]


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
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _lit(value: object, datatype: ox.NamedNode | None = None) -> ox.Literal:
    return ox.Literal(str(value), datatype=datatype) if datatype else ox.Literal(str(value))


def article_quads(rec: ArticleRecord) -> list[ox.Quad]:
    """Every fact read from one article, in the article's named graph."""
    g = _n(rec.iri)
    a = rec.article
    out: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: object, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(s, _n(p), o, g))

    art = g
    add(art, RDF.type, _n(NKG.Article))
    add(art, SCHEMA.identifier, _lit(a.id))
    add(art, NKG.contentHash, _lit(a.content_hash))
    if a.headline:
        add(art, SCHEMA.headline, _lit(a.headline))
    if a.published:
        add(art, SCHEMA.datePublished, _lit(a.published.isoformat(), _XSD_DATE))
    if a.url:
        add(art, SCHEMA.url, _lit(a.url))
    if a.publisher:
        add(art, SCHEMA.publisher, _lit(a.publisher))
    if a.author:
        add(art, SCHEMA.author, _lit(a.author))
    for ent in rec.entities.values():
        s = _n(ent.iri)
        add(s, NKG.mentionedIn, art)
        if not ent.reference:
            add(s, RDF.type, _n(NKG[ent.cls]))
            add(s, RDFS.label, _lit(ent.label))
        for alt in sorted(ent.alt_labels - {ent.label}):
            add(s, SKOS.altLabel, _lit(alt))
        for org in sorted(ent.member_of):
            add(s, NKG.memberOf, _n(org))
        for role in sorted(ent.roles):
            add(s, NKG.role, _lit(role))
    for ev in rec.events:
        s = _n(ev.iri)
        add(s, RDF.type, _n(NKG[ev.cls]))
        add(s, NKG.mentionedIn, art)
        if ev.label:
            add(s, RDFS.label, _lit(ev.label))
        for prop, values in ((NKG.agent, ev.agents), (NKG.target, ev.targets), (NKG.place, ev.places),
                             (NKG.reportedBy, ev.reporters), (NKG.inResponseTo, ev.in_response_to),
                             (NKG.about, ev.about)):
            for v in dict.fromkeys(values):
                add(s, prop, _n(v))
        for inst in dict.fromkeys(ev.instruments):
            add(s, NKG.instrument, _lit(inst))
        if ev.killed is not None:
            add(s, NKG.killed, _lit(ev.killed, _XSD_INT))
        if ev.injured is not None:
            add(s, NKG.injured, _lit(ev.injured, _XSD_INT))
        if ev.date:
            add(s, NKG.date, _lit(ev.date.isoformat(), _XSD_DATE))
        if ev.date_text:
            add(s, NKG.dateText, _lit(ev.date_text))
        if ev.date is None and ev.weekday is not None:
            add(s, NKG.weekday, _lit(WEEKDAY_NAMES[ev.weekday]))
        for sentence in dict.fromkeys(ev.evidence):
            add(s, NKG.evidence, _lit(sentence))
    return out


def _entity_facts(ent: Entity) -> Iterator[ox.Quad]:
    s = _n(ent.iri)
    yield ox.Quad(s, _TYPE, _n(NKG[ent.cls]), _REF)
    yield ox.Quad(s, _LABEL, _lit(ent.label), _REF)
    for iri in ent.same_as:
        yield ox.Quad(s, _n(OWL.sameAs), _n(iri), _REF)
    if ent.lat is not None and ent.long is not None:
        yield ox.Quad(s, _n(GEO.lat), _lit(round(ent.lat, 5), _XSD_DEC), _REF)
        yield ox.Quad(s, _n(GEO.long), _lit(round(ent.long, 5), _XSD_DEC), _REF)
    if ent.located_in:
        yield ox.Quad(s, _n(NKG.locatedIn), _n(ent.located_in), _REF)


def reference_quads(rec: ArticleRecord) -> list[ox.Quad]:
    """Gazetteer facts (type, sameAs, coordinates, containment) about the entities an article mentions."""
    out: list[ox.Quad] = []
    for ent in (*rec.entities.values(), *rec.places_chain.values()):
        if ent.reference:
            out.extend(_entity_facts(ent))
    return out
