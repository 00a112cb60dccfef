"""Rules clean_records and check_ledger: dates and roles normalised, exclusions marked,
and the conservation ledger (rows read = kept + excluded + non-data rows, per file)."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from ..clean import build_ledger, clean_records
from ..contracts import ROW_COLUMNS, STATUS_COLUMNS, check_table
from ..edition import read_checked_edition
from ..problems import InputError
from .io import read_csv, read_csvs, read_problems, write_csv, write_problems

log = logging.getLogger("policebreaches")


def run(
    edition: Path,
    rows: list[Path],
    status: list[Path],
    problems: list[Path],
    allow_problems: bool,
    records_out: Path,
    ledger_out: Path,
    repairs_out: Path,
    problems_out: Path,
) -> None:
    found = read_problems(problems)
    write_problems(found, problems_out)  # with allow_problems, the methodology lists these
    if found and not allow_problems:
        raise InputError(found, "extraction")
    checked = read_checked_edition(edition)
    extracted, statuses = read_csvs(rows, ROW_COLUMNS), read_csvs(status, STATUS_COLUMNS)
    records, repairs = clean_records(extracted, checked.period_start, checked.period_end)
    ledger = build_ledger(extracted, records, statuses)
    write_csv(check_table("clean/records.csv", records), records_out)
    write_csv(check_table("ledger.csv", ledger), ledger_out)
    write_csv(pd.DataFrame(repairs, columns=["record_id", "field", "before", "after"]), repairs_out)
    for r in repairs:
        log.info("text repaired in %s %s: %r -> %r", r["record_id"], r["field"], r["before"], r["after"])


def check_ledger(ledger: Path, ok_out: Path) -> None:
    """Fail the build when any file's rows in != rows out."""
    table = read_csv(ledger)
    unbalanced = table[table["balanced"] != "True"]
    if len(unbalanced):
        raise AssertionError(
            "the conservation ledger does not balance for: "
            + ", ".join(f"{r.source_file} (read {r.rows_read}, kept {r.records_kept})" for r in unbalanced.itertuples())
        )
    ok_out.write_text(f"{len(table)} files balance\n", encoding="utf-8")
