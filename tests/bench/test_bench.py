"""The benchmark runs end to end in --quick mode and its table has every row (timings are not checked)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import CorpusGenerator, write_corpus
from kg.questions import named_queries

pytestmark = pytest.mark.slow

SIZES = (6, 12)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> tuple[str, dict, subprocess.CompletedProcess]:
    folder = tmp_path_factory.mktemp("bench")
    out = folder / "RESULTS.md"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "bench", "--quick", "--sizes", ",".join(map(str, SIZES)),
           "--extraction-articles", "6", "--out", str(out), "--work", str(folder / "work")]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return out.read_text(), json.loads(out.with_suffix(".json").read_text()), result


def _row(table: str, start: str) -> str:
    rows = [line for line in table.splitlines() if line.startswith(f"| {start}")]
    assert rows, f"no row starting with {start!r}"
    return rows[0]


def test_header_names_the_machine_and_date(quick_run):
    text, res, _ = quick_run
    assert f"**{res['machine']['cores']} cores**" in text
    assert res["machine"]["date"][:10] in text


def test_targets_table_has_every_target(quick_run):
    text, _, _ = quick_run
    for start in ("End-to-end `kg build`", "Extraction per core", "Peak memory", "Named questions at their defaults, Oxigraph median",
                  "Loading the same N-Quads", "Named questions: Oxigraph vs rdflib"):
        assert _row(text, start).rstrip().endswith(("| met |", "| **missed** |")), _row(text, start)


def test_extraction_rows(quick_run):
    text, res, _ = quick_run
    _row(text, "bare tokenizer | 1 |")
    _row(text, "kg pipeline | 1 |")
    _row(text, f"kg pipeline | {res['machine']['workers']} |")


def test_weight_free_rows_run_the_weight_free_pipeline(quick_run):
    _, res, _ = quick_run
    assert res["extraction"]["pipeline"] == "weight-free"
    for build in res["builds"]:
        assert "pipeline weight-free" in Path(build["log"]).read_text(), build["log"]


def test_a_build_row_per_size(quick_run):
    text, _, _ = quick_run
    for n in SIZES:
        row = _row(text, f"{n:,} |")
        assert "stopped" not in row and "failed" not in row, row


def test_load_and_every_named_question(quick_run):
    text, _, _ = quick_run
    _row(text, "Oxigraph `Store.bulk_load`")
    _row(text, "rdflib `Dataset.parse`")
    for name in named_queries():
        assert f"`{name}` |" in text, name


def test_questions_through_the_python_api_and_the_tour(quick_run):
    text, res, _ = quick_run
    assert "## Through the Python API on the" in text
    for name in named_queries():
        assert name in res["api"]["queries"], name
    assert any(row.startswith("| tour: `SELECT") for row in text.splitlines())
    _row(text, "Named questions through the Python API")
    _row(text, "The README tour's queries")


def test_closing_note(quick_run):
    text, _, _ = quick_run
    assert "## Closing note" in text and "Met " in text


def test_report_can_be_written_again_from_the_saved_numbers(quick_run, tmp_path):
    from bench.report import render

    text, res, _ = quick_run
    assert render(res) == text


def test_corpus_is_deterministic_and_realistic(tmp_path):
    a, b = CorpusGenerator(seed=3), CorpusGenerator(seed=3)
    assert [a.article(i) for i in range(5)] == [b.article(i) for i in range(5)]
    assert a.article(0) != CorpusGenerator(seed=4).article(0)
    stats = write_corpus(tmp_path, 20, seed=3)
    assert 300 <= stats["words"] / stats["articles"] <= 600
    texts = sorted(Path(tmp_path).rglob("*.txt"))
    assert len(texts) == 20 and texts[0].read_text() == a.article(0)
    names = a.names
    assert any(country in a.article(1) or country in a.article(2) for _, country, _ in names.countries)
