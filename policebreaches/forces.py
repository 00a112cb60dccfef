"""The bodies an edition may name, resolved from names as researchers write them
("Met", "Avon & Somerset Constabulary", "West Mids Police") to a force_id: the UK police
forces (resources/forces.csv) plus the other bodies an edition lists in its own
bodies.csv (councils, NHS trusts). A `Bodies` registry is built from those two files and
passed to whoever needs it; nothing is kept in module state."""

from __future__ import annotations

import csv
import difflib
import re
from functools import lru_cache
from pathlib import Path

FORCES_CSV = Path(__file__).resolve().parent / "resources" / "forces.csv"
BODY_COLUMNS = ["force_id", "name", "aliases"]
BODIES_FILE = "bodies.csv"  # optional, raw/<edition>/bodies.csv: bodies that are not UK police forces
_SUFFIXES = r"\b(police service|constabulary|police force|police|service|force)\b"


def _key(name: str) -> str:
    """Compare names without case, punctuation, '&' vs 'and', hyphens, or the force suffix."""
    text = name.replace("-", " ").lower().replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    stripped = re.sub(_SUFFIXES, " ", text)
    text = stripped if stripped.strip() else text
    return " ".join(text.split())


def _read_rows(path: Path) -> tuple[list[dict], list[str] | None]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader), reader.fieldnames


class Bodies:
    """force_id -> official name and aliases, with lookups by written name."""

    def __init__(self, rows: list[dict]):
        self._names = {row["force_id"]: row["name"] for row in rows}
        self._index: dict[str, str] = {}
        for row in rows:
            for name in [row["force_id"], row["name"], *filter(None, (row.get("aliases") or "").split("|"))]:
                self._index.setdefault(_key(name), row["force_id"])

    @classmethod
    def load(cls, forces_csv: Path = FORCES_CSV, bodies_csv: Path | None = None) -> tuple[Bodies, list[tuple]]:
        """The UK forces plus an edition's bodies.csv; problems with bodies.csv as
        (where, what, fix). Rows with a problem are left out."""
        forces, _ = _read_rows(forces_csv)
        if bodies_csv is None or not bodies_csv.is_file():
            return cls(forces), []
        from .strict import read_csv  # repeated columns and unreadable lines are problems, never raised

        found = []
        columns, rows = read_csv(bodies_csv, BODIES_FILE, found)
        if columns is None:
            return cls(forces), [(p.file, p.what, p.fix) for p in found]
        if columns != BODY_COLUMNS:
            return cls(forces), [(BODIES_FILE, f"columns are {columns}", "use exactly: " + ",".join(BODY_COLUMNS))]
        problems, known, extra = [(p.file, p.what, p.fix) for p in found], {row["force_id"] for row in forces}, []
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
                extra.append({"force_id": force_id, "name": row["name"].strip(), "aliases": row["aliases"] or ""})
        return cls(forces + extra), problems

    def resolve(self, name: str) -> str | None:
        """force_id for a written name, or None when no body is known by it."""
        return self._index.get(_key(name))

    def name(self, force_id: str) -> str:
        return self._names[force_id]

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Official names of the bodies closest to `name`: offered to the researcher, never
        applied (a wrong guess would move a force's figures)."""
        close = difflib.get_close_matches(_key(name), list(self._index), n=limit * 4, cutoff=0.6)
        return list(dict.fromkeys(self._names[self._index[key]] for key in close))[:limit]

    def __contains__(self, force_id: str) -> bool:
        return force_id in self._names


@lru_cache(maxsize=1)
def uk_forces() -> Bodies:
    """The built-in UK police forces only (tools and tests; a build passes its own registry)."""
    return Bodies.load()[0]
