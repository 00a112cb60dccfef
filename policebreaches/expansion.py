"""Expansion limits, checked before a parser allocates: a response of a few kilobytes can
declare or hold a sheet of millions of cells (one value, or one empty string, in the last
column), a table cell spanning millions of columns, thousands of pages or a hundred million
characters. The parsers would build all of it in memory before any row is seen. These
checks read the file's own structure (cell references, repeat counts, spans, the page
count) and stop with a problem naming the file, the place and the limit.

The limits are config.yaml's `limits` (schemas/config.schema.yaml); DEFAULT_LIMITS is what
a caller that passes none gets (the same values, tests/test_expansion.py checks it)."""

from __future__ import annotations

import io
import re
import zipfile

DEFAULT_LIMITS = {
    "max_rows": 250_000,
    "max_columns": 1_000,
    "max_table_cells": 2_500_000,
    "max_pages": 2_000,
    "max_page_kb": 128,
    "max_chars": 60_000_000,
    "max_xml_elements": 500_000,
    "max_ods_elements": 150_000,
    "max_pdf_content_kb": 1_024,
    "max_pdf_objects": 200_000,
    "max_pdf_crossings": 50_000,
    "max_pdf_decoded_mb": 64,
}


class TooLarge(ValueError):
    """A file over one of the limits: reported with the file's name (and the limit's key,
    which its fix names), never parsed to the end."""

    def __init__(self, message: str, key: str = "max_rows", otherwise: str = ""):
        super().__init__(message)
        self.key = key
        self.otherwise = otherwise  # what else the fix may say: "or transcribe ..."


def limit(limits: dict | None, key: str) -> int:
    return (limits or {}).get(key, DEFAULT_LIMITS[key])


def check_extent(rows: int, columns: int, limits: dict | None, where: str) -> None:
    """A table of `rows` x `columns` (what a reader is about to build) within the limits."""
    if rows > limit(limits, "max_rows"):
        raise TooLarge(f"{where}has {rows:,} rows, over max_rows={limit(limits, 'max_rows'):,}", "max_rows")
    if columns > limit(limits, "max_columns"):
        raise TooLarge(
            f"{where}spans {columns:,} columns, over max_columns={limit(limits, 'max_columns'):,}", "max_columns"
        )
    if rows * columns > limit(limits, "max_table_cells"):
        raise TooLarge(
            f"{where}spans {rows:,} rows x {columns:,} columns = {rows * columns:,} cells, "
            f"over max_table_cells={limit(limits, 'max_table_cells'):,}",
            "max_table_cells",
        )


def check_chars(count: int, limits: dict | None, where: str = "") -> None:
    if count > limit(limits, "max_chars"):
        raise TooLarge(
            f"{where}holds more than max_chars={limit(limits, 'max_chars'):,} characters of text", "max_chars"
        )


# --- xlsx ---------------------------------------------------------------------------

ROW_OR_CELL = re.compile(rb'<row\b[^>]*?\br="(\d+)"|<c\b([^>]*?)(?:/>|>(.*?)</c>)', re.S)
CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
CELL_TYPE = re.compile(rb'\bt="([a-zA-Z]+)"')
VALUE = re.compile(rb"<v>([^<]*)</v>")
TEXT = re.compile(rb"<t\b[^>]*>([^<]+)</t>")
SHARED_STRING = re.compile(rb"<si>(.*?)</si>|<si/>", re.S)


def column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _shared_lengths(archive: zipfile.ZipFile) -> list[int]:
    """The length of each shared string's text (0: empty), in the order cells refer to them."""
    try:
        xml = archive.read("xl/sharedStrings.xml")
    except KeyError:
        return []
    return [sum(len(t) for t in TEXT.findall(m.group(1) or b"")) for m in SHARED_STRING.finditer(xml)]


def _cell_text_length(attributes: bytes, content: bytes | None, shared: list[int]) -> int | None:
    """Characters the parser would give the cell: None for a cell it skips (styled only,
    or a formula without a value), 0 for an empty string, else its text's length. A cell
    refers to a shared string by number: one long string in many cells is as many copies."""
    if not content:
        return None
    kind = CELL_TYPE.search(attributes)
    kind = kind.group(1) if kind else b"n"
    if kind == b"inlineStr":
        return sum(len(t) for t in TEXT.findall(content)) if b"<is" in content else None
    value = VALUE.search(content)
    if value is None:
        return None
    text = value.group(1).strip()
    if kind == b"s":
        index = int(text) if text.isdigit() else -1
        return shared[index] if 0 <= index < len(shared) else 0
    return len(text)


def _sheet_extents(xml: bytes, shared: list[int]) -> tuple[tuple[int, int], tuple[int, int], int]:
    """((rows, columns) holding values, (rows, columns) the parser would build, characters)."""
    shown, parsed, chars = [0, 0], [0, 0], 0
    row, col = 0, 0
    for match in ROW_OR_CELL.finditer(xml):
        if match.group(1) is not None:
            row, col = int(match.group(1)), 0
            continue
        ref = CELL_REF.search(match.group(2))
        if ref:
            col, row = column_number(ref.group(1)), int(ref.group(2))
        else:
            col += 1
        length = _cell_text_length(match.group(2), match.group(3), shared)
        if length is None:
            continue
        parsed[0], parsed[1] = max(parsed[0], row), max(parsed[1], col)
        if length:
            shown[0], shown[1], chars = max(shown[0], row), max(shown[1], col), chars + length
    return (shown[0], shown[1]), (parsed[0], parsed[1]), chars


def uncached_formulas(data: bytes) -> list[tuple[str, int, int]]:
    """(sheet, row, column) of each formula whose cell holds no value: it was never
    calculated (files written by scripts). Read from the sheets' XML, never through a
    parser that would build the sheet's declared area."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = _sheet_names(archive)
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            row, col = 0, 0
            for match in ROW_OR_CELL.finditer(archive.read(info)):
                if match.group(1) is not None:
                    row, col = int(match.group(1)), 0
                    continue
                ref = CELL_REF.search(match.group(2))
                col, row = (column_number(ref.group(1)), int(ref.group(2))) if ref else (col + 1, row)
                content = match.group(3) or b""
                value = VALUE.search(content)
                if (b"<f>" in content or b"<f " in content) and not (value and value.group(1).strip()):
                    found.append((names.get(info.filename, info.filename), row, col))
    return found


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet member -> sheet name, from workbook.xml and its relationships."""
    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
        rel_id, target = re.search(rb'\bId="([^"]+)"', rel.group(0)), re.search(rb'\bTarget="([^"]+)"', rel.group(0))
        if rel_id and target:
            path = target.group(1).decode().lstrip("/")
            targets[rel_id.group(1)] = path if path.startswith("xl/") else f"xl/{path}"
    names = {}
    for sheet in re.finditer(rb"<sheet\b[^>]*>", book):
        name, rel_id = re.search(rb'\bname="([^"]*)"', sheet.group(0)), re.search(rb'\br:id="([^"]+)"', sheet.group(0))
        if name and rel_id and rel_id.group(1) in targets:
            names[targets[rel_id.group(1)]] = _unescape(name.group(1).decode())
    return names


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def bounded_xlsx(data: bytes, limits: dict | None) -> bytes:
    """`data` as the xlsx reader may parse it: every sheet's values within the limits
    (else TooLarge naming the sheet), the text of all its cells within max_chars (a
    shared string counted once per cell that shows it), and empty-string cells beyond the last value dropped
    when the parser would otherwise build the whole area up to them. A workbook within
    the limits comes back unchanged (the same bytes)."""
    changed, chars = {}, 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = _sheet_names(archive)
        shared = None
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            xml = archive.read(info)
            if shared is None:
                shared = _shared_lengths(archive)
            shown, parsed, sheet_chars = _sheet_extents(xml, shared)
            where = f"sheet={names.get(info.filename, info.filename)} "
            check_extent(*shown, limits, where)
            chars += sheet_chars
            check_chars(chars, limits)
            if parsed != shown and not _within(parsed, limits):
                changed[info.filename] = _drop_cells_beyond(xml, shown)
        if not changed:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                copy.writestr(info, changed.get(info.filename) or archive.read(info))
    return out.getvalue()


def _within(extent: tuple[int, int], limits: dict | None) -> bool:
    try:
        check_extent(*extent, limits, "")
    except TooLarge:
        return False
    return True


def _drop_cells_beyond(xml: bytes, extent: tuple[int, int]) -> bytes:
    """The sheet without the cells outside `extent` (all empty: the values lie within)."""
    last_row, last_col = extent
    state = {"row": 0, "col": 0}

    def keep(match: re.Match) -> bytes:
        if match.group(1) is not None:
            state["row"], state["col"] = int(match.group(1)), 0
            return match.group(0)
        ref = CELL_REF.search(match.group(2))
        if ref:
            state["col"], state["row"] = column_number(ref.group(1)), int(ref.group(2))
        else:
            state["col"] += 1
        return match.group(0) if state["row"] <= last_row and state["col"] <= last_col else b""

    return ROW_OR_CELL.sub(keep, xml)


# --- ods ----------------------------------------------------------------------------

ODS_TOKEN = re.compile(
    rb"(?P<table><table:table(?=[\s/>])[^>]*>)|(?P<end_table></table:table>)|"
    rb"<table:table-row(?=[\s/>])(?P<row>[^>]*?)(?P<empty_row>/?)>|(?P<end_row></table:table-row>)|"
    rb"<table:(?:covered-)?table-cell(?=[\s/>])(?P<cell>[^>]*?)(?P<empty_cell>/?)>"
)
ODS_NAME = re.compile(rb'table:name="([^"]*)"')
ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="(\d+)"')
COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d+)"')


def xml_elements(xml: bytes) -> int:
    """The elements of an XML document, counted from its bytes (at C speed), not parsed."""
    return xml.count(b"<") - xml.count(b"</") - xml.count(b"<?") - xml.count(b"<!")


def check_ods(data: bytes, limits: dict | None) -> None:
    """The XML odfpy loads whole (content.xml, styles.xml and the other parts: a tree in
    memory, each element an object) within max_ods_elements; then each table's area
    holding values (repeat counts multiplied out, as the parser would) within the limits;
    a repeated empty cell or row costs nothing."""
    most, elements = limit(limits, "max_ods_elements"), 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.endswith(".xml"):
                elements += xml_elements(archive.read(info))
                if elements > most:
                    raise TooLarge(
                        f"its XML holds more than max_ods_elements={most:,} elements (reached in {info.filename})",
                        "max_ods_elements",
                    )
        xml = archive.read("content.xml")
    name, rows, columns, row, col, row_repeat, row_has_value = "", 0, 0, 0, 0, 1, False
    for match in ODS_TOKEN.finditer(xml):
        if match["table"]:
            found = ODS_NAME.search(match["table"])
            name, rows, columns, row = (_unescape(found.group(1).decode()) if found else ""), 0, 0, 0
        elif match["end_table"]:
            check_extent(rows, columns, limits, f"sheet={name} ")
        elif match["row"] is not None:
            repeated = ROWS_REPEATED.search(match["row"])
            row_repeat, col, row_has_value = int(repeated.group(1)) if repeated else 1, 0, False
            if match["empty_row"]:
                row += row_repeat
        elif match["end_row"]:
            row += row_repeat
            if row_has_value:
                rows = row
        else:
            repeated = COLUMNS_REPEATED.search(match["cell"])
            col += int(repeated.group(1)) if repeated else 1
            if _ods_cell_shows(xml, match["cell"], not match["empty_cell"], match.end()):
                columns, row_has_value = max(columns, col), True


def _ods_cell_shows(xml: bytes, attributes: bytes, has_body: bool, start: int) -> bool:
    """A cell the parser keeps a value of: typed, and for text, with characters."""
    if b"office:value-type" not in attributes:
        return False
    if b'office:value-type="string"' not in attributes:
        return True
    return has_body and _cell_has_text(xml, start)


def _cell_has_text(xml: bytes, start: int) -> bool:
    """Whether the cell opened just before `start` holds a text paragraph with characters."""
    end = xml.find(b"</table:table-cell>", start)
    body = xml[start : end if end >= 0 else start + 200]
    return bool(re.search(rb"<text:p\b[^>]*>[^<]*\S", body))
