"""What Snakemake needs to plan an edition's jobs, read from its folder before any rule runs:
the register's answers (which body, which status, which files, which answer replaces it), the
previous edition named by edition.yaml, and the edition's period. Never raises on bad input:
planning runs while Snakemake reads the workflow, so a register, bodies.csv or edition.yaml it
cannot read plans nothing (or no period), and the input check reports every problem with its
fix. rules/common.smk calls these, each once per edition."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .edition import is_sibling_edition, register_files, replaced_answers
from .forces import BODIES_FILE, Bodies
from .strict import load_yaml, read_csv


def planned_answers(root: Path, forces: Path) -> tuple[tuple[str, str, list[str], int], ...]:
    """(force_id, status, files, replaced_by) per register row (one per answer) whose body
    resolves. `replaced_by`: the line of the answer of the same body that replaces this one
    (0: none), so its files are set aside, not extracted. A `files` entry may be a folder or a
    pattern (edition.register_files)."""
    try:
        bodies, _ = Bodies.load(forces, root / BODIES_FILE)
        _, register = (
            read_csv(root / "requests.csv", "requests.csv", []) if (root / "requests.csv").is_file() else (0, [])
        )
    except OSError:
        return ()
    rows = [
        {
            "force_id": force_id,
            "status": (row.get("status") or "").strip(),
            "files": register_files(root / "responses", row.get("files") or ""),
            "line": line,
            "reference": (row.get("reference") or "").strip(),
            "replaces": (row.get("replaces") or "").strip(),
        }
        for line, row in enumerate(register, start=2)
        if (force_id := bodies.resolve(row.get("force") or ""))
    ]
    replaced, _ = replaced_answers(rows)
    return tuple((r["force_id"], r["status"], r["files"], replaced.get(r["line"], 0)) for r in rows)


def _meta(root: Path) -> dict:
    path = root / "edition.yaml"
    meta = load_yaml(path, "edition.yaml", []) if path.is_file() else None
    return meta if isinstance(meta, dict) else {}


def previous_edition(root: Path) -> str | None:
    """The previous edition's id when edition.yaml names a sibling edition; anything else (no
    file, bad YAML, a repeated key) never becomes a path the build reads."""
    previous = str(_meta(root).get("previous_edition") or "")
    return previous if previous and is_sibling_edition(root, previous) else None


def period(root: Path) -> list[str]:
    """[start, end] of the edition's period (ISO dates), for the stages that limit figures
    given by period to it; [] when edition.yaml does not give both as dates. A date written
    with a time stands for its day."""
    ends = [_meta(root).get(key) for key in ("period_start", "period_end")]
    if not all(isinstance(end, dt.date) for end in ends):
        return []
    return [dt.date(end.year, end.month, end.day).isoformat() for end in ends]
