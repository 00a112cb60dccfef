"""Nothing stale looks current. When a build stops, every output of the previous build of
that edition (public and internal) is moved aside together into results/<edition>/stale/;
the next good build removes that folder. Commands that read a build (trace, verify,
review, validate-crate) ask `require_build` first, so they never print an old number as if
it were current."""

from __future__ import annotations

import shutil
from pathlib import Path

STALE = "stale"
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
    """Move every output of results/<edition>/ except logs/ into stale/ (replacing an
    older stale set); the sentence to print, or None when there was nothing to move."""
    if not results.is_dir():
        return None
    outputs = [p for p in sorted(results.iterdir()) if p.name not in KEPT_IN_PLACE]
    if not outputs:
        return None
    stale = results / STALE
    shutil.rmtree(stale, ignore_errors=True)
    stale.mkdir()
    for path in outputs:
        path.replace(stale / path.name)
    (stale / "README.txt").write_text(STALE_README, encoding="utf-8")
    return (
        f"The build stopped: every output in {results}/ (from an earlier build, or from this one, which did "
        f"not finish) is set aside in {stale}/; nothing there is current until a build finishes."
    )


def clear(results: Path) -> None:
    """After a build that finished: the stale set is history."""
    shutil.rmtree(results / STALE, ignore_errors=True)
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
