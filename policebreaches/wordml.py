"""A Word document (.docx) as Word shows it by default, read in one streaming pass.

Read: the text of runs, including tracked insertions (w:ins, w:moveTo, accepted as Word
shows them), content controls (w:sdt), field results (w:fldSimple, and the runs between a
field's `separate` and `end`), hyperlinks and smart tags; text boxes (w:txbxContent) as
lines of their own (`textbox=N paragraph=M`), read once (the VML copy in mc:Fallback is
skipped). Not data: deleted text (w:del, w:moveFrom, w:delText), rows deleted as a tracked
change, field instructions (w:instrText), the placeholder an empty content control shows,
and hidden text (w:vanish, directly or through a style), which is listed as unread with
its reason.

Table rows are laid out on the table's grid as python-docx does: a cell spanning columns
(w:gridSpan) repeats its text in each, a vertically merged cell (w:vMerge) repeats the text
above. Every expansion is checked before it is built (policebreaches/expansion.py): grid
columns and spans against max_columns, rows against max_rows, a table's cells against
max_table_cells, the text against max_chars. Elements are freed as soon as they are read,
so memory stays a paragraph or a table row deep whatever the file holds."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from .expansion import TooLarge, check_chars, limit

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
SKIPPED = {W + "del", W + "moveFrom", MC + "Fallback", W + "instrText", W + "delText"}  # never text
PROPERTIES = {W + "rPr", W + "pPr", W + "tcPr", W + "trPr", W + "sdtPr", W + "tblPr", W + "sectPr"}
RUN_CHARACTERS = {W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-"}
MAX_PROPERTY_PARTS = 10_000  # formatting elements kept until their container ends; no real one has 100
FALSE = {"0", "false", "off"}


@dataclass
class WordText:
    tables: list[tuple[int, list[list[str]]]] = field(default_factory=list)  # (number, rows)
    lines: list[tuple[dict, str]] = field(default_factory=list)  # (Locator fields, text)
    unread: list[tuple[dict, str]] = field(default_factory=list)  # (Locator fields, why)


@dataclass
class _Paragraph:
    hidden_style: bool = False
    text: list[str] = field(default_factory=list)
    hidden: int = 0  # characters of hidden text


@dataclass
class _Cell:
    paragraphs: list[str] = field(default_factory=list)
    hidden: int = 0
    span: int = 1
    continues: bool = False  # w:vMerge without 'restart': the text of the cell above


@dataclass
class _Row:
    cells: list[_Cell] = field(default_factory=list)
    width: int = 0
    deleted: bool = False


@dataclass
class _Table:
    rows: list[list[str]] = field(default_factory=list)
    hidden_rows: list[tuple[int, int]] = field(default_factory=list)  # (row number, characters)
    grid_columns: int = 0
    cells: int = 0


@dataclass
class _TextBox:
    paragraphs: list[str] = field(default_factory=list)
    hidden: list[int] = field(default_factory=list)


def _is_on(element) -> bool:
    return element is not None and element.get(W + "val", "true").lower() not in FALSE


def hidden_styles(archive: zipfile.ZipFile) -> set[str]:
    """Ids of the styles whose text Word hides (w:vanish in the style or one it is based on)."""
    try:
        xml = archive.read("word/styles.xml")
    except KeyError:
        return set()
    root = etree.fromstring(xml, _parser())
    based_on, own = {}, {}
    for style in root.iter(W + "style"):
        style_id = style.get(W + "styleId")
        parent = style.find(W + "basedOn")
        based_on[style_id] = parent.get(W + "val") if parent is not None else None
        vanish = style.find(f"{W}rPr/{W}vanish")
        own[style_id] = _is_on(vanish) if vanish is not None else None
    hidden = set()
    for style_id in own:
        seen, current = set(), style_id
        while current is not None and current not in seen and own.get(current) is None:
            seen.add(current)
            current = based_on.get(current)
        if current is not None and own.get(current):
            hidden.add(style_id)
    return hidden


def _parser(**options):
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, **options)


def main_part(archive: zipfile.ZipFile) -> str:
    """The document part the package's relationships name (word/document.xml as Word writes it)."""
    try:
        rels = archive.read("_rels/.rels")
    except KeyError:
        rels = b""
    for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
        if re.search(rb'Type="[^"]*/relationships/officeDocument"', rel.group(0)):
            target = re.search(rb'Target="([^"]+)"', rel.group(0))
            if target:
                return target.group(1).decode().lstrip("/")
    return "word/document.xml"


class _Reader:
    """The streaming pass: one handler per element end (and a few per start)."""

    def __init__(self, hidden: set[str], limits: dict | None):
        self.hidden_style_ids = hidden
        self.limits = limits
        self.out = WordText()
        self.skipping = 0  # depth inside elements that are never text
        self.in_properties = 0  # depth inside formatting elements (kept whole until read)
        self.kept = 0
        self.containers: list = []  # _Table, _Row, _Cell, _TextBox, innermost last
        self.paragraphs: list[_Paragraph] = []  # innermost last (a text box's paragraph nests in a run)
        self.runs: list[bool] = []  # whether each open run is hidden
        self.placeholders: list[bool] = []  # per open w:sdt: shows its placeholder
        self.body_paragraphs = 0
        self.tables = 0
        self.text_boxes = 0
        self.chars = 0

    def start(self, element) -> None:
        tag = element.tag
        if tag in SKIPPED or tag == W + "sdtContent" and self.placeholders and self.placeholders[-1]:
            self.skipping += 1
        if tag in PROPERTIES:
            self.in_properties += 1
        if self.skipping:
            return
        if tag == W + "p":
            self.paragraphs.append(_Paragraph())
        elif tag == W + "r":
            self.runs.append(bool(self.paragraphs and self.paragraphs[-1].hidden_style))
        elif tag == W + "tbl":
            self.containers.append(_Table())
        elif tag == W + "tr":
            self.containers.append(_Row())
        elif tag == W + "tc":
            self.containers.append(_Cell())
        elif tag == W + "txbxContent":
            self.containers.append(_TextBox())
        elif tag == W + "sdt":
            self.placeholders.append(False)

    def end(self, element) -> None:
        tag = element.tag
        if not self.skipping:
            handler = self.HANDLERS.get(tag)
            if handler:
                handler(self, element)
        if tag in SKIPPED or tag == W + "sdtContent" and self.placeholders and self.placeholders[-1]:
            self.skipping -= 1
        if tag in PROPERTIES:
            self.in_properties -= 1
        self._free(element, tag)

    def _free(self, element, tag: str) -> None:
        """Drop what has been read; formatting is kept until its container has been read."""
        if self.in_properties and tag not in PROPERTIES:
            self.kept += 1
            if self.kept > MAX_PROPERTY_PARTS:
                raise TooLarge(f"a formatting element holds more than {MAX_PROPERTY_PARTS:,} parts", "max_xml_elements")
            return
        if tag in PROPERTIES:
            self.kept = 0
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]

    # --- text ---
    def _text(self, text: str) -> None:
        if not self.paragraphs or not text:
            return
        paragraph = self.paragraphs[-1]
        if self.runs and self.runs[-1]:
            paragraph.hidden += len(text)
            return
        paragraph.text.append(text)
        self.chars += len(text)
        check_chars(self.chars, self.limits)

    def on_t(self, element) -> None:
        if element.getparent() is not None and element.getparent().tag == W + "r":
            self._text(element.text or "")

    def on_run_character(self, element) -> None:
        if element.getparent() is not None and element.getparent().tag == W + "r":
            self._text(RUN_CHARACTERS[element.tag])

    def on_br(self, element) -> None:
        if element.getparent() is not None and element.getparent().tag == W + "r":
            self._text("\n" if element.get(W + "type", "textWrapping") == "textWrapping" else "")

    def on_rpr(self, element) -> None:
        if element.getparent() is None or element.getparent().tag != W + "r" or not self.runs:
            return
        style = element.find(W + "rStyle")
        if style is not None and style.get(W + "val") in self.hidden_style_ids:
            self.runs[-1] = True
        vanish = element.find(W + "vanish")
        if vanish is not None:
            self.runs[-1] = _is_on(vanish)

    def on_ppr(self, element) -> None:
        if element.getparent() is None or element.getparent().tag != W + "p" or not self.paragraphs:
            return
        style = element.find(W + "pStyle")
        self.paragraphs[-1].hidden_style = style is not None and style.get(W + "val") in self.hidden_style_ids

    def on_run_end(self, element) -> None:
        if self.runs:
            self.runs.pop()

    def on_sdt_properties(self, element) -> None:
        if self.placeholders and element.find(W + "showingPlcHdr") is not None:
            self.placeholders[-1] = _is_on(element.find(W + "showingPlcHdr"))

    def on_sdt_end(self, element) -> None:
        if self.placeholders:
            self.placeholders.pop()

    # --- paragraphs and containers ---
    def on_p(self, element) -> None:
        paragraph = self.paragraphs.pop()
        text = "".join(paragraph.text)
        holder = next((c for c in reversed(self.containers) if isinstance(c, _Cell | _TextBox)), None)
        if isinstance(holder, _Cell):
            holder.paragraphs.append(text)
            holder.hidden += paragraph.hidden
        elif isinstance(holder, _TextBox):
            holder.paragraphs.append(text)
            holder.hidden.append(paragraph.hidden)
        else:
            self.body_paragraphs += 1
            if self.body_paragraphs > limit(self.limits, "max_rows"):
                raise TooLarge(f"has more than max_rows={limit(self.limits, 'max_rows'):,} paragraphs", "max_rows")
            place = {"paragraph": self.body_paragraphs}
            if text.strip():
                self.out.lines.append((place, text))
            if paragraph.hidden:
                self.out.unread.append(({**place, "hidden": True}, _hidden_reason(paragraph.hidden)))

    def _table(self) -> _Table | None:
        return next((c for c in reversed(self.containers) if isinstance(c, _Table)), None)

    def on_grid_col(self, element) -> None:
        table = self._table()
        if table is not None:
            table.grid_columns += 1
            self._check_columns(table.grid_columns, "its grid (w:gridCol) has")

    def _check_columns(self, columns: int, what: str) -> None:
        most = limit(self.limits, "max_columns")
        if columns > most:
            number = self.tables + 1
            raise TooLarge(f"table={number}: {what} {columns:,} columns, over max_columns={most:,}", "max_columns")

    def on_tcpr(self, element) -> None:
        cell, row = (self.containers[-1], self.containers[-2]) if len(self.containers) > 1 else (None, None)
        if not isinstance(cell, _Cell) or not isinstance(row, _Row):
            return
        span = element.find(W + "gridSpan")
        text = span.get(W + "val", "1") if span is not None else "1"
        cell.span = int(text) if text.isdigit() and int(text) > 0 else 1
        self._check_columns(row.width + cell.span, "a row spans (w:gridSpan)")
        merge = element.find(W + "vMerge")
        cell.continues = merge is not None and merge.get(W + "val", "continue") != "restart"

    def on_trpr(self, element) -> None:
        if self.containers and isinstance(self.containers[-1], _Row):
            self.containers[-1].deleted = element.find(W + "del") is not None

    def on_tc(self, element) -> None:
        cell = self.containers.pop()
        row = self.containers[-1] if self.containers else None
        if isinstance(row, _Row):
            row.cells.append(cell)
            row.width += cell.span

    def on_tr(self, element) -> None:
        row = self.containers.pop()
        table = self.containers[-1] if self.containers else None
        if not isinstance(table, _Table) or row.deleted:
            return
        above = table.rows[-1] if table.rows else []
        grid = []
        for cell in row.cells:
            text = "\n".join(cell.paragraphs)
            if cell.continues:
                text = above[len(grid)] if len(grid) < len(above) else ""
            grid += [text] * cell.span
        table.cells += len(grid)
        most_rows, most_cells = limit(self.limits, "max_rows"), limit(self.limits, "max_table_cells")
        if len(table.rows) + 1 > most_rows:
            raise TooLarge(f"table={self.tables + 1} has more than max_rows={most_rows:,} rows", "max_rows")
        if table.cells > most_cells:
            raise TooLarge(
                f"table={self.tables + 1} has more than max_table_cells={most_cells:,} cells", "max_table_cells"
            )
        table.rows.append(grid)
        hidden = sum(cell.hidden for cell in row.cells)
        if hidden:
            table.hidden_rows.append((len(table.rows), hidden))

    def on_tbl(self, element) -> None:
        table = self.containers.pop()
        holder = next((c for c in reversed(self.containers) if isinstance(c, _Cell | _TextBox)), None)
        if holder is not None:  # a table inside a cell or a text box: its rows are that holder's lines
            rows = ["\t".join(row) for row in table.rows]
            holder.paragraphs += rows
            if isinstance(holder, _TextBox):
                holder.hidden += [0] * len(rows)
            else:
                holder.hidden += sum(hidden for _, hidden in table.hidden_rows)
            return
        self.tables += 1
        self.out.tables.append((self.tables, table.rows))
        for number, hidden in table.hidden_rows:
            self.out.unread.append(({"table": self.tables, "row": number, "hidden": True}, _hidden_reason(hidden)))

    def on_text_box(self, element) -> None:
        box = self.containers.pop()
        self.text_boxes += 1
        for number, (text, hidden) in enumerate(zip(box.paragraphs, box.hidden), start=1):
            place = {"textbox": self.text_boxes, "paragraph": number}
            if text.strip():
                self.out.lines.append((place, text))
            if hidden:
                self.out.unread.append(({**place, "hidden": True}, _hidden_reason(hidden)))

    HANDLERS = {
        W + "t": on_t,
        W + "tab": on_run_character,
        W + "ptab": on_run_character,
        W + "cr": on_run_character,
        W + "noBreakHyphen": on_run_character,
        W + "br": on_br,
        W + "rPr": on_rpr,
        W + "pPr": on_ppr,
        W + "r": on_run_end,
        W + "sdtPr": on_sdt_properties,
        W + "sdt": on_sdt_end,
        W + "p": on_p,
        W + "gridCol": on_grid_col,
        W + "tcPr": on_tcpr,
        W + "trPr": on_trpr,
        W + "tc": on_tc,
        W + "tr": on_tr,
        W + "tbl": on_tbl,
        W + "txbxContent": on_text_box,
    }


def _hidden_reason(characters: int) -> str:
    return f"{characters:,} characters of hidden text (formatted as hidden: Word does not show it); not read"


def check_elements(xml: bytes, part: str, limits: dict | None) -> None:
    """The document's XML elements, counted from its bytes before it is parsed: each is
    handled in Python (about 14 microseconds each on a busy 2-core machine, bench/expansion.py),
    so their number bounds the time a file takes."""
    elements = xml.count(b"<") - xml.count(b"</") - xml.count(b"<?") - xml.count(b"<!")
    most = limit(limits, "max_xml_elements")
    if elements > most:
        raise TooLarge(f"{part} holds {elements:,} XML elements, over max_xml_elements={most:,}", "max_xml_elements")


def read_word(data: bytes, limits: dict | None = None) -> WordText:
    """The document's tables, body and text-box lines, and what was not read."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        part = main_part(archive)
        if part not in archive.namelist():
            raise ValueError(f"no {part}: not a Word document")
        xml = archive.read(part)  # within max_unpacked_mb: the container was checked before
        check_elements(xml, part, limits)
        reader = _Reader(hidden_styles(archive), limits)
        events = etree.iterparse(
            io.BytesIO(xml),
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        )
        for event, element in events:
            if event == "start":
                reader.start(element)
            else:
                reader.end(element)
    return reader.out
