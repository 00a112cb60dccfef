"""Change since the previous edition, compared fairly.

Two editions differ in the length of their period and in which bodies answered, so raw
counts are never set side by side:
- each edition as a whole is shown as a rate per year of its own period, with how many
  bodies answered (context, not a comparison);
- the comparison itself is like for like: only bodies that gave figures in both editions,
  as rates per year; every other body is listed with the reason it has no comparable
  answer, never as 0;
- a body enters or leaves the top ten only when it answered both editions and its place
  inside or outside the top ten is not decided by a tie.
Every figure becomes a numbers.json entry (change.*), so it is traced like any number."""

from __future__ import annotations

from .claims import direction, display_p, display_ratio_interval, rate_ratio
from .edition import DATA_STATUSES, STATUS_WORDS

DAYS_PER_YEAR = 365.25
TOP = 10
MIN_COUNT = 10  # below this many breaches in either edition, a percentage change mostly shows chance


def whole_percent(share: float) -> int:
    """A share as the report prints it: whole per cent, half up (statistics.display_percent)."""
    return int(share * 100 + 0.5)


def per_year(count: float, days: int) -> float:
    return count * DAYS_PER_YEAR / days if days else 0.0


def display_rate(value: float) -> str:
    """A rate per year: one decimal below 10 (so small bodies do not all read 0 or 1)."""
    return f"{value:.1f}" if value < 10 else f"{value:,.0f}"


def display_change(before: float, after: float, counts: tuple[int, int]) -> tuple[float | None, str]:
    """Relative change of a rate, as a whole per cent; none when there is nothing to divide
    by, or when either edition counts fewer than MIN_COUNT breaches."""
    if min(counts) < MIN_COUNT:
        return None, "too few"
    if not before:
        return None, "new" if after else "none in either"
    change = after / before - 1
    points = int(abs(change) * 100 + 0.5)
    return change, "no change" if points == 0 else f"{'+' if change > 0 else '−'}{points}%"


def compared_series(codebook) -> list[tuple[str, str, str]]:
    """(headline key, per-force suffix, label) of what the like-for-like table compares,
    in the codebook's order: totals, types and outcome groups (what every body reports)."""
    types = [
        (f"breaches.type.{t}", f"type.{t}", codebook.plain_label("breach_type", t).capitalize())
        for t in codebook.categories("breach_type")
    ]
    outcomes = [
        (f"outcomes.{o}", f"outcome.{o}", codebook.label("outcome_group", o).capitalize())
        for o in codebook.categories("outcome_group")
    ]
    return [("breaches.total", "total", "All breaches"), *types, *outcomes]


NOT_DUE = "not_due"  # not a register status: no answer yet, deadline not passed


def body_statuses(numbers: dict) -> dict[str, str]:
    """force_id -> register status, from forces.<id>.status; NOT_DUE for a body that has not
    answered but whose twenty working days had not run out by the figures' date (it has not
    failed to respond: forces.<id>.answer_timeliness not_due)."""
    return {
        (force := key.split(".")[1]): (
            NOT_DUE
            if numbers.get(f"forces.{force}.answer_timeliness", {}).get("value") == "not_due"
            else entry["value"]
        )
        for key, entry in numbers.items()
        if key.startswith("forces.") and key.endswith(".status")
    }


def partial_coverage(numbers: dict, force: str, edition: str) -> str | None:
    """Why a body's answer is not over its edition's whole period (forces.<id>.covers): the
    months it covers, or that it is a partial answer whose part is not stated; None for the
    whole period (or an edition built before coverage was recorded)."""
    covers = numbers.get(f"forces.{force}.covers")
    whole = f"{numbers['period.start']['value']}/{numbers['period.end']['value']}"
    if not covers or covers["value"] == whole:
        return None
    if covers["value"] == "not_stated":
        return f"{covers['display']} (in {edition})"
    return f"answered for {covers['display']} in {edition}"


def comparability(current: dict, previous: dict, current_id: str, previous_id: str) -> tuple[list[str], dict[str, str]]:
    """(bodies that gave figures for the whole period in both editions, {other body: why it
    has no comparable answer}). An answer for part of a period is left out rather than
    compared over other months than the other edition's."""
    now, before = body_statuses(current), body_statuses(previous)
    compared, reasons = [], {}
    for force in sorted(now.keys() | before.keys()):
        why = [
            _absence(statuses.get(force), edition)
            for statuses, edition in ((before, previous_id), (now, current_id))
            if statuses.get(force) not in DATA_STATUSES
        ]
        why += [
            covers
            for numbers, statuses, edition in ((previous, before, previous_id), (current, now, current_id))
            if statuses.get(force) in DATA_STATUSES and (covers := partial_coverage(numbers, force, edition))
        ]
        if why:
            reasons[force] = "; ".join(why)
        else:
            compared.append(force)
    return compared, reasons


GIVEN_FIELD = {"type": "breach_type", "outcome": "outcome_group"}


def gave_in_both(compared: list[str], suffix: str, previous: dict, current: dict) -> list[str]:
    """The compared bodies whose answers in both editions give the breakdown a series counts
    (forces.<id>.given.<field>): types or outcomes compared like for like, never one edition's
    stated outcomes beside the other's 'not given' (which counts as unknown). An older
    numbers.json without given.* counts as given."""
    field = GIVEN_FIELD.get(suffix.split(".")[0])
    if field is None:
        return list(compared)
    return [
        f
        for f in compared
        if all(numbers.get(f"forces.{f}.given.{field}", {}).get("value", True) for numbers in (previous, current))
    ]


def _absence(status: str | None, edition: str) -> str:
    if status is None:
        return f"not asked in {edition}"
    if status == NOT_DUE:
        return f"not answered yet in {edition}"
    return f"{STATUS_WORDS[status].lower()} in {edition}"


def definite_top(totals: dict[str, float], n: int = TOP) -> tuple[set[str], set[str]]:
    """(bodies surely in the top n, bodies surely outside it): a body tied with the
    boundary is in neither, because the tie, not the count, would decide its place."""
    if len(totals) <= n:
        return set(totals), set()
    ranked = sorted(totals.values(), reverse=True)
    last_in, first_out = ranked[n - 1], ranked[n]
    return {f for f, v in totals.items() if v > first_out}, {f for f, v in totals.items() if v < last_in}


def change_entries(
    current: dict, previous: dict, current_id: str, previous_id: str, names: dict[str, str], codebook
) -> tuple[dict, dict, list[dict]]:
    """(numbers.json entries as (value, display, definition, derivation), the summary the
    report prints, rows for tables/change.csv); `names`: force_id -> name."""
    compared, reasons = comparability(current, previous, current_id, previous_id)
    days_now, days_before = current["period.days"]["value"], previous["period.days"]["value"]
    entries = _whole_editions(current, previous, previous_id)
    entries |= _counts_of_bodies(compared, reasons, current_id, previous_id)
    like_rows, table = [], []
    for key, suffix, label in compared_series(codebook):
        gave = gave_in_both(compared, suffix, previous, current)
        sums = [sum(numbers[f"forces.{f}.{suffix}"]["value"] for f in gave) for numbers in (previous, current)]
        rows = _rate_entries(
            f"change.like.{key}", label, sums, (days_before, days_now), previous_id, current_id, gave, suffix
        )
        entries |= rows
        like_rows.append({"label": label, **_row_keys(f"change.like.{key}")})
        table.append(_table_row(key, label, "like for like", rows, f"change.like.{key}"))
    force_rows = []
    for force in compared:
        counts = [numbers[f"forces.{force}.total"]["value"] for numbers in (previous, current)]
        base = f"change.forces.{force}"
        rows = _rate_entries(
            base, names.get(force, force), counts, (days_before, days_now), previous_id, current_id, [force], "total"
        )
        entries |= rows
        force_rows.append({"label": names.get(force, force), **_row_keys(base)})
        table.append(_table_row(f"forces.{force}.total", names.get(force, force), "like for like", rows, base))
    for force, why in reasons.items():
        entries[f"change.forces.{force}.comparison"] = (
            why,
            why,
            f"{names.get(force, force)}: why this body is left out of the comparison with edition {previous_id}.",
            "forces.<id>.status and forces.<id>.covers in both editions' numbers.json (figures for the whole "
            "period in both are needed)",
        )
        table.append(
            {"key": f"forces.{force}.total", "label": names.get(force, force), "basis": f"no comparable answer: {why}"}
        )
    entries |= _top_ten_moves(current, previous, compared, names, previous_id)
    summary = {
        "previous": previous_id,
        "like_rows": like_rows,
        "force_rows": force_rows,
        "not_comparable": [
            {"reason": why, "names": sorted(names.get(f, f) for f, w in reasons.items() if w == why)}
            for why in sorted(set(reasons.values()), key=lambda w: (-list(reasons.values()).count(w), w))
        ],
    }
    return entries, summary, table


def _row_keys(base: str) -> dict[str, str]:
    return {
        "before": f"{base}.previous_per_year",
        "after": f"{base}.per_year",
        "change": f"{base}.change",
        "interval": f"{base}.change.interval",
        "claim": f"{base}.change.claim",
    }


def _rate_entries(base, label, counts, days, previous_id, current_id, bodies, suffix) -> dict:
    """Counts and rates per year of one series in both editions, and the relative change."""
    (before, after), (days_before, days_now) = counts, days
    rate_before, rate_now = per_year(before, days_before), per_year(after, days_now)
    change, change_display = display_change(rate_before, rate_now, (before, after))
    over = f"forces.<id>.{suffix} summed over {', '.join(bodies) or 'no body'}"
    test = rate_ratio(before, days_before, after, days_now)
    verdict = direction(test)
    conditional = (
        f"exact conditional test: {base}.current given {base}.previous + {base}.current is binomial with "
        f"p = days now / (days before + days now) when the rates are equal; Clopper-Pearson interval of that share, "
        f"as a rate ratio"
    )
    return {
        f"{base}.change.interval": (
            [_finite(test["low"]), _finite(test["high"])],
            display_ratio_interval(test),
            f"{label}: the 95% interval of the change in breaches a year since edition {previous_id}.",
            conditional,
        ),
        f"{base}.change.claim": (
            verdict.replace(" ", "_"),
            verdict,
            f"{label}: whether breaches a year rose or fell since edition {previous_id}: 'rose' or 'fell' only "
            "where the 95% interval of the change leaves out no change, else 'about the same'.",
            f"{base}.change.interval against 0%; {display_p(test['p_value'])}",
        ),
        f"{base}.change.p_value": (
            test["p_value"],
            display_p(test["p_value"]),
            f"{label}: two-sided p-value of the exact conditional test of equal rates in both editions.",
            conditional,
        ),
        f"{base}.previous": (before, f"{before:,}", f"{label}: breaches counted in edition {previous_id}.", over),
        f"{base}.current": (after, f"{after:,}", f"{label}: breaches counted in edition {current_id}.", over),
        f"{base}.previous_per_year": (
            rate_before,
            display_rate(rate_before),
            f"{label}: breaches a year in edition {previous_id} (count / days in its period x 365.25).",
            f"{base}.previous / period.days of edition {previous_id} x 365.25",
        ),
        f"{base}.per_year": (
            rate_now,
            display_rate(rate_now),
            f"{label}: breaches a year in edition {current_id} (count / days in its period x 365.25).",
            f"{base}.current / period.days x 365.25",
        ),
        f"{base}.change": (
            change,
            change_display,
            f"{label}: change in breaches a year since edition {previous_id} (empty when it had none, or when "
            f"either edition counts fewer than {MIN_COUNT}).",
            f"{base}.per_year / {base}.previous_per_year - 1",
        ),
    }


def _table_row(key: str, label: str, basis: str, rows: dict, base: str) -> dict:
    return {
        "key": key,
        "label": label,
        "basis": basis,
        "previous": _plain(rows[f"{base}.previous"][0]),
        "current": _plain(rows[f"{base}.current"][0]),
        "previous_per_year": f"{rows[f'{base}.previous_per_year'][0]:.4f}",
        "per_year": f"{rows[f'{base}.per_year'][0]:.4f}",
        "change": "" if rows[f"{base}.change"][0] is None else f"{rows[f'{base}.change'][0]:.4f}",
        "delta": f"{rows[f'{base}.per_year'][0] - rows[f'{base}.previous_per_year'][0]:.4f}",
    }


def gave_figures(numbers: dict) -> int:
    """Bodies that gave figures (disclosed or partial) in an edition, from forces.<id>.status:
    an older edition's numbers.json has no requests.gave_figures, but every one has the statuses."""
    return sum(1 for status in body_statuses(numbers).values() if status in DATA_STATUSES)


def _points(now: float, before: float) -> tuple[float, str]:
    """The difference of two printed (rounded) percentages, in points, so the sentence adds up."""
    points = whole_percent(now) - whole_percent(before)
    return points / 100, f"{'+' if points > 0 else '−'}{abs(points)} points" if points else "no change"


def _whole_editions(current: dict, previous: dict, previous_id: str) -> dict:
    """The previous edition as a whole, for context: its period, bodies and rate a year, each
    beside this edition's number of the same kind (gave figures beside gave figures, answered
    beside answered), never one kind of base beside another."""
    days = previous["period.days"]["value"]
    total = previous["breaches.total"]["value"]
    # over the bodies whose answers cover the whole period, as breaches.per_year now is (an older
    # numbers.json without breaches.whole_period.total: over all its bodies)
    whole = previous.get("breaches.whole_period.total", {}).get("value", total)
    rate = per_year(whole, days)
    gave, asked = gave_figures(previous), previous["requests.sent"]["value"]
    figures_rate = gave / asked if asked else 0.0
    source = f"edition {previous_id}'s numbers.json"
    return {
        "change.previous.breaches.total": (total, f"{total:,}", f"Breaches counted in edition {previous_id}.", source),
        "change.previous.breaches.per_year": (
            rate,
            display_rate(rate),
            f"Breaches a year in edition {previous_id}, from the bodies that gave figures for its whole period.",
            f"breaches.whole_period.total (else breaches.total) / period.days x 365.25 in {source}",
        ),
        "change.previous.requests.gave_figures": (
            gave,
            f"{gave:,}",
            f"Bodies that gave figures (disclosed or partial answers) in edition {previous_id}.",
            f"forces.<id>.status in {source}",
        ),
        "change.previous.requests.figures_rate": (
            figures_rate,
            f"{int(gave * 100 / asked + 0.5)}%" if asked else "0%",  # as statistics.display_percent
            f"Bodies that gave figures as a share of the bodies asked in edition {previous_id}.",
            f"change.previous.requests.gave_figures / requests.sent in {source}",
        ),
        **{
            f"change.previous.{key}": (previous[key]["value"], previous[key]["display"], what, source)
            for key, what in (
                ("edition.synthetic", f"Whether edition {previous_id} is a synthetic sample (invented figures)."),
                ("period.label", f"Edition {previous_id}'s period, as a column heading."),
                ("period.months", f"Months in edition {previous_id}'s period."),
                ("requests.sent", f"Bodies asked in edition {previous_id}."),
                (
                    "requests.responded",
                    f"Bodies that answered in edition {previous_id} (refusals and 'no information held' included).",
                ),
                (
                    "requests.response_rate",
                    f"Bodies that answered as a share of the bodies asked in edition {previous_id} (refusals and "
                    "'no information held' included).",
                ),
            )
        },
        "change.min_count": (
            MIN_COUNT,
            f"{MIN_COUNT}",
            "Fewest breaches in each edition for a change to be given as a percentage.",
            "the pipeline's rule for small counts (fixed, not estimated from the data)",
        ),
        "change.requests.figures_rate.delta": (
            *_points(current["requests.figures_rate"]["value"], figures_rate),
            f"Share of the bodies asked that gave figures in this edition minus that of edition {previous_id}, in "
            "percentage points.",
            "requests.figures_rate - change.previous.requests.figures_rate",
        ),
        "change.requests.response_rate.delta": (
            *_points(current["requests.response_rate"]["value"], previous["requests.response_rate"]["value"]),
            f"Share of the bodies asked that answered (refusals and 'no information held' included) in this edition "
            f"minus that of edition {previous_id}, in percentage points.",
            "requests.response_rate - change.previous.requests.response_rate",
        ),
    }


def _counts_of_bodies(compared: list[str], reasons: dict, current_id: str, previous_id: str) -> dict:
    derivation = "forces.<id>.status in both editions' numbers.json"
    return {
        "change.bodies.compared": (
            len(compared),
            f"{len(compared):,}",
            f"Bodies that gave figures (disclosed or partial) in both edition {previous_id} and edition {current_id}.",
            derivation,
        ),
        "change.bodies.not_comparable": (
            len(reasons),
            f"{len(reasons):,}",
            "Bodies asked in either edition without figures in both: left out of the comparison, never counted as 0.",
            derivation,
        ),
    }


def _top_ten_moves(current: dict, previous: dict, compared: list[str], names: dict, previous_id: str) -> dict:
    """Entries and exits of the top ten among the bodies that answered both editions."""
    inside_now, outside_now = definite_top({f: current[f"forces.{f}.total"]["value"] for f in compared})
    inside_before, outside_before = definite_top({f: previous[f"forces.{f}.total"]["value"] for f in compared})
    moves = {"entered": sorted(inside_now & outside_before), "left": sorted(inside_before & outside_now)}
    entries = {}
    for move, forces in moves.items():
        entries[f"change.top_ten.{move}"] = (
            ";".join(forces),
            ", ".join(names.get(f, f) for f in forces) or "none",
            f"Bodies that {move} the top ten since edition {previous_id}, ranked among the bodies that answered "
            "both editions; a body whose place depends on a tie is not counted as moving.",
            "forces.<id>.total of the compared bodies (change.bodies.compared), ranked in each edition",
        )
    entries["change.top_ten.possible"] = (
        len(compared) > TOP,
        "yes" if len(compared) > TOP else "no",
        f"Whether more than {TOP} bodies answered both editions, so that a body can enter or leave the top ten.",
        "change.bodies.compared > 10",
    )
    return entries


def _plain(value) -> str:
    """Counts as whole numbers, rates to four decimals (a CSV column mixes both)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}"


def _finite(value: float | None) -> float | None:
    """A bound for numbers.json (JSON has no infinity): None where there is no bound."""
    return None if value is None or value == float("inf") else value - 1
