"""One article's graph without a store: what `kg extract` prints."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import Errors, KGError
from ..rdf import article_quads, reference_quads
from ..read import Article, Problem, article_from_text, iter_articles
from .extractor import Extractor

__all__ = ["extract_file"]


def extract_file(path: str | Path, *, model: str | None = None, stdin_text: str | None = None) -> list[ox.Quad]:
    """The quads kg would store for one article file (or the text of standard input when path is "-").

    Raises KGError naming the file when it cannot be read.
    """
    if str(path) == "-":
        article = article_from_text(stdin_text or "", id="stdin", source="-")
    else:
        if not Path(path).exists():
            raise KGError(Errors.E001.format(path=path))
        items = list(iter_articles([Path(path)]))
        problems = [i for i in items if isinstance(i, Problem)]
        articles = [i for i in items if isinstance(i, Article)]
        if problems or not articles:
            raise KGError(str(problems[0]) if problems else Errors.E011.format(paths=path))
        article = articles[0]
    extractor = Extractor(model=model)
    rec = next(extractor.extract([article]))
    weekdays = extractor.knowledge.lexicons.sequence("weekdays")
    return [*article_quads(rec, weekdays=weekdays), *reference_quads(rec)]
