"""Walk the paths a user gives and turn each document into an Article, reporting what cannot be read."""
from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors
from .article import Article
from .metadata import read_text_metadata

__all__ = ["Problem", "iter_articles", "article_from_text", "SUFFIXES"]

log = logging.getLogger("kg")
SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Problem:
    """An input that was skipped, and why: one line for the user."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def article_from_text(text: str, *, id: str, source: str | None = None, **metadata: object) -> Article:
    """An Article from plain text, with metadata read from the text where none is given."""
    found = read_text_metadata(text)
    fields = {
        "headline": found.headline,
        "published": found.published,
        "author": found.author,
        "captions": tuple(found.captions),
    }
    fields.update({k: v for k, v in metadata.items() if v is not None})
    return Article(id=id, text=text, source=source, **fields)  # type: ignore[arg-type]


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise ValueError("not text in any encoding kg can detect") from None
        return str(best)


def _read_txt(path: Path) -> Iterator[Article | Problem]:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        yield Problem(str(path), "binary file, not text")
        return
    text = _decode(raw)
    if not text.strip():
        yield Problem(str(path), "empty file")
        return
    yield article_from_text(text, id=path.stem, source=str(path))


def _files(paths: Sequence[str | Path], pattern: str) -> Iterator[Path | Problem]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob(pattern) if f.is_file() and f.suffix.lower() in SUFFIXES)
        elif p.is_file():
            yield p
        else:
            yield Problem(str(p), Errors.E001.format(path=p))


def iter_articles(paths: Sequence[str | Path], *, pattern: str = "*") -> Iterator[Article | Problem]:
    """Articles from files and folders (recursively), in a stable order; unreadable ones become Problems."""
    for item in _files(paths, pattern):
        if isinstance(item, Problem):
            yield item
            continue
        try:
            if item.suffix.lower() in SUFFIXES or item.suffix == "":
                yield from _read_txt(item)
            else:
                yield Problem(str(item), f"unsupported file type {item.suffix!r}; kg reads {', '.join(SUFFIXES)}")
        except (OSError, ValueError) as exc:
            yield Problem(str(item), str(exc))
