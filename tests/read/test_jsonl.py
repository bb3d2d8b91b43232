"""kg.read.jsonl: JSON Lines and JSON exports, with configurable fields and per-line problems."""
from __future__ import annotations

import json
from datetime import date

import pytest

from kg.errors import InputError
from kg.read import Article, JsonFields, Problem
from kg.read.jsonl import article_from_record, read_json, read_jsonl

TEXT = "Two drones attacked the Ain al-Asad air base in Iraq on Saturday, US officials said."


def lines(*records: object) -> list[bytes]:
    return [r if isinstance(r, bytes) else json.dumps(r).encode() for r in records]


def test_read_jsonl_reads_past_bad_lines() -> None:
    got = list(read_jsonl(lines({"id": "a", "text": TEXT}, b'{"id": "b", "text": "cut', b"", b"   ",
                                {"id": "c", "text": TEXT}, b"[1, 2]", {"id": "d", "body": TEXT}, b"\xff\xfe{"),
                          name="f.jsonl", stem="f"))
    assert [g.id if isinstance(g, Article) else (g.source, g.kind) for g in got] == [
        "a", ("f.jsonl:2", "json"), "c", ("f.jsonl:6", "record"), ("f.jsonl:7", "record"), ("f.jsonl:8", "json")]
    assert "Unterminated string" in got[1].reason and "the rest of the file was read" in got[1].reason
    assert "'body'" in got[4].reason and "--text-field" in got[4].reason


def test_read_jsonl_crlf_bom_and_default_ids() -> None:
    raw = b"\xef\xbb\xbf" + json.dumps({"text": TEXT}).encode() + b"\r\n" + json.dumps({"text": TEXT, "id": 7}).encode()
    got = list(read_jsonl(raw.splitlines(keepends=True), name="f.jsonl", stem="feed"))
    assert [(a.id, a.source) for a in got] == [("feed-1", "f.jsonl:1"), ("7", "f.jsonl:2")]


@pytest.mark.parametrize(
    "record, fields, expected",
    [
        ({"id": "x", "text": TEXT, "title": "T", "date": "2024-01-20", "url": "https://u"}, JsonFields(),
         ("x", "T", date(2024, 1, 20), "https://u", None, None)),  # defaults
        ({"id": 5, "text": TEXT, "headline": "H", "publishedAt": "2024-01-20T12:00:00Z", "link": "https://l",
          "source": {"name": "Wire"}, "authors": ["A", "B"]}, JsonFields(),
         ("5", "H", date(2024, 1, 20), "https://l", "Wire", "A, B")),  # alternatives
        ({"doc": {"key": "k1", "body": TEXT}}, JsonFields(text="doc.body", id="doc.key"),
         ("k1", None, None, None, None, None)),  # nested
        ({"id": "p", "text": ["First paragraph.", "Second paragraph."]}, JsonFields(),
         ("p", None, None, None, None, None)),  # paragraphs
        ({"id": True, "text": TEXT, "date": "someday"}, JsonFields(),
         ("dflt", None, None, None, None, None)),  # bad-id-and-date
    ],
)
def test_article_from_record(record: dict, fields: JsonFields, expected: tuple) -> None:
    a = article_from_record(record, fields=fields, default_id="dflt")
    assert (a.id, a.headline, a.published, a.url, a.publisher, a.author) == expected
    assert a.text.strip()


@pytest.mark.parametrize(
    "record, kind, words",
    [
        ("just a string", "record", "a string, not a JSON object"),  # string
        ({"id": "x", "content": TEXT}, "record", "no 'text' field for the text"),  # missing
        ({"id": "x", "text": None}, "record", "null, not text"),  # null
        ({"id": "x", "text": 42}, "record", "a number, not text"),  # number
        ({"id": "x", "text": "  "}, "empty", "empty"),  # blank
    ],
)
def test_article_from_record_refuses(record: object, kind: str, words: str) -> None:
    with pytest.raises(InputError, match=words) as info:
        article_from_record(record, default_id="d")
    assert info.value.kind == kind


@pytest.mark.parametrize(
    "data, ids",
    [
        ({"id": "one", "text": TEXT}, ["one"]),  # single
        ([{"id": "a", "text": TEXT}, {"text": TEXT}], ["a", "export-2"]),  # list
        ({"status": "ok", "articles": [{"id": "n1", "text": TEXT}]}, ["n1"]),  # newsapi
        ({"results": [{"text": TEXT}]}, ["export-1"]),  # results
    ],
)
def test_read_json_shapes(data: object, ids: list[str]) -> None:
    got = list(read_json(json.dumps(data).encode(), name="export.json", stem="export"))
    assert [a.id for a in got] == ids


def test_read_json_lines_in_a_json_file() -> None:
    raw = b"\n".join(lines({"id": "a", "text": TEXT}, {"id": "b", "text": TEXT}, b"{oops"))
    got = list(read_json(raw, name="x.json", stem="x"))
    assert [g.id if isinstance(g, Article) else g.source for g in got] == ["a", "b", "x.json:3"]


def test_read_json_malformed_and_bad_items() -> None:
    with pytest.raises(InputError, match=r"line 2, column \d+") as info:
        list(read_json(b'{"articles": [\n{"id": "x", "text": "never closed"', name="b.json", stem="b"))
    assert info.value.kind == "json"
    got = list(read_json(json.dumps([{"text": TEXT}, 3, {"text": ""}]).encode(), name="l.json", stem="l"))
    assert [g.id if isinstance(g, Article) else (g.source, g.kind) for g in got] == [
        "l-1", ("l.json[2]", "record"), ("l.json[3]", "empty")]
    assert all(isinstance(g, (Article, Problem)) for g in got)


def test_read_json_deeply_nested() -> None:
    with pytest.raises(InputError) as info:
        list(read_json(b"[" * 100_000 + b"]" * 100_000, name="deep.json", stem="deep"))
    assert info.value.kind == "json"
