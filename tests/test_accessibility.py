"""Every kind of page passes axe-core in a real browser, at a desktop and a phone width.

One parametrised test over :data:`PAGES`: each entry is a page a reader can reach (a URL,
and what they do on it, such as typing until the autocomplete list opens), checked at
every width of :data:`WIDTHS` with axe-core's WCAG 2.x A/AA, best-practice and
experimental rules. A new kind of page is one more line in :data:`PAGES`. The pages come
from the real app over the demo index on loopback (the 400 page from ``telusur serve``,
whose worker writes it), in Debian's Chromium; a failure lists each rule with its impact
and the elements it found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from browser_support import LOOPBACK, telusur_serve

pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency: pip install -e '.[test]'")
pytest.importorskip("axe_playwright_python", reason="axe-playwright-python is a test dependency: pip install -e '.[test]'")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402

# Every rule axe-core tags WCAG 2.0, 2.1 or 2.2 level A or AA, its best practices, and its
# experimental rules (``p-as-heading``, ``label-content-name-mismatch``... are WCAG A/AA rules
# axe leaves out by default). Left out: the AAA rules (``color-contrast-enhanced``: 7:1) and
# ``duplicate-id``, deprecated with WCAG 2.2's removal of 4.1.1.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": list(AXE_TAGS)}, "resultTypes": ["violations"]}
# Viewport (width, height): a desktop window and a small phone.
WIDTHS = {1280: 900, 360: 740}
# Gunicorn answers 400 to a request whose proxy headers contradict each other; a request
# from loopback is a trusted proxy's (``forwarded_allow_ips``), so these reach that check.
CONTRADICTORY_PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "off"}


def open_suggestions(page: Page) -> None:
    page.locator("#q").press_sequentially("jok", delay=30)
    expect(page.get_by_role("listbox")).to_be_visible()
    expect(page.get_by_role("option").first).to_contain_text("Joko Widodo")
    # Typing also starts the live search, after a pause: the results dim while it runs, so
    # axe waits for its answer (the address then holds the query), not only for the list.
    expect(page).to_have_url(re.compile(r"[?&]q=jok(&|$)"))


def open_filter_panel(page: Page) -> None:
    page.locator("#filter-toggle").click()
    expect(page.locator("#filters")).to_be_visible()


def reveal_filters(page: Page) -> None:
    """On a phone the filters are a panel behind the "Filter" button; on a desktop, a sidebar."""
    if page.locator("#filter-toggle").is_visible():
        open_filter_panel(page)


def search_facet_values(page: Page) -> None:
    reveal_filters(page)
    page.locator("#org_q").press_sequentially("wh", delay=30)
    expect(page.locator("#facet-org .facet-name")).to_have_text(["WHO"])


def open_more_values(page: Page) -> None:
    reveal_filters(page)
    page.locator("#facet-person .facet-more summary").click()
    expect(page.locator("#facet-person .facet-more .facet-option").first).to_be_visible()


@dataclass(frozen=True)
class Kind:
    """A kind of page: where it is, how a reader gets it into this state, and what proves
    the state was reached before axe looks (``shows`` must be visible)."""

    name: str
    path: str
    shows: str
    status: int = 200
    script: bool = True
    act: Callable[[Page], None] | None = None
    widths: tuple[int, ...] = tuple(WIDTHS)
    # The fixture whose base URL serves the page: the app on loopback, or ``telusur serve``.
    served_by: str = "live_url"
    headers: dict[str, str] = field(default_factory=dict)


PAGES: tuple[Kind, ...] = (
    Kind("beranda", "/", "#results .hit"),
    Kind("hasil-linimasa", "/?q=banjir", "#timeline svg"),
    Kind("hasil-chip", "/?q=jakarta&source=kompas.com&person=Anies+Baswedan&from=2020-01-01", ".chip"),
    Kind("cari-nilai-facet", "/", "#facet-org", act=search_facet_values),
    Kind("nilai-lainnya", "/", "#facet-person details[open]", act=open_more_values),
    Kind("saran-terbuka", "/", "#saran", act=open_suggestions),
    Kind("panel-filter", "/?q=jakarta", "#filters", act=open_filter_panel, widths=(360,)),
    Kind("tanpa-hasil", "/?q=xyzzyq&person=Joko+Widodo", ".empty"),
    Kind("mungkin-maksud", "/?q=bnajir", ".did-you-mean"),
    Kind("halaman-lewat", "/?q=banjir&page=9", ".empty"),
    Kind("artikel", "/artikel/vaksin-03?q=vaksin", "#article-title mark"),
    Kind("tokoh", "/tokoh/Joko%20Widodo", "#entity-title"),
    Kind("negara", "/negara/Indonesia", "#entity-title"),
    Kind("wilayah", "/wilayah/Jawa%20Barat", "#entity-title"),
    Kind("404-tokoh", "/tokoh/Tidak%20Ada", ".error-page", status=404),
    Kind("404-artikel", "/artikel/tidak-ada", ".error-page", status=404),
    Kind("404-alamat", "/tidak/ada", ".error-page", status=404),
    Kind("400-server", "/", "h1", status=400, served_by="telusur_serve_url", headers=CONTRADICTORY_PROXY_HEADERS),
    Kind("tanpa-js-beranda", "/", ".apply-filters", script=False),
    Kind("tanpa-js-hasil", "/?q=jakarta&source=kompas.com&org_q=a", ".chip", script=False),
    Kind("tanpa-js-tanpa-hasil", "/?q=bnajir", ".did-you-mean", script=False),
    Kind("tanpa-js-artikel", "/artikel/vaksin-03?q=vaksin", "#article-title mark", script=False),
    Kind("tanpa-js-tokoh", "/tokoh/Joko%20Widodo", "#entity-title", script=False),
    Kind("tanpa-js-404", "/artikel/tidak-ada", ".error-page", status=404, script=False),
)


def describe(violations: list[dict]) -> str:
    """What axe found, one rule after another with the elements it found, for a CI log."""
    lines = [f"{len(violations)} axe-core rule(s) violated:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            summary = " / ".join(line.strip() for line in (node.get("failureSummary") or "").splitlines()[1:2])
            lines.append(f"    {' >> '.join(map(str, node['target']))}: {summary}")
            lines.append(f"      {node['html'][:160]}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="module")
def telusur_serve_url(demo_index) -> Iterator[str]:
    """``telusur serve`` (gunicorn with the project's worker) over the demo index; started
    only for the pages it serves."""
    with telusur_serve(demo_index, "--workers", "1", "--threads", "2") as port:
        yield f"http://{LOOPBACK}:{port}"


def load_without_script(page: Page, url: str):
    """Load ``url`` as a browser without JavaScript does, then let only axe run.

    A context without JavaScript also stops the timers axe-core needs, so script
    execution is switched off through the DevTools protocol for the load and on again
    after it: the page's own deferred script has been skipped by then and never runs.
    """
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setScriptExecutionDisabled", {"value": True})
    response = page.goto(url)
    session.send("Emulation.setScriptExecutionDisabled", {"value": False})
    return response


# The page has stopped changing: no search under way (its results are dimmed meanwhile)
# and no transition running, so axe measures colours as a reader ends up seeing them.
# A function, not an expression: Playwright evaluates an expression with ``eval``, which the
# page's Content-Security-Policy forbids.
SETTLED = ("() => !document.body.classList.contains('is-loading')"
           " && document.getAnimations().every(animation => animation.playState !== 'running')")


@pytest.mark.parametrize(("kind", "width"), [
    pytest.param(kind, width, id=f"{kind.name}-{width}px") for kind in PAGES for width in kind.widths])
def test_page_has_no_axe_violations(kind: Kind, width: int, watched, request, axe):
    page, _ = watched(width=width, height=WIDTHS[width], allowed=(str(kind.status),) if kind.status >= 400 else ())
    page.set_default_timeout(10_000)
    page.set_extra_http_headers(kind.headers)
    url = request.getfixturevalue(kind.served_by) + kind.path
    response = page.goto(url) if kind.script else load_without_script(page, url)
    assert response is not None and response.status == kind.status
    if kind.act:
        kind.act(page)
    expect(page.locator(kind.shows).first).to_be_visible()
    page.wait_for_function(SETTLED)
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    script_ran = page.evaluate("document.documentElement.classList.contains('js')")
    assert script_ran == (kind.script and kind.served_by == "live_url"), "the page's script ran only where it should"
    if violations:
        pytest.fail(f"{kind.name} at {width} px ({url}): {describe(violations)}", pytrace=False)
