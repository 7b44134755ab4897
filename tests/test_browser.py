"""The search page in a real browser (Debian's headless Chromium through Playwright).

Every test runs against a real server over a real index of the invented corpus, and
fails if the page logs a console error, a request fails or a dialog opens.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_support import XSS_ID, XSS_MARKUP

pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency: pip install -e '.[test]'")
from playwright.sync_api import expect  # noqa: E402

MARKER = "window.__telusurStayed"


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def mark_window(page) -> None:
    """A value that only survives if the page is never reloaded."""
    page.evaluate(f"{MARKER} = true")


def still_same_window(page) -> bool:
    return page.evaluate(f"{MARKER} === true")


def facet_option(page, param: str, value: str):
    return page.locator(f'input[name="{param}"][value="{value}"]')


def test_typing_updates_results_and_url_without_reload(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/")
    mark_window(page)
    page.locator("#q").press_sequentially("banjir", delay=30)
    expect(page.locator("#status")).to_have_text("3 artikel untuk „banjir”")
    page.wait_for_url(re.compile(r"\?q=banjir$"))
    expect(page.locator(".hit").first).to_contain_text("Banjir")
    expect(page.locator(".hit mark").first).to_be_visible()
    assert still_same_window(page)
    assert page.title() == "banjir · Telusur"


def test_results_follow_a_word_typed_letter_by_letter(watched, live_url):
    """From the third letter the half-typed word already finds what it begins: ``ban`` is
    on its way to ``banjir``, and every keystroke after it keeps those articles."""
    page, _ = watched()
    page.goto(live_url + "/")
    box = page.locator("#q")
    for typed in ("ban", "banj", "banji", "banjir"):
        box.press_sequentially(typed[-1] if typed != "ban" else typed, delay=30)
        expect(page.locator("#status")).to_have_text(re.compile(rf"^\d+ artikel untuk „{typed}”$"))
        expect(page.locator(".hit").first).to_contain_text("Banjir")
        expect(page.locator(".hit-title mark, .snippet mark").first).to_be_visible()
    expect(page.locator("#status")).to_have_text("3 artikel untuk „banjir”")


def test_facet_click_narrows_results_and_back_restores_the_previous_state(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/?q=banjir")
    mark_window(page)
    expect(page.locator("#status")).to_have_text("3 artikel untuk „banjir”")
    page.locator("#facet-source label", has_text="Kompas.com").click()
    expect(page.locator("#status")).to_have_text("1 artikel untuk „banjir”")
    assert params(page) == {"q": ["banjir"], "source": ["Kompas.com"]}
    expect(page.locator(".chip")).to_have_text(re.compile(r"Sumber:\s*Kompas\.com"))
    page.locator("#facet-source label", has_text="detikcom").click()
    expect(page.locator("#status")).to_have_text("2 artikel untuk „banjir”")
    assert params(page)["source"] == ["Kompas.com", "detikcom"]
    assert still_same_window(page)

    page.go_back()
    expect(page.locator("#status")).to_have_text("1 artikel untuk „banjir”")
    expect(facet_option(page, "source", "detikcom")).not_to_be_checked()
    page.go_back()
    expect(page.locator("#status")).to_have_text("3 artikel untuk „banjir”")
    assert params(page) == {"q": ["banjir"]}
    expect(page.locator(".chip")).to_have_count(0)
    page.go_forward()
    expect(page.locator("#status")).to_have_text("1 artikel untuk „banjir”")
    assert still_same_window(page)


def test_facets_or_within_and_across(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/")
    page.locator("#facet-person label", has_text="Joko Widodo").click()
    expect(page.locator("#status")).to_have_text("7 artikel")
    page.locator("#facet-year label", has_text="2019").click()
    expect(page.locator("#status")).to_have_text("4 artikel")
    page.locator("#facet-year label", has_text="2018").click()
    expect(page.locator("#status")).to_have_text("6 artikel")
    assert params(page) == {"person": ["Joko Widodo"], "year": ["2019", "2018"]}


def test_chips_remove_filters_and_hapus_semua_clears_them(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/?q=jakarta&source=kompas.com&person=Anies+Baswedan&from=2020-01-01")
    mark_window(page)
    expect(page.locator(".chip")).to_have_count(3)
    page.locator(".chip", has_text="Anies Baswedan").click()
    expect(page.locator(".chip")).to_have_count(2)
    assert "person" not in params(page)
    expect(facet_option(page, "person", "Anies Baswedan")).not_to_be_checked()
    page.locator(".chip", has_text="Sejak").click()
    expect(page.locator(".chip")).to_have_count(1)
    expect(page.locator("#from")).to_have_value("")
    page.get_by_role("link", name="Hapus semua").click()
    expect(page.locator(".chip")).to_have_count(0)
    assert params(page) == {"q": ["jakarta"]}
    assert still_same_window(page)


def test_pagination_and_sort(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/")
    mark_window(page)
    first_page = page.locator(".hit-title").first.inner_text()
    page.get_by_role("link", name="Halaman 2").click()
    expect(page.locator('.pagination [aria-current="page"]')).to_have_text("2")
    assert params(page) == {"page": ["2"]}
    assert page.locator(".hit-title").first.inner_text() != first_page
    page.locator("#sort").select_option("oldest")
    expect(page.locator(".hit-title").first).to_have_text("Gempa Magnitudo 7 Guncang Lombok")
    assert params(page) == {"sort": ["oldest"]}, "a new order starts at page 1"
    page.go_back()
    expect(page.locator('.pagination [aria-current="page"]')).to_have_text("2")
    expect(page.locator("#sort")).to_have_value("relevance")
    assert still_same_window(page)


def test_autocomplete_with_the_keyboard(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/")
    box = page.locator("#q")
    box.press_sequentially("jok", delay=40)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    first = page.get_by_role("option").first
    expect(first).to_contain_text("Joko Widodo")
    expect(first).to_contain_text("Tokoh")
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.press("ArrowDown")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-activedescendant", "saran-0")
    expect(first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page.locator(".chip")).to_have_text(re.compile(r"Tokoh:\s*Joko Widodo"))
    expect(page.locator("#status")).to_have_text("7 artikel")
    assert params(page) == {"person": ["Joko Widodo"]}
    expect(box).to_have_value("")

    box.press_sequentially("gemp", delay=40)
    completion = page.get_by_role("option").filter(has_text="gempa")
    expect(completion).to_be_visible()
    while box.get_attribute("aria-activedescendant") != completion.get_attribute("id"):
        box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("gempa")
    expect(page.locator("#status")).to_have_text("2 artikel untuk „gempa”")
    assert params(page) == {"q": ["gempa"], "person": ["Joko Widodo"]}


def test_facet_search_box_finds_values_beyond_the_top(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/")
    expect(facet_option(page, "org", "WHO")).to_be_hidden()
    page.locator("#org_q").press_sequentially("wh", delay=40)
    expect(page.locator("#facet-org .facet-name")).to_have_text(["WHO"])
    expect(page.locator("#org_q")).to_be_focused()
    expect(page.locator("#org_q")).to_have_value("wh")
    page.locator("#facet-org label", has_text="WHO").click()
    expect(page.locator("#status")).to_have_text("1 artikel")


def test_without_javascript_the_form_and_links_do_everything(watched, live_url):
    page, _ = watched(javascript=False)
    page.goto(live_url + "/")
    page.locator("#q").fill("banjir")
    page.locator("#q").press("Enter")
    page.wait_for_url(re.compile(r"\?q=banjir$"))
    expect(page.locator("#status")).to_have_text("3 artikel untuk „banjir”")
    page.locator("#facet-source label", has_text="Kompas.com").click()
    page.get_by_role("button", name="Terapkan filter").click()
    page.wait_for_url(re.compile(r"source=Kompas\.com"))
    expect(page.locator("#status")).to_have_text("1 artikel untuk „banjir”")
    page.locator(".chip").click()
    expect(page.locator("#status")).to_have_text("3 artikel untuk „banjir”")
    page.locator("#sort").select_option("newest")
    page.locator(".sort-apply").click()
    page.wait_for_url(re.compile(r"sort=newest"))
    expect(page.locator(".hit-title").first).to_have_text("Banjir Kembali Landa Jakarta, KRL Terganggu")
    page.goto(live_url + "/")
    page.get_by_role("link", name="Halaman 3").click()
    expect(page.locator('.pagination [aria-current="page"]')).to_have_text("3")
    page.locator(".hit-title a").first.click()
    page.wait_for_load_state()
    expect(page.locator("#article-title")).to_be_visible()


def test_hostile_article_renders_as_text_and_runs_nothing(watched, live_url):
    page, problems = watched()
    page.goto(live_url + "/?q=keamanan")
    expect(page.locator(".hit-title").first).to_contain_text(XSS_MARKUP)
    page.locator(".hit-title a").first.click()
    page.wait_for_load_state()
    expect(page.locator("#article-title")).to_contain_text(XSS_MARKUP)
    expect(page.locator(".article-body")).to_contain_text(XSS_MARKUP)
    assert page.locator("main img, main script").count() == 0
    page.goto(live_url + '/?q="><img src=x onerror=alert(1)>')
    expect(page.locator("#q")).to_have_value('"><img src=x onerror=alert(1)>')
    page.goto(live_url + f"/artikel/{XSS_ID}?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert problems.dialogs == []


def test_article_page_from_a_result(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/?q=vaksin")
    page.locator(".hit-title a", has_text="Ridwan Kamil Ikut Uji Klinis Vaksin").click()
    page.wait_for_load_state()
    expect(page.locator("#article-title mark")).to_have_text("Vaksin")
    expect(page.locator(".article-body mark").first).to_be_visible()
    expect(page.locator(".related li")).to_have_count(5)
    page.locator(".entity-list a", has_text="Ridwan Kamil").click()
    expect(page.locator("#entity-title")).to_have_text("Ridwan Kamil")
    expect(page.locator(".entity-count")).to_contain_text("Disebut dalam 2 artikel")


def test_unknown_article_is_a_404_page_with_a_search_box(watched, live_url):
    page, _ = watched(allowed=("404",))
    response = page.goto(live_url + "/artikel/tidak-ada")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("404 Halaman tidak ditemukan")
    page.locator("#error-q").fill("gempa")
    page.locator("#error-q").press("Enter")
    expect(page.locator("#status")).to_have_text("3 artikel untuk „gempa”")


def test_usable_at_360_pixels(watched, live_url):
    page, _ = watched(width=360, height=740)
    page.goto(live_url + "/?q=jakarta")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator("#filters")).to_be_hidden()
    toggle = page.locator("#filter-toggle")
    toggle.click()
    expect(page.locator("#filters")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.locator("#facet-source label", has_text="tempo.co").click()
    show = page.locator(".show-results")
    expect(show).to_have_text("Tampilkan 1 artikel")
    show.click()
    expect(page.locator("#filters")).to_be_hidden()
    expect(page.locator(".hit")).to_have_count(1)
    expect(toggle).to_be_focused()
    expect(toggle.locator(".badge")).to_have_text("1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_keyboard_only_use(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("gempa")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text("3 artikel untuk „gempa”")
    checkbox = facet_option(page, "year", "2018")
    checkbox.focus()
    page.keyboard.press("Space")
    expect(page.locator("#status")).to_have_text("2 artikel untuk „gempa”")
    expect(checkbox).to_be_focused()
    outline = checkbox.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none", "focus is visible"


SLOW_GEMPA = """
const realFetch = window.fetch;
window.fetch = (url, options) => {
  const answer = realFetch(url, options);
  if (!/fragments\\?q=gempa$/.test(String(url))) return answer;
  return answer.then(response => new Promise(resolve => setTimeout(() => resolve(response), 900)));
};
"""


def test_a_late_answer_to_an_older_query_is_discarded(watched, live_url):
    page, _ = watched()
    page.add_init_script(SLOW_GEMPA)
    page.goto(live_url + "/")
    box = page.locator("#q")
    box.fill("gempa")
    page.wait_for_timeout(400)
    box.fill("banjir")
    expect(page.locator("#status")).to_have_text("3 artikel untuk „banjir”")
    page.wait_for_timeout(900)
    expect(page.locator("#status")).to_have_text("3 artikel untuk „banjir”")
    expect(page.locator(".hit-title").first).to_contain_text("Banjir")
    assert params(page) == {"q": ["banjir"]}


def test_a_timeline_bar_narrows_the_dates_with_and_without_javascript(watched, live_url):
    page, _ = watched()
    page.goto(live_url + "/?q=banjir")
    mark_window(page)
    bar = page.locator("#timeline").get_by_role("link", name="1 artikel, 25 Februari 2020")
    expect(bar).to_be_visible()
    bar.click()
    expect(page.locator("#status")).to_have_text("1 artikel untuk „banjir”")
    assert params(page) == {"q": ["banjir"], "from": ["2020-02-25"], "to": ["2020-02-25"]}
    expect(page.locator("#from")).to_have_value("2020-02-25")
    expect(page.locator(".chip", has_text="Sejak")).to_be_visible()
    expect(page.locator("#timeline").get_by_role("link")).to_have_count(1)
    assert still_same_window(page)

    plain, _ = watched(javascript=False, width=360, height=740)
    plain.goto(live_url + "/")
    plain.locator("#timeline").get_by_role("link", name=re.compile(r"^\d+ artikel, Januari 2020$")).click()
    plain.wait_for_url(re.compile(r"from=2020-01-01&to=2020-01-31$"))
    expect(plain.locator("#status")).to_have_text(re.compile(r"^\d+ artikel$"))
    expect(plain.locator(".timeline-unit")).to_have_text("artikel per hari")
    assert plain.evaluate("document.documentElement.scrollWidth") <= 360
