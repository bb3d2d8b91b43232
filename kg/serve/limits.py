"""The checks a query passes before it reaches Oxigraph, shared by kg serve, kg query and the Python API.

Some queries do not fail in Oxigraph 0.5.13, they take the whole process down: a stack overflow
on brackets nested a few thousand deep or on chains of a few thousand BINDs or MINUSes, and a Rust
panic ("comparison function does not correctly implement a total order") when ORDER BY meets
values SPARQL leaves unordered (numbers beside strings and dates, dateTimes with and without a
time zone). :func:`check` refuses the first kind with one line (QueryRefusedError) and makes the
second safe: each ORDER BY condition gets a key before it that puts incomparable values in
separate buckets (numbers, NaN, then each datatype and language, with or without a time zone), so
every comparison the sort makes is a real order. Values SPARQL does order keep their order.

>>> checked = check("SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x")
>>> checked.text.count("isNUMERIC(?x)")
1
>>> check("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", Limits(allow_service=False))
Traceback (most recent call last):
...
kg.errors.QueryRefusedError: [E204] SERVICE is refused: this server sends no requests to other endpoints. Run the federated part elsewhere, or start the server with --allow-service.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from ..errors import Errors, QueryRefusedError
from .lexer import CLOSE, OPEN, Token, matching, tokenize

__all__ = ["Limits", "Checked", "check", "describe_syntax_error"]

# Clauses that each add a level to the engine's plan when chained (one BIND after another, ...).
_CLAUSES = frozenset({"BIND", "MINUS", "OPTIONAL", "UNION", "FILTER", "GRAPH", "SERVICE", "VALUES", "SELECT",
                      "EXISTS", "AS"})
_AFTER_ORDER = frozenset({"LIMIT", "OFFSET", "VALUES"})


@dataclass(frozen=True)
class Limits:
    """What a query may be. The defaults keep well inside what crashes Oxigraph on an 8 MB stack
    (brackets about 2,500 deep, chains of about 3,500 clauses) and above any hand-written query.

    max_chars (int): the longest query text. Defaults to 100,000.
    max_depth (int): the deepest nesting of ( [ {. Defaults to 100.
    max_clauses (int): groups plus BIND, FILTER, OPTIONAL, MINUS, UNION, VALUES, GRAPH, SERVICE,
        SELECT, EXISTS and AS. Defaults to 1,000.
    allow_service (bool): let SERVICE reach other endpoints. Defaults to True (kg serve says False).
    """

    max_chars: int = 100_000
    max_depth: int = 100
    max_clauses: int = 1_000
    allow_service: bool = True


@dataclass(frozen=True)
class Checked:
    """A query that passed: the text to run and where text was inserted into the original.

    text (str): what to give the engine.
    insertions (tuple[tuple[int, int], ...]): (offset in the original, length inserted) pairs, in order.
    """

    text: str
    insertions: tuple[tuple[int, int], ...] = field(default=())

    def original_offset(self, offset: int) -> int:
        """Map an offset in `text` back to the original query (inside inserted text: where it went in)."""
        shift = 0
        for where, length in self.insertions:
            if offset < where + shift:
                break
            if offset < where + shift + length:
                return where
            shift += length
        return offset - shift


def check(query: str, limits: Limits = Limits()) -> Checked:
    """Refuse the query shapes that crash the engine or reach out; make ORDER BY safe.

    query (str): SPARQL query text (prefixes included).
    limits (Limits): the limits to apply. Defaults to Limits().
    RETURNS (Checked): the text to run. Raises QueryRefusedError (one line) for a query too long, too
        deep, with too many clauses, or with SERVICE when it is not allowed.
    """
    if len(query) > limits.max_chars:
        raise QueryRefusedError(Errors.E201.format(size=len(query), limit=limits.max_chars))
    tokens = tokenize(query)
    depth = deepest = clauses = 0
    for t in tokens:
        if t.kind == "punct" and t.text in OPEN:
            depth += 1
            deepest = max(deepest, depth)
            clauses += t.text == "{"
        elif t.kind == "punct" and t.text in CLOSE:
            depth = max(depth - 1, 0)
        elif t.word in _CLAUSES:
            clauses += 1
            if t.word == "SERVICE" and not limits.allow_service:
                raise QueryRefusedError(Errors.E204)
    if deepest > limits.max_depth:
        raise QueryRefusedError(Errors.E202.format(depth=deepest, limit=limits.max_depth))
    if clauses > limits.max_clauses:
        raise QueryRefusedError(Errors.E203.format(count=clauses, limit=limits.max_clauses))
    return _safe_order(query, tokens)


def _bucket(expr: str) -> str:
    """A key that splits values SPARQL cannot compare into buckets that compare as plain strings.

    Unbound values, blank nodes and IRIs make the expression fail, so they keep their SPARQL
    order (before every literal) in an unbound bucket of their own.
    """
    e = expr
    return (f'IF(isNUMERIC({e}), IF({e} = {e}, "0", "1"), CONCAT("2", STR(DATATYPE({e})), LANG({e}), '
            f'COALESCE(IF(TZ({e}) = "", "", "z"), "")))')


def _conditions(query: str, tokens: list[Token], i: int) -> tuple[list[tuple[Token, str | None, str]], int] | None:
    """The conditions of the ORDER BY whose first condition is tokens[i], as (first token, direction,
    expression) triples, and the index after them; None when the clause is not one this reads."""
    found: list[tuple[Token, str | None, str]] = []
    while i < len(tokens):
        t = tokens[i]
        if t.kind == "var":
            found.append((t, None, t.text))
            i += 1
            continue
        head = i
        if t.word in ("ASC", "DESC"):
            i += 1
        elif t.word == "NOT" and i + 1 < len(tokens) and tokens[i + 1].word == "EXISTS":
            i += 2
        elif t.kind in ("name", "iri") and t.word not in _AFTER_ORDER:
            i += 1
        if i >= len(tokens) or tokens[i].text not in "({" or tokens[i].kind != "punct":
            if head != i:
                return None  # a name not followed by ( or {: nothing this can rewrite safely
            break
        close = matching(tokens, i)
        if close < 0:
            return None
        if t.word in ("ASC", "DESC"):
            found.append((t, t.word, _expression(query, tokens, i + 1, close)))
        else:
            found.append((t, None, _expression(query, tokens, head, close + 1)))
        if not found[-1][2].strip():
            return None
        i = close + 1
    if not found or (i < len(tokens) and tokens[i].word not in _AFTER_ORDER and tokens[i].text != "}"):
        return None
    return found, i


def _expression(query: str, tokens: list[Token], start: int, stop: int) -> str:
    """The text of tokens[start:stop] as written, comments blanked (the copy must not hide what follows it)."""
    if start >= stop:
        return ""
    text = query[tokens[start].start: tokens[stop - 1].end]
    for t in reversed(tokenize(text, comments=True)):
        if t.text.startswith("#") and t.kind == "comment":
            text = text[: t.start] + " " * len(t.text) + text[t.end:]
    return text


def _safe_order(query: str, tokens: list[Token]) -> Checked:
    insertions: list[tuple[int, str]] = []
    for i in range(len(tokens) - 1):
        if tokens[i].word != "ORDER" or tokens[i + 1].word != "BY":
            continue
        parsed = _conditions(query, tokens, i + 2)
        if parsed is None:
            continue  # not a clause this reads; the engine's parser will say what is wrong with it
        for first, direction, expr in parsed[0]:
            key = f"{direction}({_bucket(expr)})" if direction else _bucket(expr)
            insertions.append((first.start, key + " "))
    if not insertions:
        return Checked(query)
    parts, last = [], 0
    for where, text in insertions:
        parts += [query[last:where], text]
        last = where
    parts.append(query[last:])
    return Checked("".join(parts), tuple((where, len(text)) for where, text in insertions))


_POSITION = re.compile(r"^error at (\d+):(\d+): ?(.*)$", re.S)
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SENTENCE = re.compile(r"(?:^|, )([A-Z][a-z]+(?: [^,\[\]\"]+){2,})")
_SECOND_OPINION_CHARS = 20_000  # rdflib's parser is pure Python: only short texts get a second opinion
_second_opinion_lock = threading.Lock()


def describe_syntax_error(exc: SyntaxError, checked: Checked, *, skip_lines: int = 0) -> str:
    """Oxigraph's syntax error as one sentence with the line and column in the user's own text.

    Oxigraph 0.5 reports most errors at the end of the query, with a list of everything it could
    have read there (Unicode ranges included). When it does, rdflib's SPARQL parser, which stops
    at the start of the construct it cannot read, gives the position instead.

    exc (SyntaxError): what the engine raised for checked.text.
    checked (Checked): the query as checked (its insertions are mapped back).
    skip_lines (int): lines of prologue kg put before the user's text (predeclared prefixes). Defaults to 0.
    RETURNS (str): e.g. "line 3, column 2: cannot read the query from 'FILTER(?x = ) }'".
    """
    m = _POSITION.match(str(exc))
    if m is None:
        return " ".join(str(exc).split())
    lines = checked.text.split("\n")
    offset = sum(len(ln) + 1 for ln in lines[: int(m[1]) - 1]) + int(m[2]) - 1
    offset = checked.original_offset(min(offset, len(checked.text)))
    original = _original_text(checked)
    expected = m[3].removeprefix("expected one of ").removeprefix("expected ")
    message = _SENTENCE.search(expected)
    if "Prefix not found" in expected:
        prefix = re.search(r"([^\s(){}\[\],;]*):[^\s:]*$", original[:offset])
        name = f"{prefix[1]}:" if prefix else "this prefix"
        sentence = f"the prefix {name} is not declared; add PREFIX {name} <IRI> before the query"
    elif message:
        sentence = message[1].rstrip(".")
    else:
        earlier = _second_opinion(original)
        if earlier is not None and earlier < offset:
            offset = earlier
        sentence = _unexpected(original, offset, expected)
    line = original.count("\n", 0, offset) + 1
    column = offset - (original.rfind("\n", 0, offset) + 1) + 1
    return f"line {line - skip_lines}, column {column}: {sentence}"


def _second_opinion(text: str) -> int | None:
    """Where rdflib's SPARQL parser stops reading the text, or None when it reads it all (or cannot say)."""
    if len(text) > _SECOND_OPINION_CHARS:
        return None
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    with _second_opinion_lock:
        try:
            parseQuery(text)
        except ParseException as exc:
            return int(exc.loc)
        except RecursionError:
            return None
    return None


def _unexpected(text: str, offset: int, expected: str) -> str:
    rest = text[offset:].split("\n", 1)[0].strip()
    if rest:
        return f"cannot read the query from {rest[:30] + ('…' if len(rest) > 30 else '')!r}"
    tokens = [f"'{q}'" for q in _QUOTED.findall(expected) if len(q) <= 2]
    if tokens:
        return f"the query ends too early; expected {'one of ' if len(tokens) > 1 else ''}{', '.join(tokens[:8])}"
    return "the query ends too early"


def _original_text(checked: Checked) -> str:
    text, out, last, shift = checked.text, [], 0, 0
    for where, length in checked.insertions:
        out.append(text[last: where + shift])
        last = where + shift + length
        shift += length
    out.append(text[last:])
    return "".join(out)
