"""Comparative sentences, stated only when the data can carry them.

Every sentence that says one thing is larger, rose, fell, or stands apart is made here,
from a test of the difference against its uncertainty; when the test cannot tell the two
apart, the sentence says so ("about the same", "cannot be told apart") instead of giving
an order. Each claim becomes numbers.json entries: the claim (value: its verdict, display:
the sentence) and its test statistic, so a reader can check it like any other number.

- Two counts over their exposures (breaches in two editions, or of two bodies over the
  months each covers): the conditional test. Given k1 + k2, k2 is binomial with
  p0 = t2 / (t1 + t2) when the rates are equal; the exact (Clopper-Pearson) interval of that
  share gives an exact interval for the rate ratio (k2/t2) / (k1/t1).
- Two type counts measured with classification error: their intervals (misclassification.py's
  bootstrap over the frozen test set's confusion matrix) must not overlap.
- A body's standing: the overdispersion-adjusted funnel (rates.py)."""

from __future__ import annotations

import math

from scipy.stats import binomtest

from .edition import UNIT_WORDS

LEVEL = 0.95  # every claim's confidence level


def rate_ratio(k1: int, t1: float, k2: int, t2: float, level: float = LEVEL) -> dict:
    """(k2 / t2) / (k1 / t1) with its exact conditional interval and two-sided p-value.
    ratio/low/high are None where there is nothing to divide by (no breaches at all)."""
    n = k1 + k2
    if not n or not t1 or not t2:
        return {"ratio": None, "low": None, "high": None, "p_value": 1.0, "k1": k1, "k2": k2}
    test = binomtest(int(k2), int(n), t2 / (t1 + t2))
    ci = test.proportion_ci(confidence_level=level, method="exact")
    # the central p-value (twice the smaller tail) is the one the exact (Clopper-Pearson) interval
    # inverts: p < 5% exactly when the 95% interval excludes 1, so a printed p never contradicts
    # its verdict (scipy's default two-sided p can fall under 5% beside an interval holding 1)
    tails = (binomtest(int(k2), int(n), t2 / (t1 + t2), alternative=side).pvalue for side in ("less", "greater"))
    central = min(1.0, 2 * min(tails))
    scale = t1 / t2

    def ratio_of(share: float) -> float:
        return math.inf if share >= 1 else share / (1 - share) * scale

    return {
        "ratio": ratio_of(k2 / n),
        "low": ratio_of(ci.low),
        "high": ratio_of(ci.high),
        "p_value": float(central),
        "k1": k1,
        "k2": k2,
    }


def direction(test: dict) -> str:
    """'rose' / 'fell' only where the interval of the ratio excludes 1; else 'about the same'."""
    if test["low"] is None:
        return "about the same"
    if test["low"] > 1:
        return "rose"
    if test["high"] < 1:
        return "fell"
    return "about the same"


def display_ratio_interval(test: dict) -> str:
    """The interval of a change, as per cents: '−12% to +30%'."""
    if test["low"] is None:
        return "no interval (no breaches)"
    return f"{_percent(test['low'] - 1)} to {_percent(test['high'] - 1)}"


def _percent(change: float) -> str:
    if math.isinf(change):
        return "no upper bound"
    points = int(abs(change) * 100 + 0.5)
    return "0%" if points == 0 else f"{'+' if change > 0 else '−'}{points}%"


def display_p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def most(bodies: list[dict], noun: str = "breaches") -> dict:
    """Who recorded the most. bodies: {name, count, days, unit}, one period each.
    The leader is named alone only when its rate exceeds the runner-up's beyond chance
    (conditional test) and both count in the same known unit; otherwise the sentence
    says the two cannot be told apart, or shows the units it compares."""
    ranked = sorted(bodies, key=lambda b: (-b["count"] / b["days"], b["name"]))
    if not ranked:
        return {"verdict": "none", "sentence": "", "p_value": None}
    first = ranked[0]
    if len(ranked) == 1:
        return {"verdict": "only_one", "sentence": f"Only {first['name']} gave figures.", "p_value": None}
    second = ranked[1]
    test = rate_ratio(second["count"], second["days"], first["count"], first["days"])
    units = {first["unit"], second["unit"]}
    if units == {"unknown"}:
        caveat, counted = "neither answer says what it counts, so they may not count the same thing", "as counted"
    elif "unknown" in units:
        caveat, counted = "one answer does not say what it counts, so they may not count the same thing", "as counted"
    elif len(units) > 1:
        caveat, counted = "they do not count the same thing", "as counted"
    else:
        caveat, counted = "", ""
    first_words, second_words = (
        f"{body['count']:,}" + (f" {UNIT_WORDS[body['unit']]}" if body["unit"] != "unknown" else "")
        for body in (first, second)
    )
    if test["low"] is not None and test["low"] > 1:
        verdict = "most" if not caveat else "most_as_counted"
        sentence = (
            f"{first['name']} recorded the most {noun}{' ' + counted if counted else ''}: {first_words}, against "
            f"{second_words} for {second['name']}, the next{'; ' + caveat if caveat else ''}."
        )
    else:
        verdict = "cannot_be_told_apart"
        sentence = (
            f"{first['name']} ({first_words}) and {second['name']} ({second_words}) recorded the most {noun}; "
            f"the difference between them cannot be told apart from chance{'; ' + caveat if caveat else ''}."
        )
    return {"verdict": verdict, "sentence": sentence, "p_value": test["p_value"], "test": test}


def order_of_two(a: dict, b: dict, noun: str) -> dict:
    """Two categories with intervals ({label, count, low, high}, and `checked` when every record's
    true type is known, so the count has no classification error): 'A outnumber B' only when
    the intervals do not overlap and the counts themselves differ beyond chance (exact test):
    a correction for classification error can shift two equal counts apart, but it cannot
    make a gap of a breach or two an order."""
    first, second = sorted((a, b), key=lambda c: (-c["count"], c["label"]))
    beyond_chance = direction(rate_ratio(second["count"], 1, first["count"], 1)) == "rose"
    apart = first["low"] > second["high"] and beyond_chance
    checked = first.get("checked") and second.get("checked")
    if checked:  # no classification error to allow for: the counts as they are
        first_words = f"{first['label']} ({first['count']:,} breaches"
        second_words = f"{second['label']} ({second['count']:,})"
        allowing, allowing_it = "", ""
    else:
        first_words = f"{first['label']} ({first['count']:,} breaches; {first['low']:,.0f}–{first['high']:,.0f}"
        second_words = f"{second['label']} ({second['count']:,}; {second['low']:,.0f}–{second['high']:,.0f})"
        allowing, allowing_it = " allowing for classification error", " allowing for it"
    if apart:
        lead = ", even allowing for classification error" if not checked else " (every record's type checked)"
        sentence = (
            f"There were more {noun} of {first['label']} than of {second['label']}{lead}: "
            f"{first_words}{allowing_it}), {second_words}."
        )
    else:
        why = (
            "the ranges overlap"
            if first["low"] <= second["high"]
            else "the counts are too close to tell apart from chance (exact test)"
        )
        checked_words = ", every record's type checked against its true label," if checked else ""
        sentence = (
            f"{first_words[0].upper()}{first_words[1:]}{allowing}) and {second_words}{checked_words} "
            f"cannot be told apart in number: {why}, so neither can be called the more common."
        )
    return {
        "verdict": "more" if apart else "cannot_be_told_apart",
        "sentence": sentence,
        "gap": first["count"] - second["count"],
    }


def most_entries(numbers: dict, register: list[dict], days: int) -> dict:
    """claims.most.breaches: who recorded the most, among the bodies that gave figures for
    the whole period (a part-period count is not set beside whole-period ones)."""
    whole = f"{numbers['period.start']['value']}/{numbers['period.end']['value']}"
    bodies = [
        {
            "name": r["name"],
            "count": numbers[f"forces.{r['force_id']}.total"]["value"],
            "days": days,
            "unit": numbers[f"forces.{r['force_id']}.counts"]["value"],
        }
        for r in register
        if f"forces.{r['force_id']}.covers" in numbers and numbers[f"forces.{r['force_id']}.covers"]["value"] == whole
    ]
    found = most(bodies)
    if found["verdict"] == "none":
        return {}
    entries = {
        "claims.most.breaches": (
            found["verdict"],
            found["sentence"],
            "Who recorded the most breaches, among the bodies that gave figures for the whole period: named alone "
            "only when its count exceeds the next one's beyond chance (exact conditional test at 95%) and both "
            "count in the same stated unit; otherwise the sentence says they cannot be told apart or shows the "
            "units.",
            "forces.<id>.total and forces.<id>.counts of the two largest; conditional binomial test",
        )
    }
    if found["p_value"] is not None:
        entries["claims.most.breaches.p_value"] = (
            found["p_value"],
            display_p(found["p_value"]),
            "Two-sided p-value of the exact conditional test of equal rates for the two bodies with the most breaches.",
            "exact binomial test of the larger count among the two counts together, at even odds",
        )
    return entries


def units_entries(numbers: dict, register: list[dict]) -> dict:
    """claims.units: what the bodies with figures count, so a ranking says whether it sets
    like beside like ('same'), mixes units ('mixed') or cannot tell ('not_stated')."""
    units = [
        numbers[f"forces.{r['force_id']}.counts"]["value"]
        for r in register
        if f"forces.{r['force_id']}.counts" in numbers
    ]
    if not units:
        return {}
    found = {u: units.count(u) for u in sorted(set(units), key=lambda u: (-units.count(u), u))}
    if set(found) == {"unknown"}:
        verdict, sentence = "not_stated", "No answer says what its figures count, so forces may be ranked across units."
    elif len(found) == 1:
        verdict, sentence = "same", f"Every answer counts {UNIT_WORDS[units[0]]}, so forces are ranked like with like."
    else:
        parts = ", ".join(f"{UNIT_WORDS[u]}: {n:,}" for u, n in found.items())
        verdict = "mixed"
        sentence = f"Answers count different things ({parts}), so these rankings set different units side by side."
    return {
        "claims.units": (
            verdict,
            sentence,
            "Whether the bodies with figures count the same thing (incidents, allegations, people or cases, as "
            "their answers state it), so that a ranking of them compares like with like.",
            "forces.<id>.counts of the bodies with figures",
        )
    }
