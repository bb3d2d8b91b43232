"""kg.read.text and kg.read.article: plain text to Article, clean text, long documents split into parts."""
from __future__ import annotations

from datetime import date

import pytest

from kg.errors import InputError
from kg.read import Article, article_from_text, clean_text, split_article


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain text\nwith lines\r\n", "plain text\nwith lines\r\n"),  # unchanged
        ("a\x00b", "ab"),  # nul
        ("page one\x0cpage two\x0bthree", "page one\npage two\nthree"),  # page-breaks
        ("\x1b[31mred\x1b[0m", "[31mred[0m"),  # ansi
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),  # surrogate
        ("emoji 😀 and \u202eRTL\u202c", "emoji 😀 and \u202eRTL\u202c"),  # kept
    ],
)
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_article_cleans_every_string_and_hashes() -> None:
    a = Article(id="x\ud800", text="t\x00ext", headline="h\x01", captions=("c\x02",))
    assert (a.id, a.text, a.headline, a.captions) == ("x\ufffd", "text", "h", ("c",))
    assert len(a.content_hash) == 64  # would raise UnicodeEncodeError on a lone surrogate


def test_content_hash_follows_text_and_metadata() -> None:
    a = article_from_text("Strike\n\nJets struck Gaza.", id="a")
    assert a.content_hash == article_from_text("Strike\n\nJets struck Gaza.", id="other").content_hash
    assert a.content_hash != article_from_text("Strike\n\nJets struck Rafah.", id="a").content_hash
    assert a.content_hash != article_from_text("Strike\n\nJets struck Gaza.", id="a", url="https://x").content_hash


def test_article_from_text_given_metadata_wins() -> None:
    a = article_from_text("Headline\nBy A B - March 25 2023\n\nBody.", id="a", published=date(2020, 1, 1))
    assert (a.headline, a.published, a.author) == ("Headline", date(2020, 1, 1), "A B")


PARAGRAPH = "Fighting continued near Djibo on Thursday, officials said. Roads remained closed. "


@pytest.mark.parametrize(
    "text, max_chars, n_parts",
    [
        (PARAGRAPH, 1000, 1),  # short
        ("\n\n".join([PARAGRAPH * 3] * 10), 1000, 3),  # paragraphs
        ("\n".join([PARAGRAPH] * 40), 1000, 4),  # lines
        (PARAGRAPH * 40, 1000, 4),  # sentences
        ("x" * 2500, 1000, 4),  # no-breaks (the headline paragraph alone, then three hard cuts)
        (PARAGRAPH + " " * 5000, 1000, 1),  # trailing-space
    ],
)
def test_split_article(text: str, max_chars: int, n_parts: int) -> None:
    article = article_from_text("Headline\n\n" + text, id="doc", published=date(2024, 6, 13))
    parts = split_article(article, max_chars=max_chars)
    assert len(parts) == n_parts
    assert all(len(p.text) <= max_chars for p in parts)
    squeeze = "".join  # every character but whitespace, in order: nothing lost, nothing doubled
    assert squeeze(squeeze(p.text.split()) for p in parts) == squeeze(article.text.split())
    if n_parts > 1:
        assert [p.id for p in parts] == [f"doc#part{i}" for i in range(1, n_parts + 1)]
        assert {(p.headline, p.published) for p in parts} == {("Headline", date(2024, 6, 13))}
    else:
        assert parts[0].id == "doc"


def test_split_article_refuses_huge() -> None:
    article = article_from_text(PARAGRAPH * 100, id="huge")
    with pytest.raises(InputError, match="more than 3 parts of --max-chars 1,000") as info:
        split_article(article, max_chars=1000, max_parts=3)
    assert info.value.kind == "too-large"


def test_split_article_bad_limit() -> None:
    with pytest.raises(ValueError, match="E101"):
        split_article(article_from_text("x", id="x"), max_chars=0)
