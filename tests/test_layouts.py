"""Each named layout on small real files."""

import datetime as dt

from editions import data_rows, docx_bytes, extract, make_edition, xlsx_bytes

HEADER = ["Date", "Rank", "Nature of breach", "Outcome"]


def one_force(tmp_path, name, content, **extra):
    return make_edition(
        tmp_path / "ed", [{"force": "Kent Police", "status": "disclosed", "files": name}], {name: content}, **extra
    )


def test_xlsx_title_block_merged_title_total_row_and_notes(tmp_path):
    book = xlsx_bytes(
        tmp_path,
        {
            "2013": [
                ["Kent Police \u2013 data protection breaches 2013", None, None, None],
                [],
                HEADER,
                [dt.datetime(2013, 4, 2), "PC", "Accessed PNC for personal reasons", "Written warning"],
                [dt.datetime(2013, 5, 9), "Police Staff", "Disclosed address to a friend", "Dismissed"],
                ["Total", None, None, 2],
                [],
                ["Note: figures taken from the PSD case system."],
            ]
        },
        merge={"2013": "A1:D1"},
    )
    rows, counts, statuses, problems = extract(one_force(tmp_path, "kent/r.xlsx", book), "kent")
    assert not problems and not counts
    data = data_rows(rows)
    assert [r["date_raw"] for r in data] == ["2013-04-02", "2013-05-09"]
    assert data[0]["source_locator"] == "sheet=2013 row=4"
    kinds = [r["row_kind"] for r in rows]
    assert kinds == ["title", "blank", "header", "data", "data", "total", "blank", "note"]
    assert statuses[0]["status"] == "extracted"


def test_total_row_disagreeing_with_rows_is_an_error_naming_sheet_and_row(tmp_path):
    book = xlsx_bytes(
        tmp_path, {"Data": [HEADER, ["Jan-13", "PC", "Viewed a crime report", "NFA"], ["Total", "", "", 3]]}
    )
    _, _, _, problems = extract(one_force(tmp_path, "kent/r.xlsx", book), "kent")
    assert len(problems) == 1
    assert problems[0].file == "responses/kent/r.xlsx"
    assert problems[0].what == "sheet=Data row=3: the total row says 3 but 1 incident rows were read above it"


def test_formula_without_cached_value_is_reported(tmp_path):
    book = xlsx_bytes(
        tmp_path,
        {"Data": [HEADER, ["Jan-13", "PC", "Viewed a crime report", "NFA"]]},
        formula=("Data", "E2", "=COUNTA(A2:A9)"),
    )
    _, _, _, problems = extract(one_force(tmp_path, "kent/r.xlsx", book), "kent")
    assert problems[0].what == "sheet=Data row=2 col=5: a formula has no cached value"


def test_csv_windows_1252_with_curly_quotes(tmp_path):
    text = (
        "Date,Role,Details,Result\r\n"
        "24/01/2012,PC,\u2018Checked\u2019 a neighbour on PNC,\u2018Management Action\u2019\r\n"
    )
    rows, _, _, problems = extract(one_force(tmp_path, "kent/r.csv", text.encode("cp1252")), "kent")
    assert not problems
    assert data_rows(rows)[0]["outcome_raw"] == "\u2018Management Action\u2019"


def test_numbered_answer_labels_in_a_docx_table(tmp_path):
    doc = docx_bytes(
        tmp_path,
        [
            [
                [
                    "(i) Month/year of incident",
                    "(ii) Nature of Offence/Breach",
                    "(iii) Officer or a member of civilian staff",
                    "(iv) How the matter was resolved",
                ],
                ["Oct-13", "Unauthorised PNC check", "Officer", "Words of advice"],
            ]
        ],
    )
    rows, _, _, problems = extract(one_force(tmp_path, "kent/r.docx", doc), "kent")
    row = data_rows(rows)[0]
    assert (row["date_raw"], row["description_raw"], row["role_raw"], row["outcome_raw"]) == (
        "Oct-13",
        "Unauthorised PNC check",
        "Officer",
        "Words of advice",
    )


def test_headerless_two_column_list(tmp_path):
    doc = docx_bytes(
        tmp_path,
        [
            [
                ["18 November 2012", "Officer disclosed information to a relative"],
                ["2013 (Date not recorded)", "Staff member searched records of a neighbour"],
            ]
        ],
        paragraphs=["The force holds the following records."],
    )
    rows, _, _, _ = extract(one_force(tmp_path, "kent/r.docx", doc), "kent")
    assert [r["layout"] for r in data_rows(rows)] == ["headerless_two_column"] * 2


def test_saved_web_page_with_cookie_banner(tmp_path):
    html = (
        "<html><body><div>We use cookies. Accept all</div><nav><a>Home</a></nav><table>"
        "<tr><th>Date</th><th>Details</th><th>Outcome</th></tr>"
        "<tr><td>April 24th 2012</td><td>Shared details with a journalist</td><td>Resigned</td></tr>"
        "</table><script>var x = '<td>';</script></body></html>"
    )
    rows, _, _, _ = extract(one_force(tmp_path, "kent/page.html", html), "kent")
    assert [r["description_raw"] for r in data_rows(rows)] == ["Shared details with a journalist"]


def test_eml_with_pipe_separated_list_and_empty_edge_cells(tmp_path):
    eml = (
        "From: foi@kent.example\r\nSubject: FOI\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Dear requester,\r\nDate | Role | Details | Outcome\r\n"
        " | PC | Looked up a neighbour on force systems | \r\n2013-02-01 | SGT | Lost a notebook | NFA\r\n"
    )
    rows, _, _, _ = extract(one_force(tmp_path, "kent/mail.eml", eml), "kent")
    data = data_rows(rows)
    assert [(r["date_raw"], r["role_raw"], r["outcome_raw"]) for r in data] == [
        ("", "PC", ""),
        ("2013-02-01", "SGT", "NFA"),
    ]


def test_counts_only_letter_lines(tmp_path):
    letter = (
        "Thank you for your request for (for example) written warning, sacked etc.\n"
        "Unauthorised access = 7\nDisclosure to third parties \u2013 3\nTotal = 12\n"
    )
    rows, counts, statuses, problems = extract(one_force(tmp_path, "kent/letter.txt", letter), "kent")
    assert not problems and statuses[0]["status"] == "extracted"
    assert [(c["label"], c["count"]) for c in counts] == [
        ("Unauthorised access", 7),
        ("Disclosure to third parties", 3),
        ("Total", 12),
    ]


def test_narrative_letter_without_transcription_is_named(tmp_path):
    doc = docx_bytes(tmp_path, [], paragraphs=["In March 2013 an officer passed information to a friend and resigned."])
    _, _, statuses, problems = extract(one_force(tmp_path, "kent/letter.docx", doc), "kent")
    assert statuses[0]["status"] == "needs_transcription"
    assert problems[0].file == "responses/kent/letter.docx" and "transcribe its incidents" in problems[0].fix


def test_transcription_stands_for_the_narrative_letter(tmp_path):
    doc = docx_bytes(tmp_path, [], paragraphs=["In March 2013 an officer passed information to a friend."])
    transcription = (
        "source_file,source_page,date,role,force_category,description,outcome\n"
        "kent/letter.docx,1,March 2013,PC,,Passed information to a friend,Resigned\n"
    )
    root = one_force(tmp_path, "kent/letter.docx", doc, extra={"transcribed/kent.csv": transcription})
    rows, _, statuses, problems = extract(root, "kent")
    assert not problems and statuses[0]["status"] == "transcribed"
    assert data_rows(rows)[0]["source_locator"] == "transcribed line=kent.csv:2 page=1"


def test_hint_gives_header_row_and_columns(tmp_path):
    book = xlsx_bytes(
        tmp_path, {"Data": [["Ref", "When", "What happened", "Result of investigation"], ["A1", "Jan-13", "x", "NFA"]]}
    )
    hints = "kent/r.xlsx:\n  header_row: 1\n  columns: {date: B, description: 3, outcome: 'Result of investigation'}\n"
    rows, _, _, problems = extract(
        one_force(tmp_path, "kent/r.xlsx", book, extra={"overrides/extraction.yaml": hints}), "kent"
    )
    row = data_rows(rows)[0]
    assert (row["date_raw"], row["description_raw"], row["outcome_raw"]) == ("Jan-13", "x", "NFA")


def test_multi_page_pdf_table_of_the_sample_reconciles_with_its_total():
    from pathlib import Path

    from policebreaches.readers import read_pdf

    pdf = Path(__file__).resolve().parents[1] / "raw/2016/responses/avon-and-somerset/FOI_response.pdf"
    doc = read_pdf(pdf.read_bytes())
    assert len(doc.tables) == 1 and {loc.page for loc in doc.tables[0].row_locators} >= {1, 2}


def test_xls_with_a_date_cell(tmp_path):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Breaches")
    for col, text in enumerate(["Date", "Rank", "Details", "Outcome"]):
        sheet.write(0, col, text)
    sheet.write(1, 0, dt.datetime(2014, 3, 7), xlwt.easyxf(num_format_str="dd/mm/yyyy"))
    for col, text in enumerate(["PC", "Checked a neighbour on PNC", "Written warning"], start=1):
        sheet.write(1, col, text)
    path = tmp_path / "r.xls"
    book.save(str(path))
    rows, _, _, problems = extract(one_force(tmp_path, "kent/r.xls", path.read_bytes()), "kent")
    row = data_rows(rows)[0]
    assert not problems and (row["date_raw"], row["source_locator"]) == ("2014-03-07", "sheet=Breaches row=2")


def test_ods_spreadsheet(tmp_path):
    import pandas as pd

    path = tmp_path / "r.ods"
    pd.DataFrame(
        [["Jan-13", "Police Staff", "Lost a laptop", "NFA"]],
        columns=["Month", "Officer/Staff", "Circumstances", "Action taken"],
    ).to_excel(path, engine="odf", index=False)
    rows, _, _, problems = extract(one_force(tmp_path, "kent/r.ods", path.read_bytes()), "kent")
    row = data_rows(rows)[0]
    assert not problems and (row["description_raw"], row["outcome_raw"]) == ("Lost a laptop", "NFA")
