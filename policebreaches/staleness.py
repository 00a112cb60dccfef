"""Nothing stale looks current. When a build stops, every output of the previous build of
that edition (public and internal) is moved aside together into results/<edition>/stale/;
the next good build removes that folder. Commands that read a build (trace, verify,
review, validate-crate) ask `require_build` first, so they never print an old number as if
it were current."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

STALE = "stale"
FINISHED = ".finished"  # written when a build finishes: the folder holds a whole build
KEPT_IN_PLACE = {"logs", STALE}  # the failed run's own logs say why it stopped
LEGACY_STALE = ("report.stale.pdf", "report.stale.html")  # how earlier versions set a report aside
STALE_README = (
    "STALE: these are the outputs of an earlier build of this edition, from older inputs.\n"
    "The last build stopped before it finished (its logs are in ../logs/), so none of these\n"
    "files describes the edition's inputs as they are now. Do not quote or publish them.\n"
    "The next build that finishes removes this folder.\n"
)


class NoCurrentBuild(Exception):
    """A command needs a finished build of an edition and there is none."""


def set_aside(results: Path) -> str | None:
    """After a build stopped: move every output of results/<edition>/ except logs/ into stale/,
    the sentence to print (None when there was nothing to move). Only a finished build
    replaces the stale set: what a stopped build left (a second failure in a row) is
    discarded, so stale/ keeps the last build that finished."""
    if not results.is_dir():
        return None
    outputs = [p for p in sorted(results.iterdir()) if p.name not in KEPT_IN_PLACE]
    stale = results / STALE
    if stale.is_dir() and not (results / FINISHED).is_file():
        for path in outputs:  # partial outputs of a run that stopped; the stale set is older and whole
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        return f"The build stopped again: the last build that finished is still set aside in {stale}/."
    if not outputs:
        return None
    shutil.rmtree(stale, ignore_errors=True)
    stale.mkdir()
    for path in outputs:
        path.replace(stale / path.name)
    (stale / FINISHED).unlink(missing_ok=True)
    (stale / "README.txt").write_text(STALE_README, encoding="utf-8")
    return (
        f"The build stopped: every output in {results}/ (from an earlier build, or from this one, which did "
        f"not finish) is set aside in {stale}/; nothing there is current until a build finishes."
    )


def clear(results: Path) -> None:
    """After a build that finished: the stale set is history, the folder is marked whole, and
    a verification record of other results than these (make verify writes them beside the
    build) goes: it would vouch for numbers no longer there."""
    shutil.rmtree(results / STALE, ignore_errors=True)
    if not results.is_dir():
        return
    (results / FINISHED).write_text("", encoding="utf-8")
    numbers = results / "numbers.json"
    current = hashlib.sha256(numbers.read_bytes()).hexdigest() if numbers.is_file() else ""
    for record in results.glob("verification*.json"):
        try:
            checked = json.loads(record.read_text(encoding="utf-8")).get("checked_files_sha256", {})
        except (ValueError, AttributeError):
            checked = {}
        if checked.get("numbers.json") != current:
            record.unlink()
    for name in LEGACY_STALE:
        (results / name).unlink(missing_ok=True)


def require_build(results: Path, edition: str) -> None:
    """Raise NoCurrentBuild, with what to do, unless results/ holds a finished build."""
    if (results / "numbers.json").is_file():
        return
    build = f"build it first: make report EDITION={edition}"
    if (results / STALE).is_dir():
        raise NoCurrentBuild(
            f"edition {edition} has no current build: the last build stopped before it finished "
            f"(why: {results}/logs/); the earlier outputs in {results / STALE}/ are from older inputs. "
            f"Fix the problems it listed, then {build}"
        )
    raise NoCurrentBuild(f"edition {edition} has not been built ({results}/numbers.json not found): {build}")
