"""The board report opened in a real browser: headless Chromium, driven by Selenium.

Selenium drives Debian's own `chromium` through Debian's `chromium-driver`,
which is built from the same source and version, so no browser or driver is
ever downloaded (Selenium Manager is bypassed by naming the driver). The test
skips cleanly where either is absent or Selenium is not installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from progman.io.yaml import load_path
from progman.report import board_report, render_html

CHROMIUM = Path("/usr/bin/chromium")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "milton-keynes"

pytestmark = pytest.mark.browser

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1600",
]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    driver_path = shutil.which("chromedriver")
    if not CHROMIUM.exists() or driver_path is None:
        pytest.skip("needs Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=driver_path)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


def test_milton_keynes_report_opens_cleanly_in_chromium(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    programme = load_path(EXAMPLE)
    page = tmp_path / "report.html"
    page.write_text(render_html(board_report(programme, status_date=date(2013, 1, 10))), "utf-8")

    browser.get(page.as_uri())

    h1 = browser.find_element(By.TAG_NAME, "h1")
    assert h1.text == programme.name
    gantt = browser.find_element(By.CSS_SELECTOR, "svg#gantt")
    assert gantt.size["width"] > 500
    assert gantt.find_elements(By.CSS_SELECTOR, ".bar.critical")
    assert browser.find_elements(By.CSS_SELECTOR, "svg#heat-map g.cell")
    captions = [c.text for c in browser.find_elements(By.TAG_NAME, "caption")]
    assert any(c.startswith("RAG status at 10 January 2013") for c in captions)  # long dates
    rag_cells = browser.find_elements(By.CSS_SELECTOR, "td.rag")
    assert {"Red", "Amber", "Green"} <= {cell.text for cell in rag_cells}
    findings = browser.find_element(By.ID, "findings")
    assert "PG-TOLERANCE-EXCEEDED" in findings.text

    screenshot = tmp_path / "report.png"
    browser.set_window_size(1280, browser.execute_script("return document.body.scrollHeight"))
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.stat().st_size > 10_000

    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
