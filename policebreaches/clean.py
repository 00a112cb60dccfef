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

RAW_FIELDS = ["date_raw", "role_raw", "category_raw", "description_raw", "outcome_raw"]
ROLE_PATTERNS = [  # order matters: "Special Constable" and "PCSO" contain officer words
    ("special_constable", r"\bspecial(s| constable)?\b|^sc$|^s/c\b|\bspec\.? ?con"),
    ("pcso", r"\bpcso\b|community support officer"),
    ("volunteer", r"volunteer|cadet"),
    ("unknown", r"officer ?(/|or|and) ?(a member of )?(civilian )?staff|^(redacted|not (known|recorded)|unknown|n/?a|-*)$"),
    ("police_staff", r"\bstaff\b|civilian|employee|\bcivvy\b|\bpse\b|\bdetention officer|\binvestigat\w+ officer|"
                     r"call handler|analyst|clerk|administrat|\boperator\b|contractor|agency"),
    ("officer", r"\b(pc|dc|ps|sgt|ds|di|dci|dsupt|supt|insp|ch ?insp|c/insp|t/?sgt|a/?sgt|constable|sergeant|"
                r"inspector|superintendent|chief|officer|det|detective|inspr?|rank|acc|dcc)\b"),
]
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
                                   normalization=None, unescape_html=False)


def normalise_role(text: str) -> str:
    value = " ".join((text or "").lower().replace("&", " and ").split())
    if not value:
        return "unknown"
    for role, pattern in ROLE_PATTERNS:
        if re.search(pattern, value):
            return role
    return "unknown"


def repair_text(text: str) -> str:
    """Undo mojibake ('â€™' -> '’') and fold stray spaces; correct curly quotes stay."""
    fixed = ftfy.fix_text(text or "", config=FTFY_CONFIG)
    fixed = re.sub(r"(\w)-\n(\w)", r"\1-\2", fixed)  # a word hyphenated at a PDF cell's line break
    return " ".join(fixed.replace("\u00a0", " ").split())


def _table_key(row) -> str:
    """The table a row sits in, for the cross-table duplicate rule (pages of one PDF are one table)."""
    match = re.match(r"(sheet=[^ ]+|transcribed)", row["source_locator"])
    return f"{row['source_file']}#{match.group(1) if match else ''}"


def clean_records(rows: pd.DataFrame, period_start, period_end) -> tuple[pd.DataFrame, list[dict]]:
    """(records, repairs): one record per data row, with parsed fields and `exclusion`."""
    data = rows[rows["row_kind"] == "data"].copy()
    repairs = []
    for column in RAW_FIELDS:
        repaired = data[column].fillna("").map(repair_text)
        changed = repaired != data[column].fillna("").str.strip()
        for rid, before, after in zip(data.loc[changed, "record_id"], data.loc[changed, column], repaired[changed]):
            if " ".join(before.split()) != after:
                repairs.append({"record_id": rid, "field": column, "before": before, "after": after})
        data[column] = repaired
    dates = data["date_raw"].map(parse_incident_date)
    data["date_start"] = [d.start.isoformat() if d.parsed else "" for d in dates]
    data["date_end"] = [d.end.isoformat() if d.parsed else "" for d in dates]
    data["date_precision"] = [d.precision for d in dates]
    data["date_unparsed"] = [bool(raw.strip()) and not d.parsed for raw, d in zip(data["date_raw"], dates)]
    data["period_position"] = [period_position(d, period_start, period_end) for d in dates]
    data["role"] = data["role_raw"].map(normalise_role)
    data["exclusion"] = ""
    data.loc[data["period_position"] == "outside", "exclusion"] = "outside_period"
    _mark_duplicates(data)
    return data.reset_index(drop=True), repairs


def _mark_duplicates(data: pd.DataFrame) -> None:
    content = data[RAW_FIELDS].apply(lambda r: "|".join(" ".join(v.lower().split()) for v in r), axis=1)
    first_seen: dict[tuple[str, str], tuple[str, str]] = {}
    for index, row in data.iterrows():
        if row["exclusion"] or not row["description_raw"]:
            continue
        key = (row["force_id"], content[index])
        table = _table_key(row)
        if key in first_seen and first_seen[key][1] != table:
            data.at[index, "exclusion"] = f"duplicate_of:{first_seen[key][0]}"
        else:
            first_seen.setdefault(key, (row["record_id"], table))


def build_ledger(rows: pd.DataFrame, records: pd.DataFrame, file_status: pd.DataFrame) -> pd.DataFrame:
    """Per source file: rows read = kept + excluded (by reason) + non-data rows (by kind)."""
    out = []
    for _, f in file_status.iterrows():
        name = f["source_file"]
        read = rows[rows["source_file"] == name]
        recs = records[records["source_file"] == name]
        reasons = recs["exclusion"].str.replace(r":.*", "", regex=True)
        entry = {"source_file": name, "force_id": f["force_id"], "file_status": f["status"],
                 "rows_read": len(read), "records_kept": int((reasons == "").sum()),
                 "excluded_outside_period": int((reasons == "outside_period").sum()),
                 "excluded_duplicate": int((reasons == "duplicate_of").sum())}
        for kind in ("count", "header", "title", "blank", "total", "note", "unrecognised"):
            entry[f"nondata_{kind}"] = int((read["row_kind"] == kind).sum())
        accounted = entry["records_kept"] + entry["excluded_outside_period"] + entry["excluded_duplicate"] + sum(
            entry[f"nondata_{k}"] for k in ("count", "header", "title", "blank", "total", "note", "unrecognised"))
        entry["balanced"] = accounted == entry["rows_read"]
        entry["attention"] = "" if f["status"] in ("extracted", "transcribed") else f["status"]
        out.append(entry)
    return pd.DataFrame(out)
