"""Report tables built from numbers.json (never recomputed): each cell is a number
key, so a table and the text that quotes it cannot disagree."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd

from .classify import BREACH_TYPES, OUTCOME_SEVERITY
from .forces import force_name
from .statistics import OUTCOME_WORDS, TYPE_WORDS, top_forces
from .ziptools import rewrite_reproducibly

STATUS_WORDS = {
    "disclosed": "Disclosed",
    "partial": "Partial answer",
    "refused": "Refused",
    "nil_return": "No information held",
    "no_response": "No response",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A text cell starting = + - @ would run as a formula in Excel: prefix a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def table1(numbers: dict) -> list[dict]:
    rows = [
        {"group": "Type", "label": TYPE_WORDS[t].split(" (")[0].capitalize(), "key": f"breaches.type.{t}"}
        for t in BREACH_TYPES
    ]
    rows += [
        {"group": "Outcome", "label": OUTCOME_WORDS[o].capitalize(), "key": f"outcomes.{o}"} for o in OUTCOME_SEVERITY
    ]
    rows.append({"group": "", "label": "Involving the Police National Computer", "key": "breaches.pnc"})
    return [{**r, "value": numbers[r["key"]]["value"], "share_key": f"{r['key']}.share"} for r in rows]


def top_ten(numbers: dict, register: list[dict]) -> list[dict]:
    return [
        {
            "rank": i,
            "force_id": f,
            "force": force_name(f),
            "key": f"forces.{f}.total",
            "value": numbers[f"forces.{f}.total"]["value"],
            **{o: numbers[f"forces.{f}.outcome.{o}"]["value"] for o in OUTCOME_SEVERITY},
        }
        for i, f in enumerate(top_forces(numbers, register), start=1)
    ]


def force_breakdown(numbers: dict, register: list[dict]) -> list[dict]:
    rows = []
    for r in sorted(register, key=lambda r: force_name(r["force_id"])):
        f = r["force_id"]
        has_data = r["status"] in ("disclosed", "partial")
        rows.append(
            {
                "force_id": f,
                "force": force_name(f),
                "status": STATUS_WORDS[r["status"]],
                "exemption": r["exemption"],
                "has_data": has_data,
                "value": numbers[f"forces.{f}.total"]["value"] if has_data else "",
                **{t: numbers[f"forces.{f}.type.{t}"]["value"] if has_data else "" for t in BREACH_TYPES},
                **{o: numbers[f"forces.{f}.outcome.{o}"]["value"] if has_data else "" for o in OUTCOME_SEVERITY},
            }
        )
    return rows


def write_tables(numbers: dict, register: list[dict], folder: Path, provenance: list[dict], readme: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    frames = {
        "table1": pd.DataFrame(table1(numbers)).drop(columns=["share_key"]),
        "top_ten": pd.DataFrame(top_ten(numbers, register)),
        "force_breakdown": pd.DataFrame(force_breakdown(numbers, register)),
    }
    for name, frame in frames.items():
        frame.map(neutralise_formula).to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    write_xlsx(frames, folder / "report_tables.xlsx", provenance, readme)


def write_xlsx(frames: dict[str, pd.DataFrame], path: Path, provenance: list[dict], readme: str) -> None:
    """Values only, styled header, README and provenance sheets; fixed timestamps so
    the bytes depend on content only."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "README"
    for line in readme.splitlines():
        ws.append([neutralise_formula(line)])
    ws.column_dimensions["A"].width = 110
    for name, frame in frames.items():
        sheet = wb.create_sheet(name[:31])
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append([neutralise_formula(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1F3A5F")
        sheet.freeze_panes = "A2"
        for col in sheet.columns:
            sheet.column_dimensions[col[0].column_letter].width = min(
                60, max(10, *(len(str(c.value or "")) for c in col))
            )
    prov = wb.create_sheet("provenance")
    prov.append(["item", "value"])
    for item in provenance:
        prov.append([neutralise_formula(item["item"]), neutralise_formula(item["value"])])
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    wb.properties.creator = "policebreaches"
    buffer = io.BytesIO()
    wb.save(buffer)
    rewrite_reproducibly(buffer.getvalue(), path)
