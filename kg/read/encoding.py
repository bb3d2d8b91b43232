"""Bytes to text: byte-order marks, UTF-8, then charset-normalizer; binary files are told apart."""
from __future__ import annotations

import codecs

from ..errors import InputError, Warnings

__all__ = ["decode", "binary_kind", "SUPPORTED"]

SUPPORTED = ".txt, .html/.htm, .json and .jsonl files"

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive, or a .docx/.xlsx/.epub"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"SQLite format 3", "an SQLite database"),
    (b"RIFF", "a media file"),
    (b"ID3", "an MP3 file"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PREFERRED = ("cp1252", "cp1251", "cp1250", "cp1256", "cp1253", "cp1254", "cp1255", "cp1257", "cp1258")
# In text, control characters other than tab, newline, carriage return and form feed are rare.
_TEXT_CONTROLS = set(range(32)) - {9, 10, 12, 13}


def binary_kind(raw: bytes) -> str | None:
    """What a file's first bytes say it is when it is not text ("a PDF document"), else None."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            # "MZ", "BZh" and "ID3" also begin ordinary words; only call it binary if controls follow.
            if len(magic) < 4 and not _controls(raw[:512]):
                continue
            return what
    return None


_CONTROL_BYTES = bytes(sorted(_TEXT_CONTROLS))


def _controls(sample: bytes) -> float:
    # bytes.translate deletes the control bytes in C: a build reads every file through here
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / max(len(sample), 1)


def decode(raw: bytes) -> str:
    """Text from bytes in any common encoding.

    raw (bytes): a whole file.
    RETURNS (str): the text, without a byte-order mark.
    Raises InputError (kind "binary" or "encoding") when the bytes are not text kg can detect.

    >>> decode("Café".encode("cp1252"))
    'Café'
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                break
    what = binary_kind(raw)
    if what:
        raise InputError(Warnings.W102.format(what=what, supported=SUPPORTED), kind="binary")
    head = raw[:4096]
    if b"\x00" in head:
        # NUL bytes: UTF-16 or UTF-32 without a byte-order mark, or not text at all.
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
            raise InputError(Warnings.W102.format(what="unknown format", supported=SUPPORTED), kind="binary")
        return str(best)
    if _controls(head) > 0.05:
        raise InputError(Warnings.W102.format(what="unknown format", supported=SUPPORTED), kind="binary")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _detect(raw)
    if text is None:
        raise InputError(Warnings.W103, kind="encoding")
    return text


def _detect(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        return None
    # Short texts fit several single-byte code pages equally well (and the language guess behind
    # "coherence" is weak on them); the Windows code pages, Windows-1252 first, are by far the most
    # common in saved news pages, so they win whenever they read as cleanly as the best.
    least = min(m.chaos for m in matches)
    clean = {enc for m in matches if m.chaos <= least for enc in (m.encoding, *m.could_be_from_charset)}
    for encoding in _PREFERRED:
        if encoding in clean:
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:  # a byte this code page leaves undefined
                continue
    return str(matches[0])
