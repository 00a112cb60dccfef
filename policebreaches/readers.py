"""Read any supported response file into plain tables and text lines.

Each format has one reader; all return a `Document`: tables of cell text (with a
locator per row) and the free text lines (with a locator each). Nothing here decides
what a row means; extract.py does that, whatever the format."""

from __future__ import annotations

import csv
import datetime as dt
import email
import io
import re
from dataclasses import dataclass, field
from email import policy
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Table:
    locator: str  # where the table is: "sheet=2013", "page=2 table=1", "table=1", "lines"
    rows: list[list[str]]
    row_locators: list[str]


@dataclass
class Document:
    tables: list[Table] = field(default_factory=list)
    lines: list[tuple[str, str]] = field(default_factory=list)  # (locator, text)
    warnings: list[str] = field(default_factory=list)  # e.g. formula without cached value


def cell_text(value) -> str:
    """One canonical text for a cell value: dates ISO, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # a lone carriage return is a line break too (and would split a CSV row that carries it)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _table(locator: str, rows: list[list], first_row: int = 1, prefix: str = "row") -> Table:
    texts = [[cell_text(v) for v in row] for row in rows]
    where = f"{locator} " if locator else ""
    return Table(locator, texts, [f"{where}{prefix}={i}" for i in range(first_row, first_row + len(rows))])


# --- spreadsheets -------------------------------------------------------------------


def read_xlsx(path: Path, sheets: list[str] | None = None, **_) -> Document:
    import openpyxl  # openpyxl, not calamine: merged ranges and formula text are needed

    doc = Document()
    values = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path, data_only=False)
    for ws in values.worksheets:
        if sheets and ws.title not in sheets:
            continue
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        for merged in ws.merged_cells.ranges:  # repeat a merged value into every cell it covers
            top = ws.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    grid[r - 1][c - 1] = top
        fws = formulas[ws.title]
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                raw = fws.cell(r, c).value
                if value is None and isinstance(raw, str) and raw.startswith("="):
                    doc.warnings.append(f"sheet={ws.title} row={r} col={c}: formula {raw} has no cached value")
        doc.tables.append(_table(f"sheet={ws.title}", grid))
    return doc


def read_xls(path: Path, sheets: list[str] | None = None, **_) -> Document:
    import xlrd

    doc = Document()
    book = xlrd.open_workbook(path)
    for sheet in book.sheets():
        if sheets and sheet.name not in sheets:
            continue
        grid = []
        for r in range(sheet.nrows):
            row = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                else:
                    row.append(cell.value if cell.value != "" else None)
            grid.append(row)
        doc.tables.append(_table(f"sheet={sheet.name}", grid))
    return doc


def read_ods(path: Path, sheets: list[str] | None = None, **_) -> Document:
    import pandas as pd

    doc = Document()
    frames = pd.read_excel(path, engine="odf", sheet_name=None, header=None, dtype=object)
    for name, frame in frames.items():
        if sheets and name not in sheets:
            continue
        grid = [
            [None if (isinstance(v, float) and v != v) else v for v in row] for row in frame.itertuples(index=False)
        ]
        doc.tables.append(_table(f"sheet={name}", grid))
    return doc


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; Windows-1252 is what Excel 'CSV' writes in the UK."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(path: Path, **_) -> Document:
    text = decode_text(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    return Document(tables=[_table("", rows, prefix="line")])


# --- documents ----------------------------------------------------------------------


def read_docx(path: Path, **_) -> Document:
    import docx

    document = docx.Document(str(path))
    doc = Document()
    for t, table in enumerate(document.tables, start=1):
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        doc.tables.append(_table(f"table={t}", rows))
    doc.lines = [(f"paragraph={i}", p.text) for i, p in enumerate(document.paragraphs, start=1) if p.text.strip()]
    return doc


def read_pdf(path: Path, pages: list[int] | None = None, **_) -> Document:
    import pdfplumber

    doc = Document()
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if pages and number not in pages:
                continue
            for t, rows in enumerate(page.extract_tables(), start=1):
                _append_continued(doc, _table(f"page={number} table={t}", rows))
            text = page.extract_text() or ""
            doc.lines += [
                (f"page={number} line={i}", line) for i, line in enumerate(text.splitlines(), start=1) if line.strip()
            ]
            page.close()  # drop the page's parsed layout: memory stays one page deep, not the whole PDF
    return doc


def _append_continued(doc: Document, table: Table) -> None:
    """A table that runs over pages is one table: join a page's first table to the
    previous page's last one when they have the same columns."""
    previous = doc.tables[-1] if doc.tables else None
    if (
        previous
        and table.rows
        and previous.rows
        and len(table.rows[0]) == len(previous.rows[-1])
        and table.locator.endswith("table=1")
        and previous.locator.split(" ")[0] != table.locator.split(" ")[0]
    ):
        rows, locators = list(table.rows), list(table.row_locators)
        start = 1 if rows and rows[0] == previous.rows[0] else 0  # the header repeated on each page
        if len(rows) > start and _is_fragment(rows[start]) and not _is_fragment(previous.rows[-1]):
            # a row the page break cut in two: its rest sits at the top of this page
            previous.rows[-1] = [f"{a}\n{b}".strip() for a, b in zip(previous.rows[-1], rows[start])]
            previous.row_locators[-1] += f"+{locators[start]}"
            del rows[start], locators[start]
        previous.rows += rows
        previous.row_locators += locators
    else:
        doc.tables.append(table)


def _is_fragment(row: list[str]) -> bool:
    filled = sum(1 for c in row if c.strip())
    return 0 < filled and filled * 2 <= len(row) and len(row) > 2


class _HTMLTables(HTMLParser):
    """Tables (th/td per tr) and the text outside them; scripts and styles skipped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.text: list[str] = []
        self._depth = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript"):
            self._skip += 1
        elif tag == "table":
            self._depth += 1
            self.tables.append([])
        elif tag == "tr" and self._depth:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag in ("br", "p", "div", "li", "h1", "h2", "h3", "h4") and self._cell is None:
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript"):
            self._skip = max(0, self._skip - 1)
        elif tag == "table":
            self._depth = max(0, self._depth - 1)
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif not self._depth:
            self.text.append(data)


def _lines(text: str, prefix: str = "line") -> list[tuple[str, str]]:
    return [(f"{prefix}={i}", line.strip()) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]


def html_document(markup: str) -> Document:
    """Tables from <table>; and, because saved pages often flatten tables into
    pipe- or tab-separated lines, such lines in the text become tables too."""
    parser = _HTMLTables()
    parser.feed(markup)
    flattened = text_document("".join(parser.text))
    doc = Document(tables=[_table(f"table={i}", rows) for i, rows in enumerate(parser.tables, start=1)])
    doc.tables += flattened.tables
    doc.lines = flattened.lines
    return doc


def read_html(path: Path, **_) -> Document:
    return html_document(decode_text(path.read_bytes()))


SEPARATED_LINE = re.compile(r"\t|\s\|\s|^\||\|$")


def text_document(text: str) -> Document:
    """Plain text: runs of tab- or pipe-separated lines become tables; all lines kept."""
    doc = Document(lines=_lines(text))
    run: list[tuple[int, list[str]]] = []
    numbered = list(enumerate(text.splitlines(), start=1))
    for number, line in numbered + [(len(numbered) + 1, "")]:
        if SEPARATED_LINE.search(line):
            run.append((number, [c.strip() for c in re.split(r"\t|\|", line)]))
            continue
        if len(run) >= 2:
            doc.tables.append(
                Table(
                    f"lines={run[0][0]}-{run[-1][0]}",
                    _without_borders([c for _, c in run]),
                    [f"line={n}" for n, _ in run],
                )
            )
        run = []
    return doc


def _without_borders(rows: list[list[str]]) -> list[list[str]]:
    """'| a | b |' tables have an empty first and last cell on EVERY line; a single
    empty edge cell is data (a blank date or outcome)."""
    if all(r and r[0] == "" for r in rows):
        rows = [r[1:] for r in rows]
    if all(r and r[-1] == "" for r in rows):
        rows = [r[:-1] for r in rows]
    return rows


def read_txt(path: Path, **_) -> Document:
    return text_document(decode_text(path.read_bytes()))


def read_eml(path: Path, **_) -> Document:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return Document(warnings=["the e-mail has no text body"])
    content = body.get_content()
    return html_document(content) if body.get_content_type() == "text/html" else text_document(content)


READERS = {
    ".xlsx": read_xlsx,
    ".xls": read_xls,
    ".ods": read_ods,
    ".csv": read_csv,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".html": read_html,
    ".htm": read_html,
    ".eml": read_eml,
    ".txt": read_txt,
}


def read_document(path: Path, hints: dict | None = None) -> Document:
    hints = hints or {}
    reader = READERS[path.suffix.lower()]
    kwargs = {}
    if "sheets" in hints:
        kwargs["sheets"] = hints["sheets"]
    if "pages" in hints:
        kwargs["pages"] = hints["pages"]
    return reader(path, **kwargs)
