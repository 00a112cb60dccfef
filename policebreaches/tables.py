"""Report tables built from numbers.json (never recomputed): each cell is a number
key, so a table and the text that quotes it cannot disagree."""

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import re
from pathlib import Path

import pandas as pd

from .cells import safe_cell, safe_frame
from .classify import FINDINGS_OF
from .edition import DATA_STATUSES, STATUS_WORDS
from .statistics import top_forces
from .ziptools import rewrite_reproducibly


def names_of(register: list[dict]) -> dict[str, str]:
    """force_id -> official name, as the input check resolved them."""
    return {r["force_id"]: r["name"] for r in register}


def table1(numbers: dict, codebook) -> list[dict]:
    rows = [
        {"group": "Type", "label": codebook.plain_label("breach_type", t).capitalize(), "key": f"breaches.type.{t}"}
        for t in codebook.categories("breach_type")
    ]
    for o in codebook.categories("outcome_group"):
        rows.append(
            {"group": "Outcome", "label": codebook.label("outcome_group", o).capitalize(), "key": f"outcomes.{o}"}
        )
        if o == FINDINGS_OF:  # what 'no formal action' followed, said apart (they add up to it)
            rows += [
                {"group": "Outcome", "label": codebook.finding_label(f), "key": f"outcomes.{o}.{f}", "within": True}
                for f in codebook.findings()
            ]
    rows.append({"group": "", "label": "Involving the Police National Computer", "key": "breaches.pnc"})
    return [
        {
            "within": False,
            **r,
            "value": numbers[r["key"]]["value"],
            "share_key": f"{r['key']}.share",
            "known_key": f"{r['key']}.share_of_known",
        }
        for r in rows
    ]


def drawn_roles(numbers: dict, codebook, not_asked: list[str]) -> list[str]:
    """The roles a table or chart shows: a role the request did not ask about
    (report_spec.yaml figures.roles.not_asked) only where some force gave it; a bar of 0
    for a group nobody was asked about says nothing."""
    return [r for r in codebook.categories("role") if r not in not_asked or numbers[f"roles.{r}"]["value"]]


def top_ten(numbers: dict, register: list[dict], codebook) -> list[dict]:
    names = names_of(register)
    return [
        {
            "rank": i,
            "force_id": f,
            "force": names[f],
            "key": f"forces.{f}.total",
            "value": numbers[f"forces.{f}.total"]["value"],
            **{o: numbers[f"forces.{f}.outcome.{o}"]["value"] for o in codebook.categories("outcome_group")},
        }
        for i, f in enumerate(top_forces(numbers, register), start=1)
    ]


def top_by_rate(numbers: dict, register: list[dict], n: int = 10) -> list[dict]:
    """The bodies with the highest breaches a year per 1,000 workforce (rated bodies only)."""
    rated = [r for r in register if f"forces.{r['force_id']}.rate_per_1000" in numbers]
    ranked = sorted(rated, key=lambda r: (-numbers[f"forces.{r['force_id']}.rate_per_1000"]["value"], r["name"]))
    return [
        {
            "rank": i,
            "force_id": r["force_id"],
            "force": r["name"],
            "key": f"forces.{r['force_id']}.rate_per_1000",
            "partial": r["status"] == "partial",  # rated: its stated period is the whole period
        }
        for i, r in enumerate(ranked[:n], start=1)
    ]


def force_breakdown(numbers: dict, register: list[dict], codebook) -> list[dict]:
    rows = []
    types, outcomes = codebook.categories("breach_type"), codebook.categories("outcome_group")
    for r in sorted(register, key=lambda r: r["name"]):
        f = r["force_id"]
        has_data = r["status"] in DATA_STATUSES
        rows.append(
            {
                "force_id": f,
                "force": r["name"],
                "status": numbers[f"forces.{f}.status"]["display"],  # "Not answered yet" before its deadline
                "exemption": r["exemption"],
                "responded": r["responded"],
                "working_days": numbers.get(f"forces.{f}.working_days", {}).get("value", ""),
                "answer_timeliness": numbers[f"forces.{f}.answer_timeliness"]["display"],
                "has_data": has_data,
                "value": numbers[f"forces.{f}.total"]["value"] if has_data else "",
                **{t: numbers[f"forces.{f}.type.{t}"]["value"] if has_data else "" for t in types},
                **{o: numbers[f"forces.{f}.outcome.{o}"]["value"] if has_data else "" for o in outcomes},
            }
        )
    return rows


def xlsx_totals(numbers: dict) -> dict[str, dict]:
    """The total rows the workbook adds under its tables, from numbers.json."""
    total = numbers["breaches.total"]
    return {"table1": {"label": "All breaches", "key": "breaches.total", "value": total["value"], "share": ""}}


def table_frames(numbers: dict, register: list[dict], codebook) -> dict[str, pd.DataFrame]:
    return {
        "table1": pd.DataFrame(
            [
                {
                    **{c: row[c] for c in ("group", "label", "key", "value")},
                    "share": (numbers[row["share_key"]]["display"] if row["share_key"] in numbers else ""),
                    "share_of_known": (numbers[row["known_key"]]["display"] if row["known_key"] in numbers else ""),
                }
                for row in table1(numbers, codebook)
            ]
        ),
        "top_ten": pd.DataFrame(top_ten(numbers, register, codebook)),
        "force_breakdown": pd.DataFrame(force_breakdown(numbers, register, codebook)),
        "top_ten_by_rate": pd.DataFrame(
            [{**row, "rate_per_1000": numbers[row["key"]]["value"]} for row in top_by_rate(numbers, register)],
            columns=["rank", "force_id", "force", "key", "rate_per_1000"],
        ),
    }


def write_tables(
    frames: dict[str, pd.DataFrame],
    outs: dict[str, Path],
    provenance: list[dict],
    readme: str,
    published: dt.date,
    mark: str = "",
    totals: dict[str, dict] | None = None,
) -> None:
    """Each table as CSV (outs[name]) and all of them in one workbook (outs["xlsx"]); a
    `mark` (the synthetic sample's) heads every data sheet of the workbook."""
    for name, frame in frames.items():
        outs[name].parent.mkdir(parents=True, exist_ok=True)
        safe_frame(frame).to_csv(outs[name], index=False, lineterminator="\n")
    write_xlsx(frames, outs["xlsx"], provenance, readme, published, mark, totals or {})


XLSX_HEADERS = {"value": "breaches", "key": "number (numbers.json key)", "group": "", "label": ""}


def write_xlsx(
    frames: dict[str, pd.DataFrame],
    path: Path,
    provenance: list[dict],
    readme: str,
    published: dt.date,
    mark: str,
    totals: dict[str, dict],
) -> None:
    """Values only, headers that say what they hold, total rows (`totals`: sheet -> row), README and
    provenance sheets; `mark` (the synthetic sample's) heads every data sheet. Dates are
    the edition's publication date, so the bytes depend on content only."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "README"
    for line in readme.splitlines():
        ws.append([safe_cell(line)])
    ws.column_dimensions["A"].width = 110
    for name, frame in frames.items():
        sheet = wb.create_sheet(name[:31])
        if mark:
            sheet.append([mark])
            sheet.cell(1, 1).font = Font(bold=True, color="9A3412")
        header_row = sheet.max_row + 1 if mark else 1
        sheet.append([XLSX_HEADERS.get(c, c) or c for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([safe_cell(v) for v in row])
        if name in totals:
            sheet.append([totals[name].get(c, "") for c in frame.columns])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for cell in sheet[header_row]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1F3A5F")
        sheet.freeze_panes = f"A{header_row + 1}"
        for col in sheet.iter_cols(min_row=header_row):
            sheet.column_dimensions[col[0].column_letter].width = min(
                60, max(10, *(len(str(c.value or "")) + 2 for c in col))
            )
    prov = wb.create_sheet("provenance")
    prov.append(["item", "value"])
    for item in provenance:
        prov.append([safe_cell(item["item"]), safe_cell(item["value"])])
    stamp = dt.datetime.combine(published, dt.time())
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "policebreaches"
    buffer = io.BytesIO()
    wb.save(buffer)
    rewrite_reproducibly(buffer.getvalue(), path, f"{published.isoformat()}T00:00:00Z")


MIN_SHARED = 4  # tokens (words, spaces, punctuation) in a phrase two definitions share


def common_definition(definitions: list[str], placeholder: str, elsewhere: str = "…") -> str:
    """One definition for numbers that differ only in what they are of (a row's category, a
    force): the words all the definitions share, the words that differ said once as
    `placeholder` (capitalised at the start) and any further differing run as `elsewhere`
    (a force's own figures inside its definition)."""
    distinct = list(dict.fromkeys(definitions))
    words = [re.findall(r"\w+|\W", d) for d in distinct]
    shared = [True] * len(words[0])
    for other in words[1:]:
        matcher = difflib.SequenceMatcher(None, words[0], other, autojunk=False)
        kept = {
            i
            for a, b, size in matcher.get_matching_blocks()
            # a shared phrase, not a word or comma the two happen to share ("or", "2,740" and "1,747"),
            # but always the shared start and end (a closing full stop)
            if size >= MIN_SHARED or a == b == 0 or (a + size, b + size) == (len(words[0]), len(other))
            for i in range(a, a + size)
        }
        shared = [was and i in kept for i, was in enumerate(shared)]
    out, runs = [], 0
    for i, word in enumerate(words[0]):
        if shared[i]:
            out.append(word)
        elif i == 0 or shared[i - 1]:  # a run of differing words starts: said once
            said = placeholder if runs == 0 else elsewhere
            out.append(said[0].upper() + said[1:] if i == 0 else said)
            runs += 1
    return "".join(out)


def family_rows(source: str, numbers: dict, codebook, roles: list[str]) -> list[tuple[str, str, bool]]:
    """(id, label, within) of a family's rows: Table 1's types or outcomes (an outcome's
    findings within it), the roles the report draws, or the register's statuses."""
    if source in ("breach_type", "outcome_group"):
        group = {"breach_type": "Type", "outcome_group": "Outcome"}[source]
        prefix = {"breach_type": "breaches.type.", "outcome_group": "outcomes."}[source]
        return [
            (r["key"].removeprefix(prefix), r["label"], r["within"])
            for r in table1(numbers, codebook)
            if r["group"] == group
        ]
    if source == "role":
        return [(r, codebook.label("role", r).capitalize(), False) for r in roles]
    if source == "status":
        rows = [(s, words, False) for s, words in STATUS_WORDS.items()]
        if numbers.get("requests.status.not_due", {}).get("value"):  # a body before its deadline has not failed
            rows = [r for r in rows if r[0] != "no_response"] + [
                ("no_response.overdue", "No response (20 working days run out)", False),
                ("not_due", "Not answered yet (20 working days not run out)", False),
            ]
        return rows
    raise ValueError(
        f"report_spec.yaml: a family's rows are breach_type, outcome_group, role or status, not {source!r}"
    )


def appendix_families(families: list[dict], numbers: dict, codebook, roles: list[str]) -> list[dict]:
    """Appendix 3's tables of the national numbers that come in families (report_spec.yaml
    tables.families): a row per category, a column per kind of number, each kind defined
    once. A column `for_each: outcome_group` repeats per outcome group ({column} in its key).
    """
    tables = []
    for family in families:
        rows = family_rows(family["rows"], numbers, codebook, roles)
        columns = []
        for column in family["columns"]:
            each = codebook.categories(column["for_each"]) if "for_each" in column else [None]
            for c in each:
                name = column["name"] if c is None else codebook.short(column["for_each"], c)
                keys = [column["key"].format(id=r, column=c) for r, _, _ in rows]
                present = [k if k in numbers else None for k in keys]
                definitions = [numbers[k]["definition"] for k in present if k]
                if definitions:
                    columns.append(
                        {
                            "name": name,
                            "keys": present,
                            "definition": common_definition(definitions, f"the row's {family['noun']}"),
                        }
                    )
        tables.append(
            {
                "id": family["id"],
                "caption": family["caption"],
                "columns": columns,
                "rows": [
                    {"label": label, "within": within, "cells": [col["keys"][i] for col in columns]}
                    for i, (_, label, within) in enumerate(rows)
                ],
            }
        )
    return tables


def measure_tables(keys: list[str], numbers: dict) -> tuple[list[dict], list[dict]]:
    """The codebook's measures (corpus.*, accuracy.*) as Appendix 3 gives them: names that
    share all but their last part and the same last parts (a test set's right, review and
    wrong for each field) are one table, a row per name and a column per last part, each
    column defined once; the rest are single rows of name, value and definition."""
    rows: dict[str, dict[str, str]] = {}
    for key in keys:
        row, column = key.rsplit(".", 1)
        rows.setdefault(row, {})[column] = key
    groups: dict[tuple, list[str]] = {}  # rows of one kind: the same source, depth and columns
    for row, cells in rows.items():
        groups.setdefault((row.split(".")[0], row.count("."), *cells), []).append(row)
    tables, singles = [], []
    for (_, _, *columns), members in groups.items():
        if len(columns) == 1 and len(members) == 1:
            key = rows[members[0]][columns[0]]
            singles.append({"key": key, "what": words_of(key), **numbers[key]})
            continue
        definitions = [
            common_definition([numbers[rows[m][c]]["definition"] for m in members], "[the row]") for c in columns
        ]
        about, definitions = shared_opening(definitions)
        tables.append(
            {
                "about": about,
                "columns": [
                    {"name": column.replace("_", " "), "definition": definition}
                    for column, definition in zip(columns, definitions)
                ],
                "rows": [{"label": words_of(m), "cells": [rows[m][c] for c in columns]} for m in members],
            }
        )
    return tables, singles


def shared_opening(definitions: list[str]) -> tuple[str, list[str]]:
    """(the opening every definition shares up to its ': ', each definition without it): what
    all columns of a table measure is said once above them, not once a column."""
    shared = os.path.commonprefix(definitions) if len(definitions) > 1 else ""
    cut = shared.rfind(": ") + 2 if ": " in shared else 0
    if not cut:
        return "", definitions
    return shared[: cut - 2], [d[cut:][:1].upper() + d[cut:][1:] for d in definitions]


def words_of(key: str) -> str:
    """A measure's name in words: its parts after the first, joined by a dot."""
    return " · ".join(part.replace("_", " ") for part in key.split(".")[1:])
