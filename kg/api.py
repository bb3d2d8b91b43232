"""The Python API: a knowledge graph over an Oxigraph store, on disk or in memory.

>>> from kg import KnowledgeGraph
>>> g = KnowledgeGraph()  # in memory
>>> _ = g.add("Russian missiles hit Odesa on Monday, killing three people, Ukraine's air force said.",
...           id="odesa-1", published="2024-03-12")
>>> rows = g.query("SELECT ?label WHERE { ?e a nkg:MissileAttack ; nkg:place/rdfs:label ?label }")
>>> rows[0]["label"]
'Odesa'
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .build import BuildReport, add_articles, build
from .extract import Extractor
from .namespaces import DEFAULT_BASE
from .queries import PREFIXES, get_named_query
from .read import article_from_text
from .read.metadata import parse_date
from .store import ExportFormat, KGStore

__all__ = ["KnowledgeGraph", "python_value"]


def python_value(term: Any) -> Any:
    """A SPARQL result term as a plain Python value: str, int, float, bool, date or None."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        try:
            if dt in ("integer", "int", "long", "nonNegativeInteger"):
                return int(term.value)
            if dt in ("decimal", "double", "float"):
                return float(term.value)
            if dt == "boolean":
                return term.value == "true"
            if dt == "date":
                return date.fromisoformat(term.value)
        except ValueError:
            return term.value
        return term.value
    return term.value


class KnowledgeGraph:
    """A news knowledge graph.

    path (str | Path | None): the store folder; None keeps everything in memory.
    model (str | None): an installed trained spaCy pipeline to use alongside the gazetteer.
    base (str): the namespace new IRIs are minted under.
    read_only (bool): open an existing store without write access (a running build may hold it).
    """

    def __init__(self, path: str | Path | None = None, *, model: str | None = None, base: str = DEFAULT_BASE,
                 read_only: bool = False) -> None:
        self.store = KGStore(path, read_only=read_only)
        self._model = model
        self._base = base
        self._extractor: Extractor | None = None

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(model=self._model, base=self._base)
        return self._extractor

    def add(self, text: str, *, id: str, published: str | date | None = None, headline: str | None = None,
            url: str | None = None) -> BuildReport:
        """Extract one article's text and store its graph (replacing an older version)."""
        if isinstance(published, str):
            published = parse_date(published)
        article = article_from_text(text, id=id, published=published, headline=headline, url=url)
        report = BuildReport(quads_before=len(self.store))
        add_articles(self.store, [article], extractor=self.extractor, report=report)
        report.quads_after = len(self.store)
        return report

    def add_files(self, paths: Sequence[str | Path], *, force: bool = False) -> BuildReport:
        """Read files and folders (recursively) into the graph; returns what was read and skipped."""
        return build(paths, self.store, extractor=self.extractor, force=force)

    def query(self, sparql: str, **params: str) -> list[dict[str, Any]] | bool | list[tuple]:
        """Run SPARQL (or a named question when given a name) over the union of all graphs.

        Common prefixes (nkg, rdfs, skos, schema, geo, owl, xsd) are predeclared. SELECT gives a
        list of dicts of Python values; ASK gives a bool; CONSTRUCT/DESCRIBE give triples.
        """
        subs = None
        if "{" not in sparql and not sparql.strip().upper().startswith(("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX")):
            nq = get_named_query(sparql)
            subs = nq.bindings(params)
            sparql = nq.text
        res = self.store.query(PREFIXES + sparql if "PREFIX nkg:" not in sparql else sparql, substitutions=subs)
        if isinstance(res, ox.QueryBoolean):
            return bool(res)
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            return [{n: python_value(sol[n]) for n in names} for sol in res]
        return [(t.subject.value, t.predicate.value, python_value(t.object)) for t in res]

    def dataframe(self, sparql: str, **params: str):
        """query() as a pandas DataFrame (needs pandas installed)."""
        import pandas as pd

        return pd.DataFrame(self.query(sparql, **params))

    def export(self, path: str | Path, *, format: str | None = None, graph: str | None = None) -> None:
        """Write the graph (or one article's graph, by id) to a file; the format follows the extension."""
        fmt = ExportFormat.from_name(format or Path(path).suffix)
        iri = self.store.article_ids().get(graph, graph) if graph else None
        self.store.dump(str(path), fmt, graph=iri)

    def rdflib(self):
        """An rdflib Dataset over the same quads, through oxrdflib (Oxigraph as rdflib's store)."""
        import rdflib

        ds = rdflib.Dataset(store="Oxigraph")
        data = self.store.store.dump(format=ox.RdfFormat.N_QUADS)
        ds.parse(data=data, format="nquads")
        return ds

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
