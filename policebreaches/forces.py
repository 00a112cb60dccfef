"""Resolve a force name as a researcher wrote it ("Met", "Avon & Somerset
Constabulary") to its force_id through the reference table of UK forces, plus the
other bodies an edition lists in its own bodies.csv (see use_bodies)."""

from __future__ import annotations

import csv
import difflib
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

_SUFFIXES = r"\b(police service|constabulary|police force|police|service|force)\b"


def _key(name: str) -> str:
    """Compare names without case, punctuation, '&' vs 'and', or the force suffix."""
    text = name.lower().replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    stripped = re.sub(_SUFFIXES, " ", text)
    text = stripped if stripped.strip() else text
    return " ".join(text.split())


BODY_COLUMNS = ["force_id", "name", "aliases"]
BODIES_FILE = "bodies.csv"  # optional, raw/<edition>/bodies.csv: bodies that are not UK police forces
_edition_bodies: dict[str, dict[str, str]] = {}  # force_id -> row, added by use_bodies()


def reference_rows() -> list[dict[str, str]]:
    """The built-in UK police forces (policebreaches/resources/forces.csv)."""
    with resources.files("policebreaches.resources").joinpath("forces.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _all_rows() -> list[dict[str, str]]:
    return reference_rows() + list(_edition_bodies.values())


@lru_cache(maxsize=1)
def force_table() -> dict[str, str]:
    """force_id -> official name."""
    return {row["force_id"]: row["name"] for row in _all_rows()}


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for row in _all_rows():
        for name in [row["force_id"], row["name"], *filter(None, row["aliases"].split("|"))]:
            index[_key(name.replace("-", " "))] = row["force_id"]
    return index


def use_bodies(root: Path) -> list[tuple[str, str, str]]:
    """Know the bodies an edition lists in bodies.csv (force_id,name,aliases), beside the
    UK police forces: an edition that asks councils or NHS trusts names them there.
    Returns problems as (where, what, fix); rows with a problem are not added."""
    path = root / BODIES_FILE
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != BODY_COLUMNS:
            return [(BODIES_FILE, f"columns are {reader.fieldnames}", "use exactly: " + ",".join(BODY_COLUMNS))]
        rows = list(reader)
    problems, known = [], {row["force_id"] for row in reference_rows()}
    for line_no, row in enumerate(rows, start=2):
        where, force_id = f"{BODIES_FILE} line {line_no}", (row["force_id"] or "").strip()
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", force_id):
            problems.append(
                (
                    where,
                    f"force_id {force_id!r} is not lower-case words joined by '-'",
                    "write an id such as 'leeds-city-council'",
                )
            )
        elif force_id in known or not (row["name"] or "").strip():
            problems.append(
                (
                    where,
                    f"{force_id!r} is a UK police force already, or has no name",
                    "list only other bodies, each with its name",
                )
            )
        else:
            _edition_bodies[force_id] = {
                "force_id": force_id,
                "name": row["name"].strip(),
                "aliases": row["aliases"] or "",
            }
    force_table.cache_clear()
    _alias_index.cache_clear()
    return problems


def resolve_force(name: str) -> str | None:
    """force_id for a written force name, or None when it is neither a known UK force nor
    a body listed in an edition's bodies.csv (see use_bodies)."""
    return _alias_index().get(_key(name.replace("-", " ")))


def suggest_forces(name: str, limit: int = 3) -> list[str]:
    """Official names of the bodies whose names or aliases are closest to `name`: offered
    to the researcher, never applied (a wrong guess would move a force's figures)."""
    index = _alias_index()
    close = difflib.get_close_matches(_key(name.replace("-", " ")), list(index), n=limit * 4, cutoff=0.6)
    return list(dict.fromkeys(force_table()[index[key]] for key in close))[:limit]


def force_name(force_id: str) -> str:
    return force_table()[force_id]
