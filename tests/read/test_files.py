"""kg.read.files: folders walked, formats told apart, standard input, size limits, every input once."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kg.errors import KGError

from kg.read import Article, Problem, Reader, ReadOptions, iter_articles

TEXT = "Israeli jets struck Gaza on Monday, officials said.\n"


def summary(items: list[Article | Problem]) -> list[str | tuple[str, str]]:
    """Article ids, and (source, kind) for problems, in order."""
    return [i.id if isinstance(i, Article) else (Path(i.source).name, i.kind) for i in items]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    files = {
        "a.txt": TEXT,
        "b.html": f"<html><head><title>B</title></head><body><p>{TEXT}</p></body></html>",
        "c.jsonl": json.dumps({"id": "c1", "text": TEXT}) + "\n" + json.dumps({"id": "c2", "text": TEXT}) + "\n",
        "d.json": json.dumps([{"id": "d1", "text": TEXT}]),
        "sub/a.txt": TEXT,  # same file name, another folder: its own id
        "sub/deeper/e.htm": f"<p>{TEXT}</p>",
        "README": TEXT,  # no extension: text
        "notes.docx": "not really a docx",
        ".hidden.txt": TEXT,
        ".git/config.txt": TEXT,
        "b_files/x.txt": TEXT,  # a browser's asset folder for b.html
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_walk_reads_every_format_in_a_stable_order(folder: Path) -> None:
    reader = Reader()
    got = list(reader([folder]))
    assert summary(got) == ["README", "a", "b", "c1", "c2", "d1", ("notes.docx", "unsupported"), "sub/a",
                            "sub/deeper/e"]
    assert reader.files == 7  # the .docx is reported, not opened
    assert {a.text.strip() for a in got if isinstance(a, Article) and a.id != "b"} == {TEXT.strip()}
    assert next(a for a in got if isinstance(a, Article) and a.id == "b").text == "B\n\n" + TEXT.strip()  # title leads


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("*.txt", ["a", "sub/a"]),  # suffix
        ("*.htm*", ["b", "sub/deeper/e"]),  # html
        ("sub/*", ["sub/a", "sub/deeper/e"]),  # relative-path
        ("nothing*", []),  # none
    ],
)
def test_glob(folder: Path, pattern: str, expected: list[str]) -> None:
    assert summary(list(iter_articles([folder], pattern=pattern))) == expected


def test_each_file_once_and_missing_paths(folder: Path) -> None:
    got = list(iter_articles([folder / "a.txt", folder, folder / "a.txt", folder / "nope.txt"], pattern="*.txt"))
    # a.txt named first keeps its own id "a"; the walk does not read it again; the missing path is reported.
    assert summary(got) == ["a", "sub/a", ("nope.txt", "missing")]
    assert "No such file or folder" in got[-1].reason


def test_explicit_file_of_unknown_type_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(TEXT)
    (tmp_path / "feed.dat").write_text(json.dumps({"id": "f", "text": TEXT}))
    (tmp_path / "page.xyz").write_text(f"<html><body><p>{TEXT}</p></body></html>")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    got = list(iter_articles([tmp_path / n for n in ("story.md", "feed.dat", "page.xyz", "scan.pdf")]))
    assert summary(got) == ["story", "f", "page", ("scan.pdf", "binary")]
    assert got[2].text.strip() == TEXT.strip()  # markup removed


@pytest.mark.parametrize(
    "data, expected",
    [
        (TEXT.encode(), [("stdin", TEXT)]),  # text
        (b"  " + json.dumps({"id": "j", "text": TEXT}).encode(), [("j", TEXT)]),  # json
        ("\n".join(json.dumps({"text": TEXT}) for _ in range(2)).encode(), [("stdin-1", TEXT), ("stdin-2", TEXT)]),  # jsonl
        (f"<!DOCTYPE html><html><body><p>{TEXT}</p></body></html>".encode(), [("stdin", TEXT.strip())]),  # html
        (TEXT.encode("utf-16"), [("stdin", TEXT)]),  # utf16
    ],
)
def test_stdin(data: bytes, expected: list[tuple[str, str]]) -> None:
    got = list(iter_articles(["-", "-"], stdin=io.BytesIO(data)))  # "-" twice: read once
    assert [(a.id, a.text) for a in got] == expected
    assert {a.source for a in got} <= {"-", "-:1", "-:2"}


def test_stdin_empty() -> None:
    assert summary(list(iter_articles(["-"], stdin=io.BytesIO(b"")))) == [("-", "empty")]


def test_long_document_split_and_counted(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("Long report\n\n" + "\n\n".join(["Shelling continued. " * 20] * 10))
    (tmp_path / "huge.txt").write_text("x " * 50_000)
    reader = Reader(ReadOptions(max_chars=1000))
    got = list(reader([tmp_path]))
    ids = summary(got)
    assert ids[0] == ("huge.txt", "too-large")
    assert ids[1:] == [f"long#part{i}" for i in range(1, len(ids))] and len(ids) > 3
    assert reader.split == 1 and reader.files == 2
    assert all(len(a.text) <= 1000 for a in got if isinstance(a, Article))


def test_size_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 30_000)  # 150,000 bytes > 1000 chars x 20 parts x 4 bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the size limit"))
    got = list(Reader(ReadOptions(max_chars=1000))([big]))
    assert summary(got) == [("big.txt", "too-large")]
    assert "150,000 bytes" in got[0].reason


def test_read_options_reject_bad_limit() -> None:
    with pytest.raises(ValueError, match=r"\[E101\]"):
        ReadOptions(max_chars=0)


def test_reader_bug_is_a_failure_naming_the_file_and_the_rest_is_read(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "b.txt").write_text(TEXT)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr("kg.read.files.read_html", boom)
    got = list(iter_articles([tmp_path]))
    assert summary(got) == [("a.html", "failure"), "b"]  # a failure: the build's exit code says so
    assert "RuntimeError: parser exploded" in got[0].reason


def test_missing_dependency_stops_reading_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.html").write_text("<p>x</p>")

    def missing(*args: object, **kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'lxml_html_clean'", name="lxml_html_clean")

    monkeypatch.setattr("kg.read.files.read_html", missing)
    with pytest.raises(KGError, match=r"\[E019\].*lxml_html_clean"):
        list(iter_articles([tmp_path]))
