"""Clearing the review queue: a coder's decisions go into raw/<edition>/overrides/coding.csv
(record_id, field, value, coder, reason, date), which the next build applies last.

Three ways in, one set of checks (`decision_problems`) and one writer (`append_decisions`):
- `make review`: the queue in the terminal, one record at a time;
- `make review-sheet`: an xlsx with a drop-down per decision, for coders who work offline;
- `make review-import FILE=...`: the filled sheet read back.
The edition's manifest is re-blessed after each write, so the next build accepts the file."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .cells import safe_cell
from .edition import write_manifest
from .problems import Problem, raise_if_any
from .ziptools import rewrite_reproducibly

CODING_FILE = "overrides/coding.csv"
CODING_COLUMNS = ["record_id", "field", "value", "coder", "reason", "date"]
DECIDED_FIELDS = ("breach_type", "outcome_group")  # what a review decides; pnc and role stay as the rules set them
SHOWN = ["record_id", "force_id", "description_raw", "category_raw", "outcome_raw", "role_raw"]
WHERE = ["source_file", "source_locator"]
WHY = ["needs_review", "breach_type", "outcome_group", "second_opinion", "doubt"]


@dataclass(frozen=True)
class Decision:
    record_id: str
    field: str
    value: str
    coder: str
    reason: str
    date: str


def queue(review: pd.DataFrame) -> pd.DataFrame:
    """The records still waiting: those no rule decided or the second opinion doubted,
    minus those a coder has settled already (their label rule is MANUAL)."""
    settled = review["breach_type_rule"].str.startswith("MANUAL") & review["outcome_rule"].str.startswith("MANUAL")
    return review[~settled].reset_index(drop=True)


def decision_problems(decisions: list[Decision], review: pd.DataFrame, codebook, where: str) -> list[Problem]:
    """Every reason not to write these decisions: a record not in the queue, a field a
    review does not decide, a value outside the codebook, no coder or no reason."""
    problems, known = [], set(review["record_id"])
    for number, d in enumerate(decisions, start=1):
        here = f"{where} decision {number} ({d.record_id})"
        if d.record_id not in known:
            problems.append(Problem(here, "not a record of this review queue", "review the current build's queue"))
        if d.field not in DECIDED_FIELDS:
            problems.append(Problem(here, f"field {d.field!r} is not decided by review", f"use {DECIDED_FIELDS}"))
        elif d.value not in codebook.categories(d.field):
            problems.append(
                Problem(here, f"{d.value!r} is not a {d.field}", f"use one of {codebook.categories(d.field)}")
            )
        if not d.coder.strip() or not d.reason.strip():
            problems.append(Problem(here, "a decision needs its coder and its reason", "fill both in"))
    return problems


def append_decisions(edition_dir: Path, decisions: list[Decision]) -> Path:
    """Add the decisions to overrides/coding.csv (a later line for the same record and
    field wins, as the build applies them in order) and re-bless the edition."""
    path = edition_dir / CODING_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    header = next(csv.reader(io.StringIO(existing)), None) if existing else None
    columns = header or CODING_COLUMNS
    with open(path, "a" if existing else "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        if not existing:
            writer.writeheader()
        for d in decisions:
            writer.writerow({key: safe_cell(value) for key, value in d.__dict__.items()})
    write_manifest(edition_dir)
    return path


# -- the sheet ------------------------------------------------------------------------------


def write_review_sheet(review: pd.DataFrame, codebook, out: Path, published: dt.date) -> int:
    """review-sheet.xlsx: one row per waiting record (text, raw cells, where it came from,
    why it waits), a drop-down per field to decide, coder and reason; a sheet with every
    group's one-line definition. Returns the number of records."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    waiting = queue(review)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "review"
    decide = [f"decide {field}" for field in DECIDED_FIELDS]
    header = [*SHOWN, *WHERE, *WHY, *decide, "coder", "reason"]
    sheet.append(["INTERNAL WORKING DATA: unredacted text, do not publish. Fill the decide/coder/reason cells."])
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in waiting[[*SHOWN, *WHERE, *WHY]].itertuples(index=False):
        sheet.append([safe_cell(v) for v in row] + [""] * (len(decide) + 2))
    lists = book.create_sheet("groups")
    lists.append(["field", "group", "definition"])
    for field in DECIDED_FIELDS:
        for group in codebook.categories(field):
            lists.append([field, group, codebook.groups[field][group].get("definition", "")])
    for column, field in enumerate(DECIDED_FIELDS, start=len(SHOWN) + len(WHERE) + len(WHY) + 1):
        letter = openpyxl.utils.get_column_letter(column)
        choices = ",".join(codebook.categories(field))
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.add(f"{letter}3:{letter}{max(3, sheet.max_row)}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "B3"
    stamp = dt.datetime.combine(published, dt.time())
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    rewrite_reproducibly(buffer.getvalue(), out, f"{published.isoformat()}T00:00:00Z")
    return len(waiting)


def read_review_sheet(path: Path, today: dt.date) -> list[Decision]:
    """The decisions filled into a review sheet (rows with no decision are skipped)."""
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True, data_only=True)["review"]
    rows = sheet.iter_rows(min_row=2, values_only=True)
    header = [str(c or "") for c in next(rows)]
    decisions = []
    for row in rows:
        cells = {name: ("" if value is None else str(value)).strip() for name, value in zip(header, row)}
        for field in DECIDED_FIELDS:
            if cells.get(f"decide {field}"):
                decisions.append(
                    Decision(
                        cells["record_id"],
                        field,
                        cells[f"decide {field}"],
                        cells.get("coder", ""),
                        cells.get("reason", ""),
                        today.isoformat(),
                    )
                )
    return decisions


def import_review_sheet(path: Path, review: pd.DataFrame, codebook, edition_dir: Path, today: dt.date) -> int:
    """Check every decision of a filled sheet, then write them all (or none)."""
    decisions = read_review_sheet(path, today)
    raise_if_any(decision_problems(decisions, review, codebook, path.name), "review")
    if decisions:
        append_decisions(edition_dir, decisions)
    return len(decisions)


# -- the terminal ---------------------------------------------------------------------------


def walk_queue(review: pd.DataFrame, codebook, coder: str, today: dt.date, ask=input, say=print) -> list[Decision]:
    """The queue one record at a time: its text and raw cells, where it came from, why it
    waits, and each group with its definition; the coder answers with a group's number,
    's' to skip the record or 'q' to stop. Returns the decisions made."""
    decisions = []
    waiting = queue(review)
    for number, record in enumerate(waiting.to_dict("records"), start=1):
        say(f"\n[{number}/{len(waiting)}] record {record['record_id']} ({record['force_id']})")
        say(f"  {record['source_file']}  {record['source_locator']}")
        say(f"  description: {record['description_raw']}")
        say(f"  force's label: {record['category_raw'] or '-'}   outcome: {record['outcome_raw'] or '-'}")
        say(f"  why it waits: {record['needs_review'] or record['doubt']}")
        if record.get("second_opinion"):
            say(
                f"  second opinion (a model, raises doubts only): {record['second_opinion']}"
                f" (confidence {record.get('second_opinion_confidence') or '-'})"
            )
        for field in DECIDED_FIELDS:
            rule = record.get(f"{'outcome' if field == 'outcome_group' else field}_rule", "")
            say(f"  {field}: now {record[field] or '(undecided)'} by rule {rule or '-'}")
            groups = codebook.categories(field)
            for i, group in enumerate(groups, start=1):
                say(f"    {i}. {group}: {codebook.groups[field][group].get('definition', '')}")
            answer = ask(f"  {field} [1-{len(groups)}, Enter keeps it, s skips the record, q stops]: ").strip()
            if answer == "q":
                return decisions
            if answer == "s":
                break
            if answer.isdigit() and 1 <= int(answer) <= len(groups):
                reason = ask("  reason: ").strip()
                decisions.append(
                    Decision(record["record_id"], field, groups[int(answer) - 1], coder, reason, str(today))
                )
    return decisions
