"""Screenshots of the web UI's main states at desktop and phone widths, for review and the docs.

    .venv/bin/python bench/screenshots.py [--index DIR] [--query TEXT] [--out docs/screenshots]

Without ``--index`` the five seed articles are indexed into a temporary directory;
pass a CLICK-ID index (e.g. ``bench/out/index-x1-sastrawi``, built by
``bench/search_latency.py``) for realistic pages. The app is served on a free
loopback port and driven with Debian's Chromium through Playwright.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, urlencode

from playwright.sync_api import Page, sync_playwright

from bench.common import REPO
from search.facet_table import FACET_OF, PEOPLE
from search.index.builder import build_index
from search.query.engine import search as engine_search
from search.query.live import LiveIndex
from search.query.request import SearchRequest
from tests.browser_support import CHROMIUM, launch_chromium, serving
from web.app import create_app

log = logging.getLogger("screenshots")

WIDTHS = {"desktop": (1280, 860), "mobile": (360, 740)}
NO_MATCH_QUERY = "qwzxkvbnm"


def pick_examples(index: Path, query: str | None) -> dict[str, str]:
    """A query, filters and an article that show the index at its best: its most
    covered person gives the query, the top country and organization the filters."""
    view = LiveIndex(index).view()
    browse = engine_search(view, SearchRequest()).as_json()
    top = {facet: values[0]["value"] for facet, values in browse["facets"].items() if values}
    query = query or top.get("people", "berita").split()[-1].lower()
    found = engine_search(view, SearchRequest(query=query)).as_json()
    narrowed = {name: found["facets"][facet][0]["value"]
                for name, facet in (("country", "countries"), ("org", "organizations")) if found["facets"][facet]}
    return {
        "query": query,
        "filters": urlencode({"q": query, **narrowed}),
        "article": found["hits"][0]["id"] if found["hits"] else browse["hits"][0]["id"],
        "prefix": top.get("people", query)[:3].lower(),
        "entity": f"/{FACET_OF[PEOPLE].page}/{quote(top.get(PEOPLE, query), safe='')}",
    }


def shoot(page: Page, out: Path, name: str) -> None:
    page.wait_for_load_state("networkidle")
    path = out / f"{name}.png"
    page.screenshot(path=str(path))
    log.info("wrote %s", path.relative_to(REPO) if path.is_relative_to(REPO) else path)


def capture(base: str, examples: dict[str, str], out: Path) -> None:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for device, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            states = {
                "home": "/",
                "search": f"/?q={examples['query']}",
                "facets": f"/?{examples['filters']}",
                "article": f"/artikel/{examples['article']}?q={examples['query']}",
                "empty": f"/?q={NO_MATCH_QUERY}",
                "entity": examples["entity"],
            }
            for state, path in states.items():
                page.goto(base + path)
                shoot(page, out, f"{device}-{state}")
            page.goto(base + "/")
            page.locator("#q").press_sequentially(examples["prefix"], delay=60)
            page.locator("#saran [role=option]").first.wait_for()
            page.keyboard.press("ArrowDown")
            shoot(page, out, f"{device}-autocomplete")
            if device == "mobile":
                page.goto(base + f"/?{examples['filters']}")
                page.locator("#filter-toggle").click()
                shoot(page, out, "mobile-filters-open")
            page.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="an existing index (default: the seeds, indexed afresh)")
    parser.add_argument("--query", help="query for the search states (default: from the index's top person)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not found: apt-get install chromium")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        index = args.index
        if index is None:
            index = Path(scratch) / "seeds-index"
            build_index(index, [REPO / "seeds"], stemmer="sastrawi")
        with serving(create_app(index)) as base:
            capture(base, pick_examples(index, args.query), args.out)


if __name__ == "__main__":
    main()
