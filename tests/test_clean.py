import datetime as dt

import pandas as pd
import pytest

from policebreaches.clean import clean_records, normalise_role, repair_text
from policebreaches.contracts import ContractError, check_table
from policebreaches.locators import Locator


@pytest.mark.parametrize(
    "written, role",
    [
        ("PC", "officer"),
        ("SGT", "officer"),
        ("INSP & Above", "officer"),
        ("Police officer", "officer"),
        ("DC", "officer"),
        ("PCSO", "pcso"),
        ("Police Community Support Officer", "pcso"),
        ("SC", "special_constable"),
        ("Special Constable", "special_constable"),
        ("Police Staff", "police_staff"),
        ("civilian employees", "police_staff"),
        ("Officer/Staff", "unknown"),
        ("Police Support Volunteer", "volunteer"),
        ("", "unknown"),
        ("Redacted", "unknown"),
    ],
)
def test_roles(written, role):
    assert normalise_role(written) == role


def test_mojibake_repaired_and_correct_curly_quotes_kept():
    assert repair_text("Officer didn\u00e2\u20ac\u2122t  follow policy") == "Officer didn\u2019t follow policy"
    assert repair_text("\u2018Management Action\u2019") == "\u2018Management Action\u2019"
    assert repair_text("ex-\npartner") == "ex-partner"


def _row(rid, locator: Locator, description, date="Jan-13", source="responses/kent/a.xlsx", force="kent"):
    return {
        "record_id": rid,
        "force_id": force,
        "source_file": source,
        "source_sha256": "0" * 64,
        "source_locator": str(locator),
        **locator.fields(),
        "layout": "incident_table",
        "row_kind": "data",
        "date_raw": date,
        "role_raw": "PC",
        "category_raw": "",
        "description_raw": description,
        "outcome_raw": "NFA",
        "cells": "[]",
    }


@pytest.mark.parametrize("sheets", [("2013", "2014"), ("Year 2013", "Year 2014"), ("Apr 13 - Mar 14", "row=2 x")])
def test_duplicates_across_tables_excluded_but_identical_rows_in_one_table_kept(sheets):
    first, second = sheets
    rows = pd.DataFrame(
        [
            _row("a" * 16, Locator(sheet=first, row=4), "Unauthorised PNC check"),
            _row("b" * 16, Locator(sheet=first, row=5), "Unauthorised PNC check"),  # same table: a second incident
            _row("c" * 16, Locator(sheet=second, row=9), "Unauthorised PNC check"),  # next sheet again: duplicate
            _row(
                "d" * 16, Locator(line=3), "Unauthorised PNC check", source="responses/kent/b.csv"
            ),  # another file: duplicate
            _row("e" * 16, Locator(line=4), "Unauthorised PNC check", force="surrey", source="responses/surrey/b.csv"),
        ]
    )
    records, _ = clean_records(rows, dt.date(2011, 6, 1), dt.date(2015, 12, 31))
    assert list(records.exclusion) == ["", "", f"duplicate_of:{'a' * 16}", f"duplicate_of:{'a' * 16}", ""]


def test_rows_of_two_attachments_of_one_email_are_two_tables():
    """'part=2 sheet=Data' and 'part=3 sheet=Data': two attachments, so the same row in
    both is listed twice (a duplicate); rows within one PDF's pages are one table."""
    mail = "responses/kent/mail.eml"
    rows = pd.DataFrame(
        [
            _row("a" * 16, Locator(parts=(2,), sheet="Data", row=2), "Lost a notebook", source=mail),
            _row("b" * 16, Locator(parts=(3,), sheet="Data", row=2), "Lost a notebook", source=mail),
            _row("c" * 16, Locator(page=1, table=1, row=3), "Viewed a log", source="responses/kent/r.pdf"),
            _row("d" * 16, Locator(page=2, table=1, row=1), "Viewed a log", source="responses/kent/r.pdf"),
        ]
    )
    records, _ = clean_records(rows, dt.date(2011, 6, 1), dt.date(2015, 12, 31))
    assert list(records.exclusion) == ["", f"duplicate_of:{'a' * 16}", "", ""]


def test_outside_period_excluded_undated_and_unparsed_kept_and_flagged():
    rows = pd.DataFrame(
        [
            _row("a" * 16, Locator(line=1), "x", date="May 2011"),
            _row("b" * 16, Locator(line=2), "y", date=""),
            _row("c" * 16, Locator(line=3), "z", date="sometime in the spring"),
        ]
    )
    records, _ = clean_records(rows, dt.date(2011, 6, 1), dt.date(2015, 12, 31))
    assert list(records.exclusion) == ["outside_period", "", ""]
    assert list(records.date_unparsed) == [False, False, True]


def test_contract_violation_names_table_column_and_row():
    frame = pd.DataFrame(
        [
            {
                "force_id": "kent",
                "dimension": "total",
                "category": "total",
                "count": "7",
                "source_file": "responses/kent/x.txt",
                "source_locator": "line=3",
                "evidence": "Total = 7",
            },
            {
                "force_id": "kent",
                "dimension": "colour",
                "category": "red",
                "count": "2",
                "source_file": "responses/kent/x.txt",
                "source_locator": "line=4",
                "evidence": "Red = 2",
            },
        ]
    )
    with pytest.raises(ContractError, match=r"aggregates.csv: column 'dimension' row 3 has 'colour'"):
        check_table("aggregates.csv", frame)


@pytest.mark.parametrize(
    "written, repaired",
    [
        ("Officer  accessed\tPNC ", "Officer accessed PNC"),  # plain text: only spacing folded
        ("a\x1b[31mred\x1b[0m flag", "ared flag"),  # a terminal escape pasted from a system export
        ("NUL\x00byte", "NULbyte"),  # control characters never reach the report
        ("caf\u00c3\u00a9 staff", "caf\u00e9 staff"),  # mojibake is not plain ASCII: ftfy repairs it
    ],
)
def test_repair_text_treats_plain_and_troubled_text_alike(written, repaired):
    assert repair_text(written) == repaired


def test_contract_violation_reports_the_earliest_row_across_columns():
    good = {
        "force_id": "kent",
        "dimension": "total",
        "category": "total",
        "count": "7",
        "source_file": "responses/kent/x.txt",
        "source_locator": "line=3",
        "evidence": "Total = 7",
    }
    frame = pd.DataFrame([good, {**good, "count": "seven"}, {**good, "force_id": "Kent Police"}])
    with pytest.raises(ContractError, match=r"column 'count' row 3 has 'seven'"):
        check_table("aggregates.csv", frame)
    frame = pd.DataFrame([good, {**good, "count": "seven", "force_id": "Kent Police"}])
    with pytest.raises(ContractError, match=r"column 'force_id' row 3 has 'Kent Police'"):  # contract order in a row
        check_table("aggregates.csv", frame)


def test_an_edition_nobody_has_answered_yet_has_an_empty_ledger_with_its_columns():
    from policebreaches.clean import build_ledger
    from policebreaches.contracts import ROW_COLUMNS, check_table

    empty = pd.DataFrame(columns=ROW_COLUMNS)
    ledger = build_ledger(
        empty, empty.assign(exclusion=""), pd.DataFrame(columns=["source_file", "force_id", "status"])
    )
    assert ledger.empty and check_table("ledger.csv", ledger) is ledger
