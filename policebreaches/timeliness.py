"""How long each body took to answer, in working days as the FOI Act counts them.

Section 10(1): an authority must answer "not later than the twentieth working day
following the date of receipt". Section 10(6): a working day is any day other than a
Saturday, a Sunday, Christmas Day, Good Friday or a bank holiday "in any part of the United
Kingdom" -- so a Scottish or Northern Irish bank holiday stops the clock for an English
force too (ICO line to take LTT47). The calendar is the `holidays` package's, for each of
the four nations, not a typed list.

The date of receipt is the register's `requested` date (requests sent by e-mail arrive the
day they are sent); a body with no `responded` date has not answered."""

from __future__ import annotations

import datetime as dt
from functools import cache
from statistics import median

import holidays

from .edition import STATUS_WORDS

LIMIT = 20  # working days, FOI Act s.10(1)
NATIONS = ("ENG", "WLS", "SCT", "NIR")


@cache
def _bank_holidays(year: int) -> frozenset[dt.date]:
    days = set()
    for nation in NATIONS:
        days |= set(holidays.country_holidays("GB", subdiv=nation, years=year))
    return frozenset(days)


def is_working_day(day: dt.date) -> bool:
    """Christmas Day and Good Friday are among every nation's holidays in the calendar."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_days(received: dt.date, answered: dt.date) -> int:
    """Working days after the day of receipt up to and including the day of the answer:
    an answer on the twentieth working day following receipt counts 20 (in time)."""
    days, day = 0, received
    while day < answered:
        day += dt.timedelta(days=1)
        days += is_working_day(day)
    return days


def deadline(received: dt.date) -> dt.date:
    """The twentieth working day following the date of receipt."""
    day, counted = received, 0
    while counted < LIMIT:
        day += dt.timedelta(days=1)
        counted += is_working_day(day)
    return day


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text.strip()) if text and text.strip() else None


def body_timeliness(row: dict, as_of: dt.date | None = None) -> dict:
    """One register row: its working days to answer (None when it did not answer or a date
    is missing) and its standing: in time, late, unanswered, not due (no answer yet, but its
    deadline falls after `as_of`, the date the figures stand at), or not known (a date missing)."""
    received, answered = _date(row.get("requested", "")), _date(row.get("responded", ""))
    if received is None:
        return {"days": None, "standing": "not_known", "why": "request date not recorded"}
    if row["status"] == "no_response":
        due = deadline(received)
        if as_of is not None and due > as_of:
            return {"days": None, "standing": "not_due", "why": f"not answered yet, not due until {long_date(due)}"}
        return {"days": None, "standing": "unanswered", "why": STATUS_WORDS["no_response"].lower()}
    if answered is None:
        return {"days": None, "standing": "not_known", "why": "answer date not recorded"}
    days = working_days(received, answered)
    return {"days": days, "standing": "in_time" if days <= LIMIT else "late", "why": ""}


def long_date(day: dt.date) -> str:
    """31 March 2015, as the report writes a date."""
    return f"{day.day} {day:%B %Y}"


def summary(register: list[dict], as_of: dt.date | None = None) -> dict:
    """Counts, share in time (of the bodies whose request date is known and whose deadline
    had passed by `as_of`, or that answered) and median."""
    bodies = {row["force_id"]: body_timeliness(row, as_of) for row in register}
    known = [b for b in bodies.values() if b["standing"] not in ("not_known", "not_due")]  # judged
    days = [b["days"] for b in known if b["days"] is not None]
    return {
        "bodies": bodies,
        "known": len(known),
        "answered": len(days),
        "in_time": sum(1 for b in known if b["standing"] == "in_time"),
        "late": sorted(f for f, b in bodies.items() if b["standing"] == "late"),
        "unanswered": sorted(f for f, b in bodies.items() if b["standing"] == "unanswered"),
        "not_due": sorted(f for f, b in bodies.items() if b["standing"] == "not_due"),
        "median": median(days) if days else None,
        "median_all_due": median_with_unanswered(days, sum(1 for b in known if b["standing"] == "unanswered")),
    }


def median_with_unanswered(days: list[int], unanswered: int) -> float | None:
    """Median working days over every body whose deadline had passed: each one that had not
    answered counts as slower than any answer (more than LIMIT days, by how much unknown).
    float('inf') when the middle falls on such a body (the median is then more than LIMIT);
    None when there is no body at all."""
    values = sorted(days) + [float("inf")] * unanswered
    return median(values) if values else None
