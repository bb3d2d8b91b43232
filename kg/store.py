"""Stage 5, store: a thin wrapper over pyoxigraph.Store with one named graph per article.

Each article is written in one SPARQL update (one transaction): its old graph is dropped and the
new one inserted together, so a build killed at any moment leaves whole articles only.
Queries see the union of all graphs as the default graph.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .data import ontology_dir
from .errors import Errors, StoreBusyError, KGError
from .namespaces import DEFAULT_BASE as _BASE  # for ExportFormat and dump
from .namespaces import NKG, ONTOLOGY_GRAPH, REFERENCE_GRAPH, SCHEMA
from .namespaces import PREFIXES as _NS_PREFIXES

__all__ = ["KGStore", "ExportFormat", "open_store"]

log = logging.getLogger("kg")
_ONTOLOGY = ox.NamedNode(ONTOLOGY_GRAPH)
_REFERENCE = ox.NamedNode(REFERENCE_GRAPH)
_HASH = ox.NamedNode(str(NKG.contentHash))


EXPORT_PREFIXES: dict[str, str] = {
    **{p: str(ns) for p, ns in _NS_PREFIXES.items() if p != "gn"},  # GeoNames IRIs end in "/": clearer in full
    "res": _BASE,
    **{p: f"{_BASE}{p}/" for p in ("article", "event", "entity", "geonames", "iso3166", "wikidata")},
}
"""Prefixes declared in Turtle, TriG and JSON-LD (@context) exports and used by `kg query` tables."""


class ExportFormat(Enum):
    """RDF formats kg writes, by file extension: Turtle and N-Triples hold triples (the union of
    all graphs); TriG, N-Quads and JSON-LD keep every named graph."""

    TURTLE = "ttl"
    TRIG = "trig"
    NQUADS = "nq"
    NTRIPLES = "nt"
    JSONLD = "jsonld"

    @classmethod
    def from_name(cls, name: str | ExportFormat) -> ExportFormat:
        """The format for an extension or name ("ttl", ".nq", "turtle", "json-ld"). Raises ValueError (E004)."""
        if isinstance(name, ExportFormat):
            return name
        key = name.lower().lstrip(".")
        aliases = {"turtle": "ttl", "n-quads": "nq", "nquads": "nq", "n-triples": "nt", "ntriples": "nt",
                   "json-ld": "jsonld", "json": "jsonld"}
        key = aliases.get(key, key)
        for f in cls:
            if f.value == key:
                return f
        raise ValueError(Errors.E004.format(fmt=name, options=", ".join(f.value for f in cls)))

    @property
    def rdf_format(self) -> ox.RdfFormat:
        """The matching pyoxigraph format."""
        return {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS,
                "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}[self.value]

    @property
    def keeps_graphs(self) -> bool:
        """True for the formats that write named graphs (TriG, N-Quads, JSON-LD)."""
        return self in (ExportFormat.TRIG, ExportFormat.NQUADS, ExportFormat.JSONLD)

    @property
    def media_type(self) -> str:
        """The IANA media type, as used in HTTP Accept headers."""
        return self.rdf_format.media_type


def _is_lock_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "lock" in text or "resource temporarily unavailable" in text or "busy" in text


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
        if _is_lock_error(exc):
            raise StoreBusyError(Errors.E002.format(path=p)) from None
        raise KGError(Errors.E008.format(path=p, detail=exc)) from None


# Updates written with full IRIs (no PREFIX), so they can be joined with ";" into one request.
_MENTIONED_IN = f"<{NKG.mentionedIn}>"
_SAME_EVENT = f"<{NKG.sameEventAs}>"
_PRUNE = f"""DELETE {{ GRAPH <{REFERENCE_GRAPH}> {{ ?e ?p ?o }} }}
WHERE {{
  GRAPH <{REFERENCE_GRAPH}> {{ ?e ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?e {_MENTIONED_IN} ?a }} }}
  FILTER NOT EXISTS {{
    GRAPH <{REFERENCE_GRAPH}> {{ ?m <{NKG.locatedIn}>+ ?e }}
    FILTER EXISTS {{ GRAPH ?g2 {{ ?m {_MENTIONED_IN} ?a2 }} }}
  }}
}}"""  # start from the fact's entity, so the check does not walk every mention in the store


def _unlink_events(g: ox.NamedNode) -> str:
    """SPARQL deleting the nkg:sameEventAs links other graphs hold to or from an article's events."""
    events = f"GRAPH {g} {{ ?e {_MENTIONED_IN} {g} }}"
    return (f"DELETE {{ GRAPH ?g {{ ?e {_SAME_EVENT} ?o }} }} WHERE {{ {events} "
            f"GRAPH ?g {{ ?e {_SAME_EVENT} ?o }} FILTER(?g != {g}) }} ;\n"
            f"DELETE {{ GRAPH ?g {{ ?o {_SAME_EVENT} ?e }} }} WHERE {{ {events} "
            f"GRAPH ?g {{ ?o {_SAME_EVENT} ?e }} FILTER(?g != {g}) }} ;\n")


def _nt(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    return str(term)


class KGStore:
    """The knowledge graph's quads: article graphs, the reference graph and the ontology graph."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.store = open_store(path, read_only=read_only)
        if not read_only:
            self.ensure_ontology()

    # -- writing -----------------------------------------------------------------------------

    def ensure_ontology(self) -> None:
        """Load ontology/nkg.ttl into the ontology graph when it is missing or has changed."""
        ttl = (ontology_dir() / "nkg.ttl").read_bytes()
        digest = hashlib.sha256(ttl).hexdigest()
        marker = ox.Quad(_ONTOLOGY, _HASH, ox.Literal(digest), _ONTOLOGY)
        if marker in self.store:
            return
        quads = [ox.Quad(t.subject, t.predicate, t.object, _ONTOLOGY) for t in ox.parse(ttl, format=ox.RdfFormat.TURTLE)]
        self._replace_graph(_ONTOLOGY, [*quads, marker])

    def _replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad], extra: Iterable[ox.Quad] = (),
                       *, before: str = "") -> None:
        body = "\n".join(f"{_nt(q.subject)} {_nt(q.predicate)} {_nt(q.object)} ." for q in quads)
        update = f"{before}DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"
        extra_quads = list(extra)
        if extra_quads:
            groups: dict[str, list[str]] = {}
            for q in extra_quads:
                groups.setdefault(str(q.graph_name), []).append(f"{_nt(q.subject)} {_nt(q.predicate)} {_nt(q.object)} .")
            for g, lines in groups.items():
                update += f" ;\nINSERT DATA {{ GRAPH {g} {{\n" + "\n".join(lines) + "\n} }"
        self.store.update(update)

    def article_hash(self, article_iri: str) -> str | None:
        """The content hash stored for an article, or None when it is not in the store."""
        g = ox.NamedNode(article_iri)
        for q in self.store.quads_for_pattern(g, _HASH, None, g):
            return q.object.value
        return None

    def put_article(self, article_iri: str, quads: list[ox.Quad], reference: list[ox.Quad] = ()) -> None:
        """Replace one article's graph and add its reference facts, in one transaction.

        Links other graphs hold to the article's old events go too: its new graph carries its links.
        """
        g = ox.NamedNode(article_iri)
        self._replace_graph(g, quads, reference, before=_unlink_events(g))

    def bulk_put(self, quads: Iterable[ox.Quad]) -> None:
        """Fast, non-transactional load for large first builds into an empty store."""
        self.store.bulk_extend(quads)

    def remove_article(self, article_iri: str) -> bool:
        """Delete an article's graph and the reference facts no other article needs."""
        g = ox.NamedNode(article_iri)
        if not self.store.contains_named_graph(g):
            return False
        # One update, one transaction: links to its events, its graph, then unused reference facts.
        self.store.update(f"{_unlink_events(g)}DROP GRAPH {g} ;\n{_PRUNE}")
        return True

    def prune_reference(self) -> None:
        """Drop reference facts about entities that no article mentions any more (keeping their containers)."""
        self.store.update(_PRUNE)

    def flush(self) -> None:
        if not self.read_only:
            self.store.flush()

    # -- reading -----------------------------------------------------------------------------

    def query(self, sparql: str, *, substitutions: dict | None = None):
        """Run SPARQL with the union of all graphs as default graph. Raises SyntaxError on bad SPARQL."""
        return self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)

    def article_ids(self) -> dict[str, str]:
        """schema:identifier -> article IRI for every article in the store."""
        ident = ox.NamedNode(str(SCHEMA.identifier))
        return {q.object.value: q.subject.value for q in self.store.quads_for_pattern(None, ident, None)
                if q.graph_name == q.subject}

    def __len__(self) -> int:
        return len(self.store)

    def dump(self, output: str | Path | BinaryIO, fmt: ExportFormat, *, graph: str | None = None) -> None:
        """Serialize the store, or one named graph, to a path or a binary file.

        output (str | Path | BinaryIO): where to write.
        fmt (ExportFormat): TURTLE and NTRIPLES write the union of all graphs, each triple once;
            TRIG, NQUADS and JSONLD keep every named graph.
        graph (str | None): the IRI of one graph to write alone (kept as a named graph in the
            graph-keeping formats). Defaults to the whole store.

        Turtle and TriG declare EXPORT_PREFIXES and are sorted by graph and subject (rdf:type first),
        so exports are readable and the same store always gives the same bytes. JSON-LD is compacted
        with a @context of the same prefixes. N-Quads of the whole store stream straight from Oxigraph.
        """
        if graph is None and fmt is ExportFormat.NQUADS:
            self.store.dump(output, ox.RdfFormat.N_QUADS)
            return
        quads = (self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)) if graph is not None
                 else iter(self.store))
        if fmt.keeps_graphs:
            items: list[ox.Quad] | list[ox.Triple] = sorted(quads, key=_reading_order)
        else:
            items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=_reading_order)
        if fmt is ExportFormat.JSONLD:
            data = _jsonld(items)
            if isinstance(output, (str, Path)):
                Path(output).write_bytes(data)
            else:
                output.write(data)
            return
        prefixes = EXPORT_PREFIXES if fmt in (ExportFormat.TURTLE, ExportFormat.TRIG) else None
        ox.serialize(items, output, fmt.rdf_format, prefixes=prefixes)

    def close(self) -> None:
        self.flush()
        del self.store


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _reading_order(q: ox.Quad | ox.Triple) -> tuple[str, str, bool, str, str]:
    graph = str(q.graph_name) if isinstance(q, ox.Quad) else ""
    return graph, str(q.subject), q.predicate.value != _RDF_TYPE, q.predicate.value, str(q.object)


def _jsonld(items: list[ox.Quad] | list[ox.Triple]) -> bytes:
    """Compacted JSON-LD with a @context of EXPORT_PREFIXES (rdflib's writer over oxrdflib)."""
    import warnings

    import rdflib
    from oxrdflib import OxigraphStore

    tmp = ox.Store()
    tmp.extend(q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
               for q in items)
    dataset = rdflib.Dataset(store=OxigraphStore(store=tmp))
    with warnings.catch_warnings():  # rdflib 7's JSON-LD writer calls its own deprecated Dataset API
        warnings.simplefilter("ignore", DeprecationWarning)
        doc = json.loads(dataset.serialize(format="json-ld", context=dict(EXPORT_PREFIXES)))
    return (json.dumps(_canonical_order(doc), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _canonical_order(node: object, key: str = "") -> object:
    """JSON-LD with every array sorted (their order carries no meaning, except in @list)."""
    if isinstance(node, dict):
        return {k: _canonical_order(v, k) for k, v in node.items()}
    if isinstance(node, list):
        items = [_canonical_order(v) for v in node]
        return items if key == "@list" else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return node
