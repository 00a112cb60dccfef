"""Every part of an e-mail response is read or listed with its reason: attachments are
sources of their own (locators part=N ...), nothing is dropped silently."""

from __future__ import annotations

import json
from email.message import EmailMessage

from editions import LIMITS, data_rows, docx_bytes, extract, make_edition, xlsx_bytes

HEADER = ["Date", "Rank", "Nature of breach", "Outcome"]
CSV = "Date,Rank,Nature of breach,Outcome\n2013-04-02,PC,Accessed PNC for personal reasons,Written warning\n"


def message(body: str = "Dear requester,\nplease find attached the information you asked for.\n") -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "foi@kent.example", "requester@example.org", "RE: FOI request"
    mail.set_content(body)
    return mail


def extract_mail(tmp_path, mail: EmailMessage, limits=None):
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent Police", "status": "disclosed", "files": "kent/mail.eml"}],
        {"kent/mail.eml": mail.as_bytes()},
    )
    return extract(root, "kent", limits)


def unread(rows):
    return {r["source_locator"]: json.loads(r["cells"])[0] for r in rows if r["row_kind"] == "unread"}


def test_a_csv_attachment_is_extracted_with_part_locators(tmp_path):
    mail = message()
    mail.add_attachment(CSV.encode(), maintype="text", subtype="csv", filename="breaches.csv")
    rows, _, statuses, problems = extract_mail(tmp_path, mail)
    data = data_rows(rows)
    assert not problems and statuses[0]["status"] == "extracted"
    assert [(r["source_locator"], r["description_raw"]) for r in data] == [
        ("part=2 line=2", "Accessed PNC for personal reasons")
    ]
    assert data[0]["source_file"] == "responses/kent/mail.eml"


def test_xlsx_and_docx_attachments_and_a_nested_email(tmp_path):
    book = xlsx_bytes(tmp_path, {"Data": [HEADER, ["2013-05-09", "Police Staff", "Disclosed an address", "Dismissed"]]})
    document = docx_bytes(tmp_path, [[HEADER, ["2014-01-03", "PCSO", "Lost a notebook", "NFA"]]])
    inner = message("Forwarded from PSD.")
    inner.add_attachment(document, maintype="application", subtype="octet-stream", filename="psd.docx")
    mail = message()
    mail.add_attachment(book, maintype="application", subtype="octet-stream", filename="Data.xlsx")
    mail.add_attachment(inner)
    rows, _, _, problems = extract_mail(tmp_path, mail)
    assert not problems
    found = {r["source_locator"]: r["description_raw"] for r in data_rows(rows)}
    assert found == {
        "part=2 sheet=Data row=2": "Disclosed an address",
        "part=3 part=2 table=1 row=2": "Lost a notebook",
    }
    assert len({r["record_id"] for r in rows}) == len(rows)


def test_parts_not_read_are_listed_with_their_reason(tmp_path):
    mail = message()
    mail.add_alternative("<p>Dear requester, please find attached ...</p>", subtype="html")
    mail.add_attachment(b"\x89PNG\r\n\x1a\n....", maintype="image", subtype="png", filename="crest.png")
    mail.add_attachment(b"PK\x03\x04 not really", maintype="application", subtype="zip", filename="all.zip")
    mail.add_attachment(CSV.encode(), maintype="text", subtype="csv", filename="breaches.csv")
    rows, _, _, problems = extract_mail(tmp_path, mail)
    reasons = unread(rows)
    assert any("alternative of the message body" in why for why in reasons.values())
    assert any(why.startswith("crest.png") and "not a document" in why for why in reasons.values())
    assert any(why.startswith("all.zip") and "not a valid .zip" in why for why in reasons.values())
    # the image is not a problem; the unsupported attachment is, once, with a fix
    assert [p.what for p in problems if "all.zip" in p.what] == [
        next(p.what for p in problems if "all.zip" in p.what)
    ] and len(problems) == 1
    assert "save the attachment as a response file of its own" in problems[0].fix
    assert [r["description_raw"] for r in data_rows(rows)] == ["Accessed PNC for personal reasons"]


def test_a_zip_bomb_attachment_is_never_parsed(tmp_path, monkeypatch):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))
    mail = message()
    mail.add_attachment(buffer.getvalue(), maintype="application", subtype="octet-stream", filename="bomb.xlsx")
    from policebreaches import readers

    monkeypatch.setitem(readers.READERS, ".xlsx", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parsed")))
    rows, _, _, problems = extract_mail(tmp_path, mail)
    bomb = [p for p in problems if "bomb.xlsx" in p.what]
    assert len(bomb) == 1 and "possible zip bomb" in bomb[0].what
    assert list(unread(rows)) == ["part=2"]


def test_an_unreadable_attachment_is_reported_not_fatal(tmp_path):
    mail = message()
    mail.add_attachment(b"%PDF-1.4 truncated", maintype="application", subtype="pdf", filename="letter.pdf")
    mail.add_attachment(CSV.encode(), maintype="text", subtype="csv", filename="breaches.csv")
    rows, _, statuses, problems = extract_mail(tmp_path, mail)
    assert len(problems) == 1 and "letter.pdf could not be read" in problems[0].what
    assert statuses[0]["status"] == "extracted" and len(data_rows(rows)) == 1


def test_emails_nested_deeper_than_the_limit_are_listed_not_read(tmp_path):
    mail = message("innermost")
    mail.add_attachment(CSV.encode(), maintype="text", subtype="csv", filename="breaches.csv")
    for level in range(4):
        outer = message(f"level {level}")
        outer.add_attachment(mail)
        mail = outer
    rows, _, _, problems = extract_mail(tmp_path, mail, {**LIMITS, "max_email_depth": 3})
    assert not data_rows(rows)
    assert any("max_email_depth" in p.what for p in problems)
    assert any("nested too deep" in why for why in unread(rows).values())


def test_a_file_over_the_row_limit_is_a_problem_naming_it(tmp_path):
    text = CSV + "2013-04-03,PC,Viewed a log,NFA\n" * 20
    root = make_edition(
        tmp_path / "ed", [{"force": "Kent Police", "status": "disclosed", "files": "kent/r.csv"}], {"kent/r.csv": text}
    )
    rows, _, statuses, problems = extract(root, "kent", {**LIMITS, "max_rows": 10})
    assert statuses[0]["status"] == "unreadable" and not rows
    assert problems[0].file == "responses/kent/r.csv"
    assert "more than max_rows=10 rows" in problems[0].what and "max_rows" in problems[0].fix


def test_a_cell_over_the_cell_limit_is_a_problem_naming_its_row(tmp_path):
    text = CSV + "2013-04-03,PC," + "x" * 2500 + ",NFA\n"
    root = make_edition(
        tmp_path / "ed", [{"force": "Kent Police", "status": "disclosed", "files": "kent/r.csv"}], {"kent/r.csv": text}
    )
    rows, _, _, problems = extract(root, "kent", {**LIMITS, "max_cell_chars": 2000})
    assert [p.what for p in problems] == ["line=3: a cell of 2,500 characters, over max_cell_chars=2,000"]
    assert len(data_rows(rows)) == 2  # read, not lost


ROWS = [
    ("2013-04-02", "PC", "Accessed PNC for personal reasons", "Written warning"),
    ("2013-05-09", "Police Staff", "Disclosed an address", "Dismissed"),
    ("2014-01-03", "PCSO", "Lost a notebook", "NFA"),
]


def as_text(rows) -> str:
    lines = ["Dear requester,", "", "Date | Rank | Nature of breach | Outcome"]
    return "\n".join(lines + [" | ".join(r) for r in rows]) + "\n\nYours sincerely\n"


def as_html(rows) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    header = "".join(f"<th>{h}</th>" for h in HEADER)
    return f"<p>Dear requester,</p><table><tr>{header}</tr>{cells}</table><p>Yours sincerely</p>"


def alternative(text_rows, html_rows) -> EmailMessage:
    mail = message(as_text(text_rows))
    mail.add_alternative(as_html(html_rows), subtype="html")
    return mail


def test_alternatives_holding_the_same_rows_are_read_once_and_compared(tmp_path):
    rows, _, _, problems = extract_mail(tmp_path, alternative(ROWS, ROWS))
    assert not problems
    assert [r["description_raw"] for r in data_rows(rows)] == [r[2] for r in ROWS]
    assert unread(rows) == {
        "part=2": "text/html alternative of the message body: read and compared, same rows as part=1"
    }


def test_a_flattened_text_copy_of_an_html_table_is_the_same_rows(tmp_path):
    """A mail client's text copy of an HTML table: one cell per line, no separators."""
    mail = message("Dear requester,\n\n" + "\n".join(c for r in [HEADER, *ROWS] for c in r) + "\n")
    mail.add_alternative(as_html(ROWS), subtype="html")
    rows, _, _, problems = extract_mail(tmp_path, mail)
    assert not problems
    assert [r["description_raw"] for r in data_rows(rows)] == [r[2] for r in ROWS]  # the HTML part's table
    assert "read and compared, same rows as part=2" in unread(rows)["part=1"]


def test_rows_only_in_the_html_part_are_a_problem_naming_both_parts(tmp_path):
    rows, _, _, problems = extract_mail(tmp_path, alternative(ROWS[:2], ROWS))
    assert len(problems) == 1
    what = problems[0].what
    assert "part=1 (text/plain)" in what and "part=2 (text/html)" in what
    assert "1 row(s) only in part=2" in what and "lost a notebook" in what and "part=2 was read" in what
    assert problems[0].file == "responses/kent/mail.eml" and "ask the force" in problems[0].fix
    # the rows are not lost: the part holding all of them is read
    assert [r["description_raw"] for r in data_rows(rows)] == [r[2] for r in ROWS]


def test_rows_only_in_the_text_part_are_a_problem_too(tmp_path):
    rows, _, _, problems = extract_mail(tmp_path, alternative(ROWS, ROWS[1:]))
    assert len(problems) == 1 and "1 row(s) only in part=1" in problems[0].what
    assert "accessed pnc for personal reasons" in problems[0].what
    assert len(data_rows(rows)) == 3


def test_a_count_line_only_in_one_alternative_is_a_problem(tmp_path):
    mail = message("Dear requester,\nUnauthorised access = 7\nTotal = 9\n")
    mail.add_alternative("<p>Dear requester,</p><p>Unauthorised access = 7</p><p>Total = 7</p>", subtype="html")
    _, _, _, problems = extract_mail(tmp_path, mail)
    assert len(problems) == 1 and "total 9" in problems[0].what and "total 7" in problems[0].what
