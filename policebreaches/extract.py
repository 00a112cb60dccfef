"""Turn one force's response files into rows with lineage, by named layouts.

Layouts (detected in this order, per table):
  incident_table        a header row (found in the first 30 rows by synonyms) over incident rows
  headerless_two_column no header; a date column and a description column
  counts_table          label -> number rows with no incident header (margins, kept as counts)
  counts_by_period      a count table with periods (years, financial years, months) on one axis
                        and labels on the other: one count a cell, with its period
  flattened_table       an incident table pasted one cell per line (a PDF or page copied as text)
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

from .dates import PERIOD_PRECISIONS, parse_incident_date
from .edition import TRANSCRIPTION_COLUMNS
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


def _counted_pairs(table: Table, pairs: list[tuple[int, str, int]], codebook) -> tuple[list, dict[int, str]]:
    """The pairs of a counts table whose label says what it counts, and why each other one
    is not a count ({row index: reason})."""
    kept, refused = [], {}
    for i, label, count in pairs:
        reason = refusal(CountLine(table.row_locators[i], label, count, f"{label} - {count}"), codebook)
        if reason:
            refused[i] = reason
        else:
            kept.append((i, label, count))
    return kept, refused


def _pair_kind(i: int, cells: list[str], counted: set[int], refused: dict[int, str]) -> tuple[str, list[str]]:
    """(row kind, cells) of a counts table's row: a refused figure keeps its cells and says why."""
    if i in refused:
        return "not_a_count", [*cells, f"not counted: {refused[i]}"]
    return ("count" if i in counted else "blank" if _is_blank(cells) else "note"), cells


def _letter_rows(
    ctx: FileContext, lines: list[tuple[Locator, str]], counted: list[CountLine], refused: list[tuple]
) -> list[dict]:
    """Every line of a letter read for its counts, as a row: the ledger shows what was read
    (a count, a figure that is not a count and why, or text)."""
    counted_at = {str(c.locator) for c in counted} | {
        str(place) for c in counted for place in (replace(c.locator, continued=None), c.locator.continued) if place
    }
    why = {str(locator): reason for locator, _, reason in refused}
    out = []
    for locator, text in lines:
        if str(locator) in counted_at:
            out.append(_row(ctx, locator, "counts_lines", "count", [text]))
        elif str(locator) in why:
            out.append(_row(ctx, locator, "counts_lines", "not_a_count", [text, f"not counted: {why[str(locator)]}"]))
        else:
            out.append(_row(ctx, locator, "counts_lines", "blank" if not text.strip() else "note", [text]))
    return out


NIL = re.compile(r"^\s*(|-|\u2013|\u2014|nil|none)\s*$", re.I)  # a cell of a count table that counts none


def counts_by_period(table: Table) -> list[tuple[Locator, str, str, int, str]] | None:
    """(cell's place, row label, period, count, cell as written) of a count table with
    periods on one axis (a header row of years, financial years or months: "2013",
    "2013/14", "Apr-13") and labels on the other; the table turned when the periods run
    down its first column. None unless every body cell under a period is a count or nil
    ("-", blank): one cell that is not means the table is something else."""
    rows = [list(r) for r in table.rows]
    found = _by_period(rows, table.row_locators, turned=False)
    if found is None and rows:
        width = max(len(r) for r in rows)
        columns = [[r[j] if j < len(r) else "" for r in rows] for j in range(width)]
        found = _by_period(columns, table.row_locators, turned=True)
    return found


def _by_period(rows: list[list[str]], places: list[Locator], turned: bool):
    filled = [i for i, r in enumerate(rows) if not _is_blank(r)]
    if len(filled) < 2:
        return None
    head = filled[0]
    periods = {j: c.strip() for j, c in enumerate(rows[head]) if j and _is_period(c)}
    if len(periods) < 2 or _is_period(rows[head][0]):
        return None
    out = []
    for i in filled[1:]:
        row, label = rows[i], rows[i][0].strip()
        values = {j: row[j] if j < len(row) else "" for j in periods}
        if not label or not all(INTEGER.match(v) or NIL.match(v) for v in values.values()):
            return None
        for j, value in values.items():
            # the place of the figure in the table as read: (row, column) swapped back when turned
            at_row, at_column = (j, i) if turned else (i, j)
            place = replace(places[at_row], column=at_column + 1)
            count = int(value) if INTEGER.match(value) else 0
            out.append((place, label, periods[j], count, value.strip() or "(blank)"))
    return out or None


def flattened_incident_tables(lines: list[tuple[Locator, str]]) -> list[tuple[Table, range]]:
    """Incident tables pasted one cell per line (a PDF or web page copied as text): two or
    more header lines that name fields (Date, Description, Outcome ...; one of them a date),
    then rows of as many lines, each row's date cell a date: the regular cycle that shows the
    lines are a table's cells. Each is rebuilt as a Table, a row placed at its first cell's
    line, for `incident_rows`; with the range of lines it took."""
    found, i = [], 0
    while i < len(lines):
        width = 0
        while i + width < len(lines) and _header_cell(lines[i + width][1]):
            width += 1
        header = [text.strip() for _, text in lines[i : i + width]]
        mapping = header_mapping(header) if width >= 2 else {}
        if "date" not in mapping:
            i += 1
            continue
        rows, places, k = [header], [lines[i][0]], i + width
        while k + width <= len(lines):
            cells = [text.strip() for _, text in lines[k : k + width]]
            if not parse_incident_date(cells[mapping["date"]]).parsed:
                break
            rows.append(cells)
            places.append(lines[k][0])
            k += width
        if len(rows) > 1:
            found.append((Table(f"lines from {places[0]}", rows, places), range(i, k)))
            i = k
        else:
            i += 1  # a heading line before the table's own ("Details of breaches"): start after it
    return found


def _header_cell(text: str) -> bool:
    """A line that could be a column heading: short, and naming a field."""
    words = _norm_header(text)
    return 0 < len(text.strip()) <= 40 and any(re.search(pattern, words) for _, pattern in HEADER_PATTERNS)


def flattened_tables(lines: list[tuple[Locator, str]]) -> list[tuple[Table, range]]:
    """Count tables by period pasted one cell per line (a web page or a PDF copied as
    text): a heading line, two or more period lines ("2010", "2011" ...), then groups of
    a label line and as many figures (or nil) as there are periods. Each is rebuilt as a
    Table, its rows placed at their label's line, for `counts_by_period`; with the range
    of lines it took."""
    found, i = [], 0
    while i < len(lines):
        width = _period_run(lines, i + 1)
        if width < 2 or _is_cell_value(lines[i][1]):
            i += 1
            continue
        rows = [[lines[k][1].strip() for k in range(i, i + 1 + width)]]
        places = [lines[i][0]]
        k = i + 1 + width
        while (
            k + width < len(lines)
            and not _is_cell_value(lines[k][1])
            and all(INTEGER.match(lines[m][1]) or NIL.match(lines[m][1]) for m in range(k + 1, k + 1 + width))
        ):
            rows.append([lines[m][1].strip() for m in range(k, k + 1 + width)])
            places.append(lines[k][0])
            k += width + 1
        if len(rows) < 2:
            i += 1
            continue
        found.append((Table(f"lines {places[0]}", rows, places), range(i, k)))
        i = k
    return found


def _period_run(lines: list[tuple[Locator, str]], start: int) -> int:
    end = start
    while end < len(lines) and _is_period(lines[end][1]):
        end += 1
    return end - start


def _is_cell_value(text: str) -> bool:
    """A figure or a period: what a flattened table's label line cannot be."""
    return bool(INTEGER.match(text) or NIL.match(text) or _is_period(text))


def _period_aggregates(ctx: FileContext, cells: list[tuple]) -> list[dict]:
    """counts.csv rows of a count table by period's cells (`counts_by_period`)."""
    return [
        _aggregate(ctx, place, label, n, "counts_by_period", f"{label} | {period} = {text}", period)
        for place, label, period, n, text in cells
    ]


def _is_period(cell: str) -> bool:
    return parse_incident_date(cell).precision in PERIOD_PRECISIONS


def _period_row_kind(cells: list[str], place: Locator, counted: set[str]) -> str:
    if _is_blank(cells):
        return "blank"
    return "count" if any(str(replace(place, column=j + 1)) in counted for j in range(len(cells))) else "header"


def _aggregate(
    ctx: FileContext, locator: Locator, label: str, count: int, layout: str, evidence: str, period: str = ""
) -> dict:
    return {
        "force_id": ctx.force_id,
        "source_file": ctx.source_file,
        "source_sha256": ctx.sha256,
        "source_locator": str(locator),
        "layout": layout,
        "label": label,
        "count": count,
        "is_total": bool(TOTAL_LABEL.match(label)),
        "evidence": evidence,
        "period": period,
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
    doc: Document, ctx: FileContext, hint: dict, transcribed: list[dict], problems: list[Problem], codebook=None
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
            kept, refused = _counted_pairs(table, pairs, codebook)
            aggregates += [
                _aggregate(ctx, table.row_locators[i], label, n, "counts_table", " | ".join(table.rows[i]))
                for i, label, n in kept
            ]
            rows += [
                _row(
                    ctx,
                    loc,
                    "counts_table",
                    *_pair_kind(i, r, {i for i, _, _ in kept}, refused),
                )
                for i, (r, loc) in enumerate(zip(table.rows, table.row_locators))
            ]
            in_tables.update(table.row_locators)
            continue
        cells = counts_by_period(table)
        if cells:
            aggregates += _period_aggregates(ctx, cells)
            counted = {str(place) for place, *_ in cells}
            rows += [
                _row(ctx, loc, "counts_by_period", _period_row_kind(r, loc, counted), r)
                for r, loc in zip(table.rows, table.row_locators)
            ]
            in_tables.update(table.row_locators)
            continue
        rows += [
            _row(ctx, loc, "unrecognised_table", "blank" if _is_blank(r) else "unrecognised", r)
            for r, loc in zip(table.rows, table.row_locators)
        ]
    listed = sum(1 for r in rows if r["row_kind"] == "data")
    lines = doc.lines
    if not aggregates and not listed:
        for table, taken in reversed(flattened_incident_tables(lines)):  # an incident table pasted one cell per line
            rows[:0] = incident_rows(table, ctx, header_mapping(table.rows[0]), 0, "flattened_table", problems)
            lines = lines[: taken.start] + lines[taken.stop :]
        listed = sum(1 for r in rows if r["row_kind"] == "data")
    if not aggregates and not listed:
        for table, taken in reversed(flattened_tables(lines)):  # a table pasted one cell per line
            heading = len(table.rows[0])
            aggregates[:0] = _period_aggregates(ctx, counts_by_period(table) or [])
            rows[:0] = [
                _row(ctx, locator, "counts_by_period", "header" if at < heading else "count", [text])
                for at, (locator, text) in enumerate(lines[taken.start : taken.stop])
            ]
            lines = lines[: taken.start] + lines[taken.stop :]
        counted, refused = count_lines(lines, codebook)
        aggregates += [_aggregate(ctx, c.locator, c.label, c.count, "counts_lines", c.evidence) for c in counted]
        rows += _letter_rows(ctx, lines, counted, refused) if counted or refused or aggregates else []
    elif listed:
        problems += _totals_against_rows(doc, ctx, listed, codebook)
    status = _file_status(rows, aggregates, doc)
    return rows, aggregates, status


@dataclass(frozen=True)
class CountLine:
    """A figure a letter gives, with the words it was read from (shown by the trace)."""

    locator: Locator
    label: str
    count: int
    evidence: str


def count_lines(lines: list[tuple[Locator, str]], codebook=None) -> tuple[list[CountLine], list[tuple]]:
    """(counts, refused) of a letter's lines. A count is 'label = N' (or '- N', ': N',
    'N breaches'), a label whose figure stands on the next line, or a total said in a
    sentence; it is kept only when its label says what it counts (`refusal`). `refused`
    holds (locator, text, reason) for each figure that looked like a count but is a
    reference, a date, a financial year or a number with no counting word: listed, never
    added."""
    found, refused = [], []
    skip = set()
    for i, (locator, text) in enumerate(lines):
        if i in skip:
            continue
        line = NUMBERING.sub("", text)  # "1. Total: 413 incidents", "(b) Police staff - 7"
        match = COUNT_LINE.match(line)
        if match and _is_label(match["label"]):
            _keep(found, refused, CountLine(locator, match["label"].strip(" .:"), int(match["count"]), text), codebook)
            continue
        following = lines[i + 1] if i + 1 < len(lines) else None
        alone = COUNT_ALONE.match(following[1]) if following else None
        label = line.strip().rstrip(" =:-\u2013\u2014")
        # a label over SEVERAL lone figures is a row of a table flattened one cell per line
        # (one figure per year column): no figure of it is the label's count
        another = i + 2 < len(lines) and COUNT_ALONE.match(lines[i + 2][1])
        if alone and not another and _is_label(label) and not re.search(r"[.;!?]$|\d$", label):
            evidence = f"{text.strip()} / {following[1].strip()}"
            _keep(
                found,
                refused,
                CountLine(replace(locator, continued=following[0]), label.strip(" .:"), int(alone["count"]), evidence),
                codebook,
            )
            skip.add(i + 1)
            continue
        found += [CountLine(locator, label, count, text) for label, count in _total_sentences(line)]
    return found, refused


# words that say a figure is not a count of anything: a reference, a telephone or section
# number, a page ("Reference Number: 2184", "Tel: 101", "Pages: 4")
NOT_A_COUNT = re.compile(
    r"\b(ref|refs|reference|(case|request|incident|file|crime|log|job) (no|number|id)|foi|tel|telephone|phone|fax|"
    r"mobile|ext|extension|"
    r"section|s\.?\s*\d|page|pages|paragraph|para|question|postcode|version|annex|appendix|schedule|room)\b",
    re.I,
)
# words of time: a figure after them is a date or a year ("Year: 2015", "Date received: 12"),
# unless the label also says what it counts ("Total for the year 2013")
TIME_WORD = re.compile(r"\b(date|dated|received|year|month|week|day|age|aged|time)\b", re.I)
COUNTING_NOUN = re.compile(
    r"\b(breach|breaches|incidents?|cases?|allegations?|offences?|matters?|instances?|occasions?|occurrences?|"
    r"complaints?|referrals?|investigations?|officers?|staff|employees?|people|persons?|individuals?|totals?)\b",
    re.I,
)
MONTH = (
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december)"
)
# "Apr-19", "Jan/15": a month and a year written as a date, not a month's count
MONTH_DATE = re.compile(rf"^\s*{MONTH}\s*[-/]\d\d\s*$", re.I)
# "2018-19", "2018/19": a financial year, not 19 breaches in 2018
FINANCIAL_YEAR = re.compile(r"^\s*(fy\s*)?((19|20)\d\d)\s*[-/\u2013]\s*(\d\d)\s*$", re.I)


def refusal(found: CountLine, codebook=None) -> str:
    """Why a figure read from free text is not a count ('' when it is one): its label
    must name what is counted, by a counting word or one of the codebook's labels (a
    breach type, outcome, role, year or total), and the figure must not be part of a
    reference, a date or a financial year."""
    from .classify import classify_label

    label, evidence = found.label, NUMBERING.sub("", found.evidence)
    year = FINANCIAL_YEAR.match(evidence)
    if year and int(year[4]) == (int(year[2]) + 1) % 100:
        return "a financial year, not a count"
    if MONTH_DATE.match(evidence):
        return "a month and year (a date), not a count"
    if NOT_A_COUNT.search(label):
        return "a reference, telephone, section or page number, not a count"
    counted = COUNTING_NOUN.search(label)
    if TIME_WORD.search(label) and not counted:
        return "a date or a year, not a count"
    if counted or classify_label(label, codebook)[0]:
        return ""
    return "the label does not say what it counts (no counting word, no codebook label)"


def _keep(found: list[CountLine], refused: list[tuple], line: CountLine, codebook) -> None:
    reason = refusal(line, codebook)
    if reason:
        refused.append((line.locator, line.evidence, reason))
    else:
        found.append(line)


GRAND_TOTAL = re.compile(
    r"(the )?(grand |overall )?total( number)?( of)?( (data protection|dpa))?"
    r"( breaches| incidents| cases)?( recorded)?",
    re.I,
)


def _totals_against_rows(doc: Document, ctx: FileContext, listed: int, codebook=None) -> list[Problem]:
    """A letter that lists its incidents in a table and states their total in its text:
    the two must agree (a table cut short, or a total counted in other units)."""
    return [
        Problem(
            ctx.source_file,
            f"{line.locator}: the text says '{line.label}' = {line.count} but its tables list {listed} incident rows",
            "check which is right (a table cut short, or a total counting allegations rather than people); "
            "transcribe the answer (transcribed/<name>.csv) if the tables are incomplete",
        )
        for line in count_lines(doc.lines, codebook)[0]
        if GRAND_TOTAL.fullmatch(line.label.strip()) and line.count != listed
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
    "needs_transcription": "transcribe its incidents into {transcript}, a CSV whose first line is the header "
    "{columns} and whose every row's source_file is {source} (its page in source_page where it has pages), or mark "
    "it layout: ignore in overrides/extraction.yaml if it holds no figures",
    "unrecognised_table": "give header_row and columns for it in overrides/extraction.yaml",
    "partly_unrecognised": "give header_row and columns for the unrecognised table in overrides/extraction.yaml",
    "no_content": "check the file opens and holds the response; replace it with the response as received",
}


def status_fix(status: str, source: str) -> str:
    """What a file of this status asks of the researcher, for this file: a transcription
    is named, with its header and the source_file its rows must give."""
    name = source.removeprefix("responses/")  # as transcriptions name their file (relative to responses/)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", name.rsplit(".", 1)[0])
    return FILE_STATUS_FIX[status].format(
        transcript=f"transcribed/{stem}.csv", columns=",".join(TRANSCRIPTION_COLUMNS), source=name
    )


def _status_problem(status: str, rows: list[dict], aggregates: list[dict]) -> str:
    """What was and was not read of a file that needs the researcher."""
    if status != "partly_unrecognised":
        return f"no incident rows or counts could be extracted ({status})"
    unread = [r for r in rows if r["row_kind"] == "unrecognised"]
    tables = sorted({r["source_locator"].rsplit(" row=", 1)[0] for r in unread})
    listed = sum(1 for r in rows if r["row_kind"] == "data")
    return (
        f"read {listed} incident rows and {len(aggregates)} counts, but {len(unread)} rows of "
        f"{', '.join(tables)} were not recognised as incidents or counts (partly_unrecognised)"
    )


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
    codebook=None,
) -> tuple[list[dict], list[dict], list[dict], list[Problem]]:
    """Rows, aggregates, per-file status and problems for every file of one force;
    `files`: name relative to responses/ -> path; `codebook` decides which labels say
    what a figure counts (classify.Codebook; the packaged one when None)."""
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
        file_rows, file_aggs, status = extract_document(
            doc, ctx, hint, transcriptions.get(name, []), problems, codebook
        )
        if status in FILE_STATUS_FIX:
            problems.append(Problem(rel, _status_problem(status, file_rows, file_aggs), status_fix(status, rel)))
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
