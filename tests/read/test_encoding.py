"""kg.read.encoding: bytes in any common encoding become text; binary files are told apart."""
from __future__ import annotations

import codecs

import pytest

from kg.errors import InputError
from kg.read.encoding import decode

STORY = "Israeli jets struck Gaza on Monday, officials said. "


@pytest.mark.parametrize(
    "raw, expected",
    [
        (STORY.encode("utf-8"), STORY),  # utf8
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), STORY),  # utf8-bom
        (STORY.encode("utf-16"), STORY),  # utf16-bom
        ((STORY * 3).encode("utf-16-le"), STORY * 3),  # utf16-no-bom
        (STORY.encode("utf-32"), STORY),  # utf32
        ("Caf\xe9 in S\xe3o Paulo \u2014 Lebanon\u2019s agency said.".encode("cp1252"),
         "Caf\xe9 in S\xe3o Paulo \u2014 Lebanon\u2019s agency said."),  # cp1252
        (("Ракеты ударили по Одессе в понедельник, сообщили власти. " * 5).encode("koi8-r"),
         "Ракеты ударили по Одессе в понедельник, сообщили власти. " * 5),  # koi8
        ("قال المتحدث إن الغارة استهدفت دمشق".encode("cp1256"), "قال المتحدث إن الغارة استهدفت دمشق"),  # arabic
        ("Ракеты ударили по Одессе в понедельник.".encode("cp1251"), "Ракеты ударили по Одессе в понедельник."),  # cp1251
        (b"MZ is the name of a band.", "MZ is the name of a band."),  # magic-lookalike
        (b"", ""),  # empty
    ],
)
def test_decode_text(raw: bytes, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    "raw, kind, words",
    [
        (b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", "binary", "PDF"),  # pdf
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "PNG"),  # png
        (b"PK\x03\x04\x14\x00\x06\x00", "binary", "ZIP"),  # zip
        (bytes(1000), "binary", "unknown format"),  # zeros
        (bytes(range(256)) * 8, "binary", "unknown format"),  # every-byte
        (bytes(range(0x80, 0x100)) * 4, "encoding", "encoding kg can detect"),  # high-bytes
    ],
)
def test_decode_refuses(raw: bytes, kind: str, words: str) -> None:
    with pytest.raises(InputError, match=words) as info:
        decode(raw)
    assert info.value.kind == kind
