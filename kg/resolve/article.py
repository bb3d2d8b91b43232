"""One processed article to its record: canonical entities, merged events, labels."""
from __future__ import annotations

from spacy.tokens import Doc

from ..knowledge import Knowledge
from ..read import Article
from .entities import EntityResolver
from .events import EventResolver
from .iris import IriMinter
from .records import ArticleRecord, Entity, Event

__all__ = ["ArticleResolver"]


class ArticleResolver:
    """Resolves a processed Doc into the article's record.

    knowledge (Knowledge): the ontology, lexicons and gazetteer.
    minter (IriMinter): mints the IRIs of articles, events and entities.
    """

    def __init__(self, knowledge: Knowledge, minter: IriMinter) -> None:
        self.knowledge = knowledge
        self.minter = minter
        self.entities = EntityResolver(knowledge, minter)

    def __call__(self, article: Article, doc: Doc) -> ArticleRecord:
        """The record of one article: its entities (with their containing places) and its events."""
        by_offsets, chain = self.entities.resolve(doc)
        rec = ArticleRecord(article=article, iri=self.minter.article(article.id))
        for ent in by_offsets.values():
            rec.entities.setdefault(ent.iri, ent)
        for c in chain:
            rec.places_chain.setdefault(c.iri, c)
        every = {**rec.places_chain, **rec.entities}
        resolver = EventResolver(self.knowledge, by_offsets, _containment(every), self.entities.capital_of,
                                 group_iri=lambda label: self.minter.group(article.id, label))
        rec.events = resolver.resolve(doc, lambda n: self.minter.event(article.id, n),
                                      headline_end=_headline_end(article, doc))
        for iri, country in resolver.extra.items():
            rec.entities.setdefault(iri, country)
            every.setdefault(iri, country)
        for ev in rec.events:
            ev.label = _event_label(ev, every)
        self._drop_unused_demonyms(rec)
        known = rec.entities.keys() | rec.places_chain.keys()  # a state the graph has facts about
        for ent in rec.entities.values():
            if ent.state in known and ent.state != ent.iri and self.knowledge.ontology.of_state(ent.cls):
                ent.acts_for = ent.state
        return rec

    def _drop_unused_demonyms(self, rec: ArticleRecord) -> None:
        """"Palestinian militants": a demonym affiliates people and groups with their country; it is no
        mention of the country. A country read only through demonyms stays a reference entity (typed and
        labelled in the reference graph) for the events and affiliations that point at it."""
        used = {i for ev in rec.events for i in (*ev.agents, *ev.targets, *ev.places, *ev.reporters)}
        used |= {o for ent in rec.entities.values() for o in (*ent.member_of, ent.state) if o}
        containers = {e.located_in for e in (*rec.entities.values(), *rec.places_chain.values())}
        for iri in [i for i in rec.entities if i not in self.entities.named]:
            demonym = iri in self.entities.demonyms
            if not demonym and iri in used:
                continue  # a group or a country the events name (a capital standing for it)
            ent = rec.entities.pop(iri)
            if iri in containers or (demonym and iri in used):
                rec.places_chain.setdefault(iri, ent)


def _containment(every: dict[str, Entity]) -> dict[str, set[str]]:
    """Place IRI -> itself and every place it lies in, as far as the article's entities tell."""
    within: dict[str, set[str]] = {}
    for iri in every:
        seen, cur = {iri}, every[iri].located_in
        while cur and cur not in seen:
            seen.add(cur)
            cur = every[cur].located_in if cur in every else None
        within[iri] = seen
    return within


def _headline_end(article: Article, doc: Doc) -> int:
    """The token where the headline ends, when the text starts with it (0 otherwise)."""
    if not article.headline:
        return 0
    first = next(doc.sents, None)
    return first.end if first is not None and article.headline.strip() in first.text else 0


def _event_label(ev: Event, every: dict[str, Entity]) -> str:
    def name(iris: list[str]) -> str:
        return ", ".join(every[i].label for i in iris[:2] if i in every)

    parts = [ev.cls]
    if ev.agents:
        parts.append(f"by {name(ev.agents)}")
    if ev.targets and ev.cls != "Statement":
        parts.append(f"on {name(ev.targets)}")
    if ev.places:
        parts.append(f"in {name(ev.places)}")
    if ev.date:
        parts.append(ev.date.isoformat())
    return " ".join(parts)
