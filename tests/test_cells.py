"""Spreadsheet-safe everywhere (OWASP CSV injection): every CSV the pipeline writes
neutralises formula-like text, and its own readers give the value back unchanged."""

import csv
import io
import re

import pandas as pd
import pytest

from policebreaches.cells import is_live, read_cell, safe_cell, safe_frame
from policebreaches.stages.extract import write_rows
from policebreaches.stages.io import read_csv, write_csv

HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "\tTAB",
    "\rCR",
    "=1+1",
    "-",
    "'=already quoted",
]
HARMLESS = ["-3", "+44", "1.5e3", "plain text", "", "O'Brien", "2,315 breaches", "a - b; c, d"]
# live only where a spreadsheet splits the cell on a separator (OWASP: the semicolon locales)
HIDDEN = [
    "theft of data;=cmd|' /C calc'!A0",
    "PNC check;@SUM(1+1)*cmd|' /C calc'!A0",
    'advice, =HYPERLINK("http://evil.example","x")',
    "advice,  +cmd|' /C calc'!A0",
    "words\t=1+1",
    "first line\n=1+1",
    "first line\r\n-2+3",
    "already;'=quoted once",
    "tab then tab\t\t=1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_text_is_neutralised_and_read_back(value):
    written = safe_cell(value)
    assert written[0] not in "=+-@\t\r" and read_cell(written) == value


@pytest.mark.parametrize("value", HIDDEN)
def test_a_formula_after_any_separator_is_neutralised_and_read_back(value):
    written = safe_cell(value)
    assert is_live(value) or value == "already;'=quoted once"
    assert not is_live(written) and read_cell(written) == value


@pytest.mark.parametrize("value", HARMLESS)
def test_numbers_and_plain_text_are_left_alone(value):
    assert safe_cell(value) == value and read_cell(value) == value


def test_every_writer_neutralises_and_every_reader_restores(tmp_path):
    """(A bare carriage return never reaches a CSV: the readers fold it into a line break,
    see test_a_lone_carriage_return_is_a_line_break.)"""
    hostile = [v for v in HOSTILE if "\r" not in v]
    frame = pd.DataFrame({"description_raw": hostile + HARMLESS, "n": range(len(hostile) + len(HARMLESS))})
    write_csv(frame, tmp_path / "io.csv")
    write_rows(tmp_path / "rows.csv", ["description_raw"], [{"description_raw": v} for v in hostile + HARMLESS])
    for name in ("io.csv", "rows.csv"):
        raw = pd.read_csv(tmp_path / name, dtype=str, keep_default_na=False)  # what a spreadsheet would get
        assert raw["description_raw"][: len(hostile)].str.startswith("'").all()
        assert raw["description_raw"][len(hostile) :].tolist() == HARMLESS
        assert read_csv(tmp_path / name)["description_raw"].tolist() == hostile + HARMLESS


SPLITS = (",", ";", "\t")


def spreadsheet_cells(path, separator: str) -> list[str]:
    """Every cell a spreadsheet would make of a CSV split on `separator`: once honouring its
    quotes, once naively (a split that ignores them), each cell as it would be evaluated
    (leading spaces and an opening quote off)."""
    text = path.read_text(encoding="utf-8")
    quoted = [cell for row in csv.reader(io.StringIO(text), delimiter=separator) for cell in row]
    naive = [cell for line in re.split(r"\r\n|\n|\r", text) for cell in line.split(separator)]
    return [cell.lstrip(' "') for cell in quoted + naive]


def live_cells(cells) -> list[str]:
    """Cells a spreadsheet would run: a formula prefix, unless the whole cell is a number
    (with a decimal point or, in the semicolon locales, a decimal comma: a ';' split reads
    the row `-3,16` as the number -3.16)."""
    number = r"[+-]?(\d+([.,]\d*)?|\.\d+)([eE][+-]?\d+)?"
    return [c for c in cells if c and c[0] in "=+-@\t\r" and not re.fullmatch(number, c)]


def test_every_writer_is_safe_under_comma_semicolon_and_tab_splits(tmp_path):
    """write_csv (records, review, clean, tables' frames), write_rows (extract/), the coding
    decisions (overrides/coding.csv), the report tables and the figures' data: each file split
    the way a spreadsheet of any locale splits it has no live cell, and reads back unchanged."""
    import datetime as dt

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import openpyxl

    from policebreaches.figures import _save
    from policebreaches.personal_data import PersonalData
    from policebreaches.review import Decision, append_decisions
    from policebreaches.tables import write_tables

    values = HOSTILE[:-1] + HIDDEN + HARMLESS
    values = [v.replace("\r\n", "\n") for v in values if not v.startswith("\r")]  # readers fold CRs (see below)
    frame = pd.DataFrame({"description_raw": values, "n": range(len(values))})
    write_csv(frame, tmp_path / "io.csv")
    write_rows(tmp_path / "rows.csv", ["description_raw"], [{"description_raw": v} for v in values])
    edition = tmp_path / "edition"
    edition.mkdir()
    append_decisions(edition, [Decision("r1", "breach_type", "other", "AB", v, "2016-01-01") for v in values])
    outs = {"t": tmp_path / "tables" / "t.csv", "xlsx": tmp_path / "tables" / "t.xlsx"}
    write_tables({"t": frame}, outs, [{"item": v, "value": v} for v in values], "\n".join(values), dt.date(2016, 7, 1))
    figure, _ = plt.subplots()
    _save(figure, frame, "f", tmp_path, "test", PersonalData([]))
    files = [
        tmp_path / "io.csv",
        tmp_path / "rows.csv",
        edition / "overrides" / "coding.csv",
        outs["t"],
        tmp_path / "f.csv",
    ]
    for path in files:
        for separator in SPLITS:
            assert not live_cells(spreadsheet_cells(path, separator)), (path.name, separator)
    for path in (tmp_path / "io.csv", tmp_path / "rows.csv", outs["t"], tmp_path / "f.csv"):
        assert read_csv(path)["description_raw"].tolist() == values, path.name
    assert read_csv(edition / "overrides" / "coding.csv")["reason"].tolist() == values
    book = openpyxl.load_workbook(outs["xlsx"])
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert cells and not [c.value for c in cells if c.data_type == "f" or is_live(c.value)]


def test_a_lone_carriage_return_is_a_line_break():
    from policebreaches.readers import cell_text

    assert cell_text("first\rsecond\r\nthird") == "first\nsecond\nthird"


def test_safe_frame_leaves_numbers_and_other_types(tmp_path):
    frame = pd.DataFrame({"a": [1, -2], "b": [-1.5, 2.0], "c": ["-x", "y"]})
    out = safe_frame(frame)
    assert out["a"].tolist() == [1, -2] and out["b"].tolist() == [-1.5, 2.0] and out["c"].tolist() == ["'-x", "y"]


def test_data_embedded_in_the_audit_page_cannot_end_or_escape_its_script():
    import json

    from policebreaches.audit import embed_json

    hostile = ["<!--<script", "</script><script>alert(1)</script>", "a < b"]
    embedded = embed_json({"records": hostile})
    assert "<" not in embedded and json.loads(embedded) == {"records": hostile}
