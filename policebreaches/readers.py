"""Read any supported response file into plain tables and text lines.

Each format has one reader, taking the file's bytes; all return a `Document`: tables of
cell text (with a locator per row), the free text lines (with a locator each), and every
part that was not read with its reason. An e-mail's attachments are read as documents of
their own, their locators prefixed with the MIME part (`part=2 sheet=Data row=14`).
Nothing here decides what a row means; extract.py does that, whatever the format."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import email
import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from email import policy
from html.parser import HTMLParser
from pathlib import Path

from .expansion import TooLarge, bounded_xlsx, check_chars, check_extent, check_ods, limit, uncached_formulas
from .locators import Locator


@dataclass
class Table:
    locator: str  # where the table is, for people: "sheet=2013", "page=2 table=1", "table=1", "lines=3-9"
    rows: list[list[str]]
    row_locators: list[Locator]


@dataclass
class Document:
    tables: list[Table] = field(default_factory=list)
    lines: list[tuple[Locator, str]] = field(default_factory=list)  # (locator, text)
    warnings: list[str] = field(default_factory=list)  # e.g. formula without cached value
    unread: list[tuple[Locator, str]] = field(default_factory=list)  # (locator, why it was not read)

    def add(self, part: Document, number: int | None = None, member: str | None = None) -> None:
        """Take in `part`: attachment `number` of an e-mail, or the file `member` of a zip
        archive; every locator placed within it."""
        prefix = f"part={number}" if member is None else f"member={member}"

        def place(locator: Locator) -> Locator:
            return locator.inside(member) if member is not None else locator.within(number)

        for table in part.tables:
            self.tables.append(
                Table(f"{prefix} {table.locator}".strip(), table.rows, [place(loc) for loc in table.row_locators])
            )
        self.lines += [(place(loc), text) for loc, text in part.lines]
        self.warnings += [f"{prefix} {w}" for w in part.warnings]
        self.unread += [(place(loc), why) for loc, why in part.unread]


def _check_rows(count: int, limits: dict, where: str) -> None:
    if count > limit(limits, "max_rows"):
        raise TooLarge(f"{where}has more than max_rows={limit(limits, 'max_rows')} rows")


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


def _table(where: Locator, rows: list[list], first_row: int = 1, numbered: str = "row") -> Table:
    """A table at `where` (its sheet, page, table number), its rows numbered as `numbered`
    (a CSV file's rows are its lines)."""
    texts = [[cell_text(v) for v in row] for row in rows]
    locators = [replace(where, **{numbered: i}) for i in range(first_row, first_row + len(rows))]
    return Table(str(where), texts, locators)


# --- spreadsheets -------------------------------------------------------------------


def read_xlsx(data: bytes, sheets: list[str] | None = None, limits: dict | None = None, **_) -> Document:
    """python-calamine reads the values (compiled, one pass, memory a few bytes a cell);
    merged ranges repeat their value into every cell they cover. Formulas are looked at
    only when the workbook has any, to report those without a cached value."""
    from python_calamine import CalamineWorkbook

    doc = Document()
    data = bounded_xlsx(data, limits)  # every sheet's extent checked before calamine builds it
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in book.sheet_names:
        if sheets and name not in sheets:
            continue
        sheet = book.get_sheet_by_name(name)
        _check_rows(sheet.total_height, limits or {}, f"sheet={name} ")
        grid = sheet.to_python(skip_empty_area=False)
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
            _repeat_merged(grid, r0, c0, r1, c1)
        doc.tables.append(_table(Locator(sheet=name), grid))
    if _has_formulas(data):
        doc.warnings += _uncached_formulas(data, doc)
    return doc


def _repeat_merged(grid: list[list], r0: int, c0: int, r1: int, c1: int) -> None:
    """The merged range's value in each of its cells that the grid holds: a range
    declared beyond the cells with values (A1:XFD1048576) adds no row or column."""
    if r0 >= len(grid) or c0 >= len(grid[r0]):
        return
    top = grid[r0][c0]
    for r in range(r0, min(r1, len(grid) - 1) + 1):
        last = min(c1, len(grid[r]) - 1)
        grid[r][c0 : last + 1] = [top] * (last - c0 + 1)


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with archive.open(info) as member:
                    tail = b""
                    while chunk := member.read(1 << 20):
                        if b"<f>" in tail + chunk or b"<f " in tail + chunk:
                            return True
                        tail = chunk[-3:]
    return False


def _uncached_formulas(data: bytes, doc: Document) -> list[str]:
    """A formula whose cell holds no value was never calculated (files written by scripts)."""
    read = {t.row_locators[0].sheet for t in doc.tables if t.row_locators}
    # the formula's own text is not quoted: problems are printed in the report
    return [
        f"sheet={sheet} row={row} col={col}: a formula has no cached value"
        for sheet, row, col in uncached_formulas(data)
        if sheet in read
    ]


def read_xls(data: bytes, sheets: list[str] | None = None, limits: dict | None = None, **_) -> Document:
    import xlrd

    doc = Document()
    book = xlrd.open_workbook(file_contents=data, ragged_rows=True)  # rows not padded to the widest
    for sheet in book.sheets():
        if sheets and sheet.name not in sheets:
            continue
        check_extent(sheet.nrows, sheet.ncols, limits, f"sheet={sheet.name} ")
        grid = []
        for r in range(sheet.nrows):
            row, length = [], sheet.row_len(r)
            for c in range(sheet.ncols):  # every row as wide as the sheet (within the limits)
                cell = sheet.cell(r, c) if c < length else None
                if cell is None:
                    row.append(None)
                elif cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                else:
                    row.append(cell.value if cell.value != "" else None)
            grid.append(row)
        doc.tables.append(_table(Locator(sheet=sheet.name), grid))
    return doc


def read_ods(data: bytes, sheets: list[str] | None = None, limits: dict | None = None, **_) -> Document:
    import pandas as pd

    check_ods(data, limits)  # repeat counts multiplied out before pandas does it
    doc = Document()
    frames = pd.read_excel(io.BytesIO(data), engine="odf", sheet_name=None, header=None, dtype=object)
    for name, frame in frames.items():
        if sheets and name not in sheets:
            continue
        _check_rows(len(frame), limits or {}, f"sheet={name} ")
        grid = [
            [None if (isinstance(v, float) and v != v) else v for v in row] for row in frame.itertuples(index=False)
        ]
        doc.tables.append(_table(Locator(sheet=name), grid))
    return doc


class EncodingProblem(ValueError):
    """Bytes that no text encoding a response comes in reads: reported as an encoding
    problem naming the file, never read as replacement characters."""


BYTE_ORDER_MARKS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # never in a letter or a table; in binary data, always


def decode_text(data: bytes) -> str:
    """The text of a response file, its encoding found from the bytes: a byte-order mark
    (UTF-8, or UTF-16 as Excel's 'Unicode Text' writes it), UTF-16 without one (every
    other byte zero), UTF-8, then Windows-1252 (what Excel 'CSV' writes in the UK), then
    whatever charset-normalizer finds. Text that still holds control characters is binary
    data under a text name: an EncodingProblem, as is text no encoding reads."""
    text = _decoded(data)
    control = CONTROL.search(text[:100_000])
    if control:
        raise EncodingProblem(
            f"encoding problem: not text in any known encoding (control character "
            f"{control.group()!r} at character {control.start():,})"
        )
    return text


def _decoded(data: bytes) -> str:
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _strict(data, encoding, "with a byte-order mark")
    utf16 = _utf16_without_mark(data)
    if utf16:
        return _strict(data, utf16, "without a byte-order mark")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    raise EncodingProblem("encoding problem: the bytes are not UTF-8, UTF-16 or Windows-1252 text")


def _strict(data: bytes, encoding: str, how: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
        raise EncodingProblem(
            f"encoding problem: looks like {name} {how}, but byte {exc.start:,} does not decode"
        ) from None


def _utf16_without_mark(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the zeros of ASCII text written in UTF-16 fall on
    every other byte (a file written without its byte-order mark)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def read_csv(data: bytes, limits: dict | None = None, **_) -> Document:
    text = decode_text(data)
    check_chars(len(text), limits)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):  # stops at the limit, not at the end
        rows.append(row)
        _check_rows(len(rows), limits or {}, "")
    return Document(tables=[_table(Locator(), rows, numbered="line")])


# --- documents ----------------------------------------------------------------------


def read_docx(data: bytes, limits: dict | None = None, **_) -> Document:
    """What Word shows (policebreaches/wordml.py): tracked insertions, content controls,
    field results and text boxes read; deleted and hidden text not (hidden text is listed
    as unread)."""
    from .wordml import read_word

    word = read_word(data, limits)
    return Document(
        tables=[_table(Locator(table=number), rows) for number, rows in word.tables],
        lines=[(Locator(**place), text) for place, text in word.lines],
        unread=[(Locator(**place), why) for place, why in word.unread],
    )


def read_pdf(data: bytes, pages: list[int] | None = None, limits: dict | None = None, **_) -> Document:
    """Each page's tables and text lines, within the work budget pdf.py checks: every
    stream pdfminer decodes, within max_pdf_decoded_mb as it is decoded (pdfstreams.py,
    from the moment the file is opened); the pages, their instructions and the forms they
    draw before any page is laid out; then what the layout builds and the ruling lines the
    table finder crosses, page by page."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    from .pdf import Budget, check_pdf, lay_out, page_tables
    from .pdfstreams import Decoding, decoding_within

    doc = Document()
    budget = Budget.of(limits)
    with decoding_within(Decoding(limits, budget.spend_parsed)):
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                check_pdf(pdf.doc, limits, pages, budget)
                for number, page in enumerate(pdf.pages, start=1):
                    if pages and number not in pages:
                        continue
                    lay_out(page, number, budget)
                    for t, rows in enumerate(page_tables(page, number, budget), start=1):
                        _append_continued(doc, _table(Locator(page=number, table=t), rows))
                    text = page.extract_text() or ""
                    doc.lines += [
                        (Locator(page=number, line=i), line)
                        for i, line in enumerate(text.splitlines(), start=1)
                        if line.strip()
                    ]
                    page.close()  # drop the page's parsed layout: memory stays one page deep, not the whole PDF
        except PdfminerException as exc:  # pdfplumber wraps what opening the file or finding its pages raised
            if exc.args and isinstance(exc.args[0], TooLarge):
                raise exc.args[0] from None
            raise
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
        and table.row_locators[0].table == 1
        and previous.row_locators[-1].page != table.row_locators[0].page
    ):
        rows, locators = list(table.rows), list(table.row_locators)
        start = 1 if rows and rows[0] == previous.rows[0] else 0  # the header repeated on each page
        if len(rows) > start and _is_fragment(rows[start]) and not _is_fragment(previous.rows[-1]):
            # a row the page break cut in two: its rest sits at the top of this page
            previous.rows[-1] = [f"{a}\n{b}".strip() for a, b in zip(previous.rows[-1], rows[start])]
            previous.row_locators[-1] = replace(previous.row_locators[-1], continued=locators[start])
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


def _lines(text: str) -> list[tuple[Locator, str]]:
    return [(Locator(line=i), line.strip()) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]


def html_document(markup: str) -> Document:
    """Tables from <table>; and, because saved pages often flatten tables into
    pipe- or tab-separated lines, such lines in the text become tables too."""
    parser = _HTMLTables()
    parser.feed(markup)
    flattened = text_document("".join(parser.text))
    doc = Document(tables=[_table(Locator(table=i), rows) for i, rows in enumerate(parser.tables, start=1)])
    doc.tables += flattened.tables
    doc.lines = flattened.lines
    return doc


def read_html(data: bytes, limits: dict | None = None, **_) -> Document:
    text = decode_text(data)
    check_chars(len(text), limits)
    _check_rows(text.count("\n"), limits or {}, "")
    return html_document(text)


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
                    [Locator(line=n) for n, _ in run],
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


def read_txt(data: bytes, limits: dict | None = None, **_) -> Document:
    text = decode_text(data)
    check_chars(len(text), limits)
    _check_rows(text.count("\n"), limits or {}, "")
    return text_document(text)


def read_eml(data: bytes, limits: dict | None = None, depth: int = 0, **_) -> Document:
    """The text body, and every other MIME part: attachments are read as documents of
    their own (`part=N ...` locators, N counting the message's leaf parts in order);
    what is not read (an image, an unsupported or unsafe attachment) is listed in `unread`
    with its reason. A body sent as alternatives (text/plain and text/html) is read in
    every alternative and the alternatives compared (see `_read_body`). The body keeps
    plain locators."""
    message = email.message_from_bytes(data, policy=policy.default)
    leaves = _leaf_parts(message)
    numbers = {id(leaf): number for number, leaf in enumerate(leaves, start=1)}  # parts compare by identity
    bodies = [(numbers[id(body)], body) for body in _body_alternatives(message) if id(body) in numbers]
    doc = Document()
    if not bodies:
        doc.warnings.append("the e-mail has no text body")
    else:
        doc = _read_body(bodies)
    body_parts = [part for _, part in bodies]
    for number, part in enumerate(leaves, start=1):
        if not any(part is body for body in body_parts):
            _read_part(part, number, doc, limits or {}, depth)
    return doc


def _body_alternatives(message) -> list:
    """The message body in each form it was sent in, plain text first: a mail client
    sends the same letter as text/plain and text/html (multipart/alternative)."""
    found = []
    for kind in ("plain", "html"):
        body = message.get_body(preferencelist=(kind,))
        if body is not None and not any(body is other for other in found):
            found.append(body)
    return found


def _body_document(part) -> Document:
    content = part.get_content()
    return html_document(content) if part.get_content_type() == "text/html" else text_document(content)


def _read_body(bodies: list[tuple[int, object]]) -> Document:
    """Every alternative of the body is read and their rows compared (the rows of their
    tables, and lines that end in a figure, as 'Total = 25' does). Alternatives that hold
    the same rows are one letter: the one with its rows in tables is read, the others
    listed as compared. Where one holds rows the other lacks (a shortened text copy, an
    edited HTML copy), that is a warning naming both parts and the rows, and the
    alternative holding the most rows is read: never one of them silently."""
    read = [(number, part, _body_document(part)) for number, part in bodies]
    # the same rows: the alternative that keeps them as a table (an HTML table's text copy
    # often loses its columns); rows that differ: the alternative holding the most of them
    agree = all(not any(_differences(doc, other)) for (_, _, doc) in read for (_, _, other) in read)
    number, part, doc = max(read, key=lambda item: _table_rows(item[2]) if agree else len(_row_signatures(item[2])))
    for other_number, other, other_doc in read:
        if other is part:
            continue
        only_here, only_there = _differences(doc, other_doc)
        if only_here or only_there:
            doc.warnings.append(
                f"the body's alternatives part={number} ({part.get_content_type()}) and part={other_number} "
                f"({other.get_content_type()}) disagree: "
                + "; ".join(
                    f"{len(rows)} row(s) only in part={n}: " + " / ".join(repr(r) for r in rows[:3])
                    for n, rows in ((number, only_here), (other_number, only_there))
                    if rows
                )
                + f"; part={number} was read"
            )
            verdict = f"differs from part={number} (see problems)"
        else:
            verdict = f"read and compared, same rows as part={number}"
        why = f"{other.get_content_type()} alternative of the message body: {verdict}"
        doc.unread.append((Locator(parts=(other_number,)), why))
    return doc


def _table_rows(doc: Document) -> int:
    return sum(len(table.rows) for table in doc.tables)


def _fold(text: str) -> str:
    """Words only, lower case: an HTML cell and its text copy differ in separators and spacing."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _row_signatures(doc: Document) -> list[str]:
    rows = [" ".join(c for c in row if c.strip()) for table in doc.tables for row in table.rows]
    rows += [text for _, text in doc.lines if re.search(r"\d\W*$", text)]
    return [s for s in dict.fromkeys(map(_fold, rows)) if s]


def _differences(doc: Document, other: Document) -> tuple[list[str], list[str]]:
    """(rows of `doc` that `other` lacks, rows of `other` that `doc` lacks)."""

    def whole(d: Document) -> str:
        texts = [" ".join(row) for table in d.tables for row in table.rows] + [text for _, text in d.lines]
        return f" {_fold(' '.join(texts))} "

    here, there = whole(doc), whole(other)
    return (
        [s for s in _row_signatures(doc) if f" {s} " not in there],
        [s for s in _row_signatures(other) if f" {s} " not in here],
    )


def _leaf_parts(message) -> list:
    """The message's parts in order; an attached e-mail is one part (read recursively)."""
    if message.get_content_type() == "message/rfc822" or not message.is_multipart():
        return [message]
    return [leaf for part in message.iter_parts() for leaf in _leaf_parts(part)]


def _read_part(part, number: int, doc: Document, limits: dict, depth: int) -> None:
    locator = Locator(parts=(number,))
    name = part.get_filename() or ""
    kind = part.get_content_type()
    if kind == "message/rfc822":
        name, data = name or "attached e-mail.eml", part.get_payload(0).as_bytes()
    else:
        data = part.get_payload(decode=True) or b""
    suffix = Path(name).suffix.lower() if name else ""
    if not name and kind in ("text/plain", "text/html"):
        doc.add(_body_document(part), number)  # a second text of the message (a forwarded note): read
        return
    if not name or kind.startswith("image/") and suffix not in READERS:
        doc.unread.append((locator, f"{name or 'unnamed part'} ({kind}): not a document; not read"))
        return
    attachment = _read_inner(data, name, locator, f"{locator}: attachment", limits, depth, doc)
    if attachment is not None:
        doc.add(attachment, number)


def _read_inner(data: bytes, name: str, locator, prefix: str, limits: dict, depth: int, doc: Document):
    """One file inside another (an e-mail's attachment, a zip's member) after the checks any
    response file passes; None when it is not read, the reason added to doc.unread and warned of
    as '<prefix> <name> ...'."""
    from .containers import check_content

    if depth >= limits.get("max_email_depth", 3):
        doc.warnings.append(f"{prefix} {name} is nested more than max_email_depth deep; not read")
        doc.unread.append((locator, f"{name}: nested too deep; not read"))
        return None
    suffix = Path(name).suffix.lower()
    problems = check_content(data, suffix, name, limits)
    if problems:
        doc.warnings += [f"{prefix} {p.file}: {p.what}" for p in problems]
        doc.unread.append((locator, f"{name}: " + "; ".join(p.what for p in problems)))
        return None
    try:
        return read_bytes(data, suffix, {}, limits, depth + 1)
    except TooLarge:
        raise
    except Exception as exc:  # one unreadable file is reported with the rest, never fatal
        doc.warnings.append(f"{prefix} {name} could not be read ({type(exc).__name__}: {exc})")
        doc.unread.append((locator, f"{name}: could not be read"))
        return None


def read_zip(data: bytes, limits: dict | None = None, depth: int = 0, **_) -> Document:
    """A zip archive of response files (an answer sent as one archive): every member read
    as a document of its own (`member=<path> ...` locators), after the same checks as any
    response file; the archive itself was checked for zip bombs before it was opened.
    A member that is not a document, or cannot be read, is listed in `unread` and warned of."""
    limits = limits or {}
    doc = Document()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            name, locator = info.filename, Locator(members=(info.filename,))
            content = _read_inner(archive.read(info), name, locator, "zip member", limits, depth, doc)
            if content is not None:
                doc.add(content, member=name)
    return doc


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
    ".zip": read_zip,
}


def read_document(path: Path, hints: dict | None = None, limits: dict | None = None) -> Document:
    return read_bytes(path.read_bytes(), path.suffix.lower(), hints or {}, limits or {})


def read_bytes(data: bytes, suffix: str, hints: dict, limits: dict, depth: int = 0) -> Document:
    options = {key: hints[key] for key in ("sheets", "pages") if key in hints}
    if suffix in (".eml", ".zip"):
        options["depth"] = depth
    return READERS[suffix](data, limits=limits, **options)
