"""The README's serve / named questions / export / Python API section: every example in it runs, in order."""
from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess

from typer.testing import CliRunner

from kg.cli import app
from tests.serve.test_serve import free_port, running_server
from tests.conftest import ROOT, SEEDS

README = ROOT / "README.md"
SUBSECTIONS = ["### Serve", "### Named questions", "### Export", "### Python API"]
README_PORT = "7878"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    begin, end = text.index("<!-- serve:begin -->"), text.index("<!-- serve:end -->")
    return text[begin:end]


def examples() -> list[tuple[str, str]]:
    """(language, code) of every fenced block of the section, in reading order."""
    return re.findall(r"^```(\w+)\n(.*?)^```", section(), flags=re.S | re.M)


def command_lines(code: str) -> list[list[str]]:
    """The command lines of a ```sh block, split as a shell would (comments dropped)."""
    return [shlex.split(line, comments=True) for line in code.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_the_section_has_its_subsections_and_examples():
    text = section()
    positions = [text.index(heading) for heading in SUBSECTIONS]
    assert positions == sorted(positions)
    languages = [lang for lang, _ in examples()]
    assert languages.count("python") >= 5 and languages.count("sh") >= 4


def test_the_section_runs_from_top_to_bottom(seed_store, tmp_path, monkeypatch):
    """A reader's session: build, serve (on a free port, not 7878), then every command and Python block."""
    os.symlink(SEEDS, tmp_path / "seeds")
    shutil.copytree(seed_store, tmp_path / "kg-store")
    monkeypatch.chdir(tmp_path)
    port = str(free_port())
    namespace: dict = {"__name__": "readme"}
    ran: list[str] = []
    with contextlib.ExitStack() as stack:
        for number, (language, code) in enumerate(examples(), 1):
            code = code.replace(README_PORT, port)
            if language == "python":
                exec(compile(code, f"README.md block {number}", "exec"), namespace)  # noqa: S102
                ran.append("python")
                continue
            if language != "sh":
                continue  # ```text blocks show output and file formats
            for argv in command_lines(code):
                if argv[:2] == ["kg", "serve"]:  # runs until stopped: start it for the rest of the section
                    stack.enter_context(running_server(tmp_path / "kg-store", *argv[4:], port=int(port), cwd=tmp_path))
                elif argv[0] == "kg":
                    result = CliRunner().invoke(app, argv[1:])
                    assert result.exit_code == 0, (argv, result.output)
                else:
                    assert argv[0] == "curl", f"the section runs only kg and curl: {argv}"
                    result = subprocess.run(argv, capture_output=True, timeout=60)
                    assert result.returncode == 0 and result.stdout.strip(), (argv, result.stderr)
                ran.append(" ".join(argv[:2]))
    assert {"kg build", "kg serve", "kg query", "kg export", "curl -s", "python"} <= set(ran)
    for name in ("kg.ttl", "kg.trig", "kg.nq", "kg.nt", "kg.jsonld", "one-article.trig", "graph.ttl",
                 "one-article.jsonld"):
        assert (tmp_path / name).stat().st_size > 0, name
