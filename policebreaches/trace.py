"""Walk a number back to its raw rows: numbers.json -> records -> raw file, sheet/page, row."""

from __future__ import annotations

import json
from pathlib import Path

from .edition import sha256_file
from .ids import record_id
from .locators import FIELD_COLUMNS, describe
from .stages.io import read_csv  # restores spreadsheet-safe cells


def _file_state(raw_root: Path, source_file: str, expected: str) -> str:
    path = raw_root / source_file
    if not path.is_file():
        return "MISSING"
    return "sha256 matches" if sha256_file(path) == expected else "CHANGED since the build"


def _decision(label: str, value: str, rule: str, matched: str) -> str:
    return f"{label}={value} by rule {rule} (matched {matched!r})" if rule else f"{label}={value or '(undecided)'}"


def trace_record(record: dict, raw_root: Path) -> list[str]:
    decisions = "; ".join(
        [
            _decision("breach_type", record["breach_type"], record["breach_type_rule"], record["breach_type_match"]),
            _decision("pnc", record["pnc"], record["pnc_rule"], record["pnc_match"]),
            _decision("outcome_group", record["outcome_group"], record["outcome_rule"], record["outcome_match"]),
        ]
    )
    state = _file_state(raw_root, record["source_file"], record["source_sha256"])
    # the place in words, from the locator's fields (a sheet name may hold spaces or '=')
    place = describe({column: str(record.get(column, "")) for column in FIELD_COLUMNS})
    return [
        f"  record {record['record_id']}  force={record['force_id']}",
        f"    description: {record['description_raw'] or '(none)'}",
        f"    category label: {record['category_raw'] or '(none)'}; outcome: {record['outcome_raw'] or '(none)'}",
        f"    {decisions}",
        f"    raw: {record['source_file']}  at {record['source_locator']}  [{state}]",
        *([f"    where: {place}"] if place else []),
        f"    cells as read: {record['cells']}",
    ]


def trace_key(key: str, results: Path, raw_root: Path, limit: int | None = None) -> str:
    numbers = json.loads((results / "numbers.json").read_text(encoding="utf-8"))
    if key not in numbers:
        close = [k for k in numbers if key.split(".")[0] in k][:10]
        raise KeyError(f"no number '{key}' in {results / 'numbers.json'}; some keys: {', '.join(close)}")
    records = read_csv(results / "records.csv").set_index("record_id", drop=False)
    return "\n".join(trace_entry(key, numbers[key], records, raw_root, limit, sources=counts_sources(results)))


def counts_sources(results: Path) -> dict[str, str]:
    """A counts-only row's id (numbers.json cites it by id and checksum) -> its raw file and
    locator, from aggregates.csv (internal)."""
    path = results / "aggregates.csv"
    if not path.is_file():
        return {}
    rows = read_csv(path).to_dict("records")
    return {
        record_id(r["source_sha256"], r["source_locator"]): f"{r['source_file']} {r['source_locator']}"
        + (f"  read from: {r['evidence']!r}" if r.get("evidence") else "")
        for r in rows
    }


def trace_entry(
    key: str,
    entry: dict,
    records,
    raw_root: Path,
    limit: int | None = None,
    more: str = "all of them: make trace ... ALL=1",
    sources: dict[str, str] | None = None,
) -> list[str]:
    """One numbers.json entry: its definition and filter, then each record behind it (from
    `records`, records.csv indexed by record_id) with its raw file, locator and rules."""
    lines = [
        f"{key} = {entry['display']}  (value {entry['value']})",
        f"definition: {entry['definition']}",
        f"filter: {entry['filter']}",
        f"records behind it: {entry['n_records']}",
    ]
    ids = entry["record_ids"][:limit] if limit else entry["record_ids"]
    for rid in ids:
        lines += trace_record(records.loc[rid].to_dict(), raw_root)
    if limit and len(entry["record_ids"]) > limit:
        lines.append(f"  ... {len(entry['record_ids']) - limit} more ({more})")
    for row in entry["aggregate_rows"]:
        source = (sources or {}).get(row.split()[1], "") if len(row.split()) > 1 else ""
        lines.append(f"  counts-only: {row}" + (f"  <- {source}" if source else ""))
    return lines


def trace_record_id(record_id: str, results: Path, raw_root: Path) -> str:
    records = read_csv(results / "records.csv")
    hit = records[records["record_id"] == record_id]
    if len(hit):
        numbers = json.loads((results / "numbers.json").read_text(encoding="utf-8"))
        used_in = [k for k, e in numbers.items() if record_id in e["record_ids"] and not k.startswith("forces.")]
        return "\n".join(trace_record(hit.iloc[0].to_dict(), raw_root) + ["  counted in: " + ", ".join(used_in)])
    excluded = read_csv(results / "clean" / "exclusions.csv")
    hit = excluded[excluded["record_id"] == record_id]
    if len(hit):
        r = hit.iloc[0]
        return (
            f"  record {record_id} was EXCLUDED: {r['exclusion']}\n    raw: {r['source_file']} at "
            f"{r['source_locator']}\n    description: {r['description_raw']}"
        )
    raise KeyError(f"record {record_id} is neither in records.csv nor excluded in this build")
