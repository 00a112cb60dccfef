"""The file formats stages share: one CSV dialect, JSON, problem lists. pandas is
imported where a table is read or written: the per-body jobs that only write JSON run
once per body and should not pay for it."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..cells import read_frame, safe_frame
from ..problems import Problem

if TYPE_CHECKING:
    import pandas as pd


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """One CSV dialect for every output, so bytes depend on content only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    safe_frame(frame).to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def read_csv(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Every value as text, as it was before write_csv made it spreadsheet-safe; `columns`
    reads only those (records.csv is large at scale)."""
    import pandas as pd

    return read_frame(pd.read_csv(path, dtype=str, keep_default_na=False, usecols=columns))


def read_csvs(paths: list[Path], columns: list[str]) -> pd.DataFrame:
    """Several CSVs of one kind as one table; no file at all gives an empty table with `columns`."""
    import pandas as pd

    frames = [read_csv(path) for path in paths]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(data, path: Path, sort_keys: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=sort_keys) + "\n", encoding="utf-8")


def numbers_json(numbers: dict) -> str:
    """numbers.json with one number per line: a diff of two builds reads number by number,
    and json's C encoder writes each line (indent= takes its pure-Python path: 1.1 s at x100)."""
    lines = (f"{json.dumps(key)}: {json.dumps(entry, ensure_ascii=False)}" for key, entry in numbers.items())
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_problems(problems: list[Problem], path: Path) -> None:
    import pandas as pd

    write_csv(pd.DataFrame([p.__dict__ for p in problems], columns=["file", "what", "fix"]), path)


def read_problems(paths: list[Path]) -> list[Problem]:
    return [Problem(**p) for path in paths for p in read_csv(path).to_dict("records")]
