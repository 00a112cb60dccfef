"""Snakemake logger plugin `brief` (`snakemake --logger brief`, what `make report` uses).

One line per stage when its last job finishes, instead of Snakemake's ~1,000 lines of
job listings; Snakemake's full log still goes to .snakemake/log/ and each job's own log
to results/<edition>/logs/. When a job fails, the last thing printed is what its log
says went wrong (for input problems: the list of files, what is wrong and how to fix
it), never a traceback: tracebacks stay in the job's log."""

from __future__ import annotations

import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from snakemake_interface_logger_plugins.base import LogHandlerBase
from snakemake_interface_logger_plugins.common import LogEvent
from snakemake_interface_logger_plugins.settings import LogHandlerSettingsBase

JOB_FAILURE = re.compile(r"^RuleException|CalledProcessError in file", re.MULTILINE)
WRAPPING = re.compile(r'^(  File |\w+(Error|Exception)( in file ".*", line \d+)?:$)')
PROBLEM_MARK = "ERROR policebreaches: "  # how a stage writes its failure into its log (policebreaches/__main__.py)


@dataclass
class LogHandlerSettings(LogHandlerSettingsBase):
    pass


def failure_text(log_path: Path) -> str:
    """What a failed stage wrote after PROBLEM_MARK, up to its traceback if any."""
    try:
        text = log_path.read_text(encoding="utf-8")
    except OSError:
        return ""
    if PROBLEM_MARK not in text:
        return ""
    message = text[text.rindex(PROBLEM_MARK) + len(PROBLEM_MARK) :]
    return message.split("\nTraceback (most recent call last)", 1)[0].strip()


class LogHandler(LogHandlerBase):
    def __post_init__(self) -> None:
        self.planned: Counter[str] = Counter()  # rule -> jobs this run will execute
        self.finished: Counter[str] = Counter()
        self.rule_of: dict[int, str] = {}  # jobid -> rule
        self.failures: list[tuple[str, list[str]]] = []  # (rule, log files)

    @property
    def writes_to_stream(self) -> bool:
        return True

    @property
    def writes_to_file(self) -> bool:
        return False

    @property
    def has_filter(self) -> bool:
        return True

    @property
    def has_formatter(self) -> bool:
        return True

    @property
    def needs_rulegraph(self) -> bool:
        return False

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "event", None)
        if event == LogEvent.RUN_INFO and isinstance(getattr(record, "stats", None), dict):
            if self.planned:  # a dry run announces its jobs twice
                return
            self.planned.update({rule: int(n) for rule, n in record.stats.items() if rule != "total"})
            total = sum(n for rule, n in self.planned.items() if rule != "all")
            self._say(f"{total} jobs to run in {len(self.planned) - ('all' in self.planned)} stages")
        elif event == LogEvent.JOB_INFO:
            self.rule_of[record.jobid] = record.rule_name
        elif event == LogEvent.JOB_FINISHED:
            rule = self.rule_of.get(getattr(record, "job_id", None), "")
            self.finished[rule] += 1
            if rule and rule != "all" and self.finished[rule] == self.planned.get(rule, 1):
                jobs = f" ({self.planned[rule]} jobs)" if self.planned[rule] > 1 else ""
                self._say(f"  done  {rule}{jobs}")
        elif event == LogEvent.JOB_ERROR:
            self.failures.append((record.rule_name, list(getattr(record, "log", []) or [])))
            self._say(f"  FAILED {record.rule_name}")
        elif event in (None, LogEvent.ERROR) and record.levelno >= logging.ERROR:
            self._say_workflow_error(record.getMessage())
        elif event is None and record.getMessage().startswith("Nothing to be done"):
            self._say("Nothing to be done: the outputs are up to date with their inputs.")

    def close(self) -> None:
        failures, self.failures = self.failures, []  # close() may be called more than once
        for rule, logs in failures:
            texts = [t for t in (failure_text(Path(p)) for p in logs) if t]
            where = ", ".join(logs) or "Snakemake's log in .snakemake/log/"
            self._say(f"\n{rule} failed" + (":\n" + "\n".join(texts) if texts else f" (details in {where})"))
        super().close()

    def _say_workflow_error(self, message: str) -> None:
        """A workflow's own error (DAG, missing input), without Snakemake's wrapping: its
        exception names, the file and line of the Snakefile, traceback lines. A failed
        job's error (RuleException, CalledProcessError and the command line) is said by
        the job's own log instead (see close)."""
        if self.failures or "At least one job did not complete" in message or JOB_FAILURE.search(message):
            return
        lines = [line for line in message.strip().splitlines() if not WRAPPING.match(line)]
        self._say("\n".join(lines))

    @staticmethod
    def _say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)
