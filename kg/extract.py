"""One article through the stages: nlp, resolve. The result is an ArticleRecord ready for RDF."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .namespaces import DEFAULT_BASE
from .nlp.gazetteer import load_gazetteer
from .nlp.pipeline import get_pipeline
from .rdf.iris import IriMinter
from .read import Article
from .resolve import ArticleRecord, EntityResolver, EventResolver

__all__ = ["Extractor"]


class Extractor:
    """Runs the pipeline and the resolvers over articles."""

    def __init__(self, *, model: str | None = None, base: str = DEFAULT_BASE, nlp: Language | None = None) -> None:
        self.nlp = nlp or get_pipeline(model)
        self.minter = IriMinter(base)
        self.entities = EntityResolver(load_gazetteer(), self.minter)

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.kg_published = article.published
        return doc

    def docs(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[tuple[Article, Doc]]:
        """(article, processed Doc) pairs, streamed through nlp.pipe."""
        pending: list[Article] = []

        def gen():
            for a in articles:
                pending.append(a)
                yield self._doc(a)

        for doc in self.nlp.pipe(gen(), batch_size=batch_size):
            yield pending.pop(0), doc

    def record(self, article: Article, doc: Doc) -> ArticleRecord:
        """Resolve one processed Doc into the article's record."""
        by_offsets, chain = self.entities.resolve(doc)
        rec = ArticleRecord(article=article, iri=self.minter.article(article.id))
        for ent in by_offsets.values():
            rec.entities.setdefault(ent.iri, ent)
        for c in chain:
            rec.places_chain.setdefault(c.iri, c)
        within: dict[str, set[str]] = {}
        every = {**rec.places_chain, **rec.entities}
        for iri in every:
            seen, cur = {iri}, every[iri].located_in
            while cur and cur not in seen:
                seen.add(cur)
                cur = every[cur].located_in if cur in every else None
            within[iri] = seen
        resolver = EventResolver(by_offsets, within, self.entities.capital_of)
        headline_end = 0
        if article.headline:
            first = next(doc.sents, None)
            if first is not None and article.headline.strip() in first.text:
                headline_end = first.end
        rec.events = resolver.resolve(doc, lambda n: self.minter.event(article.id, n), headline_end=headline_end)
        for iri, country in resolver.extra.items():
            rec.entities.setdefault(iri, country)
            every.setdefault(iri, country)
        for ev in rec.events:
            ev.label = _event_label(ev, every)
        # "Palestinian militants": a demonym mentions its country only when the country takes part
        used = {i for ev in rec.events for i in (*ev.agents, *ev.targets, *ev.places, *ev.reporters)}
        used |= {o for ent in rec.entities.values() for o in ent.member_of}
        containers = {e.located_in for e in (*rec.entities.values(), *rec.places_chain.values())}
        for iri in [i for i in rec.entities if i not in self.entities.named and i not in used]:
            ent = rec.entities.pop(iri)
            if iri in containers:  # still needed as the container of a place the article names
                rec.places_chain.setdefault(iri, ent)
        return rec

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        for article, doc in self.docs(articles):
            yield self.record(article, doc)


def _event_label(ev, every) -> str:
    def name(iris):
        return ", ".join(every[i].label for i in iris[:2] if i in every)

    parts = [ev.cls]
    if ev.agents:
        parts.append(f"by {name(ev.agents)}")
    if ev.targets and ev.cls not in ("Statement",):
        parts.append(f"on {name(ev.targets)}")
    if ev.places:
        parts.append(f"in {name(ev.places)}")
    if ev.date:
        parts.append(ev.date.isoformat())
    return " ".join(parts)
