"""The report as a reader's browser shows it: headless Chromium driven by Selenium.

For the built-in Arabic and English examples and, when present, the real
scraped article of ../shared/examples, the page must load with no console
error, fetch nothing but ``file:`` and ``data:`` URLs, mark exactly the
device cues that ``framing score`` finds, and lay Arabic paragraphs out
right to left. A full-page screenshot is saved under the test's tmp_path.

Needs Debian's ``chromium`` and ``chromium-driver`` and the ``selenium``
package. Without them the tests skip, except under CI=true, where they fail.
"""

import base64
import json
import os
import shutil

import pytest

from framing.cli import main
from framing.report import device_cue_indices

from conftest import EXAMPLE_ARTICLE

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROME_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
    "--window-size=1000,1200",
)
#: A page as wide as a laptop window; screenshots grow to the page's height up to this.
MAX_SCREENSHOT_HEIGHT = 30_000


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true requires the browser tests to run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed (pip install selenium)")
    binary = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    driver_path = CHROMEDRIVER if os.path.exists(CHROMEDRIVER) else shutil.which("chromedriver")
    if not binary or not driver_path:
        _unavailable("Chromium or chromedriver is missing (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _inputs():
    cases = [pytest.param(["--example", "ar"], "ar", id="example-ar"),
             pytest.param(["--example", "en"], "en", id="example-en")]
    rt = pytest.param([str(EXAMPLE_ARTICLE)], "ar", id="rt-arabic",
                      marks=pytest.mark.skipif(not EXAMPLE_ARTICLE.is_file(),
                                               reason=f"the shared example article is absent ({EXAMPLE_ARTICLE})"))
    return cases + [rt]


def _screenshot(driver, path):
    """A full-page PNG through the DevTools protocol."""
    width = driver.execute_script("return document.documentElement.scrollWidth")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": min(height, MAX_SCREENSHOT_HEIGHT), "scale": 1},
    })
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def _requested_urls(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@pytest.mark.parametrize(("args", "lang"), _inputs())
def test_report_in_chromium(browser, tmp_path, args, lang):
    page, scored = tmp_path / "report.html", tmp_path / "score.json"
    assert main(["report", *args, "-o", str(page)]) == 0
    assert main(["score", *args, "--format", "json", "-o", str(scored)]) == 0
    article = json.loads(scored.read_text(encoding="utf-8"))
    expected = device_cue_indices(article)
    assert expected, "the article should have device cues to check"

    browser.get_log("browser")
    browser.get_log("performance")
    browser.get(page.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    shot = _screenshot(browser, tmp_path / f"report-{lang}.png")
    assert shot.stat().st_size > 10_000

    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    urls = _requested_urls(browser)
    assert page.as_uri() in urls
    assert [u for u in urls if not u.startswith(("file:", "data:"))] == []

    cues = browser.execute_script(
        "return Array.from(document.querySelectorAll('mark')).map(m => m.getAttribute('data-cue'))")
    assert None not in cues
    assert {int(n) for n in cues} == expected

    root = browser.execute_script(
        "const h = document.documentElement; return [h.lang, h.dir, getComputedStyle(document.body).direction]")
    assert root == ([lang, "rtl", "rtl"] if lang == "ar" else [lang, "ltr", "ltr"])
    directions = browser.execute_script(
        "return Array.from(document.querySelectorAll('p.text[lang=ar]')).map(p => getComputedStyle(p).direction)")
    n_ar = sum(1 for p in article["paragraphs"] + article["related"] if p["lang"] == "ar")
    assert len(directions) == n_ar
    assert set(directions) <= {"rtl"}

    # Every chart is drawn on the page, inside its column.
    boxes = browser.execute_script(
        "return Array.from(document.querySelectorAll('figure.chart svg')).map(s => {"
        "const r = s.getBoundingClientRect(); return [r.width, r.height, r.right, document.body.clientWidth]})")
    assert boxes
    for width, height, right, body_width in boxes:
        assert width > 100 and height > 50
        assert right <= body_width + 1
