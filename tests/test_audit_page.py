"""The audit page in a real browser: from a headline number to a raw row by clicks."""

import shutil

import pytest

from conftest import read

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM, reason="needs Debian's chromium: sudo apt-get install chromium (.ci/run installs it)")
def test_click_from_headline_number_to_raw_row(built):
    from playwright.sync_api import sync_playwright

    record_ids = set(read(built / "records.csv").record_id)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        blocked = []
        page.on("request", lambda r: blocked.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.goto((built / "audit" / "index.html").as_uri())
        page.fill("#number-filter", "breaches.pnc")
        page.click('a.number[data-key="breaches.pnc"]')
        assert page.inner_text("#record-count") == "25 of 25 records"
        first = page.locator("tr.record").first
        record_id = first.get_attribute("data-id")
        first.click()
        detail = page.inner_text("#record-detail")
        page.select_option("#filter-force", "humberside")
        filtered = page.inner_text("#record-count")
        browser.close()
    assert record_id in record_ids
    assert "raw file: responses/" in detail and "locator: " in detail and "by rule PNC-01" not in detail
    assert "pnc = True PNC-01" in detail and "cells as read: [" in detail
    assert filtered.endswith("of 25 records") and not filtered.startswith("25 ")
    assert blocked == []
