"""Spreadsheet-safe cells (OWASP, CSV injection): a text cell that starts with = + - @,
tab or carriage return is written with a leading apostrophe, so Excel or LibreOffice shows
it as text instead of running it; numbers are left alone. The pipeline's own readers take
the apostrophe off again, so a value survives the round trip. Every CSV and xlsx writer
uses this module, internal working files included: researchers open those too."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = r"^'*[=+\-@\t\r]"  # apostrophes already in front count too: the round trip removes exactly one
_NUMBER = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
_NEUTRALISED = r"^'+[=+\-@\t\r]"


def safe_cell(value):
    """One cell as a spreadsheet may show it: formula-like text gets a leading apostrophe."""
    if isinstance(value, str) and re.match(_FORMULA, value) and not re.fullmatch(_NUMBER, value):
        return "'" + value
    return value


def read_cell(value):
    """The cell as it was before safe_cell."""
    if isinstance(value, str) and re.match(_NEUTRALISED, value):
        return value[1:]
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """safe_cell on every text column, column by column (fast on large tables)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object:
            risky = series.str.match(_FORMULA, na=False) & ~series.str.fullmatch(_NUMBER, na=False)
            if risky.any():
                out[column] = series.where(~risky, "'" + series.astype(str))
    return out


def read_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """read_cell on every text column."""
    for column in frame.columns:
        series = frame[column]
        if series.dtype == object:
            neutralised = series.str.match(_NEUTRALISED, na=False)
            if neutralised.any():
                frame[column] = series.where(~neutralised, series.str[1:])
    return frame
