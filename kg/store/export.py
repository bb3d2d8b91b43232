"""Writing the store as RDF files: Turtle, TriG, N-Quads, N-Triples and JSON-LD."""
from __future__ import annotations

import json
import warnings
from enum import Enum
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import Errors
from ..knowledge.vocab import PREFIXES, RESOURCE_PREFIXES
from .bridge import rdflib_dataset

__all__ = ["ExportFormat", "EXPORT_PREFIXES", "write_rdf"]

EXPORT_PREFIXES: dict[str, str] = {**PREFIXES, **RESOURCE_PREFIXES}
"""Prefixes declared in Turtle, TriG and JSON-LD (@context) exports, in `kg extract` and in `kg query` tables."""


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


def write_rdf(quads: list[ox.Quad], output: str | Path | BinaryIO, fmt: ExportFormat) -> None:
    """Serialize quads: graph-keeping formats as they are, the others as the union of triples.

    Turtle and TriG declare EXPORT_PREFIXES and are sorted by graph and subject (rdf:type first),
    so the same quads always give the same bytes. JSON-LD is compacted with a @context of the same prefixes.
    """
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


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _reading_order(q: ox.Quad | ox.Triple) -> tuple[str, str, bool, str, str]:
    graph = str(q.graph_name) if isinstance(q, ox.Quad) else ""
    return graph, str(q.subject), q.predicate.value != _RDF_TYPE, q.predicate.value, str(q.object)


def _jsonld(items: list[ox.Quad] | list[ox.Triple]) -> bytes:
    """Compacted JSON-LD with a @context of EXPORT_PREFIXES (rdflib's writer, over the bridge)."""
    tmp = ox.Store()
    tmp.extend(q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
               for q in items)
    dataset = rdflib_dataset(tmp, union=False)
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
