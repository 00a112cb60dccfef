"""Spreadsheet-safe cells (OWASP, CSV injection), under any field separator.

A spreadsheet runs a cell that starts with = + - @, tab or carriage return. It also splits a
CSV on whatever separator its locale uses (a comma in the UK, a semicolon in much of Europe,
a tab when pasted), so a cell written unquoted as `theft;=cmd|' /C calc'!A0` becomes two
cells there, the second one live. So a text cell is neutralised where it starts with a
formula prefix, and after every separator (`,` `;` tab or line break, then any spaces)
followed by one: a leading apostrophe there makes the spreadsheet show text instead of
running it. Numbers are left alone. The pipeline's own readers take the apostrophes off
again, so a value survives the round trip. Every CSV and xlsx writer uses this module,
internal working files included: researchers open those too."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = (",", ";", "\t", "\n", "\r")
_PREFIX = r"[=+\-@\t\r]"
_FORMULA = rf"^'*{_PREFIX}"  # apostrophes already in front count too: the round trip removes exactly one
_NEUTRALISED = rf"^'+{_PREFIX}"
# after a separator (and spaces a spreadsheet may keep): where a split would start a new cell
_INNER = rf"([,;\t\n\r] *)(?='*{_PREFIX})"
_INNER_NEUTRALISED = rf"([,;\t\n\r] *)'(?='*{_PREFIX})"
_LIVE = rf"^{_PREFIX}|[,;\t\n\r] *{_PREFIX}"
_INNER_RISK = rf"[,;\t\n\r] *'*{_PREFIX}"  # _INNER without its group (pandas warns on groups in contains)
_INNER_NEUTRALISED_RISK = rf"[,;\t\n\r] *'+{_PREFIX}"
_NUMBER = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"


def safe_cell(value):
    """One cell as a spreadsheet may show it, split on any separator: an apostrophe before
    every formula prefix that would start a cell."""
    if not isinstance(value, str) or re.fullmatch(_NUMBER, value):
        return value
    if re.match(_FORMULA, value):
        value = "'" + value
    return re.sub(_INNER, r"\1'", value)


def read_cell(value):
    """The cell as it was before safe_cell (the apostrophes after separators first, then the leading one)."""
    if not isinstance(value, str):
        return value
    value = re.sub(_INNER_NEUTRALISED, r"\1", value)
    return value[1:] if re.match(_NEUTRALISED, value) else value


def is_live(value) -> bool:
    """Whether a spreadsheet splitting on `,` `;` tab or line breaks would run part of this cell."""
    return isinstance(value, str) and not re.fullmatch(_NUMBER, value) and re.search(_LIVE, value) is not None


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """safe_cell on every text column, column by column (fast on large tables)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object:
            text = series.astype(str)
            risky = (
                series.str.match(_FORMULA, na=False) | series.str.contains(_INNER_RISK, na=False)
            ) & ~series.str.fullmatch(_NUMBER, na=False)
            if risky.any():
                out[column] = series.where(~risky, text.map(safe_cell))
    return out


def read_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """read_cell on every text column."""
    for column in frame.columns:
        series = frame[column]
        if series.dtype == object:
            neutralised = series.str.match(_NEUTRALISED, na=False) | series.str.contains(
                _INNER_NEUTRALISED_RISK, na=False
            )
            if neutralised.any():
                frame[column] = series.where(~neutralised, series[neutralised].map(read_cell))
    return frame
