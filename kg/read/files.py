"""Walk the paths a user gives and turn each document into Articles, reporting what cannot be read.

Formats by file extension: .txt (and no extension) plain text, .html/.htm saved web pages,
.jsonl/.ndjson JSON Lines, .json JSON records; "-" is standard input, its format sniffed.
"""
from __future__ import annotations

import fnmatch
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import Errors, InputError, KGError, Warnings
from .article import Article, Problem
from .encoding import SUPPORTED, decode
from .html import looks_like_html, read_html
from .jsonl import JsonFields, read_json, read_jsonl
from .text import DEFAULT_MAX_CHARS, MAX_PARTS, article_from_text, split_article

__all__ = ["Problem", "ReadOptions", "Reader", "iter_articles", "article_from_text", "SUFFIXES", "STDIN"]

log = logging.getLogger("kg")

TEXT, HTML, JSONL, JSON = "text", "html", "jsonl", "json"
SUFFIXES = {".txt": TEXT, ".text": TEXT, "": TEXT, ".html": HTML, ".htm": HTML, ".xhtml": HTML,
            ".jsonl": JSONL, ".ndjson": JSONL, ".json": JSON}
STDIN = "-"
# Bytes a file may have per character of --max-chars × MAX_PARTS before it is refused unread:
# UTF-8 text takes up to 4 bytes a character; pages and JSON exports carry markup and fields besides.
_BYTES_PER_CHAR = {TEXT: 4, HTML: 16, JSON: 64}


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs.

    pattern (str): only files in folders whose name (or, with a "/", relative path) matches. Defaults to "*".
    fields (JsonFields): which JSON fields hold the text, id and metadata. Defaults to JsonFields().
    max_chars (int): longest article in characters; longer documents are split into parts.
        Defaults to 100,000.
    max_parts (int): most parts a document may be split into; beyond that it is refused. Defaults to 20.
    """

    pattern: str = "*"
    fields: JsonFields = field(default_factory=JsonFields)
    max_chars: int = DEFAULT_MAX_CHARS
    max_parts: int = MAX_PARTS

    def __post_init__(self) -> None:
        if not isinstance(self.max_chars, int) or self.max_chars < 1:
            raise ValueError(Errors.E101.format(value=self.max_chars))


@dataclass
class Reader:
    """Reads inputs into Articles and Problems, counting what it opened.

    options (ReadOptions): how to read. Defaults to ReadOptions().
    stdin (BinaryIO | None): where "-" reads from. Defaults to sys.stdin's bytes.
    files (int): inputs opened so far (files and standard input).
    split (int): documents split into parts so far.

    >>> reader = Reader()
    >>> items = list(reader(["no/such/file.txt"]))
    >>> items[0].kind, reader.files
    ('missing', 0)
    """

    options: ReadOptions = field(default_factory=ReadOptions)
    stdin: BinaryIO | None = None
    files: int = 0
    split: int = 0

    def __call__(self, paths: Sequence[str | Path]) -> Iterator[Article | Problem]:
        """Articles from files, folders (recursively) and "-", in a stable order; bad inputs are Problems."""
        for item in _inputs(paths, self.options.pattern):
            if isinstance(item, Problem):
                yield item
                continue
            path, ident = item
            self.files += 1
            source = str(path)
            try:
                for got in self._read(path, ident):
                    if isinstance(got, Problem):
                        yield got
                    else:
                        yield from self._limit(got)
            except InputError as exc:
                yield Problem(source, str(exc), exc.kind)
            except OSError as exc:
                yield Problem(source, Warnings.W113.format(detail=exc.strerror or exc), "error")
            except ImportError as exc:  # not the file's fault: stop, and say what to install
                raise KGError(Errors.E019.format(module=exc.name or exc, detail=exc)) from None
            except Exception as exc:  # noqa: BLE001 - a reader bug must not lose the other files; a failure, not a skip
                log.debug("reading %s failed", source, exc_info=True)
                yield Problem(source, Warnings.W115.format(detail=f"{type(exc).__name__}: {exc}"), "failure")

    def _limit(self, article: Article) -> Iterator[Article | Problem]:
        try:
            parts = split_article(article, max_chars=self.options.max_chars, max_parts=self.options.max_parts)
        except InputError as exc:
            yield Problem(article.source or article.id, str(exc), exc.kind)
            return
        if len(parts) > 1:
            self.split += 1
            log.warning("%s", Warnings.W114.format(id=article.id, size=len(article.text), parts=len(parts),
                                                    limit=self.options.max_chars, first=parts[0].id,
                                                    last=parts[-1].id))
        yield from parts

    def _read(self, path: Path | str, ident: str) -> Iterator[Article | Problem]:
        fields = self.options.fields
        if path == STDIN:
            stream = self.stdin if self.stdin is not None else sys.stdin.buffer
            yield from _sniffed(stream.read(), ident=ident, name=STDIN, fields=fields)
            return
        assert isinstance(path, Path)
        kind = SUFFIXES.get(path.suffix.lower())
        name = str(path)
        if kind == JSONL:
            with path.open("rb") as f:
                yield from read_jsonl(f, name=name, stem=ident, fields=fields)
            return
        limit = self.options.max_chars * self.options.max_parts * _BYTES_PER_CHAR[kind or TEXT]
        size = path.stat().st_size
        if size > limit:
            raise InputError(Warnings.W109.format(size=size, unit="bytes", parts=self.options.max_parts,
                                                  limit=self.options.max_chars), kind="too-large")
        raw = path.read_bytes()
        if kind == TEXT:
            yield _text(raw, ident=ident, name=name)
        elif kind == HTML:
            yield read_html(raw, id=ident, source=name)
        elif kind == JSON:
            yield from read_json(raw, name=name, stem=ident, fields=fields)
        else:  # a file named on the command line whatever its extension: tell by its content
            yield from _sniffed(raw, ident=ident, name=name, fields=fields)


def _text(raw: bytes, *, ident: str, name: str) -> Article:
    article = article_from_text(decode(raw), id=ident, source=name)
    if not article.text.strip():  # nothing but whitespace, or control characters the article drops
        raise InputError(Warnings.W101, kind="empty")
    return article


def _sniffed(raw: bytes, *, ident: str, name: str, fields: JsonFields) -> Iterator[Article | Problem]:
    """Standard input or a file of unknown type: JSON if it starts like JSON, HTML if marked up, else text."""
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start in (b"{", b"["):
        yield from read_json(raw, name=name, stem=ident, fields=fields)
    elif looks_like_html(raw):
        yield read_html(raw, id=ident, source=name)
    else:
        yield _text(raw, ident=ident, name=name)


def _matches(rel: str, name: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(rel if "/" in pattern else name, pattern)


def _walk(top: Path, pattern: str) -> Iterator[tuple[Path, str] | Problem]:
    """Files below a folder, sorted, with ids from their path below it; hidden files and folders left out."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(top, onerror=errors.append):
        here = Path(dirpath)
        stems = {Path(f).stem for f in filenames if Path(f).suffix.lower() in (".html", ".htm")}
        # Hidden folders, and the "PAGE_files" folders browsers save next to PAGE.html, hold no articles.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not (d.endswith("_files") and d[: -len("_files")] in stems))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            rel = path.relative_to(top).as_posix()
            if not _matches(rel, name, pattern):
                continue
            if path.suffix.lower() not in SUFFIXES:
                reason = Warnings.W110.format(suffix=path.suffix, supported=SUPPORTED)
                yield Problem(str(path), reason, "unsupported")
                continue
            yield path, rel[: -len(path.suffix)] if path.suffix else rel
    for exc in errors:
        yield Problem(str(exc.filename), Warnings.W113.format(detail=exc.strerror or exc), "error")


def _inputs(paths: Sequence[str | Path], pattern: str) -> Iterator[tuple[Path | str, str] | Problem]:
    """(path, id) for every input, each file once however often it is named; missing paths are Problems."""
    seen: set[Path | str] = set()
    for arg in paths:
        if str(arg) == STDIN:
            if STDIN not in seen:
                seen.add(STDIN)
                yield STDIN, "stdin"
            continue
        p = Path(arg)
        if p.is_dir():
            items = _walk(p, pattern)
        elif p.exists():
            items = iter([(p, p.stem)])
        else:
            yield Problem(str(p), Errors.E001.format(path=p), "missing")
            continue
        for item in items:
            if isinstance(item, tuple):
                key = item[0].resolve()
                if key in seen:
                    continue
                seen.add(key)
            yield item


def iter_articles(paths: Sequence[str | Path], *, pattern: str = "*", fields: JsonFields | None = None,
                  max_chars: int = DEFAULT_MAX_CHARS,
                  stdin: BinaryIO | None = None) -> Iterator[Article | Problem]:
    """Articles from files, folders (recursively) and "-" (standard input); unreadable ones become Problems.

    paths (Sequence[str | Path]): files, folders and "-".
    pattern (str): only files in folders whose name matches this glob. Defaults to "*".
    fields (JsonFields | None): which JSON fields hold what. Defaults to JsonFields().
    max_chars (int): longest article; longer documents are split into parts. Defaults to 100,000.
    stdin (BinaryIO | None): where "-" reads from. Defaults to standard input.
    """
    options = ReadOptions(pattern=pattern, fields=fields or JsonFields(), max_chars=max_chars)
    yield from Reader(options, stdin=stdin)(paths)
