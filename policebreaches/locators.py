"""Where a row sits in its response file, as fields: the e-mail part (attachments nest),
the sheet, the page, the table, the row or line. A sheet name may hold any characters
("Year 2013", "Apr 13 - Mar 14", "row=2"): code that needs the sheet reads the field,
never the text. The text form (`str(locator)`) is what records.csv prints as
source_locator and what a record id is computed from, so it stays as it always was:
'part=2 sheet=Data row=14', 'page=2 table=1 row=3', 'line=5', 'transcribed line=F:L page=P'."""

from __future__ import annotations

from dataclasses import dataclass, replace

# the fields a row of extract/<force>.rows.csv (and records.csv) carries beside source_locator
FIELD_COLUMNS = ["source_part", "source_sheet", "source_page", "source_table", "source_row", "source_member"]


@dataclass(frozen=True)
class Locator:
    parts: tuple[int, ...] = ()  # MIME part numbers, outermost first (an attached e-mail's attachment: (3, 2))
    members: tuple[str, ...] = ()  # paths inside a zip archive, outermost first
    sheet: str | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None  # a row of a spreadsheet, Word, PDF or HTML table
    column: int | None = None  # a cell's column (1-based): a count table by period holds one figure a cell
    line: int | None = None  # a line of a CSV or text file, or of a PDF page's text
    paragraph: int | None = None
    textbox: int | None = None  # a Word text box: its paragraphs are lines of their own
    hidden: bool = False  # text Word hides (w:vanish) in this row or paragraph: listed as unread, never data
    transcript: str | None = None  # transcribed/<name>.csv: `line` is that file's line
    continued: Locator | None = None  # a table row a page break cut in two: where its rest sits

    def within(self, part: int) -> Locator:
        """This place inside MIME part `part` of an e-mail."""
        return replace(self, parts=(part, *self.parts))

    def inside(self, member: str) -> Locator:
        """This place inside the file `member` of a zip archive."""
        return replace(self, members=(member, *self.members))

    def __str__(self) -> str:
        words = [f"part={p}" for p in self.parts] + [f"member={m}" for m in self.members]
        if self.transcript is not None:
            words.append(f"transcribed line={self.transcript}:{self.line}")
            words += [f"page={self.page}"] if self.page is not None else []
            return " ".join(words)
        for name in ("sheet", "page", "table", "textbox", "row", "line", "column", "paragraph"):
            value = getattr(self, name)
            if value is not None:
                words.append(f"{name}={value}")
        words += ["hidden=1"] if self.hidden else []
        text = " ".join(words)
        return f"{text}+{self.continued}" if self.continued else text

    def fields(self) -> dict[str, str]:
        """The FIELD_COLUMNS of a row at this place ('' where the file has no such level)."""
        return {
            "source_part": ".".join(map(str, self.parts)),
            "source_sheet": self.sheet if self.sheet is not None else "",
            "source_page": _text(self.page),
            "source_table": "transcribed" if self.transcript is not None else _text(self.table),
            "source_row": _text(self.row if self.row is not None else self.line),
            "source_member": "/".join(self.members),
        }


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def table_key(source_file: str, source_part: str, source_member: str, source_sheet: str, source_table: str) -> str:
    """The table a row sits in, for duplicates: one per sheet of a workbook, per e-mail
    attachment or zip member, and the transcription of a file; the tables of one Word,
    PDF, CSV or text document are one (a table split over pages or paragraphs is one list)."""
    transcribed = "transcribed" if source_table == "transcribed" else ""
    return "\x1f".join([source_file, source_part, source_member, source_sheet, transcribed])


def describe(fields: dict[str, str]) -> str:
    """A place in words, for people: "e-mail part 2, sheet 'Year 2013', row 4"."""
    words = []
    if fields.get("source_part"):
        words.append(f"e-mail part {fields['source_part']}")
    if fields.get("source_member"):
        words.append(f"zip member '{fields['source_member']}'")
    if fields.get("source_sheet"):
        words.append(f"sheet '{fields['source_sheet']}'")
    if fields.get("source_page"):
        words.append(f"page {fields['source_page']}")
    if fields.get("source_table") == "transcribed":
        words.append("transcription")
    elif fields.get("source_table"):
        words.append(f"table {fields['source_table']}")
    if fields.get("source_row"):
        words.append(f"row {fields['source_row']}")
    return ", ".join(words)
