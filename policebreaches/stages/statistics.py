"""Rule compute_statistics: numbers.json (every number the report may print, as
report_spec.yaml declares them), the case studies, the change since the previous
edition, and the report's tables as CSV and xlsx."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from .. import __version__
from ..casestudies import printed_texts, quote_case_studies, select_case_studies
from ..claims import LEVEL, most_entries, units_entries
from ..classify import load_codebook
from ..coding import agreement
from ..compare import change_entries
from ..edition import DATA_STATUSES, read_checked_edition, sha256_file
from ..misclassification import type_entries
from ..personal_data import PersonalData
from ..problems import raise_if_any
from ..publication import frame_problems, gate, personal_data, public_texts
from ..rates import rate_entries
from ..report_spec import load_report_spec
from ..statistics import add_entries, compute_numbers, figures_in_period
from ..tables import names_of, table_frames, write_tables, xlsx_totals
from .io import numbers_json, read_csv, read_json, write_csv, write_json

# previous/current: counts; *_per_year: rates a year of each edition's period; delta: the
# rates' difference; change: relative change of the rate; basis: like for like, or why not
CHANGE_COLUMNS = ["key", "label", "previous", "current", "delta", "basis", "previous_per_year", "per_year", "change"]
# where each number a stage computes comes from, by key prefix: Appendix 3 prints it
DERIVED_FROM = [
    ("records.read", "ledger.csv: records_kept + excluded_outside_period + excluded_duplicate, summed over files"),
    ("records.kept", "records.csv: every row (the incident records kept after cleaning)"),
    ("records.excluded.", "clean/exclusions.csv: the rows excluded for this reason"),
    ("records.year.", "records.csv: kept records dated (to the day, month or year) in the year"),
    ("aggregates.total", "aggregates.csv: the stated totals (dimension total) of counts-only answers, summed"),
    ("classification.manual_codings", "records.csv: labels whose rule is MANUAL (overrides/coding.csv)"),
    ("classification.codebook_version", "codebook.yaml: version"),
    ("classification.policy.", "codebook.yaml: decision_policy (chosen by make crossval, docs/crossval/)"),
    ("redactions.count", "edition.yaml case_studies: redaction marks in the approved quotes"),
    ("edition.", "edition.yaml (as checked: check/edition.json)"),
    ("records.undated", "records.csv: kept records whose date_precision is not day, month or year"),
    ("report.", "report_spec.yaml provisional_below, and requests.csv statuses"),
    ("forces.", "records.csv and aggregates.csv rows of the body (rule AGG-REMAINDER: a remainder, not stated)"),
    ("accuracy.", "accuracy.csv: this edition's records against its own true labels (the sample's generator)"),
    ("corpus.", "corpus_accuracy.csv: the codebook on the frozen test sets of tests/corpus/"),
    ("coding.", "raw/<edition>/coding/coded.csv (a person's blind coding) against records.csv"),
    ("change.", "this numbers.json against the previous edition's numbers.json"),
    ("pipeline.version", "the policebreaches package's version"),
]


def with_derivations(extra: dict) -> dict:
    """Each (value, display, definition) with its derivation for Appendix 3."""
    return {
        key: (*entry, next((text for prefix, text in DERIVED_FROM if key.startswith(prefix)), "see definition"))
        for key, entry in extra.items()
    }


def methodology_numbers(ledger, exclusions, aggregates, records, accuracy, redactions, edition, codebook) -> dict:
    """Numbers the methodology and cover print, as (value, display, definition)."""
    reasons = exclusions["exclusion"].str.replace(r":.*", "", regex=True) if len(exclusions) else pd.Series(dtype=str)
    read = int(
        ledger["records_kept"].astype(int).sum()
        + ledger["excluded_outside_period"].astype(int).sum()
        + ledger["excluded_duplicate"].astype(int).sum()
    )
    totals = aggregates[aggregates["dimension"] == "total"]["count"].astype(int).sum() if len(aggregates) else 0
    manual = int(
        records["breach_type_rule"].str.startswith("MANUAL").sum()
        + records["outcome_rule"].str.startswith("MANUAL").sum()
    )
    extra = {
        "records.read": (read, f"{read:,}", "Incident rows read from the responses (data rows, before exclusions)."),
        "records.kept": (len(records), f"{len(records):,}", "Incident records kept after cleaning."),
        "records.excluded.outside_period": (
            int((reasons == "outside_period").sum()),
            f"{int((reasons == 'outside_period').sum()):,}",
            "Incident rows dated wholly outside the period.",
        ),
        "records.excluded.duplicate": (
            int((reasons == "duplicate_of").sum()),
            f"{int((reasons == 'duplicate_of').sum()):,}",
            "Incident rows listing again an incident the same force listed in another table.",
        ),
        "aggregates.total": (
            int(totals),
            f"{int(totals):,}",
            "Breaches given as counts only (the totals of counts-only answers).",
        ),
        "classification.manual_codings": (manual, f"{manual:,}", "Labels set by hand in overrides/coding.csv."),
        "classification.codebook_version": (
            int(codebook.version),
            str(codebook.version),
            "Version of the codebook that classified the records.",
        ),
        "redactions.count": (
            redactions,
            f"{redactions:,}",
            "Redaction marks in the case-study quotes approved in edition.yaml (items of personal data removed).",
        ),
        "edition.published": (
            edition.published.isoformat(),
            f"{edition.published.day} {edition.published:%B %Y}",
            "Publication date of the edition (edition.yaml).",
        ),
        "edition.as_of": (
            edition.figures_as_of.isoformat(),
            f"{edition.figures_as_of.day} {edition.figures_as_of:%B %Y}",
            "The date the figures stand at (edition.yaml as_of; the publication date when as_of is not given).",
        ),
        "edition.synthetic": (
            bool(edition.synthetic),
            "synthetic sample: invented data" if edition.synthetic else "real responses",
            "True when the edition's response files were written by the sample generator: every count is "
            "invented and says nothing about any force (edition.yaml synthetic).",
        ),
    }
    for row in codebook.decision_policy:
        if "confidence_at_least" in row:
            value = float(row["confidence_at_least"])
            extra[f"classification.policy.{row['id']}.confidence"] = (
                value,
                f"{value:.2f}",
                f"Decision policy {row['id']}: the second opinion's confidence at or above which a breach type "
                f"is withheld for review when {row['when']}.",
            )
    dated = records["date_precision"].isin(["day", "month", "year"])
    extra["records.undated"] = (
        int((~dated).sum()),
        f"{int((~dated).sum()):,}",
        "Incident records with no date precise to the year (not shown in the chart by year).",
    )
    years = records.loc[dated, "date_start"].str[:4].value_counts()
    for year, count in sorted(years.items()):
        extra[f"records.year.{year}"] = (int(count), f"{int(count):,}", f"Incident records dated in {year}.")
    for row in accuracy.to_dict("records"):
        base = f"accuracy.{row['field']}.{row['class']}"
        for measure in ("precision", "recall"):
            if row[measure] != "":
                value = float(row[measure])
                extra[f"{base}.{measure}"] = (
                    value,
                    f"{value * 100:.1f}%",
                    f"{measure.capitalize()} of {row['field']} = {row['class']} against the true labels.",
                )
        extra[f"{base}.support"] = (
            int(row["support"]),
            f"{int(row['support']):,}",
            f"True {row['field']} = {row['class']} records matched.",
        )
        extra[f"accuracy.{row['field']}.overall"] = (
            float(row["accuracy"]),
            f"{float(row['accuracy']) * 100:.1f}%",
            f"Share of matched records whose {row['field']} is right.",
        )
        extra[f"accuracy.{row['field']}.kappa"] = (
            float(row["kappa"]),
            f"{float(row['kappa']):.3f}",
            f"Cohen's kappa for {row['field']}.",
        )
    return extra


def provisional_numbers(register: list[dict], threshold: float) -> dict:
    """Whether the edition is provisional: fewer than `threshold` (report_spec.yaml
    provisional_below) of the bodies asked gave figures. A provisional report states no
    ranking, top ten, funnel or national rate."""
    gave = sum(1 for r in register if r["status"] in DATA_STATUSES)
    provisional = gave < threshold * len(register)
    return {
        "report.provisional_below": (
            threshold,
            f"{threshold * 100:.0f}%",
            "Share of the bodies asked that must give figures before the report ranks forces or states a "
            "national rate (report_spec.yaml provisional_below).",
        ),
        "report.provisional": (
            provisional,
            "provisional" if provisional else "complete enough to rank",
            "True while fewer bodies gave figures than report.provisional_below of those asked.",
        ),
    }


def given_numbers(register: list[dict], records: pd.DataFrame, margins: pd.DataFrame, codebook) -> dict:
    """forces.<id>.given.<field>: whether a body that gave figures gave a breakdown by type,
    outcome or role, or only a total (its cells then read "–", not 0). Incident records give
    their type (read from each description), and an outcome or a role where at least one of
    them states one (a list with no outcome or role column gives every record "unknown": its
    other cells are not zeros but not given); a counts-only answer gives a breakdown it
    states (not a remainder the pipeline filled in, rule AGG-REMAINDER)."""
    # what a record says when its answer is silent (roles.py: a role not given is "unknown")
    unstated = {"outcome_group": codebook.residual("outcome_group"), "role": "unknown"}
    extra = {}
    for row in register:
        f = row["force_id"]
        if row["status"] not in DATA_STATUSES:
            continue
        own = records[records["force_id"] == f] if len(records) else records
        stated = margins[(margins["force_id"] == f) & (margins["rule"] != "AGG-REMAINDER")] if len(margins) else margins
        for field in ("breach_type", "outcome_group", "role"):
            in_records = bool(len(own)) and bool((own[field] != unstated.get(field, "")).any())
            given = in_records or bool(len(stated)) and bool((stated["dimension"] == field).any())
            extra[f"forces.{f}.given.{field}"] = (
                given,
                "given" if given else "not given",
                f"{row['name']}: whether its answer gives breaches by {field.replace('_', ' ')} "
                "(incident records, or counts it states), or only a total.",
            )
    return extra


def counts_only_not_given(numbers: dict, margins: pd.DataFrame, codebook) -> dict:
    """counts_only.outcome.<group> reads "–" (value None), not 0, when counts-only answers were
    given but none of them states an outcome (their breaches are all "other, ongoing or unknown"
    by the remainder rule AGG-REMAINDER): a 0 there would say none ended in that outcome."""
    if not len(margins):
        return numbers
    stated = margins[(margins["rule"] != "AGG-REMAINDER") & (margins["dimension"] == "outcome_group")]
    if len(stated):
        return numbers
    residual = codebook.residual("outcome_group")
    out = dict(numbers)
    for group in codebook.categories("outcome_group"):
        key = f"counts_only.outcome.{group}"
        if group != residual and key in out:
            out[key] = out[key] | {
                "value": None,
                "display": "–",
                "definition": out[key]["definition"] + " Not given: no counts-only answer states outcomes.",
            }
    return out


def coding_numbers(scores: pd.DataFrame) -> dict:
    """coding.<field>.<measure> (and .low, .high): the published labels against a person's
    blind coding of a sample of this edition's records (policebreaches/coding.py)."""
    extra = {}
    for row in scores.itertuples():
        key = f"coding.{row.field}.{row.measure}"
        if row.measure == "n":
            extra[key] = (
                int(row.value),
                f"{int(row.value):,}",
                f"Records of this edition coded blind by a person ({row.field}).",
            )
            continue
        share = row.measure in ("right", "review", "wrong")
        show = (lambda v: f"{v * 100:.1f}%") if share else (lambda v: f"{v:.2f}")
        what = {"kappa": "Cohen's kappa", "alpha": "Krippendorff's alpha (nominal)"}.get(
            row.measure, f"share {row.measure}"
        )
        interval = "95% Wilson interval" if share else "95% bootstrap interval"
        extra[key] = (
            float(row.value),
            show(row.value),
            f"{what} of the published {row.field} against a person's blind coding.",
        )
        for bound in ("low", "high"):
            value = float(getattr(row, bound))
            extra[f"{key}.{bound}"] = (value, show(value), f"{bound.capitalize()} end of the {interval} of {key}.")
    return extra


SHARE_WORDS = {"right": "decided right", "review": "sent to review", "wrong": "decided wrong"}
MEASURE_WORDS = {  # a corpus measure in words (corpus.py field_measures names them)
    **{share: f"share of the texts {words}" for share, words in SHARE_WORDS.items()},
    **{
        f"{share}_ci_{end}": f"{side} end of the 95% Wilson interval of the share {words}"
        for share, words in SHARE_WORDS.items()
        for end, side in (("low", "lower"), ("high", "upper"))
    },
    "precision": "precision (of the texts decided as this class, the share truly of it)",
    "recall": "recall (of the texts truly of this class, the share decided as it)",
}


def corpus_numbers(scores: pd.DataFrame, codebook) -> dict:
    """corpus.<split>.*: the codebook on each frozen test set of real FOI wording ('test',
    the split of the first corpus files; 'test2', 'test3' ..., later sets by other writers)."""
    test = scores[scores["split"] != "dev"]
    sets = test["split"].unique()
    extra = {
        "corpus.confidence_level": (
            0.95,
            "95%",
            "Confidence level of the Wilson intervals around the right, review and wrong shares.",
        ),
        "corpus.test_sets": (len(sets), f"{len(sets):,}", "Frozen test sets of the FOI wording corpus scored."),
    }
    for row in test.itertuples():
        if row.measure == "count":
            continue  # confusion-matrix cells: they give the type counts' intervals (misclassification.py)
        value = float(row.value) if row.value != "" else math.nan  # a class no text was decided as
        if row.field == "set":
            display, what = f"{int(value)}", "its number, 1 for the oldest"
        elif row.measure in ("n", "support"):
            display, what = f"{int(value):,}", "number of labelled texts"
        elif row.measure == "kappa":
            display, what = f"{value:.2f}", "Cohen's kappa (agreement beyond chance; review counts as a class)"
        elif math.isnan(value):
            display, what = "n/a", f"{row.measure} (no text decided as this class)"
        else:
            display, what = f"{value * 100:.1f}%", MEASURE_WORDS.get(row.measure, row.measure.replace("_", " "))
        overall = row.category == "all"
        scope = row.field if overall else f"{row.field} = {row.category}"
        key = f"corpus.{row.split}.{row.field}" + ("" if overall else f".{row.category}") + f".{row.measure}"
        where = "split of tests/corpus/incidents.csv" if row.split == "test" else f"set tests/corpus/{row.split}_*.csv"
        if row.field == "set":
            definition = f"The frozen test {where}: {what}."
        else:
            definition = f"Codebook version {codebook.version} on the frozen test {where} ({scope}): {what}."
        extra[key] = (None if math.isnan(value) else value, display, definition)
    return extra


def run(
    edition: Path,
    register: Path,
    records: Path,
    aggregates: Path,
    ledger: Path,
    exclusions: Path,
    accuracy: Path,
    corpus_accuracy: Path,
    codebook: Path,
    spec: Path,
    given_names: Path,
    previous: Path | None,
    numbers_out: Path,
    cases_out: Path,
    change_out: Path,
    change_table_out: Path,
    table1_out: Path,
    top_ten_out: Path,
    force_breakdown_out: Path,
    top_ten_by_rate_out: Path,
    xlsx_out: Path,
    tables_readme_out: Path,
    coded: Path | None = None,
    confusion: Path | None = None,
) -> None:
    """`previous`: the previous edition's numbers.json, if edition.yaml names one;
    `coded`: the edition's records coded blind by a person (make coding-import), if any;
    `confusion`: the self-test's (true, decided) counts (tables/confusion.csv, empty without true labels)."""
    checked, book, report_spec = read_checked_edition(edition), load_codebook(codebook), load_report_spec(spec)
    bodies, kept, margins = read_json(register), read_csv(records), read_csv(aggregates)
    names = names_of(bodies)
    scanner = PersonalData.load(given_names)
    cases, redactions, quote_problems = quote_case_studies(
        select_case_studies(kept, list(checked.case_studies), book), names, scanner
    )
    raise_if_any(quote_problems)
    ledger_rows, excluded = read_csv(ledger), read_csv(exclusions)
    extra = methodology_numbers(ledger_rows, excluded, margins, kept, read_csv(accuracy), redactions, checked, book)
    in_period = figures_in_period(bodies, kept, margins, excluded, ledger_rows)
    bodies = [row | {"figures": in_period[row["force_id"]]} if row["force_id"] in in_period else row for row in bodies]
    scores = read_csv(corpus_accuracy)
    extra |= corpus_numbers(scores, book)
    coding = read_csv(coded) if coded else None
    extra |= coding_numbers(agreement(coding, kept)) if coded else {}
    extra |= provisional_numbers(bodies, report_spec.get("provisional_below", 0.8))
    extra |= given_numbers(bodies, kept, margins, book)
    extra["pipeline.version"] = (__version__, __version__, "Version of the pipeline that built this report.")
    kept["pnc"] = kept["pnc"] == "True"
    margins["count"] = margins["count"].astype(int)
    inputs = [{"file": f"raw/{checked.edition_id}/SHA256SUMS", "sha256": checked.manifest_sha256}]
    inputs += [{"file": p.name, "sha256": sha256_file(p)} for p in (records, aggregates)]
    numbers = compute_numbers(
        kept, margins, bodies, checked, inputs, report_spec["numbers"], book, extra=with_derivations(extra)
    )
    numbers = counts_only_not_given(numbers, margins, book)
    # rates and the change need the forces' totals: their entries join the numbers afterwards
    numbers = add_entries(numbers, with_derivations(rate_entries(numbers, bodies, checked.days_in_period)[0]), inputs)
    # comparative sentences, each with its test (claims.py), and the type counts' intervals
    claims = most_entries(numbers, bodies, checked.days_in_period) | type_entries(
        numbers, kept, scores, book, coding, read_csv(confusion) if confusion else None
    )
    claims |= units_entries(numbers, bodies)
    claims["claims.confidence_level"] = (
        LEVEL,
        f"{LEVEL:.0%}",
        "Confidence level of every claim's test and interval (changes, who recorded the most, type counts).",
        "the level the pipeline sets for every claim (fixed, not estimated from the data)",
    )
    numbers = add_entries(numbers, claims, inputs)
    summary, change_rows = None, []
    if previous:
        entries, summary, change_rows = change_entries(
            numbers, read_json(previous), checked.edition_id, checked.previous_edition, names, book
        )
        source = {"file": f"{checked.previous_edition}/numbers.json", "sha256": sha256_file(previous)}
        numbers = add_entries(numbers, with_derivations(entries), [*inputs, source])
    tables = table_frames(numbers, bodies, book)
    gate(
        personal_data(scanner, printed_texts(cases))
        + personal_data(scanner, public_texts(numbers))
        + [p for name, frame in tables.items() for p in frame_problems(scanner, f"tables/{name}.csv", frame)]
    )
    numbers_out.write_text(numbers_json(numbers), encoding="utf-8")
    write_json(summary, change_out)
    write_json(cases, cases_out)
    write_csv(pd.DataFrame(change_rows, columns=CHANGE_COLUMNS), change_table_out)
    provenance = [
        {"item": "edition", "value": checked.edition_id},
        {"item": "pipeline version", "value": __version__},
        *({"item": i["file"], "value": i["sha256"]} for i in inputs),
    ]
    synthetic = f" {SYNTHETIC_MARK}" if checked.synthetic else ""
    readme = TABLES_README.format(title=checked.title, synthetic=synthetic)
    mark = SYNTHETIC_MARK if checked.synthetic else ""
    table_outs = {
        "table1": table1_out,
        "top_ten": top_ten_out,
        "force_breakdown": force_breakdown_out,
        "top_ten_by_rate": top_ten_by_rate_out,
        "xlsx": xlsx_out,
    }
    write_tables(tables, table_outs, provenance, readme, checked.published, mark, xlsx_totals(numbers))
    tables_readme_out.write_text(readme + "\n", encoding="utf-8")


SYNTHETIC_MARK = "SYNTHETIC SAMPLE: invented data, not findings about any force."
TABLES_README = """{title}: report tables.{synthetic}
Values only (no formulas). Every value is a number from numbers.json; its definition is in the report's Appendix 3.
Sheets: table1 (breaches by type and outcome), top_ten, force_breakdown (every body asked), top_ten_by_rate (breaches a year per 1,000 workforce; empty without denominators.csv), provenance (inputs and checksums)."""  # noqa: E501
