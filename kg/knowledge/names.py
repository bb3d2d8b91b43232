"""Name keys: the spelling-blind forms under which names are indexed and compared."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["compact", "words", "name_variants", "slug", "skeleton"]
_NON_WORD = re.compile(r"[^0-9a-z]+")
_VOWELS = re.compile(r"[aeiouy]+")


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """Lowercase ASCII words of a name: "Deir ez-Zor" -> ["deir", "ez", "zor"]."""
    folded = _fold(text).replace("'", "").replace("’", "").replace("ʿ", "").replace("ʾ", "")
    return [w for w in _NON_WORD.split(folded) if w]


@lru_cache(maxsize=200_000)
def compact(text: str) -> str:
    """One key per spelling family: case, accents, spaces and hyphens ignored ("Deir Ezzor" = "Deir ez-Zor")."""
    return "".join(words(text))


def name_variants(text: str, articles: frozenset[str]) -> list[str]:
    """The compact keys a name is indexed under: itself, and without a leading article.

    articles (frozenset[str]): leading words that transliterations add or drop (lex:nameArticles).
    """
    ws = words(text)
    keys = ["".join(ws)] if ws else []
    if len(ws) > 1 and ws[0] in articles:
        keys.append("".join(ws[1:]))
    return keys


def skeleton(key: str) -> str:
    """Consonant skeleton of a compact key, for close misspellings (Haskah ~ Hasakah)."""
    if not key:
        return key
    body = _VOWELS.sub("", key[1:])
    out = key[0]
    for ch in body:
        if ch != out[-1]:
            out += ch
    return out


def slug(text: str) -> str:
    """A readable IRI-safe slug: "Nasser Kanaani" -> "nasser-kanaani"; names with no Latin letters
    get a short hash of the name, so two different Greek or Arabic names never share a node."""
    readable = "-".join(words(text))[:80]
    if readable:
        return readable
    import hashlib

    return "h" + hashlib.sha256(text.strip().encode("utf-8", "surrogatepass")).hexdigest()[:16]
