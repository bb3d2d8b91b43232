"""Small things a newcomer hits: each gives one clear line, the right exit code, and no mess left behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from kg import KnowledgeGraph
from kg.errors import KGError
from tests.conftest import DATA, KG, SEEDS, run_kg


def test_help_shows_no_type_markers():
    out = run_kg("--help")
    assert out.returncode == 0 and "--help" in out.stdout
    assert "<bool>" not in out.stdout and "<list" not in run_kg("build", "--help").stdout


def test_export_refuses_a_folder_that_does_not_exist(seed_store, tmp_path):
    out = run_kg("export", tmp_path / "no" / "such" / "x.ttl", "--store", seed_store)
    assert out.returncode == 1 and "[E018]" in out.stderr and out.stderr.count("\n") == 1
    assert not (tmp_path / "no").exists()


def test_stats_into_a_closed_pipe_is_quiet(seed_store):
    cmd = f"{sys.executable} -m kg stats --store {seed_store} | head -1"
    out = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, timeout=120)
    assert out.stdout.startswith("store") and "Broken pipe" not in out.stderr and "Traceback" not in out.stderr


def test_extract_declares_the_prefixes_export_declares(seed_store):
    extracted = run_kg("extract", SEEDS / "003_faddfdcd4adff68a.txt").stdout
    exported = run_kg("export", "-", "--store", seed_store).stdout
    declared = [line for line in exported.splitlines() if line.startswith("@prefix")]
    assert declared and [line for line in extracted.splitlines() if line.startswith("@prefix")] == declared


def test_a_folder_of_only_unreadable_files_leaves_no_store(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "binary.txt").write_bytes(b"%PDF-1.4\x00\x01")
    out = run_kg("build", tmp_path / "in", "--store", tmp_path / "store")
    assert out.returncode == 1 and "[E011]" in out.stderr
    assert not (tmp_path / "store").exists()


def test_adding_to_a_read_only_store_says_how_to_fix_it(seed_store):
    with KnowledgeGraph(seed_store, read_only=True) as g, pytest.raises(KGError, match=r"\[E016\].*read-only"):
        g.add("Rockets hit Kramatorsk on Monday.", id="x")


def test_sigterm_stops_a_build_like_ctrl_c(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"{n:03}.txt").write_text((SEEDS / "000_c2f147ab53c33b27.txt").read_text() + f"\n{n}\n")
    proc = subprocess.Popen([*KG, "build", corpus, "--store", tmp_path / "store", "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 120
    while not (tmp_path / "store" / "CURRENT").exists() and time.monotonic() < deadline:  # a loaded machine starts slowly
        time.sleep(0.2)
    time.sleep(2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err.strip().splitlines()[-1] == "kg: interrupted"
    assert "Traceback" not in err
    assert len(ox.Store.read_only(str(tmp_path / "store"))) > 0  # what was written is kept, and opens


def test_progress_lines_on_a_non_terminal(monkeypatch, capsys):
    from kg.cli import progress

    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    bar = progress.Progress()
    bar(3)
    bar.close()
    assert "kg: 3 articles done" in capsys.readouterr().err


def test_broken_fixture_folder_still_builds(tmp_path):
    out = run_kg("build", DATA / "broken", "--store", tmp_path / "store")
    assert out.returncode == 0 and "skipped" in out.stdout
