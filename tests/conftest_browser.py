"""Fixtures for the web and browser tests; imported by those test modules (tests/conftest.py stays shared).

One index of the invented corpus, one app server and one Chromium per session keep
the browser tests fast; every page gets a fresh context and records what went wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browser_support import CHROMIUM, STORIES, build_demo_index, launch_chromium, serving
from web.app import create_app


def _built(tmp_path_factory, name: str, extra: tuple = ()) -> Path:
    root = tmp_path_factory.mktemp(name) / "index"
    report = build_demo_index(root, extra)
    assert report.failed == 0, report.problems
    return root


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory) -> Path:
    """An index of the invented corpus (32 articles, one of them hostile)."""
    return _built(tmp_path_factory, "demo")


@pytest.fixture(scope="session")
def demo_client(demo_index):
    return create_app(demo_index).test_client()


@pytest.fixture(scope="session")
def live_url(demo_index) -> Iterator[str]:
    """The app over the demo index on a real loopback server."""
    with serving(create_app(demo_index)) as url:
        yield url


@pytest.fixture(scope="session")
def stories_index(tmp_path_factory) -> Path:
    """The invented corpus with one wire story run by four outlets (``browser_support.STORIES``)."""
    return _built(tmp_path_factory, "stories", STORIES)


@pytest.fixture(scope="session")
def stories_app(stories_index):
    """The app over the stories index: its test client, and a real server for Chromium."""
    app = create_app(stories_index)
    with serving(app) as url:
        yield app.test_client(), url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium is marked ``browser``: ``-m 'not browser'`` runs the rest."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium, or set TELUSUR_TEST_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@dataclass
class Problems:
    """Everything a page reported that a reader could notice as broken."""

    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda message: message.type in ("error", "warning") and self.console.append(
            f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", lambda response: response.status >= 400 and self.failed.append(
            f"{response.status} {response.url}"))
        page.on("dialog", self._dialog)

    def _request_failed(self, request) -> None:
        # A search superseded by a newer keystroke is aborted on purpose (AbortController).
        if request.failure == "net::ERR_ABORTED" and "/api/" in request.url:
            return
        self.failed.append(f"{request.failure} {request.url}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def open_context(browser, *, width: int = 1280, height: int = 900, javascript: bool = True):
    return browser.new_context(viewport={"width": width, "height": height}, locale="id-ID",
                               java_script_enabled=javascript)


@pytest.fixture
def watched(browser):
    """A page factory; at the end every page must have had no console error, failed
    request or dialog (tests expecting an error status name it in ``allowed``)."""
    opened: list[tuple[Problems, tuple[str, ...]]] = []
    contexts = []
    pages = []

    def open_page(*, width: int = 1280, height: int = 900, javascript: bool = True, allowed: tuple[str, ...] = ()):
        context = open_context(browser, width=width, height=height, javascript=javascript)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        problems = Problems()
        problems.watch(page)
        opened.append((problems, allowed))
        return page, problems

    yield open_page
    for page in pages:
        # A test may end right after a click: let that page finish loading before judging it.
        page.wait_for_load_state()
    for context in contexts:
        context.close()
    for problems, allowed in opened:
        unexpected = [entry for entry in problems.console + problems.failed
                      if not any(expected in entry for expected in allowed)]
        assert unexpected == [], unexpected
        assert problems.dialogs == [], problems.dialogs
