"""The records every reader produces: an Article, or a Problem saying why an input was skipped."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from datetime import date

__all__ = ["Article", "Problem", "clean_text", "PROBLEM_KINDS"]

# Characters no story needs and some tools choke on: C0 controls other than tab, newline and
# carriage return, DEL, and lone UTF-16 surrogates (JSON "\ud800" decodes to one; UTF-8 cannot hold it).
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_BREAKS = re.compile(r"[\x0b\x0c]")  # vertical tab and form feed (page breaks in PDF-to-text output)

# Why an input was skipped: the keys the build summary groups problems by, and their labels.
PROBLEM_KINDS = {
    "missing": "not found",
    "empty": "empty",
    "binary": "binary",
    "encoding": "unknown encoding",
    "json": "malformed JSON",
    "record": "bad record",
    "too-large": "too large",
    "unsupported": "unsupported type",
    "duplicate": "duplicate id",
    "extraction": "extraction failed",
    "failure": "reading failed",
    "error": "unreadable",
}


def clean_text(text: str) -> str:
    """Text without control characters or lone surrogates, so it always encodes, hashes and escapes.

    text (str): any Python string.
    RETURNS (str): the same text; page breaks become newlines, lone surrogates U+FFFD, other controls go.

    >>> clean_text("a\\x00b\\x0cc\\ud800")
    'ab\\nc\\ufffd'
    """
    if text.isprintable() or not (_JUNK.search(text) or _BREAKS.search(text)):
        return text
    text = _BREAKS.sub("\n", text)
    return _JUNK.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)


@dataclass(frozen=True)
class Article:
    """One input document.

    id (str): the input's name: the file's path below the folder given, without extension, or a record's id.
    text (str): the story text the extractor reads (photo captions stay in it; see `captions`).
    headline, published, url, publisher, author: metadata when known.
    captions (tuple): photo-caption lines found in the text or the page, listed apart from the story.
    source (str): where it was read from ("path", "path:line" for JSON Lines records), for messages.

    Every string is passed through `clean_text`, so any input gives text that encodes as UTF-8.
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

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                object.__setattr__(self, f.name, clean_text(value))
        object.__setattr__(self, "captions", tuple(clean_text(c) for c in self.captions))

    @property
    def content_hash(self) -> str:
        """SHA-256 of everything that shapes this article's graph, to skip unchanged articles."""
        h = hashlib.sha256()
        for part in (self.text, self.headline, self.published, self.url, self.publisher, self.author):
            h.update(str(part or "").encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Problem:
    """An input that was skipped, and why: one line for the user.

    source (str): the file, "file:line" for a record, or "-" for standard input.
    reason (str): what was wrong and what to do about it.
    kind (str): a key of PROBLEM_KINDS, for the build summary. Defaults to "error".
    """

    source: str
    reason: str
    kind: str = "error"

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
