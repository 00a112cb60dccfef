"""This edition's own accuracy (issue 26): a person codes a seeded, stratified random sample
of the edition's records blind (text only, no label), and the codebook's published labels are
scored against theirs.

- `make coding-sample EDITION= N=`: results/<edition>/coding-sample.xlsx, the blind sheet;
- `make coding-import EDITION= FILE=`: the filled sheet checked and written to
  raw/<edition>/coding/coded.csv (the manifest re-blessed); the next build scores it
  (coding_accuracy.csv, numbers coding.*) and the methodology prints it beside the corpus sets.

Agreement: the share the codebook got right, sent to review and got wrong (95% Wilson
intervals), Cohen's kappa and Krippendorff's alpha (nominal; the `krippendorff` package),
each with a seeded bootstrap interval over records. A record the codebook withheld or could not
decide counts as the category '(needs review)': agreement is on what the edition publishes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import numpy as np
import pandas as pd

from .cells import safe_cell
from .corpus import REVIEW, wilson
from .problems import Problem
from .scoring import kappa
from .ziptools import rewrite_reproducibly

SEED = 26  # the sample is drawn with this seed: the same records for the same edition and N
CODED_FILE = "coding/coded.csv"  # in raw/<edition>/
CODED_COLUMNS = ["record_id", "breach_type", "pnc", "outcome_group", "coder", "date"]
FIELDS = ("breach_type", "outcome_group", "pnc")
SHOWN = ["record_id", "description_raw", "category_raw", "outcome_raw"]  # text only: no label of ours
BOOTSTRAP = 1000


def stratum(records: pd.DataFrame) -> pd.Series:
    """The stratum of each record: its published breach type, or the review queue."""
    return records["breach_type"].replace("", REVIEW)


def draw_sample(records: pd.DataFrame, n: int, seed: int = SEED) -> pd.DataFrame:
    """n records, each stratum in proportion to its size (largest remainders; at least one from
    every stratum when n allows), drawn at random within it; the order of the sheet shuffled,
    so that the strata cannot be read off it."""
    records = records.sort_values("record_id").reset_index(drop=True)
    sizes = stratum(records).value_counts().sort_index()
    n = min(n, len(records))
    exact = sizes / sizes.sum() * n
    take = exact.astype(int).clip(lower=1 if n >= len(sizes) else 0).clip(upper=sizes)
    for name in (exact - exact.astype(int)).sort_values(ascending=False, kind="stable").index:
        if take.sum() >= n:
            break
        take[name] += int(take[name] < sizes[name])
    while take.sum() > n:  # the minimum of one each overshot: trim the largest
        take[take.idxmax()] -= 1
    rng = np.random.default_rng(seed)
    chosen = [
        group.iloc[rng.permutation(len(group))[: take[name]]]
        for name, group in records.groupby(stratum(records), sort=True)
    ]
    sample = pd.concat(chosen)
    return sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)


def write_sheet(sample: pd.DataFrame, codebook, out: Path, published: dt.date) -> int:
    """The blind sheet: the texts, a drop-down per field to code, coder; the groups'
    definitions on a second sheet. Nothing of the codebook's decision is on it."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "coding"
    sheet.append(["INTERNAL WORKING DATA: unredacted text, do not publish. Code every row from its text alone."])
    sheet.append([*SHOWN, *FIELDS, "coder"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in sample[SHOWN].itertuples(index=False):
        sheet.append([safe_cell(v) for v in row] + [""] * (len(FIELDS) + 1))
    choices = {f: codebook.categories(f) for f in ("breach_type", "outcome_group")} | {"pnc": ["true", "false"]}
    for column, field in enumerate(FIELDS, start=len(SHOWN) + 1):
        letter = openpyxl.utils.get_column_letter(column)
        validation = DataValidation(type="list", formula1=f'"{",".join(choices[field])}"', allow_blank=True)
        validation.add(f"{letter}3:{letter}{max(3, sheet.max_row)}")
        sheet.add_data_validation(validation)
    groups = book.create_sheet("groups")
    groups.append(["field", "group", "definition"])
    for field in ("breach_type", "outcome_group"):
        for group in codebook.categories(field):
            groups.append([field, group, codebook.groups[field][group].get("definition", "")])
    groups.append(["pnc", "true", "The Police National Computer (PNC) is involved; not PND, ANPR or other systems."])
    stamp = dt.datetime.combine(published, dt.time())
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    rewrite_reproducibly(buffer.getvalue(), out, f"{published.isoformat()}T00:00:00Z")
    return len(sample)


def read_sheet(path: Path, codebook, today: dt.date) -> tuple[pd.DataFrame, list[Problem]]:
    """The coded rows of a filled sheet, and every problem with them (a row partly coded, a
    value outside the codebook, no coder)."""
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True, data_only=True)["coding"]
    rows = sheet.iter_rows(min_row=2, values_only=True)
    header = [str(c or "") for c in next(rows)]
    allowed = {f: set(codebook.categories(f)) for f in ("breach_type", "outcome_group")} | {"pnc": {"true", "false"}}
    coded, problems = [], []
    for number, row in enumerate(rows, start=3):
        cells = {name: ("" if value is None else str(value)).strip() for name, value in zip(header, row)}
        values = {f: cells.get(f, "").lower() if f == "pnc" else cells.get(f, "") for f in FIELDS}
        if not any(values.values()):
            continue  # not coded (yet)
        here = f"{path.name} row {number} ({cells.get('record_id', '')})"
        for field, value in values.items():
            if value not in allowed[field]:
                problems.append(
                    Problem(here, f"{field} {value!r} is not a codebook value", f"use one of {sorted(allowed[field])}")
                )
        if not cells.get("coder"):
            problems.append(Problem(here, "no coder", "fill in the coder's name or initials"))
        coded.append(
            {
                "record_id": cells.get("record_id", ""),
                **values,
                "coder": cells.get("coder", ""),
                "date": today.isoformat(),
            }
        )
    return pd.DataFrame(coded, columns=CODED_COLUMNS), problems


def write_coded(edition_dir: Path, coded: pd.DataFrame) -> Path:
    """raw/<edition>/coding/coded.csv (replaced: one coding round per edition) and the manifest re-blessed."""
    from .edition import write_manifest

    path = edition_dir / CODED_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CODED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in coded.to_dict("records"):
            writer.writerow({k: safe_cell(v) for k, v in row.items()})
    write_manifest(edition_dir)
    return path


def krippendorff_alpha(first: list[str], second: list[str]) -> float:
    """Nominal alpha of two coders (the krippendorff package)."""
    import krippendorff

    values = sorted(set(first) | set(second))
    if len(values) < 2:
        return 1.0
    codes = {v: i for i, v in enumerate(values)}
    data = np.array([[codes[v] for v in first], [codes[v] for v in second]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def interval(statistic, person: list[str], codebook: list[str], seed: int = SEED) -> tuple[float, float]:
    """95% percentile bootstrap interval of statistic(person, codebook), resampling records."""
    rng = np.random.default_rng(seed)
    n, found = len(person), []
    for _ in range(BOOTSTRAP):
        pick = rng.integers(0, n, n)
        value = statistic([person[i] for i in pick], [codebook[i] for i in pick])
        if not np.isnan(value):
            found.append(value)
    return (float(np.percentile(found, 2.5)), float(np.percentile(found, 97.5))) if found else (np.nan, np.nan)


def agreement(coded: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """Per field and measure (n, right, review, wrong with Wilson intervals; kappa and alpha
    with bootstrap intervals): the codebook's published labels against the person's."""
    pairs = coded.merge(records[["record_id", *FIELDS]], on="record_id", suffixes=("_person", "_codebook"))
    rows = []
    for field in FIELDS:
        person = pairs[f"{field}_person"].astype(str).str.lower().tolist()
        decided = [str(v).lower() if str(v) != "" else REVIEW for v in pairs[f"{field}_codebook"]]
        n = len(person)
        if not n:
            continue
        right = sum(p == d for p, d in zip(person, decided))
        review = decided.count(REVIEW)
        rows.append((field, "n", n, np.nan, np.nan))
        for measure, k in (("right", right), ("review", review), ("wrong", n - right - review)):
            rows.append((field, measure, k / n, *wilson(k, n)))
        rows.append((field, "kappa", kappa(person, decided), *interval(kappa, person, decided)))
        rows.append(
            (field, "alpha", krippendorff_alpha(person, decided), *interval(krippendorff_alpha, person, decided))
        )
    return pd.DataFrame(rows, columns=["field", "measure", "value", "low", "high"])
