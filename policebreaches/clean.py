"""Cleaning: every data row extracted becomes a record that is either kept or excluded
with a reason (outside_period, duplicate_of:<record_id>); nothing is dropped.

Duplicates: the same incident listed in two tables of one force (two sheets, two
files) is counted once. Identical rows inside ONE table are kept: forces that list
"Jan-13 | PC | Unauthorised access | Management advice" twice mean two incidents."""

from __future__ import annotations

import re

import ftfy
import pandas as pd

from .dates import parse_incident_date, period_position
from .locators import table_key
from .roles import normalise_role

RAW_FIELDS = ["date_raw", "role_raw", "category_raw", "description_raw", "outcome_raw"]

FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization=None, unescape_html=False
)


def repair_text(text: str) -> str:
    """Undo mojibake ('â€™' -> '’') and fold stray spaces; correct curly quotes stay."""
    text = text or ""
    # printable ASCII holds no mojibake or control characters: ftfy would return it unchanged
    fixed = text if _PLAIN_ASCII.match(text) else ftfy.fix_text(text, config=FTFY_CONFIG)
    fixed = re.sub(r"(\w)-\n(\w)", r"\1-\2", fixed)  # a word hyphenated at a PDF cell's line break
    return " ".join(fixed.replace("\u00a0", " ").split())


_PLAIN_ASCII = re.compile(r"[\t\n\x20-\x7e]*\Z")


def per_value(values: pd.Series, function) -> pd.Series:
    """`function` applied once per distinct value: FOI columns repeat (dates, ranks,
    outcomes), so a large edition costs its distinct values, not its rows."""
    distinct = values.unique()
    return values.map(dict(zip(distinct, map(function, distinct))))


def clean_records(rows: pd.DataFrame, period_start, period_end) -> tuple[pd.DataFrame, list[dict]]:
    """(records, repairs): one record per data row, with parsed fields and `exclusion`."""
    data = rows[rows["row_kind"] == "data"].copy()
    repairs = []
    for column in RAW_FIELDS:
        original = data[column].fillna("")
        repaired = per_value(original, repair_text)
        changed = repaired != original.str.strip()
        for rid, before, after in zip(data.loc[changed, "record_id"], original[changed], repaired[changed]):
            if " ".join(before.split()) != after:
                repairs.append({"record_id": rid, "field": column, "before": before, "after": after})
        data[column] = repaired
    dates = per_value(data["date_raw"], parse_incident_date)
    data["date_start"] = [d.start.isoformat() if d.parsed else "" for d in dates]
    data["date_end"] = [d.end.isoformat() if d.parsed else "" for d in dates]
    data["date_precision"] = [d.precision for d in dates]
    data["date_unparsed"] = [bool(raw.strip()) and not d.parsed for raw, d in zip(data["date_raw"], dates)]
    data["period_position"] = [period_position(d, period_start, period_end) for d in dates]
    data["role"] = per_value(data["role_raw"], normalise_role)
    data["exclusion"] = ""
    data.loc[data["period_position"] == "outside", "exclusion"] = "outside_period"
    _mark_duplicates(data)
    return data.reset_index(drop=True), repairs


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def _mark_duplicates(data: pd.DataFrame) -> None:
    """A row whose content (case and spacing folded) first appeared in ANOTHER table of
    the same force is `duplicate_of:<first record_id>`; repeats within one table stay."""
    eligible = data[(data["exclusion"] == "") & (data["description_raw"] != "")]
    if eligible.empty:
        return
    folded = [per_value(eligible[c], _fold) for c in RAW_FIELDS]
    content = folded[0].str.cat(folded[1:], sep="|")
    # the table a row sits in, from the locator's fields (a sheet may be called anything)
    table = [
        table_key(*key)
        for key in zip(
            eligible["source_file"],
            eligible["source_part"],
            eligible["source_member"],
            eligible["source_sheet"],
            eligible["source_table"],
        )
    ]
    keyed = pd.DataFrame(
        {"force": eligible["force_id"], "content": content, "table": table, "record_id": eligible["record_id"]},
        index=eligible.index,
    )
    first = keyed.groupby(["force", "content"], sort=False)[["table", "record_id"]].transform("first")
    duplicate = keyed["table"] != first["table"]
    data.loc[duplicate[duplicate].index, "exclusion"] = "duplicate_of:" + first.loc[duplicate, "record_id"]


NONDATA_KINDS = ("count", "header", "title", "blank", "total", "note", "unrecognised", "unread", "not_a_count")


def build_ledger(rows: pd.DataFrame, records: pd.DataFrame, file_status: pd.DataFrame) -> pd.DataFrame:
    """Per source file: rows read = kept + excluded (by reason) + non-data rows (by kind)."""
    read = rows.groupby("source_file").size()
    kinds = pd.crosstab(rows["source_file"], rows["row_kind"])
    reasons = pd.crosstab(records["source_file"], records["exclusion"].str.replace(r":.*", "", regex=True))

    def tally(table: pd.DataFrame, name: str, column: str) -> int:
        return int(table.at[name, column]) if name in table.index and column in table.columns else 0

    out = []
    for name, force_id, status in zip(file_status["source_file"], file_status["force_id"], file_status["status"]):
        entry = {
            "source_file": name,
            "force_id": force_id,
            "file_status": status,
            "rows_read": int(read.get(name, 0)),
            "records_kept": tally(reasons, name, ""),
            "excluded_outside_period": tally(reasons, name, "outside_period"),
            "excluded_duplicate": tally(reasons, name, "duplicate_of"),
        }
        for kind in NONDATA_KINDS:
            entry[f"nondata_{kind}"] = tally(kinds, name, kind)
        accounted = (
            entry["records_kept"]
            + entry["excluded_outside_period"]
            + entry["excluded_duplicate"]
            + sum(entry[f"nondata_{k}"] for k in NONDATA_KINDS)
        )
        entry["balanced"] = accounted == entry["rows_read"]
        entry["attention"] = "" if status in ("extracted", "transcribed") else status
        out.append(entry)
    columns = [
        "source_file",
        "force_id",
        "file_status",
        "rows_read",
        "records_kept",
        "excluded_outside_period",
        "excluded_duplicate",
        *(f"nondata_{kind}" for kind in NONDATA_KINDS),
        "balanced",
        "attention",
    ]
    return pd.DataFrame(out, columns=columns)  # an edition nobody has answered yet has no rows, same columns
