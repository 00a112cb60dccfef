"""Classification accuracy against true labels, where an edition has them (the
synthetic sample does, in tests/truth/). Only scores; never feeds classification."""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd

from .clean import per_value
from .scoring import kappa, per_class

FIELDS = ["breach_type", "outcome_group", "pnc"]  # scored fields; their classes come from the codebook
ACCURACY_COLUMNS = ["field", "class", "precision", "recall", "support", "accuracy", "kappa", "matched", "unmatched"]


VISIBLE = [("description_raw", "description"), ("outcome_raw", "outcome"), ("role_raw", "role")]
RECORD_COLUMNS = ["record_id", "source_file", *(r for r, _ in VISIBLE), *FIELDS]  # all that scoring reads


def _norm(text) -> str:
    return " ".join(str(text).replace("\u2019", "'").lower().split())


def matched(records: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    """One row per (truth row, record) pair, matched on what both can see: the file, and
    those of description, outcome and role that the file gives. Identical rows pair in
    label order. Labels come as <field>_true and <field>_record."""
    labels = list(FIELDS)
    truth = truth.loc[truth["counted"] == "True", ["source_file", *(t for _, t in VISIBLE), *labels]]
    records = records[RECORD_COLUMNS]
    given = (records[[r for r, _ in VISIBLE]] != "").groupby(records["source_file"]).any()  # file -> fields it gives

    def keyed(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> pd.DataFrame:
        parts = []
        for column, record_column in columns:
            text = per_value(frame[column], _norm)
            parts.append(text.where(frame["source_file"].map(given[record_column]).fillna(False).astype(bool), ""))
        frame = frame.assign(key=parts[0].str.cat(parts[1:], sep="\x1f"))
        frame = frame.sort_values(["source_file", "key", *labels], kind="stable")
        return frame.assign(rank=frame.groupby(["source_file", "key"]).cumcount())

    return keyed(truth, [(t, r) for r, t in VISIBLE]).merge(
        keyed(records, [(r, r) for r, _ in VISIBLE]), on=["source_file", "key", "rank"], suffixes=("_true", "_record")
    )


def match_records(records: pd.DataFrame, truth: pd.DataFrame) -> list[tuple[dict, dict]]:
    """The pairs of `matched` as (truth row, record) dicts."""
    pairs = matched(records, truth)

    def side(suffix: str, columns: list[str]) -> list[dict]:
        named = {f"{f}{suffix}": f for f in FIELDS}
        return pairs[[*columns, *named]].rename(columns=named).to_dict("records")

    return list(
        zip(
            side("_true", ["source_file", *(t for _, t in VISIBLE)]),
            side("_record", ["record_id", "source_file", *(r for r, _ in VISIBLE)]),
        )
    )


def classes_of(codebook) -> dict[str, list[str]]:
    return {
        "breach_type": codebook.categories("breach_type"),
        "outcome_group": codebook.categories("outcome_group"),
        "pnc": ["True", "False"],
    }


def score(records: pd.DataFrame, truth: pd.DataFrame | None, codebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    if truth is None:
        return pd.DataFrame(columns=ACCURACY_COLUMNS), pd.DataFrame(columns=["field", "true", "predicted", "count"])
    incident_truth = truth[truth["counts_only"] != "True"]
    pairs = matched(records, incident_truth)
    unmatched = int((incident_truth["counted"] == "True").sum()) - len(pairs)
    rows, confusion = [], []
    for field, classes in classes_of(codebook).items():
        true = pairs[f"{field}_true"].astype(str).tolist()
        pred = [p or "(needs review)" for p in pairs[f"{field}_record"].astype(str)]
        accuracy = sum(a == b for a, b in zip(true, pred)) / len(pairs) if len(pairs) else float("nan")
        agreement = kappa(true, pred)
        for c, precision, recall, support in per_class(true, pred, classes):
            rows.append(
                {
                    "field": field,
                    "class": c,
                    "precision": "" if math.isnan(precision) else round(precision, 4),
                    "recall": "" if math.isnan(recall) else round(recall, 4),
                    "support": support,
                    "accuracy": round(accuracy, 4),
                    "kappa": round(agreement, 4),
                    "matched": len(pairs),
                    "unmatched": unmatched,
                }
            )
        counts = defaultdict(int)
        for a, b in zip(true, pred):
            counts[(a, b)] += 1
        confusion += [{"field": field, "true": a, "predicted": b, "count": n} for (a, b), n in sorted(counts.items())]
    return pd.DataFrame(rows, columns=ACCURACY_COLUMNS), pd.DataFrame(confusion)
