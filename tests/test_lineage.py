"""Extraction against the generator's truth: every incident exactly once, with lineage;
every excluded row with its reason; the ledger balances."""

from collections import Counter

import pytest

from policebreaches.evaluation import match_records

from conftest import read


def test_every_true_incident_extracted_exactly_once(built, truth):
    records = read(built / "records.csv")
    incidents = truth[truth.counts_only != "True"]
    pairs = match_records(records, incidents)
    assert len(pairs) == (incidents.counted == "True").sum() == len(records)
    assert len({r["record_id"] for _, r in pairs}) == len(pairs)
    per_file = Counter(r["source_file"] for r in records.to_dict("records"))
    assert per_file == Counter(incidents[incidents.counted == "True"].source_file)


def test_excluded_rows_carry_their_reason(built, truth):
    excluded = read(built / "clean" / "exclusions.csv")
    expected = truth[truth.counted == "False"]
    reasons = Counter(e.split(":")[0] for e in excluded.exclusion)
    assert reasons == Counter(
        {
            "outside_period": (expected.expected_exclusion == "outside_period").sum(),
            "duplicate_of": (expected.expected_exclusion == "duplicate").sum(),
        }
    )
    kept_ids = set(read(built / "records.csv").record_id)
    for reason in excluded.exclusion[excluded.exclusion.str.startswith("duplicate_of:")]:
        assert reason.split(":")[1] in kept_ids  # points at the copy that was kept


def test_ledger_balances_for_every_file(built):
    ledger = read(built / "ledger.csv")
    assert (ledger.balanced == "True").all()
    nondata = [c for c in ledger.columns if c.startswith("nondata_")]
    total = (
        ledger.records_kept.astype(int)
        + ledger.excluded_outside_period.astype(int)
        + ledger.excluded_duplicate.astype(int)
        + sum(ledger[c].astype(int) for c in nondata)
    )
    assert (total == ledger.rows_read.astype(int)).all()
    assert ledger.nondata_total.astype(int).sum() > 0 and ledger.nondata_title.astype(int).sum() > 0


@pytest.mark.slow
def test_record_ids_are_stable_across_builds(built, tmp_path):
    from conftest import run_pipeline

    run_pipeline(tmp_path)
    assert list(read(tmp_path / "2016" / "records.csv").record_id) == list(read(built / "records.csv").record_id)


def test_every_record_keeps_lineage_to_a_raw_file(built):
    from pathlib import Path

    from policebreaches.edition import sha256_file

    records = read(built / "records.csv")
    repo = Path(__file__).resolve().parents[1]
    for (source, sha), _ in records.groupby(["source_file", "source_sha256"]):
        assert sha256_file(repo / "raw" / "2016" / source) == sha
    assert (records.source_locator != "").all()


def test_classification_accuracy_on_the_sample(built):
    accuracy = read(built / "accuracy.csv")
    assert (accuracy.accuracy.astype(float) >= 0.98).all()
    assert (accuracy.unmatched == "0").all()


def test_locator_fields_name_the_place_the_locator_text_names(built):
    """records.csv carries the locator as fields; for workbook rows outside e-mails the text
    is 'sheet=<name> row=<n>' made of exactly those fields."""
    records = read(built / "records.csv")
    sheets = records[(records.source_sheet != "") & (records.source_part == "")]
    assert len(sheets) > 100
    assert ("sheet=" + sheets.source_sheet + " row=" + sheets.source_row == sheets.source_locator).all()
    pages = records[(records.source_page != "") & (records.source_table != "transcribed")]
    assert len(pages) and all(
        locator.startswith(f"page={page} ") for locator, page in zip(pages.source_locator, pages.source_page)
    )


def test_trace_names_a_sheet_whatever_it_is_called(tmp_path):
    from policebreaches.locators import Locator
    from policebreaches.trace import trace_record

    locator = Locator(sheet="Year 2013 row=2", row=4)
    record = {
        "record_id": "a" * 16,
        "force_id": "kent",
        "description_raw": "Checked a neighbour on PNC",
        "category_raw": "",
        "outcome_raw": "NFA",
        **dict.fromkeys(["breach_type", "breach_type_rule", "breach_type_match", "pnc", "pnc_rule", "pnc_match"], ""),
        **dict.fromkeys(["outcome_group", "outcome_rule", "outcome_match"], ""),
        "source_file": "responses/kent/r.xlsx",
        "source_sha256": "0" * 64,
        "source_locator": str(locator),
        "cells": "[]",
        **locator.fields(),
    }
    lines = trace_record(record, tmp_path)
    assert "    where: sheet 'Year 2013 row=2', row 4" in lines
