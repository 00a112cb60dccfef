"""Classification accuracy against true labels, where an edition has them (the
synthetic sample does, in tests/truth/). Only scores; never feeds classification."""
from __future__ import annotations

from collections import defaultdict

import pandas as pd

FIELDS = {"breach_type": ["unauthorised_access", "third_party_disclosure", "other"],
          "outcome_group": ["conviction_or_caution", "resignation_or_dismissal", "written_or_verbal_warning",
                            "no_formal_action", "other_or_unknown"],
          "pnc": ["True", "False"]}
ACCURACY_COLUMNS = ["field", "class", "precision", "recall", "support", "accuracy", "kappa", "matched", "unmatched"]


VISIBLE = [("description_raw", "description"), ("outcome_raw", "outcome"), ("role_raw", "role")]
RECORD_COLUMNS = ["record_id", "source_file", *(r for r, _ in VISIBLE), *FIELDS]  # all that scoring reads


def _norm(text) -> str:
    return " ".join(str(text).replace("\u2019", "'").lower().split())


def match_records(records: pd.DataFrame, truth: pd.DataFrame) -> list[tuple[dict, dict]]:
    """Pairs (truth row, record) matched on what both can see: the file, and those of
    description, outcome and role that the file gives. Identical rows pair in label order."""
    pairs = []
    labels = list(FIELDS)
    truth = truth.loc[truth["counted"] == "True", ["source_file", *(t for _, t in VISIBLE), *labels]]
    records = records[RECORD_COLUMNS]
    records_by_file = dict(tuple(records.groupby("source_file")))
    for source_file, file_truth in truth.groupby("source_file"):
        file_records = records_by_file.get(source_file, records.iloc[:0])
        shown = [(r, t) for r, t in VISIBLE if (file_records[r] != "").any()]
        pool = defaultdict(list)
        for rec in file_records.to_dict("records"):
            pool[tuple(_norm(rec[r]) for r, _ in shown)].append(rec)
        groups = defaultdict(list)
        for row in file_truth.to_dict("records"):
            groups[tuple(_norm(row[t]) for _, t in shown)].append(row)
        for key, rows in groups.items():
            found = sorted(pool.get(key, []), key=lambda r: (r["breach_type"], r["outcome_group"], r["pnc"]))
            rows = sorted(rows, key=lambda t: (t["breach_type"], t["outcome_group"], t["pnc"]))
            pairs += list(zip(rows, found))
    return pairs


def cohen_kappa(true: list[str], predicted: list[str]) -> float:
    n = len(true)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in zip(true, predicted)) / n
    classes = set(true) | set(predicted)
    expected = sum((true.count(c) / n) * (predicted.count(c) / n) for c in classes)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def score(records: pd.DataFrame, truth: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    if truth is None:
        return pd.DataFrame(columns=ACCURACY_COLUMNS), pd.DataFrame(columns=["field", "true", "predicted", "count"])
    incident_truth = truth[truth["counts_only"] != "True"]
    pairs = match_records(records, incident_truth)
    unmatched = int((incident_truth["counted"] == "True").sum()) - len(pairs)
    rows, confusion = [], []
    for field, classes in FIELDS.items():
        true = [str(t[field]) for t, _ in pairs]
        pred = [str(r[field]) or "(needs review)" for _, r in pairs]
        accuracy = sum(a == b for a, b in zip(true, pred)) / len(pairs) if pairs else float("nan")
        kappa = cohen_kappa(true, pred)
        for c in classes:
            tp = sum(a == c and b == c for a, b in zip(true, pred))
            predicted, actual = pred.count(c), true.count(c)
            rows.append({"field": field, "class": c, "precision": round(tp / predicted, 4) if predicted else "",
                         "recall": round(tp / actual, 4) if actual else "", "support": actual,
                         "accuracy": round(accuracy, 4), "kappa": round(kappa, 4), "matched": len(pairs),
                         "unmatched": unmatched})
        counts = defaultdict(int)
        for a, b in zip(true, pred):
            counts[(a, b)] += 1
        confusion += [{"field": field, "true": a, "predicted": b, "count": n} for (a, b), n in sorted(counts.items())]
    return pd.DataFrame(rows, columns=ACCURACY_COLUMNS), pd.DataFrame(confusion)
