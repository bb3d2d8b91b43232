"""Named questions: SPARQL files shipped with kg, run by name with parameters bound as RDF terms."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .data import queries_dir
from .errors import Errors

__all__ = ["NamedQuery", "named_queries", "get_named_query", "PREFIXES"]

PREFIXES = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*(?::\s*(\w+))?\s*(?:=\s*(.*))?$", re.M)
_TITLE = re.compile(r"^#\s*title:\s*(.+)$", re.M)


@dataclass(frozen=True)
class NamedQuery:
    """A .rq file: its name, one-line title, parameters (name -> kind, default) and text."""

    name: str
    title: str
    params: dict[str, tuple[str, str | None]]
    text: str

    def bindings(self, values: dict[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
        """Bind parameters as RDF terms (never pasted into the query text)."""
        unknown = set(values) - set(self.params)
        if unknown:
            raise ValueError(Errors.E010.format(name=self.name, expected=sorted(self.params) or "none", got=sorted(unknown)))
        out = {}
        for name, (kind, default) in self.params.items():
            value = values.get(name, default)
            if value is None:
                continue
            if kind == "iri":
                term: ox.NamedNode | ox.Literal = ox.NamedNode(value)
            elif kind == "date":
                term = ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
            elif kind == "int":
                term = ox.Literal(str(int(value)), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
            else:
                term = ox.Literal(value)
            out[ox.Variable(name)] = term
        return out


def _load(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    title = _TITLE.search(text)
    params = {m.group(1): ((m.group(2) or "string").lower(), m.group(3).strip().strip('"') if m.group(3) else None)
              for m in _PARAM.finditer(text)}
    return NamedQuery(path.stem, title.group(1).strip() if title else path.stem, params, text)


def named_queries() -> dict[str, NamedQuery]:
    """Every shipped named question, by name."""
    return {p.stem: _load(p) for p in sorted(queries_dir().glob("*.rq"))}


def get_named_query(name: str) -> NamedQuery:
    qs = named_queries()
    if name not in qs:
        raise KeyError(Errors.E006.format(name=name))
    return qs[name]
