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


HOSTILE = [
    "<!--<script>",
    "</script><script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "\u2028line separator\u2029 and a \\ backslash",
    '=HYPERLINK("http://evil.example")',
]


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM, reason="needs Debian's chromium: sudo apt-get install chromium (.ci/run installs it)")
def test_a_page_built_from_hostile_descriptions_works_and_runs_nothing(built, tmp_path):
    """Descriptions that try to end the data block or inject markup are shown as text; the
    page opens on the headline numbers, shows a record beside the list, and clears it on
    the next choice."""
    from playwright.sync_api import sync_playwright

    from policebreaches.audit import write_audit_page
    from policebreaches.stages.io import read_csv, write_csv

    from conftest import REPO

    records = read_csv(built / "records.csv")
    records = records.sort_values("record_id", kind="stable").reset_index(drop=True)
    for i, text in enumerate(HOSTILE):
        records.loc[i, "description_raw"] = text
    write_csv(records, tmp_path / "records.csv")
    # the sample's review queue is empty since codebook v5: queue three (hostile) records
    queued = records.head(3).assign(needs_review="breach_type: no rule matched")
    write_csv(queued, tmp_path / "review.csv")
    out = tmp_path / "audit" / "index.html"
    write_audit_page(
        built / "numbers.json",
        tmp_path / "records.csv",
        built / "ledger.csv",
        tmp_path / "review.csv",
        built / "clean" / "exclusions.csv",
        REPO / "policebreaches" / "resources" / "codebook.yaml",
        REPO / "report" / "audit.html.j2",
        out,
        out.parent / "data",
    )
    hostile_ids = list(records.loc[: len(HOSTILE) - 1, "record_id"])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        dialogs, errors = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        first_group = page.locator("#numbers h3").first.inner_text()
        first_number = page.locator("a.number").first.get_attribute("data-key")
        page.click('a.number[data-key="breaches.total"]')
        page.locator("tr.record").first.wait_for()  # (the page's CSP forbids eval: no wait_for_function)
        shown_before_more = page.locator("tr.record").count()
        page.click("#more")
        page.locator("tr.record").nth(shown_before_more).wait_for()
        texts = {}
        for record_id in hostile_ids:
            row = page.locator(f'tr.record[data-id="{record_id}"]')
            if row.count():
                texts[record_id] = row.locator("td").nth(4).inner_text()
        row = page.locator("tr.record").first
        row.click()
        detail_box, list_box = page.locator("#record-detail").bounding_box(), page.locator("#list").bounding_box()
        detail = page.inner_text("#record-detail")
        page.click('a.number[data-key="breaches.pnc"]')
        page.locator("#record-count", has_text="25 of 25 records").wait_for()
        cleared = page.inner_text("#record-detail")
        page.click('nav button[data-panel="review"]')
        page.locator("#review tr").nth(1).wait_for()  # loaded on opening the panel
        review_rows = page.locator("#review tr").count() - 1
        browser.close()
    assert first_group == "Headline" and first_number.startswith("breaches.")
    assert shown_before_more == 200
    assert dialogs == [] and errors == []
    assert texts and all(text in HOSTILE for text in texts.values())
    assert detail.startswith("record ") and detail_box["x"] > list_box["x"] + list_box["width"] - 1
    assert cleared.startswith("Click a record")
    assert review_rows == len(queued) == 3
