"""Clearing the review queue: the sheet round trip (write, fill, import with the same
checks as the terminal), the terminal walk, and end to end: a decision made on a copy of
the sample edition is applied by the next build and counted in the methodology."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import openpyxl
import pytest

from policebreaches.checks import check_inputs
from policebreaches.classify import default_codebook
from policebreaches.forces import FORCES_CSV
from policebreaches.problems import InputError
from policebreaches.review import DECIDED_FIELDS, import_review_sheet, walk_queue, write_review_sheet

from conftest import REPO, read, run_pipeline

TODAY = dt.date(2026, 12, 1)
LIMITS = {"max_file_mb": 50, "max_unpacked_mb": 200, "max_zip_ratio": 100}


@pytest.fixture
def edition(tmp_path):
    copy = tmp_path / "raw" / "2016"
    shutil.copytree(REPO / "raw" / "2016", copy)
    return copy


@pytest.fixture(scope="module")
def queued(built):
    """A review queue of real sample records. The sample's own queue is empty since codebook
    v5 (every record decided, no doubt raised), so three kept records are put back in the
    queue as if no rule had decided their breach type."""
    records = read(built / "records.csv").head(3)
    return records.assign(breach_type="", breach_type_rule="", needs_review="breach_type: no rule matched")


def fill(sheet_path, answers: dict[int, dict[str, str]]) -> None:
    """Fill data rows (1 = the first record) of a review sheet as a coder would."""
    book = openpyxl.load_workbook(sheet_path)
    sheet = book["review"]
    header = [c.value for c in sheet[2]]
    for row, values in answers.items():
        for name, value in values.items():
            sheet.cell(row + 2, header.index(name) + 1, value)
    book.save(sheet_path)


def test_the_sheet_lists_the_queue_with_a_drop_down_per_decision(queued, tmp_path):
    review = queued
    out = tmp_path / "review-sheet.xlsx"
    assert write_review_sheet(review, default_codebook(), out, dt.date(2016, 7, 14)) == len(review) > 0
    book = openpyxl.load_workbook(out)
    sheet = book["review"]
    assert sheet["A1"].value.startswith("INTERNAL WORKING DATA")
    assert [c.value for c in sheet[3]][0] == review["record_id"].iloc[0]
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert any("unauthorised_access" in f for f in lists) and any("no_formal_action" in f for f in lists)
    assert {r[0].value for r in book["groups"].iter_rows(min_row=2)} == set(DECIDED_FIELDS)


def test_an_import_checks_every_decision_and_writes_all_or_none(queued, tmp_path, edition):
    review = queued
    sheet = tmp_path / "review-sheet.xlsx"
    write_review_sheet(review, default_codebook(), sheet, dt.date(2016, 7, 14))
    fill(
        sheet,
        {
            1: {"decide breach_type": "third_party_disclosure", "coder": "AB", "reason": "told a relative"},
            2: {"decide breach_type": "gossip", "coder": "AB", "reason": "?"},  # not a codebook group
            3: {"decide outcome_group": "no_formal_action", "coder": "", "reason": "no coder"},
        },
    )
    with pytest.raises(InputError) as stopped:
        import_review_sheet(sheet, review, default_codebook(), edition, TODAY)
    message = str(stopped.value)
    assert "'gossip' is not a breach_type" in message and "needs its coder and its reason" in message
    assert not (edition / "overrides" / "coding.csv").exists()  # nothing written
    fill(sheet, {2: {"decide breach_type": "other"}, 3: {"coder": "AB"}})
    assert import_review_sheet(sheet, review, default_codebook(), edition, TODAY) == 3
    coding = read(edition / "overrides" / "coding.csv")
    assert list(coding.columns) == ["record_id", "field", "value", "coder", "reason", "date"]
    assert coding["record_id"].iloc[0] == review["record_id"].iloc[0] and set(coding["date"]) == {"2026-12-01"}
    problems, _, _ = check_inputs(edition, LIMITS, FORCES_CSV)
    assert not problems  # re-blessed: the next build accepts the new file


def test_the_terminal_walk_records_decisions_with_coder_and_reason(queued):
    review = queued.assign(second_opinion=["other", "", ""], second_opinion_confidence=["0.91", "", ""])
    answers = iter(["1", "it was a look-up", "", "s", "q"])
    said = []
    decisions = walk_queue(review, default_codebook(), "AB", TODAY, ask=lambda _: next(answers), say=said.append)
    assert [(d.field, d.value, d.coder, d.reason) for d in decisions] == [
        ("breach_type", "unauthorised_access", "AB", "it was a look-up")
    ]
    shown = "\n".join(said)
    assert review["description_raw"].iloc[0] in shown and review["source_locator"].iloc[0] in shown
    assert "1. unauthorised_access:" in shown  # each group with its definition
    assert "second opinion (a model, raises doubts only): other (confidence 0.91)" in shown


@pytest.mark.slow
def test_a_decision_is_applied_by_the_next_build_and_counted(queued, tmp_path, edition):
    review = queued
    sheet = tmp_path / "review-sheet.xlsx"
    write_review_sheet(review, default_codebook(), sheet, dt.date(2016, 7, 14))
    record_id = review["record_id"].iloc[0]
    fill(sheet, {1: {"decide breach_type": "other", "coder": "AB", "reason": "a test decision"}})
    import_review_sheet(sheet, review, default_codebook(), edition, TODAY)
    run_pipeline(tmp_path / "results", "2016", tmp_path / "raw")
    rebuilt = tmp_path / "results" / "2016"
    records = read(rebuilt / "records.csv").set_index("record_id")
    assert records.loc[record_id, "breach_type"] == "other"
    assert records.loc[record_id, "breach_type_rule"] == "MANUAL:AB"
    numbers = json.loads((rebuilt / "numbers.json").read_text(encoding="utf-8"))
    assert numbers["classification.manual_codings"]["value"] == 1
    assert record_id not in set(read(rebuilt / "review.csv")["record_id"])  # a coder's decision settles the doubt
