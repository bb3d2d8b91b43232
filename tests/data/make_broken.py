"""Writes tests/data/broken/: a folder of odd and broken inputs for `kg build` (see its README.md).

Run it from the repository root to recreate the folder: python tests/data/make_broken.py
"""
from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "broken"

PLAIN = """Drone strike hits fuel depot near Kharkiv
By News Desk - March 25 2023

Firefighters at the damaged depot, March 24, 2023 (Reuters)

A Russian drone struck a fuel depot near Kharkiv late on Friday, setting several tanks on fire, the regional governor said.
No one was killed in the attack, he added.
"""

CP1252 = """Israeli strike kills two in southern Lebanon
Published 2024-03-27

An Israeli air strike on a car near the town of Naqoura killed two people on Tuesday, Lebanon\u2019s state news agency said.
The agency said the car was hit on the coastal road \u2014 the caf\u00e9 beside it was damaged.
"""

UTF16 = """Missiles hit base in Syria
date 2022-08-24 Posted on by uprootedpalestinians

Two missiles targeted a US base in the Conoco gas field in Deir Ezzor, Syria, on Wednesday, the Pentagon said.
"""

CONTROLS = ("Shelling in El Fasher kills five\x0c\nSeptember 17, 2024\n\n"
            "Five civilians were killed when the Rapid Support Forces shelled a market in El Fasher, Sudan, on Monday,"
            " \x1b[1mlocal volunteers\x1b[0m said.\x0b\n")

NO_EXTENSION = """Houthis fire missile at ship in Red Sea
2024-02-24

The Houthis fired a missile at a cargo ship in the Red Sea off Hodeidah, Yemen, on Saturday, the US military said.
"""

ODD = """Strike on \u201cAl-Omar\u201d field <update>
By Ali \u0639\u0644\u064a O'Neil & \u05d3\u05d5\u05d3 - March 3, 2024

Rockets hit the US base at the Al-Omar oil field in Deir Ezzor, Syria, on Sunday \U0001F680, the Syrian Observatory said.
Quote: "We heard \\"three\\" blasts" \u202eTXET DESREVER\u202c end.
"""

NESTED = """<!DOCTYPE html><html><head><title>Turkish drones strike PKK targets</title></head>
<body><article><h1>Turkish drones strike PKK targets</h1>
<p>Turkish drones struck PKK targets near Qamishli in northeastern Syria on Monday, the Turkish defence ministry said.</p>
<p>The ministry said 13 militants were killed in the strikes.</p></article></body></html>
"""

PAGE = ("""<!DOCTYPE html>
<html><head><meta charset="windows-1252">
<title>Russian missiles hit Odesa port | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-05-14T08:00:00Z">
<link rel="canonical" href="https://news.example.com/2024/05/14/odesa-port">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Russian missiles hit Odesa port</h1>
<p>Russian missiles hit the port of Odesa on Tuesday, killing three people, Ukraine\u2019s air force said.
The attack damaged a warehouse and several homes near the port.</p>
<figure><img src="odesa.jpg"><figcaption>Firefighters at the port of Odesa, May 14, 2024 (AP Photo)</figcaption></figure>
<p>President Volodymyr Zelensky condemned the strike and called for more air defence systems.</p>
</article>
<footer>\u00a9 Example News. All rights reserved.</footer>
</body></html>
""")

SCRIPT_ONLY = """<!DOCTYPE html><html><head><title></title><script>window.location = "/app";</script></head>
<body><div id="root"></div><script src="bundle.js"></script></body></html>
"""

LONG_PARAGRAPH = ("Fighting continued around Djibo in northern Burkina Faso on Thursday, officials said. "
                  "Aid groups said roads into the town remained closed and food was running short. ")
HUGE_PARAGRAPH = "Residents of the district reported more shelling overnight, the local council said. "


def records() -> list[bytes]:
    good1 = {"id": "rec-1", "title": "Suicide bombing in Beledweyne",
             "text": "An al-Shabaab suicide bomber killed 11 people at a checkpoint in Beledweyne, Somalia, "
                     "on Saturday, police said.", "date": "2024-03-09", "url": "https://example.org/rec-1"}
    good2 = {"id": "rec-2", "headline": "US strike near Jilib",
             "text": "A US air strike hit al-Shabaab militants near Jilib, Somalia, on Sunday, US Africa Command said.",
             "published_at": "2024-03-10T06:30:00Z", "source": {"name": "Wire"}}
    odd = {"id": "a\"b <c>\n\u202e d\U0001F600",
           "text": "Quotes \" and <angle> brackets and a \\ backslash: Israeli jets struck Gaza on Monday, officials said."}
    no_text = {"id": "rec-3", "body": "This record keeps its story under another field name."}
    dup = {"id": "rec-1", "text": "A second record that reuses the id rec-1."}
    return [
        json.dumps(good1).encode(),
        b'{"id": "rec-bad", "text": "a line cut off in the middle',
        json.dumps(good2).encode(),
        json.dumps(no_text).encode(),
        b"[1, 2, 3]",
        b"",
        json.dumps(dup).encode(),
        json.dumps(odd, ensure_ascii=False).encode("utf-8"),
    ]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    files: dict[str, bytes] = {
        "good_plain.txt": PLAIN.encode("utf-8"),
        "good_cp1252.txt": CP1252.encode("cp1252"),
        "good_utf16.txt": UTF16.encode("utf-16"),
        "good_page.html": PAGE.encode("cp1252"),
        "good_page_files/style.css": b"body { font-family: serif; }\n",
        "controls.txt": CONTROLS.encode("utf-8"),
        "no_extension": NO_EXTENSION.encode("utf-8"),
        "odd name \u2013 \u0639\u0631\u0628\u064a \U0001F600.txt": ODD.encode("utf-8"),
        "nested/deeper/story.htm": NESTED.encode("utf-8"),
        "records.jsonl": b"\n".join(records()) + b"\n",
        "export.json": json.dumps({"status": "ok", "articles": [
            {"id": "api-1", "title": "Strike on Ain al-Asad",
             "text": "Two drones attacked the Ain al-Asad air base in Iraq on Saturday, US officials said.",
             "publishedAt": "2024-01-20T12:00:00Z", "url": "https://api.example.com/a/1"},
            {"id": "api-2", "text": ""},
        ]}, indent=2).encode("utf-8"),
        "broken.json": b'{"articles": [{"id": "x", "text": "never closed"',
        "empty.txt": b"",
        "whitespace.txt": b"   \n\t\n  \r\n",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00",
        "garbled.txt": bytes((i * 37 + 11) % 128 + 128 if i % 3 else 65 + i % 26 for i in range(600)),
        "script_only.html": SCRIPT_ONLY.encode("utf-8"),
        "long.txt": ("Fighting around Djibo\n\n" + "\n\n".join([LONG_PARAGRAPH * 3] * 12) + "\n").encode("utf-8"),
        "huge.txt": ("\n\n".join([HUGE_PARAGRAPH * 5] * 110) + "\n").encode("utf-8"),
        "notes.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
        ".hidden.txt": b"A hidden file, left out of folder walks.\n",
    }
    for name, data in files.items():
        path = OUT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


if __name__ == "__main__":
    main()
