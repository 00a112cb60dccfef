"""Breaches for a force's size: rates per 1,000 workforce a year, and the funnel plot.

A funnel plot (Spiegelhalter 2005, "Funnel plots for comparing institutional
performance") sets each force's rate against its workforce, with control limits around
the national rate that narrow as forces grow: a small force's rate may stray far from the
national rate by chance, a large one's may not. Counts are Poisson, so the limits are
exact Poisson quantiles of the count a force of that size would have at the national rate
(interpolated between whole counts so the funnel is a smooth line), at 95% (2 standard
deviations, roughly) and 99.8% (3). A force outside the 99.8% limits is very unlikely to
differ from the national rate by chance alone; that says its rate differs, not why (forces
record and answer differently).

Those limits assume every force has the same underlying rate. When the forces scatter far
more than that allows (they record and count differently), the limits are widened by the
between-force variance (Spiegelhalter, "Handling over-dispersion of performance
indicators", 2005: additive random effects on the square-root scale, z-scores winsorised,
as the CQC did), and a force's standing is read from its adjusted z-score."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
from scipy.stats import norm, poisson

from .edition import coverage_stated
from .timeliness import long_date

PER = 1000  # rates per 1,000 workforce
DAYS_PER_YEAR = 365.25
LEVELS = {"95": 0.025, "99.8": 0.001}  # two-sided: the tail each side
WINSORISE = 0.1  # share of z-scores winsorised at each end before the dispersion is estimated
STANDING_WORDS = {
    "above_99.8": "above the 99.8% limit",
    "above_95": "above the 95% limit",
    "within": "within the limits",
    "below_95": "below the 95% limit",
    "below_99.8": "below the 99.8% limit",
}


def limit_count(p: float, mean: float) -> float:
    """The count at quantile p of Poisson(mean), interpolated between whole counts
    (Spiegelhalter 2005, appendix): r - alpha, alpha = (F(r) - p) / (F(r) - F(r - 1))."""
    r = int(poisson.ppf(p, mean)) if mean else 0
    upper, lower = poisson.cdf(r, mean), poisson.cdf(r - 1, mean)
    alpha = (upper - p) / (upper - lower) if upper > lower else 0.0
    return max(r - alpha, 0.0)


def standing(observed: int, expected: float) -> str:
    """Where a force's count lies against the limits, by the exact Poisson tail."""
    above = poisson.sf(observed - 1, expected)  # P(X >= observed)
    below = poisson.cdf(observed, expected)  # P(X <= observed)
    for level in ("99.8", "95"):
        if above < LEVELS[level]:
            return f"above_{level}"
        if below < LEVELS[level]:
            return f"below_{level}"
    return "within"


def overdispersion(rows: list[dict], expected: dict[str, float]) -> float:
    """Spiegelhalter's multiplicative overdispersion factor on the Pearson scale, (O - E) / sqrt(E),
    z winsorised at the 10th and 90th percentiles. Kept for comparison: the limits use the
    square-root scale of `adjustment`."""
    z = sorted((r["total"] - expected[r["force_id"]]) / math.sqrt(expected[r["force_id"]]) for r in rows)
    if not z:
        return 0.0
    low, high = z[int(0.1 * (len(z) - 1))], z[math.ceil(0.9 * (len(z) - 1))]
    return sum(min(max(v, low), high) ** 2 for v in z) / len(z)


def adjustment(observed: dict[str, float], expected: dict[str, float], trim: float = WINSORISE) -> dict:
    """Spiegelhalter's additive random-effects adjustment ("Handling over-dispersion of
    performance indicators", 2005), on the square-root scale the CQC used (FunnelPlotR's
    method "CQC"): y = sqrt(O / E) with standard error s = 1 / (2 sqrt(E)) around 1; z = (y - 1) / s,
    winsorised at the `trim` and 1 - `trim` quantiles (linear interpolation, R's default);
    phi = mean of the winsorised z squared; with n bodies and weights w = 1 / s^2,
    tau^2 = (n phi - (n - 1)) / (sum w - sum w^2 / sum w), or 0 when n phi < n - 1.
    Each body's adjusted z is (y - 1) / sqrt(s^2 + tau^2)."""
    forces = sorted(observed)
    if not forces:
        return {"phi": 0.0, "tau2": 0.0, "z": {}}
    y = np.array([math.sqrt(observed[f] / expected[f]) for f in forces])
    s = np.array([1 / (2 * math.sqrt(expected[f])) for f in forces])
    z = (y - 1) / s
    low, high = np.quantile(z, trim), np.quantile(z, 1 - trim)
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    n, w = len(forces), 1 / s**2
    spread = float(w.sum() - (w**2).sum() / w.sum())
    tau2 = 0.0 if n * phi < n - 1 or spread <= 0 else max(0.0, (n * phi - (n - 1)) / spread)
    adjusted = (y - 1) / np.sqrt(s**2 + tau2)
    return {"phi": phi, "tau2": tau2, "z": {f: float(v) for f, v in zip(forces, adjusted)}}


def adjusted_standing(z: float) -> str:
    """Where an adjusted z-score lies against the normal limits of each level."""
    for level in ("99.8", "95"):
        limit = norm.isf(LEVELS[level])
        if z > limit:
            return f"above_{level}"
        if z < -limit:
            return f"below_{level}"
    return "within"


def rate_per_1000(count: float, workforce: int, days: int) -> float:
    return count / (workforce * days / DAYS_PER_YEAR) * PER


def funnel(rows: list[dict], days: int) -> dict:
    """rows: force_id, total, workforce (bodies with figures for the whole period and a
    workforce). Returns the national rate, each force's rate, expected count, standing and
    z-score, the limit lines as (workforce, rate) points for the plot, and which limits
    were used: exact Poisson while the forces scatter no more than chance allows (tau^2 = 0),
    else limits widened by the between-force variance tau^2 (`adjustment`)."""
    years = days / DAYS_PER_YEAR
    person_years = sum(r["workforce"] for r in rows) * years
    national = sum(r["total"] for r in rows) / person_years if person_years else 0.0
    forces = {}
    for r in rows:
        expected = national * r["workforce"] * years
        forces[r["force_id"]] = {
            "rate": rate_per_1000(r["total"], r["workforce"], days),
            "expected": expected,
            "poisson_standing": standing(r["total"], expected),
        }
    adjusted = (
        adjustment({r["force_id"]: r["total"] for r in rows}, {f: v["expected"] for f, v in forces.items()})
        if national
        else {"phi": 0.0, "tau2": 0.0, "z": {}}
    )
    for f, found in forces.items():
        found["z"] = adjusted["z"].get(f, 0.0)
        found["standing"] = adjusted_standing(found["z"]) if adjusted["tau2"] else found["poisson_standing"]
    phi = overdispersion(rows, {f: v["expected"] for f, v in forces.items()}) if national else 0.0
    return {
        "national": national * PER,
        "forces": forces,
        "lines": _limit_lines(rows, national, years, adjusted["tau2"]),
        "phi": phi,
        "phi_sqrt": adjusted["phi"],
        "tau2": adjusted["tau2"],
        "method": "random_effects" if adjusted["tau2"] else "poisson",
    }


def _limit_lines(rows: list[dict], national: float, years: float, tau2: float = 0.0) -> dict:
    """Each limit as points (workforce, rate per 1,000 a year) over the workforces shown:
    exact Poisson when tau2 is 0, else 1 +- z sqrt(1 / (4 E) + tau2) on the square-root scale."""
    if not rows or not national:
        return {}
    smallest, largest = min(r["workforce"] for r in rows), max(r["workforce"] for r in rows)
    low, high = math.log(max(smallest * 0.8, 1)), math.log(largest * 1.1)
    sizes = [math.exp(low + (high - low) * i / 80) for i in range(81)]
    lines = {}
    for level, tail in LEVELS.items():
        for side, p in (("upper", 1 - tail), ("lower", tail)):
            if tau2:
                sign = 1 if side == "upper" else -1
                points = []
                for size in sizes:
                    spread = math.sqrt(1 / (4 * national * size * years) + tau2)
                    root = max(1 + sign * norm.isf(tail) * spread, 0.0)
                    points.append((size, root**2 * national * PER))
                lines[f"{side}_{level}"] = points
            else:
                lines[f"{side}_{level}"] = [
                    (size, limit_count(p, national * size * years) / (size * years) * PER) for size in sizes
                ]
    return lines


METHOD_WORDS = {
    "poisson": "exact Poisson limits",
    "random_effects": "limits widened for overdispersion (Spiegelhalter's additive random effects)",
}


def covered_days(row: dict, days: int) -> int:
    """Days of the period a body's answers cover (covers_from, covers_to; the whole period when not
    given; the days of each part when its answers leave a gap, covered_parts)."""
    if not row.get("covers_from") or not row.get("covers_to"):
        return days
    parts = row.get("covered_parts") or [[row["covers_from"], row["covers_to"]]]
    return sum((dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1 for start, end in parts)


def display_per_1000(value: float) -> str:
    """A rate per 1,000 workforce: two decimals below 1 (compare.display_rate is for breaches a year)."""
    return f"{value:.2f}" if value < 1 else f"{value:.1f}"


def rate_entries(numbers: dict, register: list[dict], days: int) -> tuple[dict, dict]:
    """(numbers.json entries as (value, display, definition, derivation), the funnel for the
    figure). Rated: bodies that gave figures and have a workforce in denominators.csv."""
    names = {r["force_id"]: r["name"] for r in register}
    # a partial answer that does not say which part it covers has no rate a year (per_year) at all
    with_figures = [r for r in register if f"forces.{r['force_id']}.per_year" in numbers or not coverage_stated(r)]
    # an answer for part of the period is a rate over fewer months: not set beside the others
    partial = sorted(r["force_id"] for r in with_figures if not coverage_stated(r) or covered_days(r, days) < days)
    whole = [r for r in with_figures if r["force_id"] not in partial]
    rated = [r for r in whole if r.get("workforce")]
    unrated = sorted(r["force_id"] for r in whole if not r.get("workforce"))
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
        "rates.partial_coverage": (
            ";".join(partial),
            ", ".join(names[f] for f in partial) or "none",
            "Bodies whose answer covers only part of the period (requests.csv covers_from, covers_to), or is a "
            "partial answer that does not say which part it leaves out: left out of the rates, the funnel plot and "
            "the rankings by rate, which compare whole periods.",
            "requests.csv covers_from, covers_to against period.start, period.end; status partial with neither date",
        ),
    }
    for name, level in (("inner", "95"), ("outer", "99.8")):
        entries[f"rates.limits.{name}"] = (
            float(level) / 100,
            f"{level}%",
            f"Coverage of the funnel plot's {name} control limits: a force of that size at the national rate falls "
            f"inside them with this probability.",
            "the funnel plot's two conventional levels (fixed, not estimated from the data)",
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
        "Rated bodies outside the 99.8% limits the report uses (above or below; see rates.limits.method).",
        "forces.<id>.funnel",
    )
    poisson = sum(1 for v in result["forces"].values() if v["poisson_standing"].endswith("99.8"))
    entries["rates.outside_outer.poisson"] = (
        poisson,
        f"{poisson:,}",
        "Rated bodies that plain Poisson limits, which assume every force has the same underlying rate, would put "
        "outside the 99.8% limits.",
        "exact Poisson tail of forces.<id>.total against its expected count",
    )
    method = METHOD_WORDS[result["method"]]
    entries["rates.limits.method"] = (
        result["method"],
        method,
        "Which control limits the funnel plot and every force's standing use: exact Poisson while the forces "
        "scatter no more than chance allows, else Spiegelhalter's additive random-effects adjustment for "
        "overdispersion (square-root scale, z-scores winsorised at 10% each end, as the Care Quality Commission "
        "computes it for NHS indicators, and the FunnelPlotR package's 'CQC' method).",
        "the between-force variance rates.tau2: widened when it is above 0",
    )
    entries["rates.tau2"] = (
        result["tau2"],
        f"{result['tau2']:.4f}",
        "Between-force variance tau² added to each force's sampling variance on the square-root scale "
        "(0: no adjustment needed).",
        "(n x phi - (n - 1)) / (sum w - sum w² / sum w), w = 4 x expected count, phi = rates.overdispersion",
    )
    chance = len(rows) * 2 * LEVELS["99.8"]
    entries["rates.outside_outer.expected"] = (
        chance,
        f"{chance:.1f}",
        "Rated bodies that chance alone would put outside the 99.8% limits (0.2% of them).",
        "rates.bodies x 0.002",
    )
    entries["rates.overdispersion"] = (
        result["phi_sqrt"],
        f"{result['phi_sqrt']:.1f}",
        "How much more the forces' counts scatter around the national rate than chance would make them "
        "(Spiegelhalter's overdispersion factor phi on the square-root scale, z-scores winsorised at 10% each end; "
        "1 = chance).",
        "mean of winsorised (2 x (sqrt(forces.<id>.total) - sqrt(expected)))²",
    )
    sources = sorted(
        {
            f"{r['workforce']['source']} (as at {long_date(dt.date.fromisoformat(str(r['workforce']['as_of'])))})"
            for r in rated
        }
    )
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
            f"Bodies whose count lies {STANDING_WORDS[level]} of the funnel plot (the limits of "
            "rates.limits.method), and not beyond the next limit.",
            "forces.<id>.funnel",
        )
    return entries


def _force_entries(rated: list[dict], result: dict) -> dict:
    """Each rated body's workforce, rate per 1,000 a year and place in the funnel plot."""
    entries, method = {}, result["method"]
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
            "the national rate (95% and 99.8% limits of rates.limits.method).",
            f"{prefix}funnel.z against the normal limits"
            if method == "random_effects"
            else f"{prefix}total against Poisson(rates.national_per_1000 / 1,000 x {prefix}workforce x years)",
        )
        entries[f"{prefix}funnel.z"] = (
            found["z"],
            f"{found['z']:.2f}",
            f"{name}: its z-score in the funnel plot, adjusted for overdispersion: (sqrt(O / E) - 1) / "
            "sqrt(1 / (4 E) + tau²), O its breaches, E those a body of its size would have at the national rate. "
            "Beyond ±1.96 it lies outside the 95% limits, beyond ±3.09 outside the 99.8% limits.",
            f"{prefix}total, its expected count and rates.tau2",
        )
    return entries
