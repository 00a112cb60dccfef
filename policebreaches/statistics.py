"""Every number the report prints, declared once: key, definition, filter. The values,
display strings (one rounding rule), inputs and the record ids behind each number go to
results/<edition>/numbers.json; the template can print nothing else."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from .classify import BREACH_TYPES, OUTCOME_SEVERITY
from .edition import RESPONDED_STATUSES
from .forces import force_name

TYPE_WORDS = {"unauthorised_access": "unauthorised access", "third_party_disclosure": "disclosure to third parties",
              "other": "other (loss, insecurity, misdirection, unspecified)"}
OUTCOME_WORDS = {"conviction_or_caution": "conviction or caution", "resignation_or_dismissal": "resignation or dismissal",
                 "written_or_verbal_warning": "written or verbal warning", "no_formal_action": "no formal disciplinary action",
                 "other_or_unknown": "other, ongoing or unknown"}


def display_count(value: int) -> str:
    return f"{value:,}"


def display_percent(part: int, whole: int) -> str:
    """The one rounding rule: whole per cent, half up, as the 2016 report printed."""
    if not whole:
        return "0%"
    return f"{int(part * 100 / whole + 0.5)}%"


def display_date(value: dt.date) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


class NumberBook:
    """Collects numbers with their provenance; `entry` is the only way in."""

    def __init__(self, inputs: list[dict]):
        self.inputs = inputs
        self.numbers: dict[str, dict] = {}

    def entry(self, key, value, display, definition, filter_text, record_ids=(), aggregate_rows=()):
        self.numbers[key] = {"value": value, "display": display, "definition": definition, "filter": filter_text,
                             "inputs": self.inputs, "n_records": len(record_ids),
                             "record_ids": sorted(record_ids), "aggregate_rows": list(aggregate_rows)}

    def count(self, key, definition, records: pd.DataFrame, mask, aggregates: pd.DataFrame, agg_mask, filter_text):
        recs = records[mask] if len(records) else records
        aggs = aggregates[agg_mask] if len(aggregates) else aggregates
        value = int(len(recs) + aggs["count"].sum())
        self.entry(key, value, display_count(value), definition, filter_text, list(recs["record_id"]),
                   [f"{r.source_file} {r.source_locator} ({r.dimension}={r.category}: {r['count']})"
                    for _, r in aggs.iterrows()])
        return value

    def share(self, key, part_key, whole_key, definition):
        part, whole = self.numbers[part_key]["value"], self.numbers[whole_key]["value"]
        self.entry(key, part / whole if whole else 0.0, display_percent(part, whole), definition,
                   f"{part_key} / {whole_key}")


def compute_numbers(records: pd.DataFrame, aggregates: pd.DataFrame, register: list[dict], edition,
                    inputs: list[dict], extra: dict | None = None) -> dict[str, dict]:
    book = NumberBook(inputs)
    aggs = aggregates[aggregates["dimension"] != "not_counted"] if len(aggregates) else aggregates
    a_dim = aggs["dimension"] if len(aggs) else pd.Series(dtype=str)
    a_cat = aggs["category"] if len(aggs) else pd.Series(dtype=str)
    all_recs = pd.Series(True, index=records.index)
    total = book.count("breaches.total", "Breaches counted: incident records kept after cleaning, plus the totals "
                       "of counts-only responses.", records, all_recs, aggs, a_dim == "total",
                       "records (all kept) + aggregates[dimension == 'total']")
    _category_counts(book, records, aggs, "breach_type", "breaches.type", TYPE_WORDS, "classified as")
    book.count("breaches.pnc", "Breaches involving the Police National Computer.", records, records["pnc"] == True,  # noqa: E712
               aggs, (a_dim == "pnc") & (a_cat == "true"), "records[pnc] + aggregates[pnc == 'true']")
    book.count("breaches.needs_review", "Records no codebook rule could classify (listed in review.csv).", records,
               records["needs_review"] != "", aggs, a_dim == "never", "records[needs_review != '']")
    _category_counts(book, records, aggs, "outcome_group", "outcomes", OUTCOME_WORDS, "whose most severe outcome was")
    sent = len(register)
    responded = sum(1 for r in register if r["status"] in RESPONDED_STATUSES)
    book.entry("requests.sent", sent, display_count(sent), "Bodies sent the FOI request (rows of requests.csv).",
               "len(requests.csv)")
    book.entry("requests.responded", responded, display_count(responded),
               "Bodies that answered: disclosed, partial, refused or nil return.", "status in RESPONDED_STATUSES")
    book.entry("requests.response_rate", responded / sent if sent else 0.0, display_percent(responded, sent),
               "Answers as a share of requests sent.", "requests.responded / requests.sent")
    for status in ("disclosed", "partial", "refused", "nil_return", "no_response"):
        n = sum(1 for r in register if r["status"] == status)
        book.entry(f"requests.status.{status}", n, display_count(n), f"Bodies whose answer was: {status}.",
                   f"status == '{status}'")
    weeks = edition.days_in_period / 7
    book.entry("breaches.per_week", total / weeks, f"{total / weeks:.0f}",
               "Breaches per week: total / (days in period / 7), to the nearest whole number.",
               "breaches.total / (days_in_period / 7)")
    book.entry("period.start", edition.period_start.isoformat(), display_date(edition.period_start),
               "First day of the period asked about.", "edition.yaml period_start")
    book.entry("period.end", edition.period_end.isoformat(), display_date(edition.period_end),
               "Last day of the period asked about.", "edition.yaml period_end")
    book.entry("period.days", edition.days_in_period, display_count(edition.days_in_period),
               "Days in the period, both ends included.", "period_end - period_start + 1")
    _force_numbers(book, records, aggs, register)
    for key, (value, display, definition) in (extra or {}).items():
        book.entry(key, value, display, definition, "see definition")
    return dict(sorted(book.numbers.items()))


def _category_counts(book: NumberBook, records, aggs, field: str, prefix: str, words: dict, phrase: str) -> None:
    """One count and one share per category of a codebook field (records plus counts-only margins)."""
    a_dim = aggs["dimension"] if len(aggs) else pd.Series(dtype=str)
    a_cat = aggs["category"] if len(aggs) else pd.Series(dtype=str)
    for category, word in words.items():
        book.count(f"{prefix}.{category}", f"Breaches {phrase} {word}.", records, records[field] == category, aggs,
                   (a_dim == field) & (a_cat == category),
                   f"records[{field} == '{category}'] + aggregates[{field} == '{category}']")
        book.share(f"{prefix}.{category}.share", f"{prefix}.{category}", "breaches.total",
                   f"Share of all breaches {phrase} {word}.")


def _force_numbers(book: NumberBook, records, aggs, register) -> None:
    for row in register:
        f = row["force_id"]
        in_force = records["force_id"] == f
        a_force = (aggs["force_id"] == f) if len(aggs) else pd.Series(dtype=bool)
        a_dim = aggs["dimension"] if len(aggs) else pd.Series(dtype=str)
        a_cat = aggs["category"] if len(aggs) else pd.Series(dtype=str)
        book.count(f"forces.{f}.total", f"Breaches counted for {force_name(f)}.", records, in_force, aggs,
                   a_force & (a_dim == "total"), f"force_id == '{f}'")
        for t in BREACH_TYPES:
            book.count(f"forces.{f}.type.{t}", f"{force_name(f)}: breaches classified as {TYPE_WORDS[t]}.", records,
                       in_force & (records["breach_type"] == t), aggs,
                       a_force & (a_dim == "breach_type") & (a_cat == t), f"force_id == '{f}' and breach_type == '{t}'")
        for o in OUTCOME_SEVERITY:
            book.count(f"forces.{f}.outcome.{o}", f"{force_name(f)}: breaches whose outcome was {OUTCOME_WORDS[o]}.",
                       records, in_force & (records["outcome_group"] == o), aggs,
                       a_force & (a_dim == "outcome_group") & (a_cat == o),
                       f"force_id == '{f}' and outcome_group == '{o}'")


def top_forces(numbers: dict, register: list[dict], n: int = 10) -> list[str]:
    """force_ids by total, largest first; ties broken by name so the order is stable."""
    with_data = [r["force_id"] for r in register if r["status"] in ("disclosed", "partial")]
    return sorted(with_data, key=lambda f: (-numbers[f"forces.{f}.total"]["value"], f))[:n]
