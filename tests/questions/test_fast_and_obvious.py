"""The shipped questions are written for speed on a large store; they must give the rows of their
obvious formulations (tests/questions/obvious/*.rq, as shipped before they were rewritten, and
ontology.md's sample query for attacks-in) on the seeds and on the hand-made graph."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import KnowledgeGraph
from kg.questions import get_named_query, load_query, named_queries
from kg.store import KGStore
from tests.conftest import SHARED
from tests.questions.test_questions import HANDMADE

OBVIOUS = Path(__file__).parent / "obvious"
NAMES = sorted(p.stem for p in OBVIOUS.glob("*.rq"))
# Parameter values beside the defaults: other names of the same things, and things with no answer.
VARIANTS = [("attacks-near", {"place": "Syria"}), ("attacks-on", {"target": "US"}), ("condemnations", {"agent": "Qatar"}),
            ("mentions", {"name": "Islamic Revolutionary Guard Corps"}), ("attacks-near", {"place": "Nowhere"})]


def _rows(store: KGStore, sparql: str) -> set[tuple]:
    res = store.query(sparql)
    assert isinstance(res, ox.QuerySolutions)
    names = [v.value for v in res.variables]
    return {tuple(str(row[n]) if row[n] is not None else None for n in names) for row in res}


def _both(store: KGStore, name: str, values: dict[str, str] | None = None) -> tuple[set[tuple], set[tuple]]:
    fast = _rows(store, get_named_query(name).sparql(values))
    obvious = _rows(store, load_query(OBVIOUS / f"{name}.rq").sparql(values))
    return fast, obvious


@pytest.fixture(scope="module")
def seeds(seed_store) -> KGStore:
    return KGStore(seed_store, read_only=True)


@pytest.fixture(scope="module")
def handmade_store() -> KGStore:
    store = KGStore(None)
    store.load_trig(HANDMADE.encode())
    return store


def test_every_question_but_the_sample_has_its_obvious_formulation():
    assert set(NAMES) | {"attacks-in"} == set(named_queries())


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_the_seeds(seeds, name):
    fast, obvious = _both(seeds, name)
    assert fast == obvious
    assert fast, f"{name} should have an answer on the seeds, or this test proves little"


@pytest.mark.parametrize("name", NAMES)
def test_same_rows_on_the_handmade_graph(handmade_store, name):
    fast, obvious = _both(handmade_store, name)
    assert fast == obvious and fast


@pytest.mark.parametrize("name, values", VARIANTS)
def test_same_rows_for_other_parameter_values(seeds, handmade_store, name, values):
    for store in (seeds, handmade_store):
        fast, obvious = _both(store, name, values)
        assert fast == obvious


def test_attacks_in_is_ontology_md_sample_query(seeds):
    text = (SHARED / "design" / "ontology.md").read_text(encoding="utf-8")
    sample = re.search(r"## A query that must work\s+```sparql\n(.*?)```", text, re.S)
    assert sample is not None
    fast = _rows(seeds, get_named_query("attacks-in").sparql({"region": "Deir Ezzor"}))
    assert fast == _rows(seeds, sample.group(1)) and fast


def test_limit_bounds_a_list_and_keeps_its_order(seeds):
    full = KnowledgeGraph(seeds.path, read_only=True).query("people")
    one = KnowledgeGraph(seeds.path, read_only=True).query("people", limit="1")
    assert 0 < len({r["name"] for r in one}) == 1 < len({r["name"] for r in full})
    assert "LIMIT 7" in get_named_query("people").sparql({"limit": "7"})
    with pytest.raises(ValueError, match="limit"):
        get_named_query("people").sparql({"limit": "0"})
