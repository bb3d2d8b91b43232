"""Robust builds: bad inputs are reported and skipped, odd text stays valid RDF, changes and removals are exact."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.build import BuildReport, add_articles, build
from kg.knowledge.vocab import SCHEMA
from kg.read import Article, Problem, article_from_text
from kg.store import ExportFormat, KGStore
from kg.validate import validate
from tests.conftest import DATA, run_kg

BROKEN = DATA / "broken"
UNSEEN = DATA / "unseen"
# An absolute IRI as N-Triples and Turtle allow it, in ASCII (kg percent-encodes ids and slugs names).
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[\x21-\x7e]*$")
IRI_FORBIDDEN = set('<>"{}|^`\\')


def quad_set(store: KGStore) -> set[str]:
    return {str(q) for q in store.quads()}


def assert_safe_rdf(store: KGStore) -> None:
    """Every IRI is a valid ASCII IRI, every export format parses back whole, and the graph passes SHACL."""
    iris = {t for q in store.quads() for t in (q.subject, q.predicate, q.object, q.graph_name)
            if isinstance(t, ox.NamedNode)}
    bad = [t.value for t in iris if not IRI.match(t.value) or IRI_FORBIDDEN & set(t.value)]
    assert bad == []
    quads = set(store.quads())
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    for fmt, rdflib_format in ((ExportFormat.NQUADS, "nquads"), (ExportFormat.TRIG, "trig"),
                               (ExportFormat.JSONLD, "json-ld"), (ExportFormat.TURTLE, "turtle"),
                               (ExportFormat.NTRIPLES, "nt")):
        out = io.BytesIO()
        store.dump(out, fmt)
        data = out.getvalue()
        back = set(ox.parse(data, format=fmt.rdf_format))
        if fmt.keeps_graphs:
            assert back == quads, fmt
        else:
            assert {ox.Triple(t.subject, t.predicate, t.object) for t in back} == triples, fmt
        if rdflib_format in ("turtle", "trig") and any(t.value.endswith(".") for t in iris):
            # rdflib cannot read a prefixed name ending in an escaped dot (article:x\.), valid Turtle
            # that Oxigraph writes for an id ending in "."; Oxigraph's parser above reads it.
            continue
        ds = rdflib.Dataset()
        ds.parse(data=data, format=rdflib_format)
        assert len(set(ds.quads())) == (len(quads) if fmt.keeps_graphs else len(triples)), fmt
    report = validate(store)
    assert report.conforms, "\n".join(report.violations)


# -- the broken-files fixture folder, through the real command line ----------------------------

# (source below tests/data/broken, message code): one `kg: skipped` line each.
BROKEN_SKIPPED = [
    ("binary.txt", "W102"),  # png
    ("broken.json", "W105"),  # cut-off
    ("empty.txt", "W101"),  # empty
    ("export.json[2]", "W101"),  # empty-record
    ("garbled.txt", "W103"),  # encoding
    ("huge.txt", "W109"),  # too-large
    ("notes.pdf", "W110"),  # unsupported
    ("README.md", "W110"),  # unsupported
    ("records.jsonl:2", "W104"),  # malformed-line
    ("records.jsonl:4", "W107"),  # no-text-field
    ("records.jsonl:5", "W106"),  # not-object
    ("records.jsonl:7", "W111"),  # duplicate
    ("script_only.html", "W112"),  # no-text
    ("whitespace.txt", "W101"),  # blank
]
BROKEN_ARTICLES = {
    "good_plain", "good_cp1252", "good_utf16", "good_page", "controls", "no_extension", "odd name – عربي 😀",
    "nested/deeper/story", "rec-1", "rec-2", 'a"b <c>\n\u202e d😀', "api-1",
    "long#part1", "long#part2", "long#part3", "long#part4",
}


def test_broken_folder_builds_with_summary(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = run_kg("build", BROKEN, "--store", store, "--max-chars", "2000")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "read 18 inputs: 17 articles, 16 added or updated, 0 unchanged; 1 long document split into parts",
        "skipped 14 inputs: 4 empty, 2 malformed JSON, 2 bad record, 2 unsupported type, 1 binary, 1 duplicate id, "
        "1 unknown encoding, 1 too large",
    ]
    assert re.fullmatch(r"store holds \d+ quads \(\+\d+\)(; pipeline .+)?", result.stdout.splitlines()[2])
    skipped = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped ")]
    found = sorted((re.match(r"kg: skipped (.+?): \[(W\d+)\]", line).groups()) for line in skipped)
    assert found == sorted((str(BROKEN / name), code) for name, code in BROKEN_SKIPPED)
    assert "[W114] 'long' has 6,022 characters" in result.stderr  # the split is announced
    assert "Traceback" not in result.stderr

    kg_store = KGStore(store, read_only=True)
    assert set(kg_store.article_ids()) == BROKEN_ARTICLES
    page = kg_store.article_ids()["good_page"]
    facts = {q.predicate.value.rsplit("/", 1)[-1]: q.object.value
             for q in kg_store.quads_for_pattern(ox.NamedNode(page), None, None, ox.NamedNode(page))}
    assert facts["headline"] == "Russian missiles hit Odesa port"
    assert facts["datePublished"] == "2024-05-14"
    assert facts["url"] == "https://news.example.com/2024/05/14/odesa-port"
    assert (facts["author"], facts["publisher"]) == ("Jane Doe", "Example News")
    assert_safe_rdf(kg_store)
    before = quad_set(kg_store)
    del kg_store

    again = run_kg("build", BROKEN, "--store", store, "--max-chars", "2000")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[0] == ("read 18 inputs: 17 articles, 0 added or updated, 16 unchanged; "
                                            "1 long document split into parts")
    assert re.match(r"store holds \d+ quads \(\+0\)", again.stdout.splitlines()[2])
    assert quad_set(KGStore(store, read_only=True)) == before


GOOD = UNSEEN / "u04_lebanon_south.txt"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["{empty_dir}"], 1, "[E011] No articles could be read"),  # no-files
        ([BROKEN / "empty.txt", BROKEN / "binary.txt"], 1, "[E011] No articles could be read"),  # all-bad
        ([GOOD, BROKEN / "empty.txt"], 0, "kg: skipped"),  # some-bad
        ([GOOD, BROKEN / "empty.txt", "--strict"], 1, "1 inputs skipped (--strict)"),  # strict
        ([GOOD, "--strict"], 0, ""),  # strict-clean
        ([GOOD, "--max-chars", "0"], 1, "[E101] --max-chars must be a positive number"),  # bad-limit
    ],
)
def test_build_exit_codes(tmp_path: Path, args: list, code: int, message: str) -> None:
    (tmp_path / "empty_dir").mkdir()
    args = [str(a).format(empty_dir=tmp_path / "empty_dir") for a in args]
    result = run_kg("build", *args, "--store", tmp_path / "store")
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_build_stdin_with_field_names(tmp_path: Path) -> None:
    records = [{"key": "k1", "body": "Israeli jets struck Gaza on Monday, officials said.", "published": "2024-03-04"},
               {"key": "k2", "body": "Russian missiles hit Odesa on Tuesday, the air force said."}]
    result = run_kg("build", "-", "--store", tmp_path / "store", "--text-field", "body", "--id-field", "key",
                    input="\n".join(json.dumps(r) for r in records))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("read 1 inputs: 2 articles, 2 added or updated")
    store = KGStore(tmp_path / "store", read_only=True)
    assert set(store.article_ids()) == {"k1", "k2"}
    rows = store.query("SELECT ?d WHERE { ?a <http://schema.org/identifier> 'k1' ; <http://schema.org/datePublished> ?d }")
    assert [r["d"].value for r in rows] == ["2024-03-04"]


# -- in-process: removal, changed articles, odd text -------------------------------------------


def _unseen(*names: str) -> list[Article]:
    return [article_from_text((UNSEEN / f"{n}.txt").read_text(encoding="utf-8"), id=n) for n in names]


def _store_of(articles: list[Article], extractor) -> KGStore:
    store = KGStore(None)
    add_articles(store, articles, extractor=extractor, report=BuildReport(), workers=1, bulk=False)
    return store


def test_remove_is_exact(extractor) -> None:
    """Removing an article leaves the store a build without it would give: no orphan reference facts or links."""
    names = ("u02_redsea_hodeidah", "u03_yemen_hudaydah_report", "u04_lebanon_south")
    store = _store_of(_unseen(*names), extractor)
    same_event = ox.NamedNode("https://w3id.org/newskg/ontology#sameEventAs")
    assert any(True for _ in store.quads_for_pattern(None, same_event, None))  # u03 reports u02's strike
    assert store.remove_article(store.article_ids()["u02_redsea_hodeidah"]) is True
    assert quad_set(store) == quad_set(_store_of(_unseen(*names[1:]), extractor))
    assert not any(True for _ in store.quads_for_pattern(None, same_event, None))  # no link to a gone event
    assert store.remove_article("https://w3id.org/newskg/resource/article/nope") is False


def test_remove_cli_unknown_id(store_copy: Path) -> None:
    result = run_kg("remove", "no-such-article", "--store", store_copy)
    assert result.returncode == 1
    assert result.stderr.strip() == "kg: [E013] No article with id 'no-such-article' in the store."


def test_changed_article_is_replaced(tmp_path: Path, extractor) -> None:
    """A rebuild after an edit replaces the article; the store equals a clean build of the new files."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((UNSEEN / "u02_redsea_hodeidah.txt").read_text(encoding="utf-8"))
    (folder / "b.txt").write_text((UNSEEN / "u04_lebanon_south.txt").read_text(encoding="utf-8"))
    store = KGStore(None)
    build([folder], store, extractor=extractor, workers=1)
    (folder / "a.txt").write_text("Sudan shelling\n\nThe Rapid Support Forces shelled El Fasher, Sudan, on Monday, "
                                  "killing 14 civilians, the UN said.\n")
    report = build([folder], store, extractor=extractor, workers=1)
    assert (report.read, report.added, report.unchanged) == (2, 1, 1)
    clean = KGStore(None)
    build([folder], clean, extractor=extractor, workers=1)
    assert quad_set(store) == quad_set(clean)
    assert not any("hodeidah" in s.lower() for s in quad_set(store))  # nothing of the old story is left


ODD = [
    ('quote"and<angle>', 'He said "stop" <now> \\ {x} }} ; .'),  # syntax
    ("line\nbreak\r\ttab", "Headline\nsecond line"),  # newlines
    ("emoji-😀-🚀", "Rocket 🚀 strikes 😀 Kharkiv"),  # emoji
    ("עברית-العربية", "\u202eRTL override\u202c and \u200fmarks\u200e: الرئيس محمد"),  # rtl
    ("?#%/..", "percent %41 and #fragment ?query"),  # url-chars
    (" ", "\x00nul\x07bell\x1b[0m"),  # blank-and-controls
    ("\ud800lone", "lone \udfff surrogate"),  # surrogates
]


@pytest.mark.parametrize("ident, headline", ODD)
def test_odd_text_gives_valid_rdf(extractor, ident: str, headline: str) -> None:
    text = f"{headline}\n\nPresident Abu \"Mo\" O'Neil of <Hamas> said Israeli jets struck Gaza on Monday.\n"
    article = article_from_text(text, id=ident, headline=headline, author=headline, url=f"https://x.example/{ident}")
    store = _store_of([article], extractor)
    iri = extractor.minter.article(article.id)
    ident_node = ox.NamedNode(str(SCHEMA.identifier))
    stored = {q.predicate.value: q.object.value for q in store.quads_for_pattern(ox.NamedNode(iri), None, None)}
    assert stored[ident_node.value] == article.id  # exact, after the SPARQL INSERT DATA round trip
    assert stored[str(SCHEMA.headline)] == article.headline
    assert_safe_rdf(store)


def test_problems_never_stop_a_build(tmp_path: Path, extractor) -> None:
    (tmp_path / "good.txt").write_text("Israeli jets struck Gaza on Monday, officials said.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "bad.jsonl").write_bytes(b"{not json\n")
    report = build([tmp_path, tmp_path / "missing.txt"], KGStore(None), extractor=extractor, workers=1)
    assert (report.files, report.read, report.added) == (3, 1, 1)
    assert sorted((Path(p.source).name, p.kind) for p in report.problems) == [
        ("bad.jsonl:1", "json"), ("bad.txt", "binary"), ("missing.txt", "missing")]
    assert all(isinstance(p, Problem) and p.reason for p in report.problems)
