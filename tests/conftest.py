"""Shared fixtures: one pipeline, one extractor and one built seed store per test session."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
KG = [sys.executable, "-m", "kg"]


def run_kg(*args: str, input: str | None = None, cwd: Path | None = None, timeout: float = 300,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `kg` command line (python -m kg ...) and capture its output; env adds variables."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    return subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, input=input, cwd=cwd,
                          timeout=timeout, env=env)


@pytest.fixture(scope="session")
def knowledge():
    """The ontology and lexicons shipped with kg."""
    from kg.knowledge import load_knowledge

    return load_knowledge()


@pytest.fixture(scope="session")
def nlp():
    """The weight-free kg pipeline (kg --fast)."""
    from kg.nlp.pipeline import get_pipeline

    return get_pipeline(None)


@pytest.fixture(scope="session", params=["fast", "trained"])
def any_extractor(request):
    """Each pipeline in turn: the weight-free one and the trained one."""
    return request.getfixturevalue("extractor" if request.param == "fast" else "trained_extractor")


@pytest.fixture(scope="session")
def extractor(nlp):
    from kg.build import Extractor

    return Extractor(nlp=nlp)


@pytest.fixture(scope="session")
def trained_nlp():
    """The accurate kg pipeline: the trained spaCy pipeline the project installs (make), with kg's components."""
    from kg.nlp.pipeline import choose_model, get_pipeline

    model = choose_model()
    assert model, "no trained spaCy pipeline is installed: run make (requirements-model.txt)"
    return get_pipeline(model)


@pytest.fixture(scope="session")
def trained_extractor(trained_nlp):
    """The extractor on the trained pipeline (the default of kg build)."""
    from kg.build import Extractor

    return Extractor(nlp=trained_nlp)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store built from seeds/ with the real CLI, shared read-only by tests."""
    path = tmp_path_factory.mktemp("seed") / "store"
    result = run_kg("build", SEEDS, "--store", path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture()
def ontology_copy(tmp_path) -> Path:
    """A private copy of the ontology folder that a test may edit (point KG_ONTOLOGY at it)."""
    dest = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", dest)
    return dest


@pytest.fixture()
def store_copy(seed_store, tmp_path) -> Path:
    """A private copy of the seed store that a test may change."""
    dest = tmp_path / "store"
    shutil.copytree(seed_store, dest)
    return dest


CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright, one per session (.ci/run installs it; no browser is
    ever downloaded). Shared: Playwright's sync API runs one event loop per process."""
    from playwright.sync_api import sync_playwright

    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is not installed: .ci/run installs Debian's package `chromium`")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()
