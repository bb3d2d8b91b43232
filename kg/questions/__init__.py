"""Named questions: SPARQL files shipped with kg, run by name with parameters bound as RDF terms.

Each ``kg/questions/NAME.rq`` is a complete, self-contained SPARQL query (it declares its own
prefixes, so it can be pasted into any endpoint's query page). A header of comments describes it::

    # title: Attacks in or near a place, with their dates
    # question: Q1
    # param place: string = "Deir Ezzor"

Parameters are variables of the query. :meth:`NamedQuery.sparql` binds them with a ``VALUES``
block at the start of every ``WHERE`` group (the query's and each sub-query's, so a parameter has
its value wherever its variable appears, and a sub-query starts from it): each value becomes one
RDF term (a typed literal or an IRI) serialized and escaped by pyoxigraph, never pasted into the
query as raw text.
The same text runs in the local store and on any SPARQL endpoint, so both give the same rows.
(pyoxigraph's own ``substitutions`` only bind projected variables, which parameters usually are not.)

One parameter is not a variable: ``limit`` (an int) sets the number after ``LIMIT`` in the file,
so a question that lists everything answers from a bounded part of a large store
(``kg query people --param limit=5000``).

>>> q = get_named_query("attacks-near")
>>> sorted(q.params)
['limit', 'place']
>>> q.bindings({"place": "Deir Ezzor"})
{<Variable value=place>: <Literal value=Deir Ezzor datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>}
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ..errors import Errors
from ..knowledge.vocab import PREFIXES as _PREFIXES

__all__ = ["NamedQuery", "Param", "named_queries", "get_named_query", "PREFIXES", "PARAM_KINDS", "is_query_name",
           "load_query", "prepare"]

PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in _PREFIXES.items())
"""Prologue that `kg query` and :meth:`KnowledgeGraph.query` put before ad-hoc SPARQL.

A query may redeclare any of these prefixes; SPARQL lets the later declaration win."""

PARAM_KINDS = ("string", "iri", "date", "int")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*(?::\s*(\w+))?\s*(?:=\s*(.*?))?\s*$", re.M)
_TITLE = re.compile(r"^#\s*title:\s*(.+?)\s*$", re.M)
_QUESTION = re.compile(r"^#\s*question:\s*(\S+)\s*$", re.M)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_NAME = re.compile(r"^[A-Za-z][\w-]*$")
_LIMIT = re.compile(r"\bLIMIT\s+\d+", re.I)
LIMIT_PARAM = "limit"

# Messages specific to named questions (kept next to their only user until kg/errors.py takes them).
_BAD_VALUE = "Parameter {param!r} of named question {name!r} must be {kind}: got {value!r}. {hint}"
_BAD_KIND = "{path}: parameter {param!r} has unknown kind {kind!r}; use one of {kinds}."

Term = ox.NamedNode | ox.Literal


@dataclass(frozen=True)
class Param:
    """One parameter of a named question: its kind (string, iri, date or int) and default value."""

    kind: str
    default: str | None = None

    def term(self, value: str, *, name: str = "", param: str = "") -> Term:
        """The RDF term for a value given as text. Raises ValueError when it is not of this kind."""
        hint = {"iri": "Give an absolute IRI such as https://w3id.org/newskg/resource/entity/irgc.",
                "date": "Use the form YYYY-MM-DD.", "int": "Use digits only.", "string": ""}[self.kind]
        try:
            if self.kind == "iri":
                return ox.NamedNode(value)
            if self.kind == "date":
                return ox.Literal(date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(_XSD + "date"))
            if self.kind == "int":
                return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
        except ValueError:
            raise ValueError(_BAD_VALUE.format(param=param, name=name, kind=self.kind, value=value,
                                               hint=hint).rstrip()) from None
        return ox.Literal(value)


@dataclass(frozen=True)
class NamedQuery:
    """A shipped .rq file: its name, one-line title, gold question id, parameters and text."""

    name: str
    title: str
    params: dict[str, Param]
    text: str
    question: str | None = None

    def bindings(self, values: dict[str, str] | None = None) -> dict[ox.Variable, Term]:
        """Parameters as RDF terms (defaults filled in, unset ones left free; ``limit`` is not a term).

        values (dict[str, str] | None): parameter name -> value as text.
        RETURNS (dict[Variable, Term]): variable -> term, in the order the file declares them.
        Raises ValueError for an unknown parameter or a value of the wrong kind.
        """
        values = dict(values or {})
        unknown = set(values) - set(self.params)
        if unknown:
            raise ValueError(Errors.E010.format(name=self.name, expected=sorted(self.params) or "none",
                                                got=sorted(unknown)))
        out: dict[ox.Variable, Term] = {}
        for pname, param in self.params.items():
            value = values.get(pname, param.default)
            if value is not None and pname != LIMIT_PARAM:
                out[ox.Variable(pname)] = param.term(value, name=self.name, param=pname)
        return out

    def limit(self, values: dict[str, str] | None = None) -> int | None:
        """The number the ``limit`` parameter puts after LIMIT (None when the file declares none)."""
        param = self.params.get(LIMIT_PARAM)
        value = (values or {}).get(LIMIT_PARAM, param.default if param else None)
        if param is None or value is None:
            return None
        n = int(param.term(value, name=self.name, param=LIMIT_PARAM).value)
        if n < 1:
            raise ValueError(f"Parameter 'limit' of named question {self.name!r} must be 1 or more: got {value!r}.")
        return n

    def sparql(self, values: dict[str, str] | None = None) -> str:
        """The query text with its parameters bound by a leading VALUES block; runs anywhere.

        values (dict[str, str] | None): parameter name -> value as text.
        RETURNS (str): the query, with ``VALUES (?a ?b) { (term term) }`` opening each WHERE group;
            each term is serialized by pyoxigraph (escaped), never pasted from the raw value.
            A ``limit`` replaces the number after each LIMIT of the file.
        """
        bound = self.bindings(values)
        text = self.text
        limit = self.limit(values)
        if limit is not None:
            text = _LIMIT.sub(f"LIMIT {limit}", text)
        if not bound:
            return text
        variables = " ".join(str(v) for v in bound)
        terms = " ".join(str(t) for t in bound.values())
        block = f"\n  VALUES ({variables}) {{ ({terms}) }}"
        matches = _code_matches(_WHERE, text)
        if not matches:
            raise ValueError(f"named question {self.name!r} has no WHERE {{ … }} group to bind parameters in")
        for m in reversed(matches):
            text = text[: m.end()] + block + text[m.end():]
        return text

    @property
    def usage(self) -> str:
        """The parameters as `kg query` options, with their defaults."""
        parts = []
        for pname, param in self.params.items():
            shown = f'"{param.default}"' if param.default is not None and " " in param.default else param.default
            parts.append(f"--param {pname}={shown if param.default is not None else '…'}")
        return " ".join(parts)


def _code_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The matches that are not inside a # comment line."""
    out = []
    for m in pattern.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if "#" not in text[line_start: m.start()]:
            out.append(m)
    return out


def _load(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    title = _TITLE.search(text)
    question = _QUESTION.search(text)
    params: dict[str, Param] = {}
    for m in _PARAM.finditer(text):
        kind = (m.group(2) or "string").lower()
        if kind not in PARAM_KINDS:
            raise ValueError(_BAD_KIND.format(path=path, param=m.group(1), kind=kind, kinds=", ".join(PARAM_KINDS)))
        default = m.group(3)
        if default is not None and len(default) >= 2 and default[0] == default[-1] == '"':
            default = default[1:-1]
        params[m.group(1)] = Param(kind, default or None)
    return NamedQuery(path.stem, title.group(1) if title else path.stem, params, text,
                      question.group(1) if question else None)


@lru_cache(maxsize=4)
def _load_dir(folder: Path, stamp: tuple[tuple[str, float], ...]) -> dict[str, NamedQuery]:
    return {p.stem: _load(p) for p in sorted(folder.glob("*.rq"))}


def queries_dir() -> Path:
    """The folder of the named questions shipped with kg (this package)."""
    return Path(__file__).resolve().parent


def named_queries() -> dict[str, NamedQuery]:
    """Every shipped named question, by name (sorted).

    RETURNS (dict[str, NamedQuery]): e.g. ``named_queries()["attacks-near"].title``.
    """
    folder = queries_dir()
    stamp = tuple((p.name, p.stat().st_mtime) for p in sorted(folder.glob("*.rq")))
    return _load_dir(folder, stamp)


def is_query_name(text: str) -> bool:
    """True when text looks like a named question's name rather than SPARQL."""
    return bool(_NAME.match(text.strip()))


def get_named_query(name: str) -> NamedQuery:
    """The named question called name. Raises KeyError (E006) when there is none."""
    qs = named_queries()
    if name not in qs:
        raise KeyError(Errors.E006.format(name=name))
    return qs[name]


def load_query(path: str | Path) -> NamedQuery:
    """A .rq file anywhere on disk, read like a shipped named question (title, parameters)."""
    return _load(Path(path))


def prepare(query: str, values: dict[str, str] | None = None) -> str:
    """The exact SPARQL text kg runs for a query, a .rq file or a named question.

    query (str): SPARQL text (the common prefixes of PREFIXES are put before it), the path of a
        .rq file, or the name of a shipped named question.
    values (dict[str, str] | None): parameters of a named question or .rq file, as text.
    RETURNS (str): self-contained SPARQL; send it to `kg serve` and you get the same rows.
    Raises KeyError (E006) for an unknown name, ValueError for bad or unexpected parameters.

    >>> prepare("SELECT * WHERE { ?s ?p ?o }").startswith("PREFIX nkg:")
    True
    >>> 'VALUES (?place) { ("Raqqa") }' in prepare("attacks-near", {"place": "Raqqa"})
    True
    """
    stripped = query.strip()
    if stripped.endswith(".rq") and "\n" not in stripped and Path(stripped).is_file():
        return load_query(stripped).sparql(values)
    if is_query_name(stripped):
        return get_named_query(stripped).sparql(values)
    if values:
        raise ValueError(f"--param/keyword parameters apply to named questions and .rq files only; got {sorted(values)}")
    return PREFIXES + query
