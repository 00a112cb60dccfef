"""Spreadsheet-safe everywhere (OWASP CSV injection): every CSV the pipeline writes
neutralises formula-like text, and its own readers give the value back unchanged."""

import pandas as pd
import pytest

from policebreaches.cells import read_cell, safe_cell, safe_frame
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
HARMLESS = ["-3", "+44", "1.5e3", "plain text", "", "O'Brien", "2,315 breaches"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_text_is_neutralised_and_read_back(value):
    written = safe_cell(value)
    assert written[0] not in "=+-@\t\r" and read_cell(written) == value


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
