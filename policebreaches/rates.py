"""Breaches for a force's size: rates per 1,000 workforce a year, and the funnel plot.

A funnel plot (Spiegelhalter 2005, "Funnel plots for comparing institutional
performance") sets each force's rate against its workforce, with control limits around
the national rate that narrow as forces grow: a small force's rate may stray far from the
national rate by chance, a large one's may not. Counts are Poisson, so the limits are
exact Poisson quantiles of the count a force of that size would have at the national rate
(interpolated between whole counts so the funnel is a smooth line), at 95% (2 standard
deviations, roughly) and 99.8% (3). A force outside the 99.8% limits is very unlikely to
differ from the national rate by chance alone; that says its rate differs, not why (forces
record and answer differently)."""

from __future__ import annotations

import math

PER = 1000  # rates per 1,000 workforce
DAYS_PER_YEAR = 365.25
LEVELS = {"95": 0.025, "99.8": 0.001}  # two-sided: the tail each side
STANDING_WORDS = {
    "above_99.8": "above the 99.8% limit",
    "above_95": "above the 95% limit",
    "within": "within the limits",
    "below_95": "below the 95% limit",
    "below_99.8": "below the 99.8% limit",
}


def _pmf(i: int, mean: float) -> float:
    """P(X = i), each term computed on its own in log space: a running product of terms
    started from exp(-mean) loses its precision once that underflows (mean above ~700)."""
    return math.exp(i * math.log(mean) - mean - math.lgamma(i + 1))


def _first_term(k: int, mean: float) -> int:
    """Below this count the terms add nothing a double can hold (more than 15 standard
    deviations under min(k, mean)): sums start here, so a large mean costs O(sqrt(mean))."""
    return max(0, min(k, int(mean)) - int(15 * math.sqrt(mean) + 30))


def poisson_cdf(k: int, mean: float) -> float:
    """P(X <= k) for X ~ Poisson(mean)."""
    if k < 0:
        return 0.0
    if mean == 0:
        return 1.0
    return min(sum(_pmf(i, mean) for i in range(_first_term(k, mean), k + 1)), 1.0)


def poisson_quantile(p: float, mean: float) -> int:
    """The smallest k with P(X <= k) >= p."""
    if mean == 0:
        return 0
    k = _first_term(int(mean), mean)
    cdf = poisson_cdf(k, mean)
    while cdf < p:
        k += 1
        cdf += _pmf(k, mean)
    return k


def limit_count(p: float, mean: float) -> float:
    """The count at quantile p of Poisson(mean), interpolated between whole counts
    (Spiegelhalter 2005, appendix): r - alpha, alpha = (F(r) - p) / (F(r) - F(r - 1))."""
    r = poisson_quantile(p, mean)
    upper, lower = poisson_cdf(r, mean), poisson_cdf(r - 1, mean)
    alpha = (upper - p) / (upper - lower) if upper > lower else 0.0
    return max(r - alpha, 0.0)


def standing(observed: int, expected: float) -> str:
    """Where a force's count lies against the limits, by the exact Poisson tail."""
    above = 1 - poisson_cdf(observed - 1, expected)  # P(X >= observed)
    below = poisson_cdf(observed, expected)  # P(X <= observed)
    for level in ("99.8", "95"):
        if above < LEVELS[level]:
            return f"above_{level}"
        if below < LEVELS[level]:
            return f"below_{level}"
    return "within"


def overdispersion(rows: list[dict], expected: dict[str, float]) -> float:
    """Spiegelhalter's multiplicative overdispersion factor: the mean squared z-score of the
    forces' counts, z winsorised at the 10th and 90th percentiles so a few extreme forces do
    not set it alone. 1 is the scatter chance gives; more means forces differ beyond chance."""
    z = sorted((r["total"] - expected[r["force_id"]]) / math.sqrt(expected[r["force_id"]]) for r in rows)
    if not z:
        return 0.0
    low, high = z[int(0.1 * (len(z) - 1))], z[math.ceil(0.9 * (len(z) - 1))]
    return sum(min(max(v, low), high) ** 2 for v in z) / len(z)


def rate_per_1000(count: float, workforce: int, days: int) -> float:
    return count / (workforce * days / DAYS_PER_YEAR) * PER


def funnel(rows: list[dict], days: int) -> dict:
    """rows: force_id, total, workforce (bodies with figures and a workforce). Returns the
    national rate, each force's rate, expected count and standing, and the limit lines as
    (workforce, rate) points for the plot."""
    years = days / DAYS_PER_YEAR
    person_years = sum(r["workforce"] for r in rows) * years
    national = sum(r["total"] for r in rows) / person_years if person_years else 0.0
    forces = {}
    for r in rows:
        expected = national * r["workforce"] * years
        forces[r["force_id"]] = {
            "rate": rate_per_1000(r["total"], r["workforce"], days),
            "expected": expected,
            "standing": standing(r["total"], expected),
        }
    phi = overdispersion(rows, {f: v["expected"] for f, v in forces.items()}) if national else 0.0
    return {"national": national * PER, "forces": forces, "lines": _limit_lines(rows, national, years), "phi": phi}


def _limit_lines(rows: list[dict], national: float, years: float) -> dict[str, list[tuple[float, float]]]:
    """Each limit as points (workforce, rate per 1,000 a year) over the workforces shown."""
    if not rows or not national:
        return {}
    smallest, largest = min(r["workforce"] for r in rows), max(r["workforce"] for r in rows)
    low, high = math.log(max(smallest * 0.8, 1)), math.log(largest * 1.1)
    sizes = [math.exp(low + (high - low) * i / 80) for i in range(81)]
    lines = {}
    for level, tail in LEVELS.items():
        for side, p in (("upper", 1 - tail), ("lower", tail)):
            lines[f"{side}_{level}"] = [
                (size, limit_count(p, national * size * years) / (size * years) * PER) for size in sizes
            ]
    return lines


def display_per_1000(value: float) -> str:
    """A rate per 1,000 workforce: two decimals below 1 (compare.display_rate is for breaches a year)."""
    return f"{value:.2f}" if value < 1 else f"{value:.1f}"


def rate_entries(numbers: dict, register: list[dict], days: int) -> tuple[dict, dict]:
    """(numbers.json entries as (value, display, definition, derivation), the funnel for the
    figure). Rated: bodies that gave figures and have a workforce in denominators.csv."""
    names = {r["force_id"]: r["name"] for r in register}
    with_figures = [r for r in register if f"forces.{r['force_id']}.per_year" in numbers]
    rated = [r for r in with_figures if r.get("workforce")]
    unrated = sorted(r["force_id"] for r in with_figures if not r.get("workforce"))
    rows = [
        {"force_id": r["force_id"], "total": numbers[f"forces.{r['force_id']}.total"]["value"], **r["workforce"]}
        for r in rated
    ]
    result = funnel(rows, days)
    source = "denominators.csv (as checked: check/register.json) and forces.<id>.total"
    entries = {
        "rates.available": (
            bool(rows),
            "yes" if rows else "no",
            "Whether the edition gives the workforce of the bodies (denominators.csv), so rates can be shown.",
            "denominators.csv present with a row for a body that gave figures",
        ),
        "rates.bodies": (len(rows), f"{len(rows):,}", "Bodies with figures and a workforce: the ones rated.", source),
        "rates.unrated": (
            ";".join(unrated),
            ", ".join(names[f] for f in unrated) or "none",
            "Bodies that gave figures but have no workforce in denominators.csv: not rated.",
            source,
        ),
    }
    for name, level in (("inner", "95"), ("outer", "99.8")):
        entries[f"rates.limits.{name}"] = (
            float(level) / 100,
            f"{level}%",
            f"Coverage of the funnel plot's {name} control limits: a force of that size at the national rate falls "
            f"inside them with this probability.",
            "rates.LEVELS",
        )
    if rows:
        entries |= _national_entries(rows, rated, result, names, source)
        entries |= _force_entries(rated, result)
    return entries, result


def _national_entries(rows: list[dict], rated: list[dict], result: dict, names: dict, source: str) -> dict:
    """The rated bodies together: workforce, national rate, who lies outside the limits,
    the overdispersion factor and where the workforce figures come from."""
    entries = {}
    workforce = sum(r["workforce"] for r in rows)
    entries["rates.workforce"] = (
        workforce,
        f"{workforce:,}",
        "Workforce (officers and staff) of the rated bodies.",
        source,
    )
    entries["rates.national_per_1000"] = (
        result["national"],
        display_per_1000(result["national"]),
        "Breaches a year per 1,000 officers and staff, all rated bodies together (the funnel's centre line).",
        "sum of forces.<id>.total / (sum of workforce x period.days / 365.25) x 1,000, rated bodies",
    )
    outside = sum(1 for v in result["forces"].values() if v["standing"].endswith("99.8"))
    entries["rates.outside_outer.count"] = (
        outside,
        f"{outside:,}",
        "Rated bodies outside the 99.8% limits (above or below).",
        "forces.<id>.funnel",
    )
    chance = len(rows) * 2 * LEVELS["99.8"]
    entries["rates.outside_outer.expected"] = (
        chance,
        f"{chance:.1f}",
        "Rated bodies that chance alone would put outside the 99.8% limits (0.2% of them).",
        "rates.bodies x 0.002",
    )
    entries["rates.overdispersion"] = (
        result["phi"],
        f"{result['phi']:.1f}",
        "How much more the forces' counts scatter around the national rate than chance would make them "
        "(Spiegelhalter's overdispersion factor, z-scores winsorised at 10%; 1 = chance).",
        "mean of winsorised ((forces.<id>.total - expected) / sqrt(expected))^2",
    )
    sources = sorted({f"{r['workforce']['source']} (as of {r['workforce']['as_of']})" for r in rated})
    entries["rates.workforce.source"] = (
        "; ".join(sources),
        "; ".join(sources),
        "Where the workforce figures come from and the date they describe (denominators.csv).",
        "denominators.csv source, as_of",
    )
    for level in ("above_99.8", "above_95", "below_95", "below_99.8"):
        forces = sorted(f for f, v in result["forces"].items() if v["standing"] == level)
        entries[f"rates.{level}"] = (
            ";".join(forces),
            ", ".join(names[f] for f in forces) or "none",
            f"Bodies whose count lies {STANDING_WORDS[level]} of the funnel plot (exact Poisson tail), "
            "and not beyond the next limit.",
            "forces.<id>.funnel",
        )
    return entries


def _force_entries(rated: list[dict], result: dict) -> dict:
    """Each rated body's workforce, rate per 1,000 a year and place in the funnel plot."""
    entries = {}
    for r in rated:
        f, found = r["force_id"], result["forces"][r["force_id"]]
        prefix, name = f"forces.{f}.", r["name"]
        w = r["workforce"]
        entries[f"{prefix}workforce"] = (
            w["workforce"],
            f"{w['workforce']:,}",
            f"{name}: officers ({w['officers']:,}) and staff ({w['staff']:,}) on {w['as_of']} ({w['source']}).",
            "denominators.csv",
        )
        entries[f"{prefix}rate_per_1000"] = (
            found["rate"],
            display_per_1000(found["rate"]),
            f"{name}: breaches a year per 1,000 officers and staff.",
            f"{prefix}total / ({prefix}workforce x period.days / 365.25) x 1,000",
        )
        entries[f"{prefix}funnel"] = (
            found["standing"],
            STANDING_WORDS[found["standing"]],
            f"{name}: where its count lies in the funnel plot, against the count a body of its size would have at "
            "the national rate (exact Poisson limits, 95% and 99.8%).",
            f"{prefix}total against Poisson(rates.national_per_1000 / 1,000 x {prefix}workforce x years)",
        )
    return entries
