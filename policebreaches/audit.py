"""results/<edition>/audit/index.html: a static, self-contained page (no server, no
network) to walk every number to its records and each record to its raw row."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined

RECORD_FIELDS = [
    "record_id",
    "force_id",
    "breach_type",
    "pnc",
    "outcome_group",
    "role",
    "description_raw",
    "category_raw",
    "outcome_raw",
    "breach_type_rule",
    "breach_type_match",
    "outcome_rule",
    "outcome_match",
    "pnc_rule",
    "source_file",
    "source_locator",
    "source_sha256",
    "cells",
    "needs_review",
]


def _read(path: Path) -> pd.DataFrame:
    from .stages.io import read_csv  # values as they were before the CSV was made spreadsheet-safe

    return read_csv(path)


def audit_data(
    numbers: dict, records: pd.DataFrame, ledger: pd.DataFrame, review: pd.DataFrame, exclusions: pd.DataFrame
) -> dict:
    return {
        "numbers": [
            {
                "key": k,
                "display": e["display"],
                "definition": e["definition"],
                "filter": e["filter"],
                "records": e["record_ids"],
                "aggregates": e["aggregate_rows"],
            }
            for k, e in numbers.items()
        ],
        "fields": RECORD_FIELDS,
        "records": records[RECORD_FIELDS].values.tolist(),
        "ledger": {"columns": list(ledger.columns), "rows": ledger.values.tolist()},
        "review": list(review["record_id"]),
        "exclusions": exclusions[
            ["record_id", "force_id", "exclusion", "source_file", "source_locator", "description_raw"]
        ].values.tolist(),
    }


def embed_json(data) -> str:
    """JSON safe inside <script>: no '<' at all, so neither '</script>' nor '<!--' (which
    puts a script element into its 'escaped' state and swallows the page) can appear."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def write_audit_page(
    numbers_path: Path,
    records_path: Path,
    ledger_path: Path,
    review_path: Path,
    exclusions_path: Path,
    template: Path,
    out: Path,
) -> None:
    data = audit_data(
        json.loads(numbers_path.read_text(encoding="utf-8")),
        _read(records_path),
        _read(ledger_path),
        _read(review_path),
        _read(exclusions_path),
    )
    env = Environment(loader=FileSystemLoader(str(template.parent)), autoescape=True, undefined=StrictUndefined)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(env.get_template(template.name).render(data_json=embed_json(data)), encoding="utf-8")
