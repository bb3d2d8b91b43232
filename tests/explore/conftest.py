"""Fixtures of the explore tests: the seed store's query function, the page served over HTTP, a browser."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.explore import local_query
from kg.store import KGStore

from .server import running

@pytest.fixture(scope="session")
def seed_query(seed_store):
    """SPARQL over the seed store (read-only), as kg.explore.handle gets it."""
    store = KGStore(seed_store, read_only=True)
    yield local_query(store)
    store.close()


@pytest.fixture(scope="session")
def explore_url(seed_store):
    """The base URL of the explore page over the seed store, served by tests/explore/server.py."""
    with running(seed_store) as url:
        yield url


@pytest.fixture()
def page(browser):
    """A fresh page that fails the test on any script error and records requests off this machine."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.outside = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "file:", "data:")) else pg.outside.append(r.url))
    yield pg
    context.close()
    assert not pg.errors, f"script errors on the page: {pg.errors}"
    assert not pg.outside, f"the page asked for something off this machine: {pg.outside}"


DOCS = Path(__file__).resolve().parents[2] / "docs"
