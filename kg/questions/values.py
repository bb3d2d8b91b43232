"""SPARQL result terms as plain Python values."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pyoxigraph as ox

__all__ = ["python_value"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
_FLOATS = frozenset(_XSD + t for t in ("decimal", "double", "float"))


def python_value(term: Any) -> Any:
    """A SPARQL result term as a plain Python value.

    term (NamedNode | BlankNode | Literal | None): one cell of a result.
    RETURNS (Any): int for xsd integers, float for decimal/double/float, bool, datetime.date,
        datetime.datetime, str for other literals and for IRIs; None for an unbound cell.
        A literal whose text does not fit its datatype stays a str.

    >>> python_value(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    3
    >>> python_value(ox.Literal("2023-03-24", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))
    datetime.date(2023, 3, 24)
    >>> python_value(ox.NamedNode("https://w3id.org/newskg/resource/entity/irgc"))
    'https://w3id.org/newskg/resource/entity/irgc'
    """
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value
    dt = term.datatype.value
    text = term.value
    try:
        if dt in _INTEGERS:
            return int(text)
        if dt in _FLOATS:
            return float(text)
        if dt == _XSD + "boolean":
            return text in ("true", "1")
        if dt == _XSD + "date":
            return date.fromisoformat(text)
        if dt == _XSD + "dateTime":
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return text
