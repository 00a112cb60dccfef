"""numbers.json from the numbers declared in resources/report_spec.yaml: each number's
value, display string (one rounding rule), definition, filter, inputs and the record ids
behind it. The template can print nothing else."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from . import timeliness
from .classify import FINDINGS_OF
from .compare import DAYS_PER_YEAR, display_rate, per_year
from .edition import DATA_STATUSES, RESPONDED_STATUSES, STATUS_WORDS, UNIT_WORDS, USED_STATUSES, coverage_stated
from .ids import record_id
from .rates import covered_days


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
        self.numbers[key] = {
            "value": value,
            "display": display,
            "definition": definition,
            "filter": filter_text,
            "inputs": self.inputs,
            "n_records": len(record_ids),
            "record_ids": sorted(record_ids),
            "aggregate_rows": list(aggregate_rows),
        }

    def count(self, key, definition, records: pd.DataFrame, mask, aggregates: pd.DataFrame, agg_mask, filter_text):
        recs = records[mask] if len(records) else records
        aggs = aggregates[agg_mask] if len(aggregates) else aggregates
        value = int(len(recs) + aggs["count"].sum())
        self.entry(
            key,
            value,
            display_count(value),
            definition,
            filter_text,
            list(recs["record_id"]),
            [
                counts_row(r.source_sha256, r.source_locator, r.dimension, r.category, r["count"])
                for _, r in aggs.iterrows()
            ],
        )
        return value

    def share(self, key, part_key, whole_key, definition):
        part, whole = self.numbers[part_key]["value"], self.numbers[whole_key]["value"]
        self.entry(
            key, part / whole if whole else 0.0, display_percent(part, whole), definition, f"{part_key} / {whole_key}"
        )


def for_each_values(edition, codebook) -> dict[str, list[str]]:
    """What `for_each` can range over: the codebook's categories, the register's statuses
    and the calendar years of the edition's period."""
    years = [str(y) for y in range(edition.period_start.year, edition.period_end.year + 1)]
    fields = ("breach_type", "outcome_group", "role")
    return {
        **{f: codebook.categories(f) for f in fields},
        "finding": codebook.findings(),
        "status": list(STATUS_WORDS),
        "year": years,
    }


def _words(field: str, category: str, codebook) -> str:
    if field == "finding":
        return codebook.finding_label(category)
    return codebook.label(field, category) if field in codebook.groups else category


def _expand(entries: list[dict], values: dict[str, list[str]], codebook) -> list[dict]:
    """Entries with `for_each` become one entry per category, placeholders filled in:
    {category} and {words}; with two fields (`for_each: [role, outcome_group]`), one entry
    per pair, the second field's as {category2} and {words2}."""
    out = []
    for entry in entries:
        fields = entry.get("for_each") or []
        fields = [fields] if isinstance(fields, str) else fields
        pairs = [(None, None)] if not fields else [(c, None) for c in values[fields[0]]]
        if len(fields) == 2:
            pairs = [(c, d) for c, _ in pairs for d in values[fields[1]]]
        for category, second in pairs:
            fill = {"category": category, "words": _words(fields[0], category, codebook) if fields else None}
            if second is not None:
                fill |= {"category2": second, "words2": _words(fields[1], second, codebook)}
            fill["force"] = "{force}"
            out.append({k: _fill(v, fill) for k, v in entry.items() if k != "for_each"})
    return out


def _fill(value, fill: dict):
    if isinstance(value, str):
        return value.format(**fill) if fill["category"] is not None else value
    if isinstance(value, dict):
        return {k: _fill(v, fill) for k, v in value.items()}
    return value


def _record_mask(records: pd.DataFrame, where: dict | str) -> pd.Series:
    """`where: none` counts no incident record (a number of the counts-only answers alone)."""
    if where == "none":
        return pd.Series(False, index=records.index)
    mask = pd.Series(True, index=records.index)
    for field, wanted in where.items():
        mask &= _matches(records[field], wanted)
    return mask


def _matches(column: pd.Series, wanted: str) -> pd.Series:
    """`*`: any value given; `!x`: any value but x; otherwise exactly `wanted`."""
    if wanted == "*":
        return column != ""
    if isinstance(wanted, str) and wanted.startswith("!"):
        return column != wanted[1:]
    return column == wanted


def _margin_mask(aggs: pd.DataFrame, margin: dict | None) -> pd.Series:
    if margin is None or not len(aggs):
        return pd.Series(False, index=aggs.index)
    mask = pd.Series(True, index=aggs.index)
    for field, wanted in margin.items():
        mask &= _matches(aggs[field], wanted)
    return mask


def _condition(field: str, wanted: str) -> str:
    if wanted == "*":
        return f"{field} != ''"
    if isinstance(wanted, str) and wanted.startswith("!"):
        return f"{field} != {wanted[1:]!r}"
    return f"{field} == {wanted!r}"


def _filter_text(where: dict | str, margin: dict | None, scope: str = "") -> str:
    if where == "none":
        return (
            f"aggregates[{' and '.join([scope] * bool(scope) + [_condition(k, v) for k, v in (margin or {}).items()])}]"
        )
    conditions = [_condition(k, v) for k, v in where.items()]
    text = f"records[{' and '.join([scope, *conditions] if scope else conditions) or 'all kept'}]"
    if margin:
        margin_conditions = ([scope] if scope else []) + [_condition(k, v) for k, v in margin.items()]
        text += f" + aggregates[{' and '.join(margin_conditions)}]"
    return text


def _counts(
    book: NumberBook, entries: list[dict], values: dict, codebook, records, aggs, scope: tuple | None = None
) -> None:
    """Evaluate count entries over `records` and `aggs`; with scope (force_id, prefix,
    name) they hold that one force's rows and the keys and definitions name it."""
    for entry in _expand(entries, values, codebook):
        where, margin = entry.get("where", {}), entry.get("margin")
        key = f"{scope[1]}{entry['key']}" if scope else entry["key"]
        definition = entry["definition"].replace("{force}", scope[2]) if scope else entry["definition"]
        book.count(
            key,
            definition,
            records,
            _record_mask(records, where),
            aggs,
            _margin_mask(aggs, margin),
            _filter_text(where, margin, f"force_id == {scope[0]!r}" if scope else ""),
        )
        if entry.get("share"):
            book.share(f"{key}.share", key, "breaches.total", entry["share"])
        unknown = isinstance(where, dict) and where.get("outcome_group") == codebook.residual("outcome_group")
        if entry.get("share_of_known") and not unknown:  # a share of the known outcomes, of the unknown: no
            book.share(f"{key}.share_of_known", key, "outcomes.known", entry["share_of_known"])


def _findings(texts: pd.Series, groups: pd.Series, codebook) -> pd.Series:
    """The finding behind each 'no formal action' outcome (codebook findings); blank for any other."""
    return pd.Series(
        [codebook.finding(t) if g == FINDINGS_OF else "" for t, g in zip(texts, groups)], index=texts.index, dtype=str
    )


def _by_force(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {force: rows for force, rows in frame.groupby("force_id", sort=False)} if len(frame) else {}


def period_label(start: dt.date, end: dt.date) -> str:
    """A period as a column heading: 'Jun 2011–Dec 2015'."""
    return f"{start:%b %Y}–{end:%b %Y}"


def period_months(edition) -> int:
    """Months in the period, to the nearest whole month (June 2011 to December 2015: 55)."""
    return round(edition.days_in_period / (DAYS_PER_YEAR / 12))


def whole_period_bodies(register: list[dict], days: int) -> list[str]:
    """force_ids of the bodies that gave figures for the whole period: a part-period answer, or
    a partial one that does not say which part it covers, is not a whole period's count."""
    return [
        r["force_id"]
        for r in register
        if r["status"] in DATA_STATUSES and coverage_stated(r) and covered_days(r, days) == days
    ]


def _derived_values(register: list[dict], edition, total: int, totals: dict[str, int] | None = None) -> dict:
    """`totals`: forces.<id>.total by force_id (the national rates are over the bodies whose
    answers cover the whole period)."""
    sent = len(register)
    whole = whole_period_bodies(register, edition.days_in_period)
    whole_total = sum((totals or {}).get(f, 0) for f in whole)
    a_year = per_year(whole_total, edition.days_in_period)
    responded = sum(1 for r in register if r["status"] in RESPONDED_STATUSES)
    gave = sum(1 for r in register if r["status"] in DATA_STATUSES)
    weeks = edition.days_in_period / 7
    return {
        "whole_period_total": lambda _: (
            whole_total,
            display_count(whole_total),
            "sum of forces.<id>.total over the bodies that gave figures whose answers cover the whole period "
            "(requests.csv covers_from..covers_to empty or the whole period; not a partial answer without them)",
        ),
        "whole_period_bodies": lambda _: (
            len(whole),
            display_count(len(whole)),
            "bodies of requests.csv with status disclosed or partial (from their answers) whose answers cover the "
            "whole period",
        ),
        "requests_sent": lambda _: (
            sent,
            display_count(sent),
            "the bodies of requests.csv (each once, however many answers it has)",
        ),
        "requests_responded": lambda _: (
            responded,
            display_count(responded),
            "bodies of requests.csv whose status (from their answers) is disclosed, partial, refused or nil_return",
        ),
        "response_rate": lambda _: (
            responded / sent if sent else 0.0,
            display_percent(responded, sent),
            "requests.responded / requests.sent",
        ),
        "requests_gave_figures": lambda _: (
            gave,
            display_count(gave),
            "bodies of requests.csv whose status (from their answers) is disclosed or partial",
        ),
        "figures_rate": lambda _: (
            gave / sent if sent else 0.0,
            display_percent(gave, sent),
            "requests.gave_figures / requests.sent",
        ),
        "requests_with_status": lambda status: (
            sum(1 for r in register if r["status"] == status),
            display_count(sum(1 for r in register if r["status"] == status)),
            f"bodies of requests.csv whose status (from their answers) is {status}",
        ),
        "per_week": lambda _: (
            whole_total / weeks,
            f"{whole_total / weeks:.0f}",
            "breaches.whole_period.total / (days_in_period / 7)",
        ),
        "per_year": lambda _: (a_year, f"{a_year:,.0f}", "breaches.whole_period.total / days_in_period x 365.25"),
        **_timeliness_values(register, edition.figures_as_of),
        "period_label": lambda _: (
            f"{edition.period_start.isoformat()}/{edition.period_end.isoformat()}",
            period_label(edition.period_start, edition.period_end),
            "edition.yaml period_start, period_end",
        ),
        "period_months": lambda _: (
            period_months(edition),
            display_count(period_months(edition)),
            "period.days / (365.25 / 12), rounded",
        ),
        "period_start": lambda _: (
            edition.period_start.isoformat(),
            display_date(edition.period_start),
            "edition.yaml period_start",
        ),
        "period_end": lambda _: (
            edition.period_end.isoformat(),
            display_date(edition.period_end),
            "edition.yaml period_end",
        ),
        "period_days": lambda _: (
            edition.days_in_period,
            display_count(edition.days_in_period),
            "period_end - period_start + 1",
        ),
    }


def _named(forces: list[str], register: list[dict]) -> str:
    names = {r["force_id"]: r["name"] for r in register}
    return ", ".join(names[f] for f in forces) or "none"


def _timeliness_values(register: list[dict], as_of: dt.date) -> dict:
    """Working days to answer (FOI Act s.10) as things stood on `as_of`: counts, share in
    time (of the bodies whose deadline had passed, or that answered), median, bodies named."""
    t = timeliness.summary(register, as_of)
    median = t["median"]
    return {
        "timeliness_known": lambda _: (
            t["known"],
            display_count(t["known"]),
            "bodies of requests.csv with a requested date (of their first answer)",
        ),
        "timeliness_in_time": lambda _: (
            t["in_time"],
            display_count(t["in_time"]),
            f"working days from requested to responded <= {timeliness.LIMIT}",
        ),
        "timeliness_in_time_share": lambda _: (
            t["in_time"] / t["known"] if t["known"] else 0.0,
            display_percent(t["in_time"], t["known"]),
            "timeliness.in_time / timeliness.known",
        ),
        "timeliness_median_all_due": lambda _: (
            None if t["median_all_due"] in (None, float("inf")) else t["median_all_due"],
            (
                "n/a"
                if t["median_all_due"] is None
                else f"more than {timeliness.LIMIT}"
                if t["median_all_due"] == float("inf")
                else f"{t['median_all_due']:g}"
            ),
            "median of working days to answer over the bodies whose deadline had passed, each unanswered one "
            "counted as slower than any answer",
        ),
        "timeliness_median": lambda _: (
            median,
            "n/a" if median is None else f"{median:g}",
            "median of working days to answer, bodies that answered",
        ),
        "timeliness_late": lambda _: (
            ";".join(t["late"]),
            _named(t["late"], register),
            f"working days to answer > {timeliness.LIMIT}",
        ),
        "timeliness_late_count": lambda _: (
            len(t["late"]),
            display_count(len(t["late"])),
            f"working days to answer > {timeliness.LIMIT}",
        ),
        "timeliness_unanswered": lambda _: (
            ";".join(t["unanswered"]),
            _named(t["unanswered"], register),
            "requests.csv: no responded date, or status no_response",
        ),
        "timeliness_not_due": lambda _: (
            ";".join(t["not_due"]),
            _named(t["not_due"], register),
            "requests.csv: no answer, and the 20th working day after requested falls after edition.as_of",
        ),
        "requests_not_due": lambda _: (
            len(t["not_due"]),
            display_count(len(t["not_due"])),
            "requests.csv rows whose status is no_response and whose 20 working days after requested run out "
            "after edition.yaml as_of",
        ),
        "requests_overdue": lambda _: (
            sum(1 for r in register if r["status"] == "no_response") - len(t["not_due"]),
            display_count(sum(1 for r in register if r["status"] == "no_response") - len(t["not_due"])),
            "requests.csv rows whose status is no_response, less requests.status.not_due",
        ),
        "timeliness_not_due_count": lambda _: (
            len(t["not_due"]),
            display_count(len(t["not_due"])),
            "requests.csv: no answer, and the 20th working day after requested falls after edition.as_of",
        ),
        "timeliness_unanswered_count": lambda _: (
            len(t["unanswered"]),
            display_count(len(t["unanswered"])),
            "requests.csv: no responded date, or status no_response",
        ),
    }


STANDING_WORDS = {"in_time": "in time", "late": "late"}  # otherwise body_timeliness says why


def _force_derived(book: NumberBook, entries: list[dict], row: dict, edition) -> None:
    """forces.<id>.status and the rate a year of one body (rates only for bodies with figures)."""
    prefix = f"forces.{row['force_id']}."
    total = book.numbers[f"{prefix}total"]["value"]
    days = covered_days(row, edition.days_in_period)
    rate = per_year(total, days)  # over the months the answer covers, not the whole period's
    answer = timeliness.body_timeliness(row, edition.figures_as_of)
    # a body that answered more than once (several requests.csv rows): its status by the rule the
    # methodology states (edition.body_status), its dates its first answer's (edition.first_answer)
    lines = [str(a["line"]) for a in row.get("answers") or ()]
    several = len(lines) > 1
    first = f" of its first answer (requests.csv lines {', '.join(lines)})" if several else ""
    computed = {
        # a body whose twenty working days had not run out by as_of has not failed to respond
        "status": (
            row["status"],
            "Not answered yet" if answer["standing"] == "not_due" else STATUS_WORDS[row["status"]],
            f"requests.csv status of its answers (lines {', '.join(lines)}), by the rule in the methodology"
            if several
            else "requests.csv status",
        ),
        "answer_timeliness": (
            answer["standing"],
            answer["why"] or STANDING_WORDS[answer["standing"]],  # not known: which date is missing
            f"requests.csv requested, responded{first}",
        ),
        "working_days": (
            answer["days"],
            f"{answer['days']}",
            f"working days after requested up to responded{first}",
        ),
        "answered_on": (
            row["responded"],
            display_date(dt.date.fromisoformat(row["responded"])) if row["responded"] else "",
            f"requests.csv responded{first}",
        ),
        "per_year": (
            rate,
            display_rate(rate),
            f"{prefix}total / days covered (requests.csv covers_from..covers_to) x 365.25",
        ),
        "covers": _coverage(row, edition, days),
        "counts": (
            row.get("counts") or "unknown",
            UNIT_WORDS[row.get("counts") or "unknown"],
            "requests.csv counts of the answers that gave figures" if several else "requests.csv counts",
        ),
        "figures": (row.get("figures", ""), "", "records.csv, aggregates.csv, clean/exclusions.csv, ledger.csv"),
    }
    for entry in entries:
        if entry["compute"] == "figures":
            if row.get("figures"):  # a body that gave figures: what of them is in the period
                value, _, filter_text = computed["figures"]
                definition = entry["definition"].replace("{force}", row["name"])
                book.entry(f"{prefix}{entry['key']}", value, entry["words"][value], definition, filter_text)
            continue
        if entry["compute"] == "per_year" and row.get("figures", "counted") != "counted":
            continue  # nothing in the period: no rate (not a rate of 0)
        if entry["compute"] in ("per_year", "covers", "counts") and row["status"] not in DATA_STATUSES:
            continue  # a body that gave no figures has no rate (not a rate of 0), no coverage and no unit
        if entry["compute"] == "per_year" and not coverage_stated(row):
            continue  # over which days? not over the whole period, which it does not cover
        if entry["compute"] == "working_days" and answer["days"] is None:
            continue  # no answer (or no request date): no number of days
        if entry["compute"] == "answered_on" and not row["responded"]:
            continue
        value, display, filter_text = computed[entry["compute"]]
        if entry["compute"] == "covers" and not coverage_stated(row):  # a partial answer, its part not stated
            value, display, filter_text = "not_stated", entry["not_stated"], "requests.csv status partial, no covers"
        definition = entry["several" if several and "several" in entry else "definition"].replace(
            "{force}", row["name"]
        )
        book.entry(f"{prefix}{entry['key']}", value, display, definition, filter_text)


def _coverage(row: dict, edition, days: int) -> tuple:
    """The part of the period a body's answers cover: (value 'from/to', display, filter); a
    body whose answers leave a gap: each part, 'from/to;from/to'."""
    start = row["covers_from"] if row.get("covers_from") else edition.period_start.isoformat()
    end = row["covers_to"] if row.get("covers_to") else edition.period_end.isoformat()
    parts = [
        (dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in row.get("covered_parts") or [[start, end]]
    ]
    label = " and ".join(period_label(a, b) for a, b in parts)
    if days < edition.days_in_period:
        label += f" only ({round(days / (DAYS_PER_YEAR / 12))} of {period_months(edition)} months)"
    several = len(row.get("answers") or ()) > 1
    return (
        ";".join(f"{a.isoformat()}/{b.isoformat()}" for a, b in parts),
        label,
        "requests.csv covers_from, covers_to of the answers that gave figures, joined (empty: the whole period)"
        if several
        else "requests.csv covers_from, covers_to (empty: the whole period)",
    )


def figures_in_period(
    register: list[dict], kept: pd.DataFrame, aggregates: pd.DataFrame, exclusions: pd.DataFrame, ledger: pd.DataFrame
) -> dict[str, str]:
    """What each body that gave figures has in the edition's period: 'counted' (an incident
    record or a counted total), else why nothing: its records or figures all for dates outside
    the period ('outside_period'), its files all set aside ('set_aside'), or none given
    ('none'). Such a body has no rate and no place in a ranking: it is not a body of 0."""
    with_records = set(kept["force_id"])
    with_total = set(aggregates.loc[aggregates["dimension"] == "total", "force_id"]) if len(aggregates) else set()
    outside = set(exclusions.loc[exclusions["exclusion"] == "outside_period", "force_id"]) if len(exclusions) else set()
    if len(aggregates):
        outside |= set(aggregates.loc[aggregates["category"] == "outside_period", "force_id"])
    used = set(ledger.loc[ledger["file_status"].isin(USED_STATUSES), "force_id"]) if len(ledger) else set()
    states = {}
    for row in register:
        f = row["force_id"]
        if row["status"] not in DATA_STATUSES:
            continue
        if f in with_records or f in with_total:
            states[f] = "counted"
        elif f in outside:
            states[f] = "outside_period"
        else:
            states[f] = "none" if f in used else "set_aside"
    return states


def compute_numbers(
    records: pd.DataFrame,
    aggregates: pd.DataFrame,
    register: list[dict],
    edition,
    inputs: list[dict],
    spec: dict,
    codebook,
    extra: dict | None = None,
) -> dict[str, dict]:
    """numbers.json: the numbers report_spec.yaml declares (`spec`: its `numbers`) -- counts,
    per-force counts and derived numbers -- plus `extra` (methodology numbers computed by
    their own stages, each with its definition)."""
    book = NumberBook(inputs)
    aggs = aggregates[aggregates["dimension"] != "not_counted"] if len(aggregates) else aggregates
    values = for_each_values(edition, codebook)
    dated = records["date_precision"].isin(["day", "month", "year"])
    records = records.assign(
        year=records["date_start"].str[:4].where(dated, ""),  # for `where: {year: ...}`
        finding=_findings(records["outcome_raw"], records["outcome_group"], codebook),
    )
    if len(aggs):  # a counts-only answer's own label says what its 'no formal action' followed
        aggs = aggs.assign(finding=_findings(aggs["label"], aggs["category"], codebook))
    _counts(book, spec["counts"], values, codebook, records, aggs)
    records_of, aggs_of = _by_force(records), _by_force(aggs)  # one split, not one scan of all rows per force
    for row in register:
        f = row["force_id"]
        _counts(
            book,
            spec["per_force"],
            values,
            codebook,
            records_of.get(f, records.iloc[:0]),
            aggs_of.get(f, aggs.iloc[:0]),
            (f, f"forces.{f}.", row["name"]),
        )
    for row in register:
        _force_derived(book, spec.get("per_force_derived", []), row, edition)
    totals = {r["force_id"]: book.numbers[f"forces.{r['force_id']}.total"]["value"] for r in register}
    derived = _derived_values(register, edition, book.numbers["breaches.total"]["value"], totals)
    for entry in spec["derived"]:
        field = entry.get("for_each")
        for category in values[field] if field else [None]:
            value, display, filter_text = derived[entry["compute"]](category)
            fill = {"category": category}
            book.entry(
                entry["key"].format(**fill) if category else entry["key"],
                value,
                display,
                entry["definition"].format(**fill) if category else entry["definition"],
                filter_text,
            )
    return add_entries(book.numbers, extra or {}, inputs)


def add_entries(numbers: dict, entries: dict, inputs: list[dict]) -> dict:
    """`numbers` with `entries` ((value, display, definition[, derivation]) by key) added,
    each citing `inputs`: numbers computed from other numbers (rates, the change)."""
    book = NumberBook(inputs)
    book.numbers = dict(numbers)
    for key, (value, display, definition, *derivation) in entries.items():
        book.entry(key, value, display, definition, derivation[0] if derivation else "see definition")
    return dict(sorted(book.numbers.items()))


def top_forces(numbers: dict, register: list[dict], n: int = 10) -> list[str]:
    """force_ids by total, largest first; ties broken by name so the order is stable. Only
    bodies with breaches counted in the period: one whose records all fall outside it, or
    whose files were set aside, is not a body of 0 (forces.<id>.figures)."""
    with_data = [
        r["force_id"]
        for r in register
        if r["status"] in DATA_STATUSES
        and numbers.get(f"forces.{r['force_id']}.figures", {}).get("value", "counted") == "counted"
    ]
    return sorted(with_data, key=lambda f: (-numbers[f"forces.{f}.total"]["value"], f))[:n]


def counts_row(sha256: str, locator: str, dimension: str, category: str, count) -> str:
    """A counts-only row as numbers.json (public) cites it: the file's checksum prefix and the
    row's id (as a record's, from checksum and locator), never the file's or sheet's name,
    which are the response's text; aggregates.csv (internal) has the full locator."""
    return f"{sha256[:12]} {record_id(sha256, locator)} ({dimension}={category}: {count})"
