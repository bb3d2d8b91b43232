"""The query page in a real browser (Chromium driven by Playwright) against a real kg serve."""
from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from kg.serve import ServeOptions, Started, serving

@pytest.fixture(scope="module")
def server(seed_store, tmp_path_factory) -> Iterator[Started]:
    store = tmp_path_factory.mktemp("page") / "store"
    shutil.copytree(seed_store, store)
    with serving(store, ServeOptions(port=0, timeout=5, workers=2)) as started:
        yield started


@pytest.fixture()
def page(browser, server) -> Iterator[Page]:
    page = browser.new_page()
    page.goto(server.url + "/")
    yield page
    page.close()


def test_the_example_query_runs_as_written_and_shows_a_table(page):
    assert "nkg:Person" in page.input_value("#query")  # no PREFIX lines: kg's prefixes are predeclared
    page.click("#run")
    page.wait_for_selector("#results table")
    assert page.locator("#results table tr").count() > 1
    assert page.locator("#error").is_hidden()


def test_a_named_question_with_its_parameter(page):
    page.select_option("#question", "mentions")
    assert page.input_value("input[data-param=name]") == "IRGC"  # the default from the .rq header
    page.fill("input[data-param=name]", "IRGC")
    page.click("#load")
    page.wait_for_function("document.getElementById('query').value.includes('VALUES (?name)')")
    page.click("#run")
    page.wait_for_selector("#results table")
    cells = page.locator("#results table td").all_inner_texts()
    assert "002_b302d9e3fbb8e487" in cells and "003_faddfdcd4adff68a" in cells  # Q6's gold answer


def test_a_syntax_error_shows_line_and_column_in_one_sentence(page):
    page.fill("#query", "SELECT ?x WHERE {\n  ?x ?y\n}")
    page.click("#run")
    page.wait_for_selector("#error", state="visible")
    message = page.inner_text("#error")
    assert "line 2, column 3" in message and "\\u{" not in message and len(message.splitlines()) == 1


def test_a_refused_query_says_why(page):
    page.fill("#query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    page.click("#run")
    page.wait_for_selector("#error", state="visible")
    assert page.inner_text("#error").startswith("[E204]")
    assert "HTTP 400" in page.inner_text("#status")


def test_the_page_links_the_explore_page_and_lists_the_prefixes(page):
    assert page.get_attribute("#explore-link", "href") == "/explore"
    page.click("#prefixes summary")
    assert "PREFIX nkg: <https://w3id.org/newskg/ontology#>" in page.inner_text("#prefix-list")


def test_the_page_needs_nothing_from_the_internet(page, server):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.reload()
    page.click("#run")
    page.wait_for_selector("#results table")
    assert requested and all(url.startswith(server.url) for url in requested)

