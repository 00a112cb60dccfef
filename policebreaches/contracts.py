"""Data contracts between stages: each table's columns and what their values may be.
Every stage checks its output here before writing; docs/data_contracts.md is generated
from these definitions (`python -m policebreaches.contracts`)."""

from __future__ import annotations

import re
import sys

ANY, NONEMPTY = r"(?s).*", r"(?s).+"
HEX16, SHA256 = r"[0-9a-f]{16}", r"[0-9a-f]{64}"
ISO_DATE_OR_BLANK = r"(\d{4}-\d{2}-\d{2})?"
FORCE = r"[a-z0-9-]+"
BOOL = r"True|False"
COUNT = r"\d+"
CATEGORY = r"[a-z_]+"  # a codebook category; which ones, the codebook says (classify checks its own values)

CONTRACTS: dict[str, dict[str, tuple[str, str]]] = {
    "extract/<force>.rows.csv": {
        "record_id": (HEX16, "sha256(file checksum : locator), first 16 hex digits"),
        "force_id": (FORCE, "force from the register"),
        "source_file": (r"responses/.+", "path relative to the edition folder"),
        "source_sha256": (SHA256, "checksum of the source file"),
        "source_locator": (
            NONEMPTY,
            "sheet=S row=R | page=P table=T row=R | line=L | transcribed line=F:L (attachments: part=N first)",
        ),
        "layout": (
            r"incident_table|headerless_two_column|counts_table|counts_by_period|counts_lines|flattened_table|"
            r"transcribed|"
            r"unrecognised_table|ignored|unread",
            "named layout that read the row",
        ),
        "row_kind": (
            r"data|header|title|blank|total|note|count|not_a_count|unrecognised|unread",
            "what the row is (not_a_count: a figure that is a reference, a date or counts nothing named; "
            "its last cell says why)",
        ),
        "date_raw": (ANY, "cell as read"),
        "role_raw": (ANY, "cell as read"),
        "category_raw": (ANY, "cell as read"),
        "description_raw": (ANY, "cell as read"),
        "outcome_raw": (ANY, "cell as read"),
        "cells": (r"\[.*\]", "all cells of the row as read (JSON list)"),
        "source_part": (r"(\d+(\.\d+)*)?", "e-mail part of an attachment, outermost first ('3.2'); else blank"),
        "source_sheet": (ANY, "sheet name as written (any characters); blank outside workbooks"),
        "source_page": (ANY, "page of a PDF (or of a transcribed letter); blank elsewhere"),
        "source_table": (ANY, "table number within its document or page, 'transcribed', or blank"),
        "source_row": (r"\d*", "row of the table, or line of a CSV or text file"),
        "source_member": (ANY, "path of the file inside a zip archive, outermost first ('a.zip/b.xlsx'); else blank"),
    },
    "extract/<force>.counts.csv": {
        "force_id": (FORCE, ""),
        "source_file": (r"responses/.+", ""),
        "source_sha256": (SHA256, ""),
        "source_locator": (NONEMPTY, ""),
        "layout": (r"counts_table|counts_by_period|counts_lines", ""),
        "label": (NONEMPTY, "the category as the force wrote it"),
        "count": (COUNT, "the number given"),
        "is_total": (BOOL, "the label says Total"),
        "evidence": (NONEMPTY, "the line or row the figure was read from, as written"),
        "period": (
            ANY,
            "the period a figure of a count table by period stands for, as written ('2013', '2013/14'); "
            "blank: the answer's own period",
        ),
    },
    "clean/records.csv": {
        "record_id": (HEX16, ""),
        "force_id": (FORCE, ""),
        "source_file": (r"responses/.+", ""),
        "source_sha256": (SHA256, ""),
        "source_locator": (NONEMPTY, ""),
        "date_start": (ISO_DATE_OR_BLANK, "first day the date can mean"),
        "date_end": (ISO_DATE_OR_BLANK, "last day the date can mean"),
        "date_precision": (r"day|month|year|range|financial_year|none", ""),
        "date_unparsed": (BOOL, "a date was written but could not be read (flagged, kept)"),
        "period_position": (r"inside|outside|straddles|undated", ""),
        "role": (CATEGORY, "normalised role (codebook.yaml, groups: role)"),
        "exclusion": (r"|outside_period|duplicate_of:[0-9a-f]{16}", "blank when kept"),
    },
    "records.csv": {
        "record_id": (HEX16, ""),
        "force_id": (FORCE, ""),
        "source_file": (r"responses/.+", ""),
        "source_sha256": (SHA256, ""),
        "source_locator": (NONEMPTY, ""),
        "breach_type": (f"({CATEGORY})?", "codebook category; blank: needs review"),
        "breach_type_rule": (r"|BT-[A-Z]\d\d|MANUAL:.+", "codebook rule id"),
        "pnc": (BOOL, "Police National Computer involved"),
        "outcome_group": (f"({CATEGORY})?", "codebook category; blank: needs review"),
        "outcome_rule": (r"|OC-\d\d(@description)?|MANUAL:.+", "codebook rule id"),
        "role": (CATEGORY, "codebook category"),
        "needs_review": (r"|breach_type|outcome_group|breach_type;outcome_group", "fields no rule decided"),
        "second_opinion": (f"({CATEGORY})?", "breach type the statistical second opinion prefers"),
        "doubt": (
            r"|second opinion: [a-z_]+ \(\d\.\d\d\)",
            "the second opinion disagreed and the decision policy withheld the breach type",
        ),
        "codebook_breach_type": (f"({CATEGORY})?", "the rules' breach type, also when the policy withheld it"),
        "breach_type_basis": (
            r"|description|force_label|unstated",
            "what decided: the description, the force's label (description silent), nature not stated",
        ),
        "breach_type_rivals": (r"|[a-z_]+(;[a-z_]+)*", "other types whose description rules fired too"),
        "breach_type_negation": (r"|NEG(-\d\d)?(;NEG(-\d\d)?)*", "neutralisers (negation, 'not proven') applied"),
        "decision_policy": (r"DP-\d\d|MANUAL", "the codebook decision_policy row that applied"),
        "exclusion": (r"", "always blank: excluded records are in clean/exclusions.csv"),
    },
    "aggregates.csv": {
        "force_id": (FORCE, ""),
        "dimension": (
            r"total|breach_type|outcome_group|pnc|role|year|not_counted",
            "role, year: where a response gave them",
        ),
        "category": (NONEMPTY, "codebook category, 'total', or why not counted"),
        "count": (COUNT, ""),
        "source_file": (r"responses/.+", ""),
        "source_locator": (NONEMPTY, "line/row, or 'remainder ...'"),
        "evidence": (ANY, "the line(s) or row(s) the count was read from, as written; blank for a remainder"),
    },
    "ledger.csv": {
        "source_file": (r"responses/.+", ""),
        "force_id": (FORCE, ""),
        "rows_read": (COUNT, ""),
        "records_kept": (COUNT, ""),
        "excluded_outside_period": (COUNT, ""),
        "excluded_duplicate": (COUNT, ""),
        "balanced": (BOOL, "rows_read = kept + excluded + non-data rows"),
    },
}


# the columns of the extraction's outputs, in file order (the stages that read them import these)
ROW_COLUMNS = list(CONTRACTS["extract/<force>.rows.csv"])
COUNT_COLUMNS = list(CONTRACTS["extract/<force>.counts.csv"])
STATUS_COLUMNS = ["source_file", "force_id", "status"]
PROBLEM_COLUMNS = ["file", "what", "fix"]


class ContractError(AssertionError):
    pass


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _compiled(name: str, columns: list[str]) -> dict:
    contract = CONTRACTS[name]
    missing = [c for c in contract if c not in columns]
    if missing:
        raise ContractError(f"{name}: missing column(s) {missing}")
    return {column: re.compile(pattern) for column, (pattern, _) in contract.items()}


def _violation(name: str, column: str, number: int, value) -> ContractError:
    return ContractError(
        f"{name}: column {column!r} row {number} has {_text(value)!r}, "
        f"which does not match {CONTRACTS[name][column][0]!r}"
    )


def check_rows(name: str, columns: list[str], rows: list[dict]) -> list[dict]:
    """Fail loudly, naming the table, column and first offending row (plain rows: no pandas)."""
    compiled = _compiled(name, columns)
    for number, row in enumerate(rows, start=2):
        for column, pattern in compiled.items():
            if not pattern.fullmatch(_text(row[column])):
                raise _violation(name, column, number, row[column])
    return rows


def check_table(name: str, frame):
    """The same check on a pandas DataFrame (each distinct value tested once); returns the frame."""
    compiled = _compiled(name, list(frame.columns))
    first_bad = []  # (row number, column order, column, value) of each column's first offending row
    for order, (column, pattern) in enumerate(compiled.items()):
        values = frame[column].tolist()
        bad = {_text(v) for v in set(values) if not pattern.fullmatch(_text(v))}
        if bad:
            position = next(i for i, v in enumerate(values) if _text(v) in bad)
            first_bad.append((position + 2, order, column, values[position]))
    if first_bad:
        number, _, column, value = min(first_bad)
        raise _violation(name, column, number, value)
    return frame


def contracts_markdown() -> str:
    lines = [
        "# Data contracts",
        "",
        "Generated from `policebreaches/contracts.py`; every stage checks its output "
        "against these before writing. Columns not listed are free.",
        "",
    ]
    for name, contract in CONTRACTS.items():
        lines += [
            f"## `results/<edition>/{name}`",
            "",
            "| column | values (regular expression) | meaning |",
            "|---|---|---|",
        ]
        lines += [f"| {c} | `{p.replace('|', chr(92) + '|')}` | {m} |" for c, (p, m) in contract.items()]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(contracts_markdown())
