"""Parse the date forms police FOI responses use (UK day-first) into a date range.

A month or a year is a range, not a day: "October 2011" is 1-31 October 2011, so the
period filter can tell "inside", "outside" and "straddles" honestly."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DASH = r"\s*(?:-|\u2013|\u2014|to)\s*"
EXCEL_EPOCH = dt.date(1899, 12, 30)
# what a count table's column or a margin's label may stand for: a period, not a day
PERIOD_PRECISIONS = ("month", "year", "financial_year", "range")


@dataclass(frozen=True)
class DateRange:
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str = "none"  # day, month, year, range, financial_year, none

    @property
    def parsed(self) -> bool:
        return self.start is not None


def _year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 50 else 1900) if year < 100 else year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(name: str) -> int:
    return MONTHS[name.lower()[:4] if name.lower().startswith("sept") else name.lower()[:3]]


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").strip().lower()
    text = re.sub(r"\(.*?\)", " ", text)  # "2011 (Date not recorded)"
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    return " ".join(text.replace(",", " ").split())


def _single(text: str) -> DateRange | None:
    """One point or one month/year, or None."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?: \d{2}:\d{2}(?::\d{2})?)?", text):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return DateRange(day, day, "day")
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", text):
        day = dt.date(_year(m[3]), int(m[2]), int(m[1]))
        return DateRange(day, day, "day")
    if m := re.fullmatch(rf"(\d{{1,2}})[ -]{MONTH}[ -](\d{{2}}|\d{{4}})", text):
        day = dt.date(_year(m[3]), _month(m[2]), int(m[1]))
        return DateRange(day, day, "day")
    if m := re.fullmatch(rf"{MONTH} (\d{{1,2}}) (\d{{4}})", text):
        day = dt.date(int(m[3]), _month(m[1]), int(m[2]))
        return DateRange(day, day, "day")
    if m := re.fullmatch(rf"{MONTH}[ \-/']*(\d{{2}}|\d{{4}})", text):
        year, month = _year(m[2]), _month(m[1])
        return DateRange(dt.date(year, month, 1), _month_end(year, month), "month")
    if m := re.fullmatch(r"(\d{1,2})[/-](\d{4})", text):
        year, month = int(m[2]), int(m[1])
        if 1 <= month <= 12:
            return DateRange(dt.date(year, month, 1), _month_end(year, month), "month")
    if m := re.fullmatch(r"(19|20)\d{2}", text):
        year = int(text)
        return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    return None


def _financial_year(text: str) -> DateRange | None:
    """'FY 18-19', 'FY17-18', '2017/18', '2017-2018': 1 April to 31 March."""
    m = re.fullmatch(r"(?:fy\s*)?(\d{2}|\d{4})\s*[/\-\u2013]\s*(\d{2}|\d{4})", text)
    if not m:
        return None
    first, second = _year(m[1]), _year(m[2])
    if second != first + 1 or (len(m[1]) == 2 and not text.startswith("fy")):
        return None
    return DateRange(dt.date(first, 4, 1), dt.date(second, 3, 31), "financial_year")


def parse_incident_date(value) -> DateRange:
    """A DateRange; DateRange() (unparsed) for blank or unknown text. Never raises."""
    text = _clean(str(value or ""))
    if not text:
        return DateRange()
    if re.fullmatch(r"\d{5}(\.0+)?", text):  # an Excel serial number that lost its format
        day = EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
        if dt.date(1990, 1, 1) <= day <= dt.date(2100, 1, 1):
            return DateRange(day, day, "day")
    try:
        if found := _single(text) or _financial_year(text):
            return found
        # "March 2004- July 2009", "January – February 2013"
        parts = re.split(DASH, text, maxsplit=1)
        if len(parts) == 2:
            left, right = _single(parts[0]), _single(parts[1])
            if left is None and right is not None and re.fullmatch(MONTH, parts[0]):
                left = _single(f"{parts[0]} {right.start.year}")
            if left and right and left.start <= right.end:
                return DateRange(left.start, right.end, "range")
    except (ValueError, KeyError):  # 31/02/2012 and the like: not a date
        return DateRange()
    return DateRange()


def period_position(date: DateRange, start: dt.date, end: dt.date) -> str:
    """inside, outside, straddles or undated."""
    if not date.parsed:
        return "undated"
    if date.end < start or date.start > end:
        return "outside"
    if date.start >= start and date.end <= end:
        return "inside"
    return "straddles"
