"""kg.read.html: saved web pages through trafilatura, with metadata and figure captions."""
from __future__ import annotations

from datetime import date

import pytest

from kg.errors import InputError
from kg.read.html import read_html

PAGE = """<!DOCTYPE html>
<html><head><meta charset="windows-1252">
<title>Russian missiles hit Odesa port | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-05-14T08:00:00Z">
<link rel="canonical" href="https://news.example.com/odesa-port">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Russian missiles hit Odesa port</h1>
<p>Russian missiles hit the port of Odesa on Tuesday, killing three people, Ukraine\u2019s air force said.
The attack damaged a warehouse and several homes near the port.</p>
<figure><img src="odesa.jpg"><figcaption>Firefighters at the port, May 14, 2024 (AP Photo)</figcaption></figure>
<p>President Volodymyr Zelensky condemned the strike and called for more air defence systems.</p>
</article><footer>Copyright Example News. All rights reserved.</footer></body></html>
"""


def test_read_html_page() -> None:
    a = read_html(PAGE.encode("cp1252"), id="odesa", source="odesa.html")
    assert a.id == "odesa"
    assert a.headline == "Russian missiles hit Odesa port"
    assert a.published == date(2024, 5, 14)
    assert (a.author, a.publisher, a.url) == ("Jane Doe", "Example News", "https://news.example.com/odesa-port")
    assert a.captions == ("Firefighters at the port, May 14, 2024 (AP Photo)",)
    assert a.text.startswith("Russian missiles hit Odesa port\n")  # the headline leads, as in a .txt
    assert "Ukraine\u2019s air force" in a.text  # the page's declared charset was used
    assert a.text.rstrip().endswith("(AP Photo)")  # the caption follows the story
    assert "Home" not in a.text and "All rights reserved" not in a.text  # boilerplate left out


@pytest.mark.parametrize(
    "raw, text",
    [
        (b"<p>Israeli jets struck Gaza on Monday, officials said.</p>",
         "Israeli jets struck Gaza on Monday, officials said."),  # fragment
        (b"Plain text, Israeli jets struck Gaza.", "Plain text, Israeli jets struck Gaza."),  # not-markup
        ("<html><body><p>Ракеты ударили по Одессе.</p></body></html>".encode("utf-16"),
         "Ракеты ударили по Одессе."),  # utf16
        (b"<html><body><p>\xe9t\xe9 \xe0 Paris</p></body></html>", "\xe9t\xe9 \xe0 Paris"),  # undeclared
        (b'<?xml version="1.0" encoding="utf-8"?><html><body><p>A page about Gaza.</p></body></html>',
         "A page about Gaza."),  # xml-declaration
        (b"<html><head><meta charset=bogus-xx></head><body><p>Caf\xc3\xa9 in Gaza.</p></body></html>",
         "Caf\xe9 in Gaza."),  # unknown-charset
    ],
)
def test_read_html_odd_pages(raw: bytes, text: str) -> None:
    assert read_html(raw, id="x").text.strip() == text


@pytest.mark.parametrize(
    "raw, kind",
    [
        (b"", "empty"),  # empty
        (b"  \n ", "empty"),  # blank
        (b"<html><body><script>var x = 1;</script></body></html>", "empty"),  # script-only
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),  # image
    ],
)
def test_read_html_refuses(raw: bytes, kind: str) -> None:
    with pytest.raises(InputError) as info:
        read_html(raw, id="x")
    assert info.value.kind == kind
