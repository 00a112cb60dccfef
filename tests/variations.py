"""Variations of the sample's responses, written the way forces really vary one answer
(/work/shared/FOI-FORMATS.md, "Variation the same answer takes"): each takes a response
file's name and bytes and returns the files that stand for it (name -> bytes). Used by
tests/test_variations.py, on one body (fast) and on a copy of the whole sample (slow)."""

from __future__ import annotations

import codecs
import csv
import functools
import io
from email.message import EmailMessage
from pathlib import Path

from policebreaches.readers import cell_text, decode_text

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "raw" / "2016"
Files = dict[str, bytes]


def sample_file(name: str) -> bytes:
    return (SAMPLE / "responses" / name).read_bytes()


def register_row(force_id: str) -> dict:
    """The sample register's row of a body (its official name, status, files)."""
    with open(SAMPLE / "requests.csv", encoding="utf-8", newline="") as fh:
        return next(r for r in csv.DictReader(fh) if r["files"].startswith(f"{force_id}/"))


# --- reading and writing tables ------------------------------------------------------


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(decode_text(data))))


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


@functools.lru_cache(maxsize=4)  # the same sample workbook is varied many ways; callers do not mutate it
def workbook_sheets(data: bytes) -> dict[str, list[list]]:
    """Every sheet's cell values (merged titles as written: in their first cell)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx_table_bytes(rows: list[list[str]], paragraphs: list[str] = ()) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=max(len(r) for r in rows))
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def text_rows(rows: list[list]) -> list[list[str]]:
    return [[cell_text(v) for v in row] for row in rows]


def stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


# --- meaning-preserving ---------------------------------------------------------------


def rename_sheets(name: str, data: bytes) -> Files:
    """Sheets "2013" -> "Year 2013" (words and spaces in a sheet name)."""
    return {name: workbook_bytes({f"Year {t}": rows for t, rows in workbook_sheets(data).items()})}


def reorder_sheets(name: str, data: bytes) -> Files:
    return {name: workbook_bytes(dict(reversed(list(workbook_sheets(data).items()))))}


def resave_workbook(name: str, data: bytes) -> Files:
    """The workbook written again by another program (openpyxl): same cells."""
    return {name: workbook_bytes(workbook_sheets(data))}


def workbook_to_csvs(name: str, data: bytes) -> Files:
    """One CSV file per sheet: the same incident in two years' files is still one incident."""
    folder = name.rsplit("/", 1)[0]
    return {f"{folder}/{title}.csv": csv_bytes(text_rows(rows)) for title, rows in workbook_sheets(data).items()}


def rename_file(name: str, data: bytes) -> Files:
    """A caseworker's file name: spaces, punctuation, a name."""
    folder, base = name.rsplit("/", 1)
    return {f"{folder}/RE FOI 2016-0412 (J. O'Brien) \u2013 {base}": data}


def reverse_rows(name: str, data: bytes) -> Files:
    rows = csv_rows(data)
    return {name: csv_bytes([rows[0], *reversed(rows[1:])])}


SYNONYMS = {  # header words forces use for the same column
    "Date": "Month/Year",
    "Role": "Rank",
    "Officer/Staff": "Police officer or staff",
    "Summary": "Nature of Allegation/ Breach",
    "Breach Type": "Type of breach",
    "Action taken": "How the matter was resolved",
    "Outcome": "Result",
}


def rename_and_move_columns(name: str, data: bytes) -> Files:
    """Other header words for the same columns, and the last column moved first."""
    rows = csv_rows(data)
    header = [SYNONYMS.get(h, h) for h in rows[0]]
    return {name: csv_bytes([[r[-1], *r[:-1]] for r in [header, *rows[1:]]])}


def reencode(encoding: str):
    def variation(name: str, data: bytes) -> Files:
        text = decode_text(data)
        mark = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
        return {name: mark + text.encode(encoding)}

    variation.__name__ = f"reencode_{encoding}"
    return variation


def unicode_text(name: str, data: bytes) -> Files:
    """Excel's 'Save as Unicode Text': UTF-16 LE with a byte-order mark, tab-separated, .txt."""
    return {f"{stem(name)}.txt": codecs.BOM_UTF16_LE + csv_bytes(csv_rows(data), "utf-16-le", "\t")}


def split_in_two(name: str, data: bytes) -> Files:
    rows = csv_rows(data)
    half = len(rows) // 2
    return {
        f"{stem(name)} part 1.csv": csv_bytes(rows[:half]),
        f"{stem(name)} part 2.csv": csv_bytes([rows[0], *rows[half:]]),
    }


def halves_as_two_sheets(name: str, data: bytes) -> Files:
    """Two files merged into one workbook, one sheet each."""
    rows = csv_rows(data)
    half = len(rows) // 2
    return {f"{stem(name)}.xlsx": workbook_bytes({"Part 1": rows[:half], "Part 2": [rows[0], *rows[half:]]})}


def csv_to_xlsx(name: str, data: bytes) -> Files:
    return {f"{stem(name)}.xlsx": workbook_bytes({"Sheet1": csv_rows(data)})}


def csv_to_docx(name: str, data: bytes) -> Files:
    letter = ["Dear Requester,", "Please find the information you asked for in the table below."]
    return {f"{stem(name)}.docx": docx_table_bytes(csv_rows(data), letter)}


def message(body: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "foi@force.example", "requester@example.org", "RE: FOI request"
    mail.set_content(body)
    return mail


def attach_to_email(name: str, data: bytes) -> Files:
    mail = message("Dear Requester,\nplease find attached the information you asked for.\n")
    mail.add_attachment(data, maintype="application", subtype="octet-stream", filename=name.rsplit("/", 1)[1])
    return {f"{stem(name)}.eml": mail.as_bytes()}


def wrap_in_zip(name: str, data: bytes) -> Files:
    """The answer sent as a zip archive, the file in a folder inside it."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"FOI 2016-0412/{name.rsplit('/', 1)[1]}", data)
    return {f"{stem(name)}.zip": buffer.getvalue()}


def html_table(rows: list[list[str]]) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<p>Dear Requester,</p><table>{cells}</table><p>Yours sincerely</p>"


def email_with_alternatives(name: str, data: bytes) -> Files:
    """The table in the HTML part, and a text copy with its rows flattened to ' | ' lines."""
    rows = csv_rows(data)
    mail = message("Dear Requester,\n\n" + "\n".join(" | ".join(r) for r in rows) + "\n\nYours sincerely\n")
    mail.add_alternative(html_table(rows), subtype="html")
    return {f"{stem(name)}.eml": mail.as_bytes()}


def total_on_its_own_line(name: str, data: bytes) -> Files:
    """A letter whose layout broke 'Total = 25' over two lines."""
    text = decode_text(data).replace("Total = ", "Total\n")
    return {name: text.encode("utf-8")}


def letter_as_cp1252(name: str, data: bytes) -> Files:
    return {name: decode_text(data).encode("cp1252")}


# --- meaning-changing ------------------------------------------------------------------


def html_part_with_an_extra_row(name: str, data: bytes) -> Files:
    """The HTML alternative lists a row the text alternative lacks."""
    rows = csv_rows(data)
    extra = [rows[1][0], rows[1][1], "Disclosed a witness's address to a neighbour", rows[1][-1]]
    mail = message("Dear Requester,\n\n" + "\n".join(" | ".join(r) for r in rows) + "\n")
    mail.add_alternative(html_table([*rows, extra]), subtype="html")
    return {f"{stem(name)}.eml": mail.as_bytes()}


def extra_sheet(title: str, rows: list[list]):
    def variation(name: str, data: bytes) -> Files:
        return {name: workbook_bytes(workbook_sheets(data) | {title: rows})}

    variation.__name__ = f"extra_sheet_{title}"
    return variation


def with_letter_lines(lines: str):
    """The letter with `lines` added after its figures."""

    def variation(name: str, data: bytes) -> Files:
        text = decode_text(data)
        at = text.index("Officers currently")
        return {name: (text[:at] + lines + text[at:]).encode("utf-8")}

    return variation


def with_extra_csv_row(row: list[str]):
    def variation(name: str, data: bytes) -> Files:
        return {name: csv_bytes([*csv_rows(data), row])}

    return variation
