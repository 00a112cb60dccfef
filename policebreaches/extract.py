"""Turn one force's response files into rows with lineage, by named layouts.

Layouts (detected in this order, per table):
  incident_table        a header row (found in the first 30 rows by synonyms) over incident rows
  headerless_two_column no header; a date column and a description column
  counts_table          label -> number rows with no incident header (margins, kept as counts)
  counts_lines          "label = N" / "label - N" lines in a letter
  transcribed           a narrative letter whose rows stand in transcribed/
  needs_transcription   narrative text with no table: listed, nothing invented
Every row read gets a row_kind (data, header, title, blank, total, note), so the
ledger can show that rows in = rows out."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_incident_date
from .ids import record_id
from .problems import Problem
from .readers import Document, Table, TooLarge, read_document

FIELDS = ("date", "role", "category", "description", "outcome")
HEADER_SEARCH_ROWS = 30

# Header synonyms, tried in this order for each cell: outcome and role first because
# numbered labels such as "(iv) How the matter was resolved" or "(iii) Officer or a
# member of civilian staff" also contain words of the other fields.
HEADER_PATTERNS = [
    ("outcome", r"outcome|action taken|result|sanction|disposal|resol|finding|disciplinary action|action$"),
    (
        "role",
        r"\brank\b|role|staff type|officer ?(or|/|and) ?(a member of )?(civilian )?staff|employee|grade|"
        r"police officer or|officer type|^staff$|position",
    ),
    (
        "category",
        r"breach type|type of (breach|allegation|incident|offence)|category|classification|^type$|"
        r"allegation type|^breach$",
    ),
    ("date", r"date|month|year|^when|period|reported"),
    (
        "description",
        r"descript|summary|detail|circumstance|nature|allegation|breach|offence|what happened|"
        r"incident|particulars|narrative|synopsis",
    ),
]
TOTAL_LABEL = re.compile(r"^\s*(grand\s+)?totals?\b|^\s*sum\b", re.I)
NOTE_START = re.compile(
    r"^\s*(notes?\b|\*|source\b|please\b|n\.?b\.?\b|data\b|figures\b|this\b|the above\b|"
    r"information\b|where\b|caveat|\(?\d\)\s)",
    re.I,
)
COUNT_LINE = re.compile(
    r"^\s*(?P<label>[^=:\u2013\u2014\-|\t]{2,80}?)\s*(=|:|\u2013|\u2014|-{1,2}|\t|\|)\s*"
    r"(?P<count>\d{1,6})\s*\.?\s*$"
)
INTEGER = re.compile(r"^\s*\d{1,6}\s*$")


def _norm_header(text: str) -> str:
    text = re.sub(r"^\s*\(?[ivx]+\)\s*|^\s*\d+[.)]\s*", "", text.lower())
    return " ".join(re.sub(r"[^a-z/ ]+", " ", text).split())


def header_mapping(cells: list[str]) -> dict[str, int]:
    """field -> column index when this row looks like an incident-table header."""
    mapping: dict[str, int] = {}
    for col, cell in enumerate(cells):
        text = _norm_header(cell)
        if not text or len(text) > 70 or parse_incident_date(cell).parsed:
            continue
        for name, pattern in HEADER_PATTERNS:
            if name not in mapping and re.search(pattern, text):
                mapping[name] = col
                break
    substantive = {"description", "outcome", "category"} & set(mapping)
    return mapping if len(mapping) >= 2 and substantive else {}


@dataclass
class FileContext:
    force_id: str
    source_file: str  # relative to the edition folder
    sha256: str


def _row(
    ctx: FileContext, locator: str, layout: str, kind: str, cells: list[str], values: dict[str, str] | None = None
) -> dict:
    values = values or {}
    return {
        "record_id": record_id(ctx.sha256, locator),
        "force_id": ctx.force_id,
        "source_file": ctx.source_file,
        "source_sha256": ctx.sha256,
        "source_locator": locator,
        "layout": layout,
        "row_kind": kind,
        **{f"{name}_raw": values.get(name, "") for name in FIELDS},
        "cells": json.dumps(cells, ensure_ascii=False),
    }


def _is_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def _stated_total(cells: list[str]) -> int | None:
    for cell in cells[1:] + cells[:1]:
        match = re.search(r"\b(\d{1,6})\b", cell)
        if match and not TOTAL_LABEL.fullmatch(cell):
            return int(match.group(1))
    return None


def incident_rows(
    table: Table, ctx: FileContext, mapping: dict[str, int], header_at: int, layout: str, problems: list[Problem]
) -> list[dict]:
    """Rows of one incident table: title rows above the header, then data/notes/totals."""
    out = [
        _row(ctx, table.row_locators[i], layout, "blank" if _is_blank(r) else "title", r)
        for i, r in enumerate(table.rows[:header_at])
    ]
    out.append(_row(ctx, table.row_locators[header_at], layout, "header", table.rows[header_at]))
    header_key = [_norm_header(c) for c in table.rows[header_at]]
    data_since_total = 0
    for i in range(header_at + 1, len(table.rows)):
        cells, locator = table.rows[i], table.row_locators[i]
        kind = _row_kind(cells, mapping, header_key)
        if kind == "total":
            stated = _stated_total(cells)
            if stated is not None and stated != data_since_total:
                problems.append(
                    Problem(
                        ctx.source_file,
                        f"{locator}: the total row says {stated} but "
                        f"{data_since_total} incident rows were read above it",
                        "check the rows above (a merged or hidden row?), or give the table's "
                        "header_row/columns in overrides/extraction.yaml",
                    )
                )
            data_since_total = 0
        if kind == "data":
            data_since_total += 1
            values = {name: cells[col] if col < len(cells) else "" for name, col in mapping.items()}
            out.append(_row(ctx, locator, layout, kind, cells, values))
        else:
            out.append(_row(ctx, locator, layout, kind, cells))
    return out


def _row_kind(cells: list[str], mapping: dict[str, int], header_key: list[str]) -> str:
    if _is_blank(cells):
        return "blank"
    if [_norm_header(c) for c in cells] == header_key:
        return "header"
    filled = [i for i, c in enumerate(cells) if c.strip()]
    if TOTAL_LABEL.match(cells[filled[0]]):
        return "total"
    if len(filled) == 1 and len(mapping) > 1:
        text = cells[filled[0]]
        if filled[0] != mapping.get("description") or NOTE_START.match(text):
            return "note"
    return "data"


def _headerless_two_column(table: Table) -> dict[str, int] | None:
    """A date column beside a text column, with no header at all."""
    filled = [r for r in table.rows if not _is_blank(r)]
    if len(filled) < 2:
        return None
    widths = {len([c for c in r if c.strip()]) for r in filled}
    if widths != {2}:
        return None
    dated = sum(1 for r in filled if parse_incident_date([c for c in r if c.strip()][0]).parsed)
    if dated / len(filled) < 0.6:
        return None
    first = next(r for r in filled)
    cols = [i for i, c in enumerate(first) if c.strip()]
    return {"date": cols[0], "description": cols[1]}


def _counts_pairs(table: Table) -> list[tuple[int, str, int]] | None:
    """(row index, label, count) when every non-blank row is a label and one number."""
    pairs = []
    for i, row in enumerate(table.rows):
        cells = [c for c in row if c.strip()]
        if not cells:
            continue
        if len(cells) == 2 and INTEGER.match(cells[1]) and not INTEGER.match(cells[0]):
            pairs.append((i, cells[0].strip(), int(cells[1])))
        elif len(cells) == 1 or (len(cells) == 2 and not INTEGER.match(cells[1])):
            continue  # a caption or column heading ("Category | Number")
        else:
            return None
    return pairs or None


def _aggregate(ctx: FileContext, locator: str, label: str, count: int, layout: str) -> dict:
    return {
        "force_id": ctx.force_id,
        "source_file": ctx.source_file,
        "source_sha256": ctx.sha256,
        "source_locator": locator,
        "layout": layout,
        "label": label,
        "count": count,
        "is_total": bool(TOTAL_LABEL.match(label)),
    }


def _find_header(table: Table, hint: dict) -> tuple[int, dict[str, int]] | None:
    if "header_row" in hint:
        at = int(hint["header_row"]) - 1
        if at >= len(table.rows):
            return None
        mapping = header_mapping(table.rows[at])
        if "columns" in hint:
            header = [_norm_header(c) for c in table.rows[at]]
            mapping = {name: _column_index(spec, header) for name, spec in hint["columns"].items()}
        return at, mapping
    for at, cells in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        mapping = header_mapping(cells)
        if mapping:
            return at, mapping
    return None


def _column_index(spec, header: list[str]) -> int:
    """A column given as a letter ('C'), a 1-based number, or its header text."""
    text = str(spec)
    if re.fullmatch(r"[A-Z]{1,2}", text):
        index = 0
        for ch in text:
            index = index * 26 + ord(ch) - 64
        return index - 1
    if text.isdigit():
        return int(text) - 1
    return header.index(_norm_header(text))


def extract_document(
    doc: Document, ctx: FileContext, hint: dict, transcribed: list[dict], problems: list[Problem]
) -> tuple[list[dict], list[dict], str]:
    """(rows, aggregates, file status) of one response document."""
    if hint.get("layout") == "ignore":
        return [_row(ctx, loc, "ignored", "note", [text]) for loc, text in doc.lines], [], "ignored by hint"
    if transcribed:
        return (
            [
                _row(
                    ctx,
                    f"transcribed line={t['line']}" + (f" page={t['source_page']}" if t["source_page"] else ""),
                    "transcribed",
                    "data",
                    [t[k] for k in ("date", "role", "force_category", "description", "outcome")],
                    {
                        "date": t["date"],
                        "role": t["role"],
                        "category": t["force_category"],
                        "description": t["description"],
                        "outcome": t["outcome"],
                    },
                )
                for t in transcribed
            ],
            [],
            "transcribed",
        )
    for warning in doc.warnings:
        problems.append(Problem(ctx.source_file, warning, WARNING_FIX[next(k for k in WARNING_FIX if k in warning)]))
    rows: list[dict] = [_row(ctx, loc, "unread", "unread", [why]) for loc, why in doc.unread]
    aggregates: list[dict] = []
    in_tables = set()
    for table in doc.tables:
        found = _find_header(table, hint)
        if found and found[1]:
            rows += incident_rows(table, ctx, found[1], found[0], "incident_table", problems)
            in_tables.update(table.row_locators)
            continue
        two = _headerless_two_column(table)
        if two:
            rows += [
                _row(
                    ctx,
                    loc,
                    "headerless_two_column",
                    "blank" if _is_blank(r) else "data",
                    r,
                    {} if _is_blank(r) else {k: r[c] for k, c in two.items()},
                )
                for r, loc in zip(table.rows, table.row_locators)
            ]
            in_tables.update(table.row_locators)
            continue
        pairs = _counts_pairs(table)
        if pairs:
            counted = {i for i, _, _ in pairs}
            aggregates += [_aggregate(ctx, table.row_locators[i], label, n, "counts_table") for i, label, n in pairs]
            rows += [
                _row(ctx, loc, "counts_table", "count" if i in counted else ("blank" if _is_blank(r) else "note"), r)
                for i, (r, loc) in enumerate(zip(table.rows, table.row_locators))
            ]
            in_tables.update(table.row_locators)
            continue
        rows += [
            _row(ctx, loc, "unrecognised_table", "blank" if _is_blank(r) else "unrecognised", r)
            for r, loc in zip(table.rows, table.row_locators)
        ]
    if not aggregates and not any(r["row_kind"] == "data" for r in rows):
        for locator, text in doc.lines:
            match = COUNT_LINE.match(text)
            if match and not INTEGER.match(match["label"]):
                aggregates.append(
                    _aggregate(ctx, locator, match["label"].strip(" .:"), int(match["count"]), "counts_lines")
                )
    status = _file_status(rows, aggregates, doc)
    return rows, aggregates, status


def _file_status(rows: list[dict], aggregates: list[dict], doc: Document) -> str:
    if any(r["row_kind"] == "data" for r in rows) or aggregates:
        if any(r["row_kind"] == "unrecognised" for r in rows):
            return "partly_unrecognised"
        return "extracted"
    if any(r["row_kind"] == "unrecognised" for r in rows):
        return "unrecognised_table"
    return "needs_transcription" if doc.lines else "no_content"


WARNING_FIX = {  # what a reader's warning asks of the researcher, by a phrase it contains
    "no cached value": "re-save the file in its application so values are cached",
    "attachment": "save the attachment as a response file of its own (named in requests.csv), "
    "or list it in overrides/extraction.yaml as layout: ignore if it holds no figures",
    "": "check the file opens and holds the response",
}

FILE_STATUS_FIX = {
    "needs_transcription": "transcribe its incidents into transcribed/<name>.csv (columns source_file, source_page, "
    "date, role, force_category, description, outcome), or mark it layout: ignore in "
    "overrides/extraction.yaml if it holds no figures",
    "unrecognised_table": "give header_row and columns for it in overrides/extraction.yaml",
    "partly_unrecognised": "give header_row and columns for the unrecognised table in overrides/extraction.yaml",
    "no_content": "check the file opens and holds the response; replace it with the response as received",
}


def long_cells(doc: Document, name: str, limit: int | None) -> list[Problem]:
    """A cell longer than any incident description (a whole letter pasted into one cell,
    or a file built to exhaust memory downstream): read, but reported with its row."""
    if not limit:
        return []
    return [
        Problem(
            name,
            f"{locator}: a cell of {len(cell):,} characters, over max_cell_chars={limit:,}",
            "check the row; raise max_cell_chars in config.yaml if it is genuine",
        )
        for table in doc.tables
        for row, locator in zip(table.rows, table.row_locators)
        for cell in row
        if len(cell) > limit
    ]


def _read_failure(exc: Exception) -> tuple[str, str]:
    """(what, fix) for a file its reader could not finish."""
    if isinstance(exc, TooLarge):
        return f"{exc}: not read", "check the file; raise max_rows in config.yaml if it is genuine"
    if isinstance(exc, MemoryError):
        return "ran out of memory while reading it", "give the build more memory, or split the file"
    return (
        f"could not be read ({type(exc).__name__}: {exc})",
        "obtain an intact copy, or convert it to another supported format",
    )


def extract_force(
    files: dict[str, Path],
    force_id: str,
    sha256: dict[str, str],
    hints: dict,
    transcriptions: dict[str, list[dict]],
    limits: dict | None = None,
) -> tuple[list[dict], list[dict], list[dict], list[Problem]]:
    """Rows, aggregates, per-file status and problems for every file of one force;
    `files`: name relative to responses/ -> path."""
    rows, aggregates, statuses, problems = [], [], [], []
    for name, path in files.items():
        rel = f"responses/{name}"
        ctx = FileContext(force_id, rel, sha256[rel])
        hint = hints.get(name, {})
        try:
            doc = read_document(path, hint, limits) if not transcriptions.get(name) else Document()
        except Exception as exc:  # a reader failing is an input problem, reported with the rest
            problems.append(Problem(rel, *_read_failure(exc)))
            statuses.append({"source_file": rel, "force_id": force_id, "status": "unreadable"})
            continue
        problems += long_cells(doc, rel, (limits or {}).get("max_cell_chars"))
        file_rows, file_aggs, status = extract_document(doc, ctx, hint, transcriptions.get(name, []), problems)
        if status in FILE_STATUS_FIX:
            problems.append(
                Problem(rel, f"no incident rows or counts could be extracted ({status})", FILE_STATUS_FIX[status])
            )
        rows += file_rows
        aggregates += file_aggs
        statuses.append({"source_file": rel, "force_id": force_id, "status": status})
    return rows, aggregates, statuses, problems
