"""Saved web pages: the main text and metadata through trafilatura, figure captions kept apart."""
from __future__ import annotations

import re

from ..errors import InputError, Warnings
from .article import Article
from .encoding import decode
from .metadata import parse_date
from .text import article_from_text

__all__ = ["read_html", "looks_like_html"]

_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|article|meta|title)\b", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def looks_like_html(raw: bytes) -> bool:
    """Whether the start of a document is HTML markup."""
    return bool(_TAG.search(raw[:2048]))


def _html_text(raw: bytes) -> str:
    """The page as text: in the charset it declares, else as detected like any text file."""
    if b"\x00" not in raw[:4096]:
        m = _CHARSET.search(raw[:4096])
        if m:
            try:
                return raw.decode(m.group(1).decode("ascii"), errors="replace").lstrip("\ufeff")
            except LookupError:  # a charset Python does not know: detect it instead
                pass
    return decode(raw)


def _plain_text(tree) -> str:
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    lines = (ln.strip() for ln in tree.text_content().splitlines())
    return "\n".join(ln for ln in lines if ln)


def _tree(content: str, *, lenient: bool = False):
    """The page's element tree (trafilatura's loader, then lxml's for bare fragments), or None."""
    import lxml.etree
    import lxml.html
    from trafilatura.utils import load_html

    tree = None if lenient else load_html(content)
    if tree is None and (lenient or looks_like_html(content[:2048].encode("utf-8", "replace"))):
        try:
            tree = lxml.html.fromstring(content)
        except (ValueError, lxml.etree.ParserError):
            tree = None
    return tree


def read_html(raw: bytes, *, id: str, source: str | None = None) -> Article:
    """One web page as an Article: story text, headline, date, author, site name and URL.

    raw (bytes): the saved page, in any encoding it declares or that can be detected.
    id (str): the article's id.
    source (str | None): where it came from, for messages. Defaults to None.
    RETURNS (Article): the headline is the text's first line; figure captions follow the story and are
        listed in `captions`, as captions in a plain-text article stay in its text.
    Raises InputError when the page holds no text.
    """
    from trafilatura import bare_extraction

    content = _html_text(raw)
    if not content.strip():
        raise InputError(Warnings.W101, kind="empty")
    tree = _tree(content)
    if tree is None:
        # Not markup after all (a .html file holding plain text): read it as text.
        return article_from_text(content, id=id, source=source)
    figures = (" ".join(fc.text_content().split()) for fc in tree.xpath("//figcaption"))
    captions = tuple(dict.fromkeys(c for c in figures if c))
    doc = bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=False)
    body = (getattr(doc, "text", None) or "").strip()
    title = (getattr(doc, "title", None) or "").strip()
    if not body:
        # Too little for trafilatura's main-text heuristics (a bare fragment): take all visible text.
        parsed = _tree(content, lenient=True)
        body = _plain_text(parsed) if parsed is not None else ""
    if not body.strip():
        raise InputError(Warnings.W112, kind="empty")
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    extra = [c for c in captions if c not in text]
    if extra:
        text += "\n\n" + "\n\n".join(extra)
    found = article_from_text(text, id=id, source=source)  # date line, byline and captions in the text

    def meta(name: str) -> str | None:
        value = getattr(doc, name, None) if doc is not None else None
        return value.strip() or None if isinstance(value, str) else None

    date_text = meta("date")
    return Article(
        id=id,
        text=text,
        headline=title or found.headline,
        published=(parse_date(date_text) if date_text else None) or found.published,
        url=meta("url"),
        publisher=meta("sitename"),
        author=meta("author") or found.author,
        captions=tuple(dict.fromkeys((*captions, *found.captions))),
        source=source,
    )
