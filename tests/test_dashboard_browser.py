"""The dashboard in a real browser: Playwright driving Debian's headless Chromium.

Run with ``python -m pytest -m browser`` after ``apt-get install -y chromium`` and
``pip install -e ".[browser]"`` (README.md). Each test loads a view, changes a control,
checks that the figure and its numbers change, and saves a screenshot to
``$CAREWORK_SCREENSHOTS`` (default: a temporary folder, printed).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """A folder of paired runs: no new policy and NHS pay parity, two replicates each."""
    from sim.dashboard.live import LiveScenario, run_live

    root = tmp_path_factory.mktemp("dashboard_results")
    run_live(root, LiveScenario({"pay_parity": 1.0}, scale=0.003, years=3, replicates=2))
    return root


@pytest.fixture(scope="module")
def server(results):
    """``carework dashboard`` on a free port, stopped after the module."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "sim.cli", "dashboard", str(results), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("CAREWORK_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {folder}")
    return folder


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(120_000)
    page.goto(server)
    page.wait_for_selector(".cw-figure-fan img")
    yield page
    page.close()


def choose(page, select_class: str, option: str) -> None:
    """Open a Vuetify select by its class and click one of its options."""
    page.locator(f".{select_class}").click()
    page.locator(".v-menu__content.menuable__content__active .v-list-item", has_text=option).click()
    page.keyboard.press("Escape")


def changed(page, selector: str, before: str) -> str:
    """Wait until an element's text differs from ``before``; return the new text."""
    page.wait_for_function(
        "([s, b]) => { const e = document.querySelector(s); return e && e.innerText !== b; }",
        arg=[selector, before],
    )
    return page.inner_text(selector)


def image(page, view: str) -> str:
    return page.get_attribute(f".cw-figure-{view} img", "src")


def tab(page, text: str) -> None:
    page.locator(".v-tab", has_text=text).click()


def test_fan_chart_follows_the_metric(page, shots):
    numbers, img = page.inner_text(".cw-numbers-fan"), image(page, "fan")
    assert "%" in numbers  # the vacancy rate, in percent
    page.screenshot(path=shots / "fan_vacancy_rate.png", full_page=True)
    choose(page, "cw-metric", "ASC filled posts")
    after = changed(page, ".cw-numbers-fan", numbers)
    rows = after.split("\n", 1)[1]  # below the heading "90% of runs"
    assert "%" not in rows and "," in rows  # posts, with thousands separators
    page.wait_for_function("s => document.querySelector('.cw-figure-fan img').src !== s", arg=img)
    page.screenshot(path=shots / "fan_filled_posts.png", full_page=True)


def test_two_scenarios_compared_for_one_ics_and_exported(page, shots, results):
    page.locator(".cw-level button", has_text="ICS").click()
    page.wait_for_selector(".cw-area")
    choose(page, "cw-area", "Cheshire and Merseyside")
    tab(page, "Paired effects")
    page.wait_for_selector(".cw-figure-effects img")
    numbers = page.inner_text(".cw-numbers-effects")
    assert "pp" in numbers and "to" in numbers  # a difference in points with its interval
    choose(page, "cw-year", "2024/25")
    after = changed(page, ".cw-numbers-effects", numbers)
    assert "2024/25" in after
    page.locator(".cw-export-effects").click()
    page.wait_for_selector(".cw-exported")
    written = page.inner_text(".cw-exported")
    exports = sorted((results / "dashboard_exports").glob("effects_vacancy_rate_Cheshire*"))
    assert {p.suffix for p in exports} == {".png", ".pdf"}, written
    page.screenshot(path=shots / "effects_ics_export.png", full_page=True)


def test_flows_follow_the_year(page, shots):
    tab(page, "Flows")
    page.wait_for_selector(".cw-figure-flows img")
    numbers = page.inner_text(".cw-numbers-flows")
    assert "asc" in numbers
    choose(page, "cw-year", "2025/26")
    changed(page, ".cw-numbers-flows", numbers)
    page.screenshot(path=shots / "flows.png", full_page=True)


def test_ics_map_follows_the_metric(page, shots):
    tab(page, "ICS map")
    page.wait_for_selector(".cw-figure-map img")
    numbers = page.inner_text(".cw-numbers-map")
    assert "ICS" in numbers
    choose(page, "cw-metric", "ASC turnover rate")
    changed(page, ".cw-numbers-map", numbers)
    page.screenshot(path=shots / "ics_map.png", full_page=True)


def test_a_live_scenario_runs_with_progress_and_joins_the_comparison(page, shots):
    tab(page, "Live scenario")
    page.get_by_text("Fair Pay Agreement floor").click()  # on: starts April 2028
    page.wait_for_selector("text=policies.fair_pay.start='2028-04' is not allowed")
    page.get_by_text("Fair Pay Agreement floor").click()  # off again
    page.get_by_text("One workforce").click()  # on
    page.get_by_text("NHS pay parity: share of the gap").click()  # off
    choose(page, "cw-live-scale", "0.002")
    page.locator(".cw-live-run").click()
    page.wait_for_selector(".cw-live-progress")
    page.screenshot(path=shots / "live_running.png", full_page=True)
    page.wait_for_selector(".cw-live-done", timeout=300_000)
    assert "live/live_one_workforce" in page.inner_text(".cw-source")
    tab(page, "Fan chart")
    page.wait_for_selector(".cw-figure-fan img")
    assert "live_one_workforce" in page.inner_text(".cw-numbers-fan")
    page.screenshot(path=shots / "live_added.png", full_page=True)
