"""Plain text to Article, and documents over the size limit split into parts."""
from __future__ import annotations

import re
from dataclasses import replace

from ..errors import Errors, InputError, Warnings
from .article import Article
from .metadata import read_text_metadata

__all__ = ["article_from_text", "split_article", "DEFAULT_MAX_CHARS", "MAX_PARTS", "PART_MARK"]

DEFAULT_MAX_CHARS = 100_000
"""Characters per article; longer documents are split into parts (spaCy's own limit is 1,000,000)."""
MAX_PARTS = 20
"""A document needing more parts than this is refused: it is more likely a dump or junk than a story."""
PART_MARK = "#part"
"""Part ids are the document's id, this mark and a number: "long-report#part2"."""

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def article_from_text(text: str, *, id: str, source: str | None = None, **metadata: object) -> Article:
    """An Article from plain text, with metadata read from the text where none is given.

    text (str): the story, possibly with a headline line, a date line, a byline and captions.
    id (str): the article's id.
    source (str | None): where it came from, for messages. Defaults to None.
    metadata: headline, published, url, publisher, author or captions; None values are read from the text.
    RETURNS (Article): the article; its text is the text given.
    """
    found = read_text_metadata(text)
    fields: dict[str, object] = {
        "headline": found.headline,
        "published": found.published,
        "author": found.author,
        "captions": tuple(found.captions),
    }
    fields.update({k: v for k, v in metadata.items() if v is not None})
    return Article(id=id, text=text, source=source, **fields)  # type: ignore[arg-type]


def _pieces(text: str, limit: int) -> list[str]:
    """Text cut at paragraph, then line, then sentence, then word boundaries, each piece <= limit."""
    out: list[str] = []
    for pattern, joiner in ((_PARAGRAPH, "\n\n"), (re.compile(r"\n"), "\n"), (_SENTENCE, " ")):
        parts = pattern.split(text)
        if len(parts) > 1:
            for part in parts:
                if len(part) + len(joiner) <= limit:
                    out.append(part + joiner)
                else:
                    sub = _pieces(part, max(1, limit - len(joiner)))
                    sub[-1] += joiner
                    out.extend(sub)
            return out
    # One long run without any break: cut at the last space before the limit, or hard.
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        cut = cut if cut > limit // 2 else limit
        out.append(text[:cut])
        text = text[cut:]
    return [*out, text]


def split_article(article: Article, *, max_chars: int = DEFAULT_MAX_CHARS,
                  max_parts: int = MAX_PARTS) -> list[Article]:
    """The article itself when it is short enough, else its parts, each at most max_chars long.

    article (Article): the whole document.
    max_chars (int): the most characters one article may have. Defaults to DEFAULT_MAX_CHARS.
    max_parts (int): the most parts a document may be split into. Defaults to MAX_PARTS.
    RETURNS (list[Article]): [article], or parts with ids "ID#part1", "ID#part2", ... sharing the
        document's metadata.
    Raises InputError (kind "too-large") when more than max_parts parts would be needed.
    """
    if max_chars < 1:
        raise ValueError(Errors.E101.format(value=max_chars))
    if len(article.text) <= max_chars:
        return [article]
    if len(article.text) > max_chars * max_parts:
        raise InputError(Warnings.W109.format(size=len(article.text), unit="characters", parts=max_parts,
                                              limit=max_chars), kind="too-large")
    chunks: list[str] = []
    current = ""
    for piece in _pieces(article.text, max_chars):
        if current and len(current) + len(piece) > max_chars:
            chunks.append(current)
            current = ""
        current += piece
    chunks = [c for c in (*chunks, current) if c.strip()]
    if len(chunks) == 1:  # over the limit by whitespace only
        return [replace(article, text=chunks[0].strip())]
    if len(chunks) > max_parts:
        raise InputError(Warnings.W109.format(size=len(article.text), unit="characters", parts=max_parts,
                                              limit=max_chars), kind="too-large")
    return [replace(article, id=f"{article.id}{PART_MARK}{n}", text=chunk.strip(),
                    captions=tuple(c for c in article.captions if c in chunk))
            for n, chunk in enumerate(chunks, 1)]
