"""Stage 5, store: a thin wrapper over pyoxigraph.Store with one named graph per article.

Each article is written in one SPARQL update (one transaction): its old graph is dropped and the
new one inserted together, so a build killed at any moment leaves whole articles only.
Queries see the union of all graphs as the default graph. Every call to pyoxigraph.Store in kg
goes through this class.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from ..errors import Errors, KGError, StoreBusyError
from ..knowledge import ontology_dir
from ..knowledge.vocab import NKG, ONTOLOGY_GRAPH, RDFS, REFERENCE_GRAPH, SCHEMA, SKOS
from .export import EXPORT_PREFIXES, ExportFormat, write_rdf
from .limited import query_with_timeout
from .lock import is_lock_error

if TYPE_CHECKING:
    import rdflib

__all__ = ["KGStore", "open_store"]

log = logging.getLogger("kg")
_ONTOLOGY = ox.NamedNode(ONTOLOGY_GRAPH)
_REFERENCE = ox.NamedNode(REFERENCE_GRAPH)
_HASH = ox.NamedNode(NKG.contentHash)
_NQ = ox.RdfFormat.N_QUADS

# Updates written with full IRIs (no PREFIX), so they can be joined with ";" into one request.
_MENTIONED_IN = f"<{NKG.mentionedIn}>"
_SAME_EVENT = f"<{NKG.sameEventAs}>"
_ALT = f"<{SKOS.altLabel}>"
_LABEL = f"<{RDFS.label}>"
_REF = f"<{REFERENCE_GRAPH}>"
_NAMED = f"GRAPH ?w {{ ?e {_ALT} ?l }} FILTER(?w != {_REF})"  # an article graph wrote the name ?l for ?e
# Reference facts go when nothing needs them: an entity's facts when no article mentions it, a
# place lying in it or a body acting for it, a name when no article wrote it, and one of several
# labels (articles that disagree) when no article wrote it but one wrote another. Each check starts
# from the fact's entity, so none walks every mention in the store.
_PRUNE = f"""DELETE {{ GRAPH {_REF} {{ ?e ?p ?o }} }}
WHERE {{
  GRAPH {_REF} {{ ?e ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?e {_MENTIONED_IN} ?a }} }}
  FILTER NOT EXISTS {{ GRAPH ?g1 {{ ?x ?p1 ?e }} FILTER(?g1 != <{REFERENCE_GRAPH}>) }}
  FILTER NOT EXISTS {{
    GRAPH {_REF} {{ ?m <{NKG.locatedIn}>+ ?e }}
    FILTER EXISTS {{ GRAPH ?g2 {{ ?m {_MENTIONED_IN} ?a2 }} }}
  }}
  FILTER NOT EXISTS {{
    GRAPH {_REF} {{ ?b <{NKG.actsFor}> ?e }}
    FILTER EXISTS {{ GRAPH ?g3 {{ ?b {_MENTIONED_IN} ?a3 }} }}
  }}
}} ;
DELETE {{ GRAPH {_REF} {{ ?e {_ALT} ?l }} }}
WHERE {{ GRAPH {_REF} {{ ?e {_ALT} ?l }} FILTER NOT EXISTS {{ {_NAMED} }} }} ;
DELETE {{ GRAPH {_REF} {{ ?e {_LABEL} ?l }} }}
WHERE {{
  GRAPH {_REF} {{ ?e {_LABEL} ?l , ?other }} FILTER(?other != ?l)
  FILTER NOT EXISTS {{ {_NAMED} }}
  FILTER EXISTS {{ GRAPH ?w2 {{ ?e {_ALT} ?other }} FILTER(?w2 != {_REF}) }}
}}"""
_INDEXED_EVENTS = f"""SELECT ?e ?g ?cls ?date ?weekday (GROUP_CONCAT(DISTINCT STR(?agent); separator=" ") AS ?agents)
       (GROUP_CONCAT(DISTINCT STR(?place); separator=" ") AS ?places) WHERE {{
  GRAPH ?g {{ ?e {_MENTIONED_IN} ?g ; a ?cls . OPTIONAL {{ ?e <{NKG.place}> ?place }}
    OPTIONAL {{ ?e <{NKG.date}> ?date }} OPTIONAL {{ ?e <{NKG.weekday}> ?weekday }} OPTIONAL {{ ?e <{NKG.agent}> ?agent }} }}
  FILTER(STRSTARTS(STR(?cls), "{NKG}") && (BOUND(?date) || BOUND(?weekday)))
}} GROUP BY ?e ?g ?cls ?date ?weekday"""


def open_store(path: str | Path | None, *, read_only: bool = False) -> ox.Store:
    """Open (or create) an on-disk store; None gives an in-memory one. Raises StoreBusyError if locked."""
    if path is None:
        return ox.Store()
    p = Path(path)
    try:
        if read_only:
            if not p.exists():
                raise KGError(Errors.E008.format(path=p, detail="no store there; run `kg build` first"))
            return ox.Store.read_only(str(p))
        p.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(p))
    except (OSError, RuntimeError) as exc:  # RuntimeError: a store still being created by another process
        if is_lock_error(exc):
            raise StoreBusyError(Errors.E002.format(path=p)) from None
        raise KGError(Errors.E008.format(path=p, detail=exc)) from None


def _unlink_events(g: ox.NamedNode) -> str:
    """SPARQL deleting the nkg:sameEventAs links other graphs hold to or from an article's events."""
    events = f"GRAPH {g} {{ ?e {_MENTIONED_IN} {g} }}"
    return (f"DELETE {{ GRAPH ?g {{ ?e {_SAME_EVENT} ?o }} }} WHERE {{ {events} "
            f"GRAPH ?g {{ ?e {_SAME_EVENT} ?o }} FILTER(?g != {g}) }} ;\n"
            f"DELETE {{ GRAPH ?g {{ ?o {_SAME_EVENT} ?e }} }} WHERE {{ {events} "
            f"GRAPH ?g {{ ?o {_SAME_EVENT} ?e }} FILTER(?g != {g}) }} ;\n")


def _text(term: object) -> str:
    """The lexical value of a term (an IRI, a blank node's id, a literal's text)."""
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)) else str(term)


def _triples(quads: Iterable[ox.Quad]) -> str:
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def nquads_triples(data: bytes) -> str:
    """N-Quads as written by Oxigraph (each line ending with its graph IRI) to triples for INSERT DATA."""
    # split on "\n" only: str.splitlines also breaks on characters such as U+0085 that literals may hold
    return "\n".join(line[: line.rindex(" <")] + " ." for line in data.decode().split("\n") if line)


class KGStore:
    """The knowledge graph's quads: article graphs, the reference graph and the ontology graph.

    path (str | Path | None): the store folder; None keeps it in memory.
    read_only (bool): open an existing store without write access (several readers may share it).
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._store = open_store(path, read_only=read_only)
        if not read_only:
            self.ensure_ontology()

    # -- writing -----------------------------------------------------------------------------

    def require_writable(self) -> None:
        """Raise KGError (E016) when the store was opened read-only."""
        if self.read_only:
            raise KGError(Errors.E016.format(path=self.path or "(in memory)"))

    def _writable(self) -> ox.Store:
        self.require_writable()
        return self._store

    def ensure_ontology(self) -> None:
        """Load ontology/nkg.ttl into the ontology graph when it is missing or has changed."""
        ttl = (ontology_dir() / "nkg.ttl").read_bytes()
        marker = ox.Quad(_ONTOLOGY, _HASH, ox.Literal(hashlib.sha256(ttl).hexdigest()), _ONTOLOGY)
        if marker in self._store:
            return
        quads = [ox.Quad(t.subject, t.predicate, t.object, _ONTOLOGY) for t in ox.parse(ttl, format=ox.RdfFormat.TURTLE)]
        self._writable().update(f"DROP SILENT GRAPH {_ONTOLOGY} ;\nINSERT DATA {{ GRAPH {_ONTOLOGY} {{\n"
                                f"{_triples([*quads, marker])}\n}} }}")

    def article_hash(self, article_iri: str) -> str | None:
        """The content hash stored for an article, or None when it is not in the store."""
        g = ox.NamedNode(article_iri)
        for q in self._store.quads_for_pattern(g, _HASH, None, g):
            return _text(q.object)
        return None

    def put_article(self, article_iri: str, quads: bytes, reference: bytes = b"") -> None:
        """Replace one article's graph and add reference facts, in one transaction.

        quads (bytes): the article graph as N-Quads. reference (bytes): reference-graph N-Quads.
        Links other graphs hold to the article's old events go too: its new graph carries its links.
        """
        g = ox.NamedNode(article_iri)
        update = f"INSERT DATA {{ GRAPH {g} {{\n{nquads_triples(quads)}\n}} }}"
        if self._store.contains_named_graph(g):  # a new version: the old one and the links to it go first
            update = f"{_unlink_events(g)}DROP GRAPH {g} ;\n{update}"
        if reference:
            update += f" ;\nINSERT DATA {{ GRAPH {_REFERENCE} {{\n{nquads_triples(reference)}\n}} }}"
        self._writable().update(update)

    def bulk_load(self, quads: bytes, marks: bytes) -> None:
        """Fast, non-transactional load of new articles (N-Quads), then their content-hash marks.

        A build killed mid-load leaves articles without marks, which the next build redoes.
        """
        store = self._writable()
        store.bulk_load(quads, format=_NQ, lenient=True)  # kg's own serializer wrote them: valid
        store.extend(ox.parse(marks, format=_NQ))

    def remove_article(self, article_iri: str) -> bool:
        """Delete an article's graph and the reference facts no other article needs."""
        g = ox.NamedNode(article_iri)
        if not self._store.contains_named_graph(g):
            return False
        # One update, one transaction: links to its events, its graph, then unused reference facts.
        self._writable().update(f"{_unlink_events(g)}DROP GRAPH {g} ;\n{_PRUNE}")
        return True

    def prune_reference(self) -> None:
        """Drop reference facts nothing needs any more: about entities no article mentions (their
        containers stay), and names or labels no article wrote."""
        self._writable().update(_PRUNE)

    def flush(self) -> None:
        """Write buffered changes to disk."""
        if not self.read_only:
            self._store.flush()

    # -- reading -----------------------------------------------------------------------------

    def query(self, sparql: str, *, substitutions: dict | None = None, timeout: float | None = None):
        """Run SPARQL with the union of all graphs as default graph. Raises SyntaxError on bad SPARQL.

        timeout (float | None): seconds the query may run; past them it is stopped and
            QueryTimeoutError (E020) raised. The query then runs in a process of its own (see
            kg.store.limited). Defaults to None: no limit.
        """
        if timeout is None:
            return self._store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)
        if self.path is not None and not self.read_only:
            self.flush()  # the child opens the store afresh, read-only: it must see what this one wrote
        path = self.path

        def run():
            store = ox.Store.read_only(str(path)) if path is not None else self._store
            return store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

        return query_with_timeout(run, timeout)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad, or those of one named graph."""
        if graph is None:
            return iter(self._store)
        return self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))

    def quads_for_pattern(self, subject=None, predicate=None, obj=None, graph=None) -> Iterator[ox.Quad]:
        """Quads matching a pattern of terms (None matches anything)."""
        return self._store.quads_for_pattern(subject, predicate, obj, graph)

    def contains_graph(self, iri: str) -> bool:
        """Whether the store holds a named graph with this IRI."""
        return self._store.contains_named_graph(ox.NamedNode(iri))

    def graph_names(self) -> Iterator[str]:
        """The IRI of every named graph (articles, the reference graph, the ontology graph)."""
        return (g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_count(self) -> int:
        """The number of named graphs (articles, the reference graph and the ontology graph)."""
        return sum(1 for _ in self._store.named_graphs())

    def article_ids(self) -> dict[str, str]:
        """schema:identifier -> article IRI for every article in the store."""
        ident = ox.NamedNode(SCHEMA.identifier)
        return {_text(q.object): _text(q.subject) for q in self._store.quads_for_pattern(None, ident, None)
                if q.graph_name == q.subject}

    def indexed_events(self) -> Iterator[dict[str, str | None]]:
        """Every stored event, as plain values (for the same-event index)."""
        rows = self._store.query(_INDEXED_EVENTS)
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            yield {k: (_text(row[k]) if row[k] is not None else None)
                   for k in ("e", "g", "cls", "date", "weekday", "agents", "places")}

    def containment(self) -> dict[str, str]:
        """Place IRI -> the place it lies in, from the reference graph."""
        located = ox.NamedNode(NKG.locatedIn)
        return {_text(q.subject): _text(q.object) for q in self._store.quads_for_pattern(None, located, None, _REFERENCE)}

    def sides(self) -> dict[str, str]:
        """Government body or military force IRI -> the state it acts for, from the reference graph."""
        acts_for = ox.NamedNode(NKG.actsFor)
        return {_text(q.subject): _text(q.object) for q in self._store.quads_for_pattern(None, acts_for, None, _REFERENCE)}

    def reference_lines(self) -> set[bytes]:
        """The reference graph as a set of N-Quads lines (what a writer need not write again)."""
        data = ox.serialize(self._store.quads_for_pattern(None, None, None, _REFERENCE), format=_NQ) or b""
        return set(data.splitlines())

    def __len__(self) -> int:
        return len(self._store)

    def __contains__(self, quad: ox.Quad) -> bool:
        return quad in self._store

    def dump(self, output: str | Path | BinaryIO, fmt: ExportFormat, *, graph: str | None = None) -> None:
        """Serialize the store, or one named graph, to a path or a binary file.

        output (str | Path | BinaryIO): where to write.
        fmt (ExportFormat): TURTLE and NTRIPLES write the union of all graphs, each triple once;
            TRIG, NQUADS and JSONLD keep every named graph.
        graph (str | None): the IRI of one graph to write alone. Defaults to the whole store.
        """
        if graph is None and fmt is ExportFormat.NQUADS:
            self._store.dump(output, _NQ)  # streams straight from Oxigraph
            return
        write_rdf(list(self.quads(graph)), output, fmt)

    def rdflib(self) -> rdflib.Dataset:
        """An rdflib Dataset over this very store (see kg.store.bridge)."""
        from .bridge import rdflib_dataset

        return rdflib_dataset(self._store, prefixes=EXPORT_PREFIXES)

    def load_trig(self, data: bytes) -> None:
        """Add quads written as TriG (tests and tools that hand-make a small graph)."""
        self._writable().load(data, format=ox.RdfFormat.TRIG)

    def close(self) -> None:
        """Flush and release the store."""
        self.flush()
        del self._store
