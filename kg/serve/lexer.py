"""A small SPARQL tokenizer: enough to measure a query and find its ORDER BY clauses, never to run it.

It knows strings, IRIs, comments, variables, prefixed names, numbers and brackets, so a bracket or a
keyword inside a string or an IRI is never counted. Text it does not recognise becomes one-character
tokens: the engine's parser, not this one, decides whether a query is valid.

>>> [t.text for t in tokenize('SELECT ?x WHERE { ?x rdfs:label "a (b" } # ORDER BY')]
['SELECT', '?x', 'WHERE', '{', '?x', 'rdfs:label', '"a (b"', '}']
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Token", "tokenize", "matching", "OPEN", "CLOSE"]

OPEN = "([{"
CLOSE = ")]}"

_PATTERN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\W]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[+-]?(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?))
  | (?P<name>(?:[^\W\d][\w\-.]*)?:(?:[\w\-.:%\\]*[\w\-:%])?|[^\W\d]\w*)
  | (?P<punct>[(){}\[\],;.])
  | (?P<op>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """One token: its kind (string, iri, var, lang, number, name, punct, op), text and offset."""

    kind: str
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def word(self) -> str:
        """The upper-cased text of a bare name (a keyword or function), else ''."""
        return self.text.upper() if self.kind == "name" and ":" not in self.text else ""


def tokenize(text: str, *, comments: bool = False) -> list[Token]:
    """The tokens of a query, whitespace left out (and comments too unless asked for)."""
    return list(_scan(text, comments=comments))


def _scan(text: str, *, comments: bool) -> Iterator[Token]:
    pos = 0
    while pos < len(text):
        m = _PATTERN.match(text, pos)
        assert m is not None  # the last alternative matches any character
        kind = m.lastgroup or "op"
        if kind != "ws" and (kind != "comment" or comments):
            yield Token(kind, m.group(), pos)
        pos = m.end()


def matching(tokens: list[Token], i: int) -> int:
    """The index of the bracket closing the one at tokens[i], or -1 when it is never closed."""
    depth = 0
    for j in range(i, len(tokens)):
        t = tokens[j]
        if t.kind != "punct":
            continue
        if t.text in OPEN:
            depth += 1
        elif t.text in CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return -1
