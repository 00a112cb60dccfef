"""Expansion limits checked before a parser allocates (issue 24, item 6): small files that
declare or hold far more than their size, built by bench/expansion.py (which measures
time and memory; no test here is timed). Each breach is a problem naming the file, the
place and the limit; an empty cell far out is no breach and costs nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from policebreaches.expansion import DEFAULT_LIMITS

from editions import LIMITS, data_rows, extract, make_edition

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import expansion as files  # noqa: E402  (bench/expansion.py: the files it measures)

KENT = {"force": "Kent", "status": "disclosed"}


def extracted(tmp_path, name: str, content: bytes, limits: dict | None = None):
    root = make_edition(tmp_path / "ed", [{**KENT, "files": f"kent/{name}"}], {f"kent/{name}": content})
    return extract(root, "kent", {**LIMITS, "max_file_mb": 5, "max_unpacked_mb": 200, **(limits or {})})


def only_problem(problems) -> tuple[str, str, str]:
    assert len(problems) == 1, problems
    return problems[0].file, problems[0].what, problems[0].fix


def test_the_issues_docx_a_cell_spanning_millions_of_columns_is_a_problem(tmp_path):
    _, _, statuses, problems = extracted(tmp_path, "r.docx", files.docx_wide_span(tmp_path, 4_000_000))
    file, what, fix = only_problem(problems)
    assert file == "responses/kent/r.docx"
    assert what == "table=1: a row spans (w:gridSpan) 4,000,000 columns, over max_columns=1,000: not read"
    assert "raise max_columns" in fix and statuses[0]["status"] == "unreadable"


def test_the_issues_xlsx_an_empty_string_in_the_last_cell_of_row_3000_costs_nothing(tmp_path):
    plain, _, _, _ = extracted(tmp_path / "plain", "r.xlsx", files.xlsx(tmp_path))
    rows, _, _, problems = extracted(tmp_path / "far", "r.xlsx", files.xlsx_empty_string_far(tmp_path))
    assert problems == []
    assert [r["cells"] for r in data_rows(rows)] == [r["cells"] for r in data_rows(plain)]
    assert len(data_rows(rows)) == 20 and max(len(r["cells"]) for r in rows) < 200  # 4 cells, not 16,384


def test_a_declared_dimension_is_never_trusted(tmp_path):
    rows, _, _, problems = extracted(tmp_path, "r.xlsx", files.xlsx_declaring(tmp_path, "A1:XFD1048576"))
    assert problems == [] and len(data_rows(rows)) == 20


def test_a_merged_range_beyond_the_values_adds_no_row(tmp_path):
    rows, _, _, problems = extracted(tmp_path, "r.xlsx", files.xlsx_merged(tmp_path, "A25:XFD1048576"))
    assert problems == [] and len(data_rows(rows)) == 20 and len(rows) == 21  # the header and 20 incidents


def test_a_value_in_the_last_column_is_a_problem_naming_the_sheet(tmp_path):
    _, _, _, problems = extracted(tmp_path, "r.xlsx", files.xlsx(tmp_path, far=(3000, 16384), far_value="x"))
    assert only_problem(problems)[1] == "sheet=Data spans 16,384 columns, over max_columns=1,000: not read"


def test_a_sheet_over_the_cell_limit_is_a_problem(tmp_path):
    _, _, _, problems = extracted(tmp_path, "r.xlsx", files.xlsx(tmp_path), {"max_table_cells": 50})
    assert only_problem(problems)[1] == (
        "sheet=Data spans 21 rows x 4 columns = 84 cells, over max_table_cells=50: not read"
    )


def test_an_xls_value_in_its_last_cell_is_a_problem(tmp_path):
    _, _, _, problems = extracted(tmp_path, "r.xls", files.xls_far_value(), {"max_rows": 250_000})
    assert only_problem(problems)[1] == (
        "sheet=Data spans 65,536 rows x 256 columns = 16,777,216 cells, over max_table_cells=2,500,000: not read"
    )


def test_an_ods_cell_repeated_across_16000_columns_is_a_problem(tmp_path):
    _, _, _, problems = extracted(tmp_path, "r.ods", files.ods_far_value(tmp_path))
    assert only_problem(problems)[1] == "sheet=Data spans 16,000 columns, over max_columns=1,000: not read"


def test_a_word_grid_of_200000_columns_is_a_problem(tmp_path):
    _, _, _, problems = extracted(tmp_path, "r.docx", files.docx_many_grid_columns(tmp_path, 200_000))
    assert only_problem(problems)[1] == (
        "table=1: its grid (w:gridCol) has 1,001 columns, over max_columns=1,000: not read"
    )


def test_a_word_table_over_the_cell_limit_is_a_problem(tmp_path):
    _, _, _, problems = extracted(tmp_path, "r.docx", files.docx(tmp_path), {"max_table_cells": 40})
    assert only_problem(problems)[1] == "table=1 has more than max_table_cells=40 cells: not read"


def test_a_word_document_over_the_element_limit_is_a_problem_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr("policebreaches.wordml._Reader.start", lambda *a: pytest.fail("the document was parsed"))
    _, _, _, problems = extracted(tmp_path, "r.docx", files.docx_many_cells(tmp_path, 300), {"max_xml_elements": 5000})
    what = only_problem(problems)[1]
    assert what.startswith("word/document.xml holds ") and what.endswith(" over max_xml_elements=5,000: not read")


def test_a_pdf_declaring_thousands_of_pages_is_a_problem_before_any_page_is_read(tmp_path, monkeypatch):
    import pdfplumber.page

    monkeypatch.setattr(pdfplumber.page.Page, "extract_text", lambda *a, **k: pytest.fail("a page was read"))
    _, _, _, problems = extracted(tmp_path, "r.pdf", files.pdf_many_pages(2_500))
    assert only_problem(problems)[1] == "declares 2,500 pages, over max_pages=2,000: not read"


def test_one_long_shared_string_shown_in_many_cells_counts_once_per_cell(tmp_path):
    book = files.xlsx_shared_string(tmp_path, 20_000, 100)  # 20,000 characters stored once, shown 100 times
    _, _, _, problems = extracted(tmp_path, "r.xlsx", book, {"max_chars": 1_000_000, "max_cell_chars": 50_000})
    assert only_problem(problems)[1] == "holds more than max_chars=1,000,000 characters of text: not read"


def test_a_pdf_page_that_unpacks_to_millions_of_characters_is_a_problem_before_layout(tmp_path, monkeypatch):
    import pdfminer.pdfinterp

    monkeypatch.setattr(
        pdfminer.pdfinterp.PDFPageInterpreter, "process_page", lambda *a, **k: pytest.fail("the page was laid out")
    )
    _, _, _, problems = extracted(tmp_path, "r.pdf", files.pdf_dense_page(2_000_000))
    assert only_problem(problems)[1] == "page=1 draws more than max_page_kb=128 KB of instructions: not read"


def test_text_over_the_character_limit_is_a_problem(tmp_path):
    text = "Date,Details,Outcome\n" + "2013-01-01,Viewed a record,NFA\n" * 40
    _, _, _, problems = extracted(tmp_path, "r.csv", text.encode(), {"max_chars": 1000})
    assert only_problem(problems)[1] == "holds more than max_chars=1,000 characters of text: not read"


def test_default_limits_are_config_yamls(tmp_path):
    config = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))["limits"]
    schema = yaml.safe_load((REPO / "schemas" / "config.schema.yaml").read_text(encoding="utf-8"))
    defaults = {k: v["default"] for k, v in schema["properties"]["limits"]["properties"].items()}
    for key, value in DEFAULT_LIMITS.items():
        assert config[key] == defaults[key] == value, key


def test_an_ods_over_the_element_limit_is_a_problem_before_odfpy_loads_it(tmp_path, monkeypatch):
    monkeypatch.setattr("odf.opendocument.load", lambda *a, **k: pytest.fail("the ods was loaded"))
    book = files.ods_dense(tmp_path, 300)  # 300 rows of 4 cells more: 2,700 elements more
    _, _, _, problems = extracted(tmp_path, "r.ods", book, {"max_ods_elements": 2_000})
    assert only_problem(problems)[1] == (
        "its XML holds more than max_ods_elements=2,000 elements (reached in content.xml): not read"
    )
    monkeypatch.undo()
    rows, _, _, problems = extracted(tmp_path / "within", "r.ods", files.ods_dense(tmp_path, 100))  # 900 more
    assert problems == [] and len(rows) == 121  # the header, 20 incidents and the 100 rows, read
