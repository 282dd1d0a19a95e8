"""The HTML report in a real browser: headless Chromium loads it, a script checks the rendered page.

Chromium is driven over the DevTools protocol through a pipe (``tests/chromium.py``,
standard library only). Where Chromium is not installed the tests skip with the
reason, except in CI (``CI=true``), where a missing browser is a failure:
``.ci/run`` installs it. A screenshot of the sample report is saved under
``test-artifacts/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import reuse
from reuse.report.html_report import write_html

from chromium import Browser, find_chromium
from test_html_report import write_nasty_corpus

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("REUSE_TEST_ARTIFACTS", ROOT / "test-artifacts"))
CHROMIUM = find_chromium()


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but Chromium is not installed: .ci/run must install it (apt-get install -y chromium)")
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); the browser tests need it")
    with Browser(CHROMIUM, width=1280, height=900) as b:
        yield b


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "samples.html"
    write_html(reuse.scan(ROOT / "samples"), out)
    return out


@pytest.fixture(scope="module")
def nasty_report(tmp_path_factory) -> Path:
    folder = write_nasty_corpus(tmp_path_factory.mktemp("nasty") / "articles")
    out = tmp_path_factory.mktemp("report") / "nasty.html"
    write_html(reuse.scan(folder), out)
    return out


# Where the twin of a passage stands relative to the scrolling box that holds it.
TWIN_STATE = """
(function (pairId, p) {
  var pair = document.getElementById(pairId);
  var seg = pair.querySelector('.side[data-side="a"] [data-p="' + p + '"]');
  var twin = pair.querySelector('.side[data-side="b"] [data-p="' + p + '"]');
  var box = twin.closest(".text").getBoundingClientRect(), r = twin.getBoundingClientRect();
  return {
    visible: r.top >= box.top && r.bottom <= box.bottom && r.bottom <= window.innerHeight && r.top >= 0,
    segColour: getComputedStyle(seg).backgroundColor,
    twinColour: getComputedStyle(twin).backgroundColor,
    active: twin.classList.contains("active")
  };
})
"""


def test_passages_are_highlighted_and_a_click_scrolls_the_twin_into_view(browser, sample_report):
    browser.open(sample_report)
    marked = browser.evaluate('document.querySelectorAll("#pair-1 .side [data-p]").length')
    assert marked > 0
    # The first passage highlighted in A of pair 1 (the samples' other one overlaps it, listed only): its twin is
    # out of view before the click.
    first = browser.evaluate('document.querySelector(\'#pair-1 .side[data-side="a"] [data-p]\').getAttribute("data-p")')
    before = browser.evaluate(f'{TWIN_STATE}("pair-1", "{first}")')
    assert before["segColour"] == before["twinColour"] and before["segColour"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert not before["visible"] and not before["active"]
    browser.evaluate('document.getElementById("pair-1").scrollIntoView(); '
                     f'document.querySelector(\'#pair-1 .side[data-side="a"] [data-p="{first}"]\').click()')
    after = browser.evaluate(f'{TWIN_STATE}("pair-1", "{first}")')
    assert after["visible"] and after["active"]
    assert browser.exceptions() == []


def test_the_pairs_table_sorts(browser, sample_report):
    browser.open(sample_report)
    column = browser.evaluate(
        """(function () {
             var th = Array.prototype.find.call(document.querySelectorAll("#pairs th"), function (h) { return h.textContent === "% of B"; });
             var read = function () { return Array.prototype.map.call(document.querySelectorAll("#pairs tbody tr"),
                                       function (r) { return parseFloat(r.cells[5].getAttribute("data-v")); }); };
             th.click(); var up = read(); th.click(); var down = read();
             return {up: up, down: down, sort: th.getAttribute("aria-sort")};
           })()"""
    )
    assert column["up"] == sorted(column["up"]) and column["down"] == sorted(column["down"], reverse=True)
    assert column["sort"] == "descending"


def test_article_text_never_runs(browser, nasty_report):
    browser.open(nasty_report)
    state = browser.evaluate(
        """(function () {
             document.querySelectorAll("[data-p]").forEach(function (s) { s.click(); });
             return {pwned: document.body.dataset.pwned || null, scripts: document.scripts.length,
                     images: document.images.length, svgs: document.querySelectorAll("svg, textarea").length,
                     marked: document.querySelectorAll("[data-p]").length};
           })()"""
    )
    assert state == {"pwned": None, "scripts": 1, "images": 1, "svgs": 0, "marked": state["marked"]}
    assert state["marked"] > 0
    assert browser.exceptions() == []


def test_screenshot_of_the_sample_report(browser, sample_report):
    browser.open(sample_report)
    shot = ARTIFACTS / "sample-report.png"
    browser.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_clicking_the_graph_shows_it_at_full_size(browser, sample_report):
    browser.open(sample_report)
    sizes = browser.evaluate(
        """(function () {
             var img = document.querySelector("figure.graph img"), before = img.getBoundingClientRect().width;
             img.click();
             return {before: before, after: img.getBoundingClientRect().width, natural: img.naturalWidth};
           })()"""
    )
    assert sizes["before"] < sizes["natural"] <= sizes["after"] <= sizes["natural"] + 2  # + the border


def test_each_article_opens_at_its_first_passage(browser, sample_report):
    browser.open(sample_report)
    shown = browser.evaluate(
        """Array.prototype.map.call(document.querySelectorAll(".text"), function (box) {
             var first = box.querySelector("[data-p]"), b = box.getBoundingClientRect(), r = first.getBoundingClientRect();
             return box.scrollHeight > box.clientHeight ? r.top >= b.top && r.top < b.bottom : true;
           })"""
    )
    assert shown and all(shown)
