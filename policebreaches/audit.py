"""results/<edition>/audit/: a static page (no server, no network) to walk every number to
its records and each record to its raw row. It stays small at any scale: index.html
carries the numbers and the ledger; each number's record list (audit/data/numbers/N.js)
and each body's records (audit/data/records/<force>.js) are loaded when a number is
opened, as <script> files, which browsers allow from a local folder (fetch is not)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .classify import load_codebook

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


CHUNK = 2000  # records per shard file: what opening a page of a number loads at most twice over
GROUPS = [  # the page opens on the headline numbers; evaluation measures are a group of their own
    ("Headline", r"breaches\.|outcomes\.|requests\.|years\."),
    ("Forces", r"forces\."),
    ("Method", r"records\.|aggregates\.|classification\.|redactions\.|pipeline\.|change\."),
    ("Evaluation measures", r"accuracy\.|corpus\."),
]


def group_of(key: str) -> str:
    return next((name for name, prefix in GROUPS if re.match(prefix, key)), "Other")


def page_data(numbers: dict, ledger: pd.DataFrame) -> dict:
    """What index.html embeds: no record lists, so its size follows the number of numbers."""
    order = [name for name, _ in GROUPS] + ["Other"]
    keys = sorted(numbers, key=lambda k: (order.index(group_of(k)), list(numbers).index(k)))
    return {
        "groups": order,
        "numbers": [
            {
                "key": k,
                "group": group_of(k),
                "shard": list(numbers).index(k),
                "display": numbers[k]["display"],
                "definition": numbers[k]["definition"],
                "filter": numbers[k]["filter"],
                "n_records": len(numbers[k]["record_ids"]),
                "aggregates": numbers[k]["aggregate_rows"],
            }
            for k in keys
        ],
        "fields": RECORD_FIELDS,
        "ledger": {"columns": list(ledger.columns), "rows": ledger.values.tolist()},
        "chunk": CHUNK,
    }


def write_panels(review: pd.DataFrame, exclusions: pd.DataFrame, folder: Path) -> None:
    """review.js and exclusions.js: the two panels' rows, loaded when a panel is opened
    (a review queue can hold tens of thousands of records)."""
    panels = {
        "review": review[["record_id", "force_id", "description_raw"]],
        "exclusions": exclusions[
            ["record_id", "force_id", "exclusion", "source_file", "source_locator", "description_raw"]
        ],
    }
    for name, table in panels.items():
        script = f"audit.panel({embed_json(name)},{embed_json(_shortened(table))});\n"
        (folder / f"{name}.js").write_text(script, encoding="utf-8")


def _shortened(table: pd.DataFrame, limit: int = 160) -> list[list[str]]:
    """Rows for a panel, descriptions cut at `limit` characters: the page's size then
    follows the number of rows (the whole text is one click away, in the record shards)."""
    cut = table.assign(description_raw=[t if len(t) <= limit else t[:limit] + "…" for t in table["description_raw"]])
    return cut.values.tolist()


def embed_json(data) -> str:
    """JSON safe inside <script>: no '<' at all, so neither '</script>' nor '<!--' (which
    puts a script element into its 'escaped' state and swallows the page) can appear."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def runs(positions: list[int]) -> list[int]:
    """Sorted positions as [start, length, start, length, ...]: a force's numbers are one run."""
    out: list[int] = []
    for p in positions:
        if out and out[-2] + out[-1] == p:
            out[-1] += 1
        else:
            out += [p, 1]
    return out


def write_shards(numbers: dict, records: pd.DataFrame, folder: Path, codebook_order: dict) -> dict:
    """Records are numbered in body order. numbers/<i>.js: the i-th number's records as runs
    of positions; records/<k>.js: every field of records k*CHUNK ... (k+1)*CHUNK-1; codes.js: each
    record's breach type and outcome as one character each (for the list's filters).
    Returns what the page needs to find them: each body's [force_id, start, end) and the
    code tables."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "numbers").mkdir(parents=True)
    (folder / "records").mkdir()
    records = records.sort_values("force_id", kind="stable")
    position = {rid: i for i, rid in enumerate(records["record_id"])}
    for i, entry in enumerate(numbers.values()):
        found = sorted(position[rid] for rid in entry["record_ids"] if rid in position)
        (folder / "numbers" / f"{i}.js").write_text(f"audit.number({i},{embed_json(runs(found))});\n", encoding="utf-8")
    fields = records[RECORD_FIELDS].values.tolist()
    for chunk, start in enumerate(range(0, len(fields), CHUNK)):
        script = f"audit.records({chunk},{embed_json(fields[start : start + CHUNK])});\n"
        (folder / "records" / f"{chunk}.js").write_text(script, encoding="utf-8")
    bodies, start = [], 0
    for force_id, rows in records.groupby("force_id", sort=False):
        bodies.append([force_id, start, start + len(rows)])
        start += len(rows)
    codes = {field: ["", *order] for field, order in codebook_order.items()}  # "" = needs review
    strings = [
        "".join(chr(48 + codes[field].index(v) if v in codes[field] else 48) for v in records[field])
        for field in codebook_order
    ]
    (folder / "codes.js").write_text(f"audit.codes({embed_json(strings)});\n", encoding="utf-8")
    return {"bodies": bodies, "codes": list(codes.values())}


def write_audit_page(
    numbers_path: Path,
    records_path: Path,
    ledger_path: Path,
    review_path: Path,
    exclusions_path: Path,
    codebook: Path,
    template: Path,
    out: Path,
    data_dir: Path,
) -> None:
    numbers, records = json.loads(numbers_path.read_text(encoding="utf-8")), _read(records_path)
    book = load_codebook(codebook)
    order = {field: book.categories(field) for field in ("breach_type", "outcome_group")}
    data = page_data(numbers, _read(ledger_path)) | write_shards(numbers, records, data_dir, order)
    write_panels(_read(review_path), _read(exclusions_path), data_dir)
    env = Environment(loader=FileSystemLoader(str(template.parent)), autoescape=True, undefined=StrictUndefined)
    out.parent.mkdir(parents=True, exist_ok=True)
    page = env.get_template(template.name).render(
        data_json=embed_json(data),
        data_dir=data_dir.relative_to(out.parent).as_posix(),
        synthetic=bool(numbers.get("edition.synthetic", {}).get("value")),
    )
    out.write_text(page, encoding="utf-8")
