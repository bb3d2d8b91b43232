"""One article through the stages: nlp, resolve. The result is an ArticleRecord ready for RDF."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc

from ..knowledge import Knowledge
from ..knowledge.vocab import DEFAULT_BASE
from ..nlp.component import KnowledgeComponent
from ..nlp.pipeline import choose_model, get_pipeline, pipeline_name
from ..read import Article
from ..resolve import ArticleRecord, ArticleResolver, IriMinter

__all__ = ["Extractor"]


class Extractor:
    """Runs the pipeline and the resolvers over articles.

    model (str | None): a trained spaCy pipeline (name or path); None for $KG_MODEL, else the first
        installed of nlp.pipeline.DEFAULT_MODELS, else the weight-free pipeline.
    fast (bool): the weight-free pipeline whatever is installed. Defaults to False.
    base (str): the namespace new IRIs are minted under. Defaults to DEFAULT_BASE.
    nlp (Language | None): an already built kg pipeline to use instead.
    """

    def __init__(self, *, model: str | None = None, fast: bool = False, base: str = DEFAULT_BASE,
                 nlp: Language | None = None) -> None:
        self.nlp = nlp or get_pipeline(choose_model(model, fast=fast))
        self.pipeline_name = pipeline_name(self.nlp)
        self.knowledge: Knowledge = cast(KnowledgeComponent, self.nlp.get_pipe("kg_event_finder")).knowledge
        self.minter = IriMinter(base)
        self.resolver = ArticleResolver(self.knowledge, self.minter)

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(article.text)
        doc._.kg_published = article.published
        return doc

    def make_docs(self, articles: Iterable[Article]) -> Iterator[Doc]:
        """Unprocessed Docs of articles, with their publication dates set, for nlp.pipe."""
        return (self._doc(a) for a in articles)

    def docs(self, articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[tuple[Article, Doc]]:
        """(article, processed Doc) pairs, streamed through nlp.pipe."""
        pending: list[Article] = []

        def gen() -> Iterator[Doc]:
            for a in articles:
                pending.append(a)
                yield self._doc(a)

        for doc in self.nlp.pipe(gen(), batch_size=batch_size):
            yield pending.pop(0), doc

    def record(self, article: Article, doc: Doc) -> ArticleRecord:
        """Resolve one processed Doc into the article's record (which names the pipeline that read it)."""
        rec = self.resolver(article, doc)
        rec.pipeline = self.pipeline_name
        return rec

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        """Records of articles, in order."""
        for article, doc in self.docs(articles):
            yield self.record(article, doc)
