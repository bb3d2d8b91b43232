"""The ontology folder: the packaged one by default, KG_ONTOLOGY when set, and a clear error when it is wrong."""
from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.knowledge.paths import PACKAGED_ONTOLOGY, ontology_dir
from tests.conftest import run_kg


def test_packaged_ontology_is_used_by_default(monkeypatch):
    monkeypatch.delenv("KG_ONTOLOGY", raising=False)
    assert ontology_dir() == PACKAGED_ONTOLOGY and (PACKAGED_ONTOLOGY / "nkg.ttl").is_file()


@pytest.mark.parametrize("layout", [None, "empty", "no-lexicon"])
def test_a_wrong_ontology_folder_is_an_error_naming_it(monkeypatch, tmp_path, layout):
    folder = tmp_path / "onto"
    if layout:
        folder.mkdir()
    if layout == "no-lexicon":
        (folder / "nkg.ttl").write_text("")
        (folder / "shapes.ttl").write_text("")
    monkeypatch.setenv("KG_ONTOLOGY", str(folder))
    with pytest.raises(KGError, match=r"\[E007\].*onto"):
        ontology_dir()


def test_the_cli_stops_with_one_line_and_leaves_no_store(tmp_path):
    (tmp_path / "a.txt").write_text("Rockets hit Kramatorsk on Monday.\n")
    out = run_kg("build", tmp_path / "a.txt", "--store", tmp_path / "store", env={"KG_ONTOLOGY": str(tmp_path / "nowhere")})
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "[E007]" in out.stderr and "nowhere" in out.stderr
    assert not (tmp_path / "store").exists()
