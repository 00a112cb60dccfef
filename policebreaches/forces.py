"""Resolve a force name as a researcher wrote it ("Met", "Avon & Somerset
Constabulary") to its force_id through the reference table of UK forces."""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

_SUFFIXES = r"\b(police service|constabulary|police force|police|service|force)\b"


def _key(name: str) -> str:
    """Compare names without case, punctuation, '&' vs 'and', or the force suffix."""
    text = name.lower().replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    stripped = re.sub(_SUFFIXES, " ", text)
    text = stripped if stripped.strip() else text
    return " ".join(text.split())


@lru_cache(maxsize=1)
def force_table() -> dict[str, str]:
    """force_id -> official name."""
    with resources.files("policebreaches.resources").joinpath("forces.csv").open(encoding="utf-8") as fh:
        return {row["force_id"]: row["name"] for row in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    with resources.files("policebreaches.resources").joinpath("forces.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names = [row["force_id"], row["name"], *row["aliases"].split("|")]
            for name in names:
                index[_key(name.replace("-", " "))] = row["force_id"]
    return index


def resolve_force(name: str) -> str | None:
    """force_id for a written force name, or None when it is not a known UK force."""
    return _alias_index().get(_key(name.replace("-", " ")))


def force_name(force_id: str) -> str:
    return force_table()[force_id]
