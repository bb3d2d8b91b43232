"""End to end through the real command line and the real on-disk store."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest

from tests.conftest import ROOT, SEEDS, SHARED, run_kg

SAMPLE_QUERY = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?date ?type ?agentName ?placeName ?injured WHERE {
  ?e a ?type ; nkg:place ?p .
  ?type rdfs:subClassOf* nkg:Attack .
  ?p nkg:locatedIn* ?region . ?region rdfs:label|skos:altLabel "Deir Ezzor" .
  ?p rdfs:label ?placeName .
  OPTIONAL { ?e nkg:date ?date }
  OPTIONAL { ?e nkg:agent/rdfs:label ?agentName }
  OPTIONAL { ?e nkg:injured ?injured }
} ORDER BY ?date
"""


def quads(store_path) -> set[str]:
    store = ox.Store.read_only(str(store_path))
    return {str(q) for q in store}


def test_build_passes_shacl(seed_store):
    result = run_kg("validate", "--store", seed_store)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_sample_query_of_the_ontology_returns_rows(seed_store):
    result = run_kg("query", SAMPLE_QUERY, "--store", seed_store, "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert len(rows) >= 3
    assert {"Attack", "AirStrike", "MissileAttack"} & {r["type"]["value"].rsplit("#", 1)[-1] for r in rows}


def test_second_build_changes_nothing(store_copy):
    before = quads(store_copy)
    result = run_kg("build", SEEDS, "--store", store_copy)
    assert result.returncode == 0, result.stderr
    assert "3 unchanged" in result.stdout
    assert quads(store_copy) == before


def test_forced_rebuild_gives_the_same_quads(store_copy):
    before = quads(store_copy)
    assert run_kg("build", SEEDS, "--store", store_copy, "--force").returncode == 0
    assert quads(store_copy) == before


def test_two_clean_builds_mint_the_same_iris(tmp_path, seed_store):
    other = tmp_path / "again"
    assert run_kg("build", SEEDS, "--store", other).returncode == 0
    assert quads(other) == quads(seed_store)


def test_one_graph_per_article_plus_reference_and_ontology(seed_store):
    store = ox.Store.read_only(str(seed_store))
    graphs = {g.value for g in store.named_graphs()}
    articles = {g for g in graphs if "/article/" in g}
    assert len(articles) == 3
    assert "https://w3id.org/newskg/graph/reference" in graphs
    assert "https://w3id.org/newskg/ontology" in graphs


def test_extract_prints_turtle_without_a_store(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("Houthi forces fired a missile at a tanker in the Red Sea on Monday, the UKMTO said.\n")
    result = run_kg("extract", article)
    assert result.returncode == 0, result.stderr
    g = ox.Store()
    g.load(result.stdout.encode(), format=ox.RdfFormat.TURTLE)
    types = {q.object.value.rsplit("#", 1)[-1] for q in g.quads_for_pattern(None, ox.NamedNode(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None)}
    assert "MissileAttack" in types and "Article" in types


@pytest.mark.parametrize(
    "args, message",
    [
        (["build", "no/such/folder"], "No such file or folder"),  # missing path
        (["query", "SELECT ?x WHERE { ?x ", "--store", "{store}"], "SPARQL syntax error"),  # bad SPARQL
        (["query", "no-such-question", "--store", "{store}"], "Unknown named question"),  # unknown name
        (["export", "out.xyz", "--store", "{store}"], "Unknown export format"),  # bad format
        (["stats", "--store", "{missing}"], "no store there"),  # store never built
    ],
)
def test_errors_are_one_clear_line(args, message, seed_store, tmp_path):
    args = [a.replace("{store}", str(seed_store)).replace("{missing}", str(tmp_path / "nothing")) for a in args]
    result = run_kg(*args, cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2, result.stderr


def test_store_held_by_another_process_is_reported(store_copy, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); time.sleep(30)"),
        str(store_copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        result = run_kg("build", SEEDS, "--store", store_copy)
        assert result.returncode != 0
        assert "in use by another kg process" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait()


def _score(data, *extra):
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--data", str(data), "--ontology",
                          str(ROOT / "ontology"), *extra], capture_output=True, text=True, timeout=300)
    line = out.stdout.strip().splitlines()[-1]
    return {k: v for k, v in re.findall(r"(\w+)=([\d./]+)", line)}


def _ratio(text: str) -> float:
    a, b = text.split("/")
    return int(a) / int(b) if int(b) else 1.0


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval is not beside this checkout")
def test_seed_scores_meet_the_floors(seed_store, tmp_path):
    nq = tmp_path / "kg.nq"
    assert run_kg("export", nq, "--store", seed_store).returncode == 0
    s = _score(nq)
    assert float(s["entity_f1"]) >= 0.92 and float(s["typed_f1"]) >= 0.88
    assert float(s["event_f1"]) >= 0.85 and float(s["args"]) >= 0.8
    assert _ratio(s["affiliations"]) >= 6 / 7 and _ratio(s["same_events"]) == 1.0


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval is not beside this checkout")
def test_unseen_articles_score_in_range(tmp_path):
    data = ROOT / "tests" / "data" / "unseen"
    store = tmp_path / "unseen"
    assert run_kg("build", data, "--store", store, "--glob", "*.txt").returncode == 0
    nq = tmp_path / "unseen.nq"
    assert run_kg("export", nq, "--store", store).returncode == 0
    s = _score(nq, "--gold", str(data / "gold.json"))
    assert float(s["entity_f1"]) >= 0.88 and float(s["event_f1"]) >= 0.7
    assert float(s["args"]) >= 0.55 and _ratio(s["affiliations"]) >= 0.6
