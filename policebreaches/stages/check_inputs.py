"""Rule check_inputs: the edition folder as a whole, before anything is parsed. It is
the only stage that reads edition.yaml, request.txt, requests.csv, bodies.csv and
SHA256SUMS; later stages read what it validated (check/register.json, check/edition.json)."""

from __future__ import annotations

import logging
from pathlib import Path

from ..checks import check_inputs
from ..edition import write_checked_edition
from ..problems import InputError
from .io import write_json, write_problems

log = logging.getLogger("policebreaches")


def run(
    edition_dir: Path,
    raw: list[Path],
    forces: Path,
    limits: dict,
    allow_problems: bool,
    register_out: Path,
    edition_out: Path,
    problems_out: Path,
) -> None:
    problems, register, edition = check_inputs(edition_dir, limits, forces)
    for p in problems:
        log.warning("%s", p.line())
    write_problems(problems, problems_out)
    # without SHA256SUMS nothing can be pinned (and the build could not record what it read)
    if (problems and not allow_problems) or edition is None or not (edition_dir / "SHA256SUMS").is_file():
        raise InputError(problems)
    write_json(register, register_out, sort_keys=True)
    write_checked_edition(edition, edition_out)
