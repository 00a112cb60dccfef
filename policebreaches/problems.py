"""Input problems are collected, never thrown one at a time: a researcher fixing a
new edition wants ONE message listing every file that needs attention."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str  # path relative to the edition folder, or the register row
    what: str  # what is wrong
    fix: str  # how to fix it

    def line(self) -> str:
        return f"- {self.file}: {self.what}\n    fix: {self.fix}"


class InputError(Exception):
    """Raised with every problem found, so nothing is reported piecemeal."""

    def __init__(self, problems: list[Problem], context: str = "input"):
        self.problems = list(problems)
        header = f"{len(self.problems)} {context} problem(s) stop the build:"
        super().__init__("\n".join([header, *(p.line() for p in self.problems)]))


def raise_if_any(problems: list[Problem], context: str = "input") -> None:
    if problems:
        raise InputError(problems, context)


class UserMistake(Exception):
    """A command given something it cannot use (a file, an edition id): said in one line with
    the fix, exit status 2, no traceback (policebreaches.cli)."""
