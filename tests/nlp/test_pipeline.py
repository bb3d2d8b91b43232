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
