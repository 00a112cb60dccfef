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
from dataclasses import dataclass, replace
from pathlib import Path

from .dates import parse_incident_date
from .ids import record_id
from .locators import Locator
from .problems import Problem
from .readers import Document, EncodingProblem, Table, TooLarge, read_document

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
UNIT = r"(breaches|incidents|cases|allegations|matters|officers|members of staff|staff|people|individuals)"
COUNT_LINE = re.compile(
    r"^\s*(?P<label>[^=:\u2013\u2014\-|\t]{2,80}?)\s*(=|:|\u2013|\u2014|-{1,2}|\t|\|)\s*"
    rf"(?P<count>\d{{1,6}})(\s+{UNIT})?\s*\.?\s*$",
    re.I,
)
# a count on a line of its own, under the label it belongs to ("Total number of breaches
# recorded by police officers" / "= 18"): a letter's line broken by its layout
COUNT_ALONE = re.compile(rf"^\s*(=|:|\u2013|\u2014|-{{1,2}})?\s*(?P<count>\d{{1,6}})(\s+{UNIT})?\s*\.?\s*$", re.I)
# totals said in a sentence: "a total of 25 breaches were recorded", "The total number of
# breaches by police staff was 7", "In total, there were 12 breaches"
TOTAL_SENTENCES = [
    re.compile(
        r"\b(the )?total (number )?of (?P<what>[^.\d]{0,100}?) (is|was|were|stands at|amounts to|came to|"
        r"totals?|totalled|=|:)\s*(?P<count>\d{1,6})\b",
        re.I,
    ),
    re.compile(
        r"\b(a total of |in total,? (there (were|was|have been|has been) )?)(?P<count>\d{1,6}) (?P<what>[^.\d]{0,100})",
        re.I,
    ),
]
NUMBERING = re.compile(r"^\s*(\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-h]\)|\(?[ivx]{1,4}\))\s+")
BREACH_WORD = re.compile(r"\b(breach|breaches|incidents?|cases?|allegations?|offences?)\b", re.I)
SENTENCE_TAIL = re.compile(
    r"\b(were|was|have|has|had|is|are|recorded|reported|identified|between|during|from|in|since|over|within)\b.*",
    re.I,
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
    ctx: FileContext, locator: Locator, layout: str, kind: str, cells: list[str], values: dict[str, str] | None = None
) -> dict:
    values = values or {}
    return {
        "record_id": record_id(ctx.sha256, str(locator)),
        "force_id": ctx.force_id,
        "source_file": ctx.source_file,
        "source_sha256": ctx.sha256,
        "source_locator": str(locator),
        **locator.fields(),
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


def _aggregate(ctx: FileContext, locator: Locator, label: str, count: int, layout: str) -> dict:
    return {
        "force_id": ctx.force_id,
        "source_file": ctx.source_file,
        "source_sha256": ctx.sha256,
        "source_locator": str(locator),
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
                    Locator(transcript=t["transcript"], line=t["line_number"], page=t["source_page"] or None),
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
    listed = sum(1 for r in rows if r["row_kind"] == "data")
    if not aggregates and not listed:
        aggregates += [_aggregate(ctx, loc, label, n, "counts_lines") for loc, label, n in count_lines(doc.lines)]
    elif listed:
        problems += _totals_against_rows(doc, ctx, listed)
    status = _file_status(rows, aggregates, doc)
    return rows, aggregates, status


def count_lines(lines: list[tuple[Locator, str]]) -> list[tuple[Locator, str, int]]:
    """(locator, label, count) of a letter's lines that give a figure: 'label = N' (or
    '- N', ': N', 'N breaches'), a label whose figure stands on the next line, and a
    total said in a sentence. A year alone ('2013 = 5') is a label; other bare numbers
    (a reference, a date) are not."""
    found = []
    skip = set()
    for i, (locator, text) in enumerate(lines):
        if i in skip:
            continue
        text = NUMBERING.sub("", text)  # "1. Total: 413 incidents", "(b) Police staff - 7"
        match = COUNT_LINE.match(text)
        if match and _is_label(match["label"]):
            found.append((locator, match["label"].strip(" .:"), int(match["count"])))
            continue
        following = lines[i + 1] if i + 1 < len(lines) else None
        alone = COUNT_ALONE.match(following[1]) if following else None
        label = text.strip().rstrip(" =:-\u2013\u2014")
        # a label over SEVERAL lone figures is a row of a table flattened one cell per line
        # (one figure per year column): no figure of it is the label's count
        another = i + 2 < len(lines) and COUNT_ALONE.match(lines[i + 2][1])
        if alone and not another and _is_label(label) and not re.search(r"[.;!?]$|\d$", label):
            found.append((replace(locator, continued=following[0]), label.strip(" .:"), int(alone["count"])))
            skip.add(i + 1)
            continue
        found += [(locator, label, count) for label, count in _total_sentences(text)]
    return found


GRAND_TOTAL = re.compile(
    r"(the )?(grand |overall )?total( number)?( of)?( (data protection|dpa))?"
    r"( breaches| incidents| cases)?( recorded)?",
    re.I,
)


def _totals_against_rows(doc: Document, ctx: FileContext, listed: int) -> list[Problem]:
    """A letter that lists its incidents in a table and states their total in its text:
    the two must agree (a table cut short, or a total counted in other units)."""
    return [
        Problem(
            ctx.source_file,
            f"{locator}: the text says '{label}' = {count} but its tables list {listed} incident rows",
            "check which is right (a table cut short, or a total counting allegations rather than people); "
            "transcribe the answer (transcribed/<name>.csv) if the tables are incomplete",
        )
        for locator, label, count in count_lines(doc.lines)
        if GRAND_TOTAL.fullmatch(label.strip()) and count != listed
    ]


def _is_label(text: str) -> bool:
    text = text.strip()
    return bool(re.search(r"[A-Za-z]", text)) and len(text) <= 80 or bool(re.fullmatch(r"(19|20)\d\d(/\d\d)?", text))


def _total_sentences(text: str) -> list[tuple[str, int]]:
    """('Total <what>', N) for each total said in a sentence of `text`."""
    found = []
    for pattern in TOTAL_SENTENCES:
        for match in pattern.finditer(text):
            what = SENTENCE_TAIL.sub("", match["what"]).strip(" ,")
            if BREACH_WORD.search(what):  # "a total of 3 officers were dismissed" counts outcomes, not breaches
                found.append((f"Total {what}".strip(), int(match["count"])))
        if found:
            break
    return found


def _file_status(rows: list[dict], aggregates: list[dict], doc: Document) -> str:
    if any(r["row_kind"] == "data" for r in rows) or aggregates:
        if any(r["row_kind"] == "unrecognised" for r in rows):
            return "partly_unrecognised"
        return "extracted"
    if any(r["row_kind"] == "unrecognised" for r in rows):
        return "unrecognised_table"
    return "needs_transcription" if doc.lines else "no_content"


WARNING_FIX = {  # what a reader's warning asks of the researcher, by a phrase it contains
    "alternatives": "compare the two parts of the e-mail; ask the force which is its answer, or save the right one "
    "as a response file of its own (named in requests.csv)",
    "no cached value": "re-save the file in its application so values are cached",
    "zip member": "extract the archive and name its files in requests.csv, or list the archive in "
    "overrides/extraction.yaml as layout: ignore if it holds no figures",
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
        fix = f"check the file; raise {exc.key} in config.yaml's limits if it is genuine"
        return f"{exc}: not read", f"{fix}, {exc.otherwise}" if exc.otherwise else fix
    if isinstance(exc, EncodingProblem):
        return (
            str(exc),
            "save it again as UTF-8 text (Excel: 'CSV UTF-8'), or obtain an intact copy of the file",
        )
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
    return rows, aggregates, statuses, problems + counts_beside_incidents(rows, aggregates)


def counts_beside_incidents(rows: list[dict], aggregates: list[dict]) -> list[Problem]:
    """A body whose answer gives counts (a covering letter's "Total = 25", a summary
    table) and also lists incidents: both would be added up, so the same breaches would
    be counted twice unless the researcher says which stands for the answer."""
    listed = sorted({r["source_file"] for r in rows if r["row_kind"] == "data"})
    counted = sorted({a["source_file"] for a in aggregates})
    incidents = sum(1 for r in rows if r["row_kind"] == "data")
    return [
        Problem(
            name,
            f"gives counts of breaches while {', '.join(listed)} list{'s' if len(listed) == 1 else ''} "
            f"{incidents} incident rows of the same body: added together, the same breaches would be counted twice",
            "if the counts summarise the listed incidents (a covering letter, a summary table), mark this file "
            "layout: ignore in overrides/extraction.yaml; if they count other breaches, build with "
            "allow_problems and say so in the report's notes",
        )
        for name in counted
        if listed
    ]
