"""Queries that took Oxigraph 0.5.13 down, built the same way each time (the sort panic is deterministic).

Used by the hostile run of `python -m bench serve` and by the server tests (tests/serve/)."""
from __future__ import annotations

import random

XSD = "http://www.w3.org/2001/XMLSchema#"


def mixed_order_by(seed: int = 17, rows: int = 25) -> str:
    """ORDER BY over numbers, strings and dates: the engine's sort panics ("not a total order")."""
    rng = random.Random(seed)

    def value() -> str:
        kind = rng.choice(["int", "str", "date"])
        if kind == "int":
            return str(rng.randint(0, 100))
        if kind == "str":
            return '"%s"' % (rng.choice("abcdefghij") * rng.randint(1, 3))
        return f'"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"^^<{XSD}date>'

    values = [value() for _ in range(rows)]
    pairs = " ".join(f"({v} {rng.randint(0, 5)})" for v in values)
    return f"SELECT ?c ?f WHERE {{ VALUES (?c ?f) {{ {pairs} }} }} ORDER BY ?c ?f"


def deep_expression(depth: int = 5000) -> str:
    """An expression nested `depth` parentheses deep (10 KB at 5,000): a stack overflow."""
    return "SELECT ?x WHERE { BIND(" + "(" * depth + "1" + ")" * depth + " AS ?x) }"


def bind_chain(length: int = 5000) -> str:
    """BIND after BIND: no deep brackets, but a plan as deep as the chain."""
    binds = " ".join(f"BIND(?x{i} + 1 AS ?x{i + 1})" for i in range(length))
    return "SELECT * WHERE { BIND(1 AS ?x0) " + binds + " }"


CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
