"""Rule classify_breaches: the codebook's labels on every kept record, manual codings
applied last, counts-only margins resolved, and the records whose labels differ from the
edition's declared baseline (baseline/labels.csv) listed in reclassified.csv."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from ..classify import apply_overrides, classify_records, load_codebook, resolve_aggregates
from ..contracts import COUNT_COLUMNS, check_table
from ..problems import raise_if_any
from ..second_opinion import train
from .io import read_csv, read_csvs, write_csv

log = logging.getLogger("policebreaches")
LABEL_COLUMNS = ["breach_type", "pnc", "outcome_group", "role"]
BASELINE_FILE = "baseline/labels.csv"  # in raw/<edition>/: record_id and LABEL_COLUMNS, written by 'make baseline'


def run(
    cleaned: Path,
    count_files: list[Path],
    codebook: Path,
    corpus: list[Path],
    coding: Path | None,
    baseline: Path | None,
    records_out: Path,
    review_out: Path,
    aggregates_out: Path,
    exclusions_out: Path,
    reclassified_out: Path,
) -> None:
    book = load_codebook(codebook)
    records = read_csv(cleaned)
    kept = records[records["exclusion"] == ""]
    write_csv(records[records["exclusion"] != ""], exclusions_out)
    labelled = classify_records(kept, book)
    problems = []
    if coding:
        codings = read_csv(coding)
        labelled, problems = apply_overrides(labelled, codings, book)
        log.info("applied %d manual codings from %s", len(codings), coding)
    opinion = train(pd.concat([read_csv(p) for p in corpus]), book.second_opinion_threshold)
    labelled = with_second_opinion(labelled, opinion)  # after the manual codings: a coder's decision settles a doubt
    aggregates, agg_problems = resolve_aggregates(read_csvs(count_files, COUNT_COLUMNS), book)
    raise_if_any(problems + agg_problems, "classification")
    labelled["codebook_version"] = str(book.version)
    write_csv(check_table("records.csv", labelled), records_out)
    write_csv(labelled[(labelled["needs_review"] != "") | (labelled["doubt"] != "")], review_out)
    write_csv(check_table("aggregates.csv", aggregates), aggregates_out)
    current = labelled[["record_id", *LABEL_COLUMNS]].astype(str)
    write_csv(reclassified(read_csv(baseline) if baseline else None, current), reclassified_out)


def with_second_opinion(records: pd.DataFrame, opinion) -> pd.DataFrame:
    """second_opinion, its confidence and the doubt it raises, beside the codebook's label
    (which stays the published one). Each distinct text is read once."""
    texts = records[["description_raw", "category_raw"]].drop_duplicates()
    opinions = dict(
        zip(
            zip(texts["description_raw"], texts["category_raw"]),
            opinion.opinions(list(texts["description_raw"]), list(texts["category_raw"])),
        )
    )
    found = [opinions[key] for key in zip(records["description_raw"], records["category_raw"])]
    return records.assign(
        second_opinion=[label for label, _ in found],
        second_opinion_confidence=[f"{confidence:.2f}" for _, confidence in found],
        doubt=[
            "" if rule.startswith("MANUAL") else opinion.doubt(decided, o)
            for decided, rule, o in zip(records["breach_type"], records["breach_type_rule"], found)
        ],
    )


def reclassified(baseline: pd.DataFrame | None, current: pd.DataFrame) -> pd.DataFrame:
    """Records whose labels differ from the baseline (after a codebook edit)."""
    columns = ["record_id", "field", "before", "after"]
    if baseline is None:
        return pd.DataFrame(columns=columns)
    merged = baseline.merge(current, on="record_id", how="outer", suffixes=("_before", "_after")).fillna("(absent)")
    changes = [
        pd.DataFrame(
            {
                "record_id": changed["record_id"],
                "field": field,
                "before": changed[f"{field}_before"],
                "after": changed[f"{field}_after"],
            },
            columns=columns,
        )
        for field in LABEL_COLUMNS
        for changed in [merged[merged[f"{field}_before"] != merged[f"{field}_after"]]]
    ]
    return pd.concat(changes, ignore_index=True).sort_values(["record_id", "field"])
