"""Strict loading of an edition's own YAML and CSV files (edition.yaml, requests.csv,
bodies.csv, denominators.csv, overrides/): a repeated key is an error, never a silent
'last one wins' (a second `synthetic: false` would drop every SYNTHETIC mark); a YAML
syntax error, an unknown tag, a repeated CSV column or a malformed CSV line is a Problem
naming the file and line. Nothing here raises on bad input: Snakemake plans the build
from these files at parse time, and the input check lists every problem."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import yaml

from .problems import Problem

# a register's `files` cell may list thousands of files; the csv module's default (128 KB) would stop it
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader, with a mapping's repeated key as an error at the key's line."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, "a key that cannot be a key", key_node.start_mark
            ) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} is given twice (first on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def yaml_problem(exc: yaml.YAMLError, where: str) -> Problem:
    """One problem for a YAML error: the file and line, what the parser says, the fix."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    here = f"{where} line {mark.line + 1}" if mark is not None else where
    problem, context = getattr(exc, "problem", None), getattr(exc, "context", None)
    what = f"{problem} ({context})" if problem and context else problem or context or str(exc).splitlines()[0]
    if "given twice" in what:
        fix = "keep one of the two (a repeated key is never resolved by taking the last)"
    elif "constructor for the tag" in what:
        fix = "remove the tag ('!' and the word after it): edition files hold plain values only"
    else:
        fix = "fix the YAML syntax at that line (indentation, quotes, a missing ':' or bracket)"
    return Problem(here, f"not valid YAML: {what}", fix)


def load_yaml(path: Path, where: str, problems: list[Problem]):
    """The YAML file's content, or None with its problem appended (a repeated key, a
    syntax error, an unknown tag, bytes that are not UTF-8)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(where, f"not UTF-8 text (byte {exc.start})", "save it as UTF-8"))
        return None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        problems.append(yaml_problem(exc, where))
        return None


def read_csv(path: Path, where: str, problems: list[Problem]) -> tuple[list[str] | None, list[dict]]:
    """(columns, rows) of a CSV with a header; a repeated column, a line the csv module
    cannot read, or bytes that are not UTF-8 are problems (columns None)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, strict=True)  # a stray quote is an error, not a merged line
            rows = list(reader)
    except UnicodeDecodeError as exc:
        problems.append(Problem(where, f"not UTF-8 text (byte {exc.start})", "save it as UTF-8 (CSV UTF-8 in Excel)"))
        return None, []
    except csv.Error as exc:
        problems.append(
            Problem(f"{where} line {reader.line_num}", f"not a readable CSV line ({exc})", "fix or remove that line")
        )
        return None, []
    if not rows:
        return [], []
    header = rows[0]
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        problems.append(Problem(where, f"column(s) {repeated} appear more than once", "keep one column of each name"))
        return None, []
    for number, row in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in row[len(header) :]):
            problems.append(
                Problem(
                    f"{where} line {number}",
                    f"{len(row)} cells for {len(header)} columns",
                    "quote a cell that holds a comma, or remove the extra cells",
                )
            )
    return header, [dict(zip(header, row + [""] * (len(header) - len(row)))) for row in rows[1:]]
