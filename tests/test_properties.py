"""Property-based tests: random and adversarial input never makes reading or building raise, and the
graph always exports, parses back and passes SHACL."""
from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.build import BuildReport, add_articles
from kg.read import Article, Problem, article_from_text, iter_articles, split_article
from kg.read.metadata import read_text_metadata
from kg.store import KGStore
from tests.build.test_build_robust import assert_safe_rdf

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of news text the extractor reacts to, and pieces that break naive code.
NEWS = [
    "Israeli jets struck Gaza on Monday", "Russian missiles hit Odesa", ", killing three people",
    ", the health ministry said.", "President Volodymyr Zelensky condemned the attack.", "The Houthis",
    "US Central Command", " in Deir Ezzor, Syria", "Hezbollah fired rockets at Kiryat Shmona",
    "By News Desk - March 25 2023", "date 2022-08-24 Posted on by someone", "(Photo credit: Getty Images)",
    "Islamic Revolution Guard Corps (IRGC)", "Al-Shabaab", "on Tuesday", "overnight", "2024-02-30",
]
NASTY = [
    '"', "'", "<", ">", "&amp;", "\\", "\\u0000", "{", "}", "}}", ";", ".", " .", "#", "%", "%41", "?", "^^", "@en",
    "\n", "\r\n", "\r", "\t", "\x00", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\u2028", "\u2029", "\u200b", "\ufeff",
    "\u202e", "\u200f", "\ud800", "\udfff", "😀", "🚀", "👨‍👩‍👧", "الرئيس محمد", "נתניהו", "Ракеты", "東京",
    "Ư̴̡̤̟", "ﷺ", "A" * 300, "<script>alert(1)</script>", "]]>", "_:b0", "<http://x>", '"""', "'''",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(NEWS), st.sampled_from(NASTY),
              st.text(st.characters(blacklist_categories=()), max_size=40), st.just(" "), st.just(". ")),
    max_size=40,
).map("".join)
IDS = st.one_of(st.text(st.characters(blacklist_categories=()), max_size=30), st.sampled_from(NASTY))


@SETTINGS
@given(text=TEXT)
@example(text="")
@example(text="\ud800\n\x00By \ud800 - March 25 2023\n(Photo)")
def test_text_metadata_never_raises(text: str) -> None:
    meta = read_text_metadata(text)
    assert meta.headline is None or meta.headline in text
    assert all(c in text for c in meta.captions)


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".htm", ".json", ".jsonl", ".xyz", ""]))
@example(data=b"\xff\xfe\x00", suffix=".txt")
@example(data=b"\x7f", suffix=".txt")  # a control character the article drops: an empty file
@example(data=b"[" * 5000, suffix=".json")
@example(data=b'{"text": "\\ud800"}\n{"text": 1}\n[', suffix=".jsonl")
@example(data=b"<html><body><p>\x00\xff</p>", suffix=".html")
def test_reading_any_bytes_never_raises(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        items = list(iter_articles([path, tmp], max_chars=500))
        items += list(iter_articles(["-"], stdin=io.BytesIO(data), max_chars=500))
    for item in items:
        assert isinstance(item, (Article, Problem))
        if isinstance(item, Article):
            assert item.text.strip() and len(item.text) <= 500
            item.text.encode("utf-8")  # no lone surrogates left
            assert len(item.content_hash) == 64
        else:
            assert item.reason and item.kind


RECORD_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["text", "id", "name"]), inner,
                                                                          max_size=3)),
    max_leaves=8,
)


@SETTINGS
@given(records=st.lists(st.dictionaries(st.sampled_from(["text", "id", "title", "date", "url", "author", "source"]),
                                        RECORD_VALUE, max_size=7), max_size=5))
def test_json_records_never_raise(records: list[dict]) -> None:
    lines = "\n".join(json.dumps(r) for r in records).encode()
    items = list(iter_articles(["-"], stdin=io.BytesIO(lines)))
    assert len(items) == (len(records) or 1)  # one result per record (or one "empty")
    assert all(isinstance(i, (Article, Problem)) for i in items)


@SETTINGS
@given(text=TEXT, max_chars=st.integers(min_value=1, max_value=400))
def test_split_keeps_every_character(text: str, max_chars: int) -> None:
    article = article_from_text(text or "x", id="doc")
    try:
        parts = split_article(article, max_chars=max_chars, max_parts=10_000)
    except ValueError:
        pytest.fail("split_article raised")
    assert all(len(p.text) <= max_chars for p in parts)
    squeeze = "".join
    assert squeeze(squeeze(p.text.split()) for p in parts) == squeeze(article.text.split())


@SETTINGS
@given(texts=st.lists(st.tuples(IDS, TEXT), min_size=1, max_size=3))
@example(texts=[("a\"b<c>\n", 'Hamas said "stop" <now> \\ {x}'), ("\ud800.", "Israeli jets struck Gaza \ud800.")])
@example(texts=[("x", "Russian missiles hit Odesa on Monday, killing three people, the air force said. " * 3)])
@example(texts=[("\x85", ""), ("y", "Hamas\u2028said\x85 it\x1c fired rockets.")])
@example(texts=[("", "US Central CommandUS Central Command")])  # a force whose state the text never names
def test_build_never_raises_and_graph_is_valid(extractor, texts: list[tuple[str, str]]) -> None:
    store = KGStore(None)
    articles = [article_from_text(text or ".", id=ident) for ident, text in texts]
    report = add_articles(store, articles, extractor=extractor, report=BuildReport(), workers=1, bulk=False)
    distinct = len({a.id for a in articles})
    assert report.added == distinct
    assert len(store.article_ids()) == distinct
    assert_safe_rdf(store)
