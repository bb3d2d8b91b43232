"""The record every reader produces: one article, its text and what is known about it."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

__all__ = ["Article"]


@dataclass(frozen=True)
class Article:
    """One input document.

    id (str): the input's name, the file name without extension or a record's id.
    text (str): the story text the extractor reads.
    headline, published, url, publisher, author: metadata when known.
    captions (tuple): photo-caption lines found in the text, kept apart from the story.
    source (str): where it was read from, for messages.
    """

    id: str
    text: str
    headline: str | None = None
    published: date | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    captions: tuple[str, ...] = field(default_factory=tuple)
    source: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of everything that shapes this article's graph, to skip unchanged articles."""
        h = hashlib.sha256()
        for part in (self.text, self.headline, self.published, self.url, self.publisher, self.author):
            h.update(str(part or "").encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()
