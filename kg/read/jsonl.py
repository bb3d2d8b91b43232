"""Records from JSON Lines and JSON exports (news APIs, scrapers): one article per record."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, Warnings
from .article import Article, Problem
from .encoding import decode
from .metadata import parse_date
from .text import article_from_text

__all__ = ["JsonFields", "read_jsonl", "read_json", "article_from_record"]


@dataclass(frozen=True)
class JsonFields:
    """Which field of a record holds what. A dotted name reaches into nested objects ("source.name").

    text (str): the story text. Defaults to "text".
    id (str): the article id; records without one get FILE-LINE. Defaults to "id".
    title, date, url, author, publisher (str): metadata. When the named field is missing, a few
        common alternatives are tried (headline; published, publishedAt, datePublished, pubDate; link;
        byline, creator; source.name, site, sitename).
    """

    text: str = "text"
    id: str = "id"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    author: str = "author"
    publisher: str = "publisher"


_ALTERNATIVES = {
    "title": ("headline",),
    "date": ("published", "publishedAt", "published_at", "datePublished", "pubDate", "date_published"),
    "url": ("link", "href"),
    "author": ("byline", "creator", "authors"),
    "publisher": ("source.name", "source", "site", "sitename", "site_name"),
}
# A whole-file JSON export often wraps its records: {"articles": [...]} (NewsAPI), {"results": [...]}.
_WRAPPERS = ("articles", "results", "items", "data", "records", "documents", "docs", "hits")


def _get(record: Mapping[str, Any], name: str) -> Any:
    if name in record:
        return record[name]
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _meta(record: Mapping[str, Any], fields: JsonFields, key: str) -> str | None:
    name = getattr(fields, key)
    names = (name, *_ALTERNATIVES[key]) if name == getattr(JsonFields, key) else (name,)
    for n in names:
        value = _get(record, n)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)))
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def _what(value: Any) -> str:
    if value is None:
        return "null"
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    return kinds.get(type(value), "a number")


def article_from_record(record: Any, *, fields: JsonFields = JsonFields(), default_id: str,
                        source: str | None = None) -> Article:
    """One JSON record as an Article.

    record (Any): a parsed JSON value; it must be an object with a text field.
    fields (JsonFields): which fields hold the text, id and metadata. Defaults to JsonFields().
    default_id (str): the id when the record has none.
    source (str | None): where it came from ("file:line"), for messages. Defaults to None.
    RETURNS (Article): metadata the record lacks is read from its text, as for a .txt file.
    Raises InputError (kind "record" or "empty") when the record has no usable text.
    """
    if not isinstance(record, Mapping):
        raise InputError(Warnings.W106.format(what=_what(record)), kind="record")
    text = _get(record, fields.text)
    if text is None and fields.text not in record:
        names = ", ".join(map(repr, list(record)[:12])) or "none"
        raise InputError(Warnings.W107.format(field=fields.text, fields=names), kind="record")
    if isinstance(text, list) and all(isinstance(t, str) for t in text):
        text = "\n\n".join(text)  # paragraphs
    if not isinstance(text, str):
        raise InputError(Warnings.W108.format(field=fields.text, what=_what(text)), kind="record")
    if not text.strip():
        raise InputError(Warnings.W101, kind="empty")
    ident = _get(record, fields.id)
    ident = str(ident).strip() if isinstance(ident, (str, int, float)) and not isinstance(ident, bool) else ""
    date_text = _meta(record, fields, "date")
    return article_from_text(
        text, id=ident or default_id, source=source,
        headline=_meta(record, fields, "title"),
        published=parse_date(date_text) if date_text else None,
        url=_meta(record, fields, "url"),
        author=_meta(record, fields, "author"),
        publisher=_meta(record, fields, "publisher"),
    )


def _line_text(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode(line)  # JSON should be UTF-8, but exports from old tools are not always


def read_jsonl(lines: Iterable[bytes], *, name: str, stem: str,
               fields: JsonFields = JsonFields()) -> Iterator[Article | Problem]:
    """Articles from JSON Lines, one record per line; a bad line is a Problem "file:line", the rest is read.

    lines (Iterable[bytes]): the file's lines (a binary file object will do).
    name (str): the file, for messages.
    stem (str): the id prefix for records without an id ("stem-LINE").
    fields (JsonFields): which fields hold what. Defaults to JsonFields().
    """
    for lineno, line in enumerate(lines, 1):
        line = line.rstrip(b"\r\n")
        if lineno == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(_line_text(line))
        except InputError as exc:
            yield Problem(where, str(exc), exc.kind)
            continue
        except (ValueError, RecursionError) as exc:
            yield Problem(where, Warnings.W104.format(detail=_json_detail(exc)), "json")
            continue
        try:
            yield article_from_record(record, fields=fields, default_id=f"{stem}-{lineno}", source=where)
        except InputError as exc:
            yield Problem(where, str(exc), exc.kind)


def _json_detail(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)


def read_json(raw: bytes, *, name: str, stem: str,
              fields: JsonFields = JsonFields()) -> Iterator[Article | Problem]:
    """Articles from a .json file: one record, a list of records, or an object wrapping a list of them.

    A file that holds one record per line (JSON Lines saved as .json) is read as JSON Lines.
    Raises InputError (kind "json") when the file is not JSON at all.
    """
    text = decode(raw)
    if not text.strip():
        raise InputError(Warnings.W101, kind="empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # one record per line: JSON Lines in a .json file
            yield from read_jsonl(text.encode("utf-8").splitlines(), name=name, stem=stem, fields=fields)
            return
        where = f"at line {exc.lineno}, column {exc.colno}"
        raise InputError(Warnings.W105.format(detail=f"{exc.msg.removesuffix(' at')} {where}"),
                         kind="json") from None
    except RecursionError:
        raise InputError(Warnings.W105.format(detail="nested too deeply"), kind="json") from None
    if isinstance(data, Mapping) and _get(data, fields.text) is None:
        for key in _WRAPPERS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    many = isinstance(data, list)
    for n, record in enumerate(data if many else [data], 1):
        where, default_id = (f"{name}[{n}]", f"{stem}-{n}") if many else (name, stem)
        try:
            yield article_from_record(record, fields=fields, default_id=default_id, source=where)
        except InputError as exc:
            yield Problem(where, str(exc), exc.kind)
