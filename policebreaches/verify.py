"""`make verify`: is results/<edition>/ what raw/<edition>/ gives?

The raw files are checked against SHA256SUMS; then the numbers are recomputed from the
raw folder alone by the workflow itself (Snakemake, the same rules as the build, up to
numbers.json and records.csv) into a temporary results folder, and compared key by key
with results/<edition>/numbers.json, and
record by record with results/<edition>/records.csv. Nothing else under results/ is read:
not the build's intermediate files, nor its logs. A difference is reported with its
chain (definition and filter, the records behind the number: raw file, locator, rules),
taken from the recomputation. A small record of the verification (what was checked, the
input manifest's checksum, the code's version, the result; no local paths) is written
for the reviewer to send with the report."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__
from .buildinfo import git_describe
from .checks import check_manifest, check_no_links
from .edition import load_edition, read_manifest, sha256_file
from .problems import Problem
from .stages.io import read_csv
from .trace import trace_entry, trace_record

NUMBER_FIELDS = ("value", "display", "definition", "filter", "n_records", "record_ids", "aggregate_rows")
CHAIN_RECORDS = 3  # records printed under a differing number (make verify KEY=<key> prints every one)
LISTED = 20  # differing records printed in full; the rest are counted


@dataclass
class Settings:
    """What the build's configuration (config.yaml) says about where things are."""

    raw_dir: Path
    results_dir: Path
    truth_dir: Path
    corpus_dir: Path
    limits: dict
    allow_problems: bool = False

    @classmethod
    def from_config(cls, config: dict) -> Settings:
        return cls(
            Path(config["raw_dir"]),
            Path(config["results_dir"]),
            Path(config["truth_dir"]),
            Path(config["corpus_dir"]),
            dict(config["limits"]),
            bool(config["allow_problems"]),
        )


@dataclass
class Verification:
    edition: str
    key: str | None
    result: str = "not verified"  # "agrees", "differs" or "not verified"
    reason: str = ""
    raw_files: int = 0
    raw_problems: list[Problem] = field(default_factory=list)
    numbers: int = 0
    differing_numbers: list[str] = field(default_factory=list)
    records: int = 0
    differing_records: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)  # numbers.json's inputs that differ
    lines: list[str] = field(default_factory=list)  # the report, as printed
    details: list[str] = field(default_factory=list)  # each difference with its chain, printed after the summary
    manifest_sha256: str = ""
    checked: dict[str, str] = field(default_factory=dict)  # file name -> sha256 of what was checked
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.result == "agrees"

    def record(self) -> dict:
        """verification.json: sent with the report; no local path in it."""
        return {
            "what": "make verify: results recomputed from the raw edition alone and compared value by value",
            "edition": self.edition,
            "key": self.key,
            "result": self.result,
            "reason": self.reason,
            "raw_files_checked": self.raw_files,
            "raw_files_differing": sorted({p.file for p in self.raw_problems}),
            "numbers_checked": self.numbers,
            "numbers_differing": self.differing_numbers,
            "records_checked": self.records,
            "records_differing": len(self.differing_records),
            "inputs_differing": self.inputs,
            "inputs_manifest_sha256": self.manifest_sha256,
            "checked_files_sha256": self.checked,
            "code_version": {
                "pipeline_version": __version__,
                "git_describe": git_describe(Path(__file__).resolve().parents[1]),
            },
            "verified_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "note": "written by make verify, not by the build: not one of the reproducible outputs; "
            "verified_at is when the verification ran",
        }


def editions_to_recompute(raw_dir: Path, edition: str) -> list[str]:
    """The edition and, first, the editions its numbers compare with (previous_edition,
    as the build follows it): numbers.json's change.* numbers need theirs."""
    chain: list[str] = []
    current: str | None = edition
    while current and current not in chain:
        chain.insert(0, current)
        checked = load_edition(raw_dir / current, [])
        current = checked.previous_edition if checked else None
    return chain


REPO = Path(__file__).resolve().parents[1]  # the workflow (Snakefile, rules/) this package belongs to


class RecomputeFailed(Exception):
    """The workflow stopped while recomputing: what its console said, for the report."""


def workflow_config(settings: Settings, edition: str, work: Path) -> list[str]:
    """--config for a build of `edition` as the settings describe it, into `work`."""
    paths = {
        "raw_dir": settings.raw_dir,
        "results_dir": work,
        "truth_dir": settings.truth_dir,
        "corpus_dir": settings.corpus_dir,
    }
    return [
        f"edition={edition}",
        *(f"{name}={Path(path).resolve()}" for name, path in paths.items()),
        f"allow_problems={str(settings.allow_problems).lower()}",
        "limits=" + json.dumps(settings.limits, sort_keys=True),
    ]


def recompute(settings: Settings, edition: str, work: Path) -> Path:
    """numbers.json and records.csv of `edition` built by the workflow from its raw folder
    into work/<edition>/ (the editions it compares with are built first, by the same rules);
    returns that folder. Snakemake keeps no record of it (--drop-metadata, --nolock), so a
    build of results/ running at the same time is neither blocked nor disturbed."""
    out = work / edition
    targets = [str(out / "numbers.json"), str(out / "records.csv")]
    command = [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile"), "--directory", str(REPO)]
    command += ["--cores", str(os.cpu_count() or 1), "--nolock", "--drop-metadata", "--logger", "brief"]
    command += ["--config", *workflow_config(settings, edition, work), "--", *targets]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        said = [line for line in (done.stdout + done.stderr).splitlines() if not line.startswith("Using workflow")]
        raise RecomputeFailed("\n".join(said[-40:]))
    return out


def counted(items: list, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def short(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def entry_differences(expected: dict, found: dict) -> list[str]:
    """What differs between two numbers.json entries, field by field (expected = recomputed)."""
    out = []
    for name in NUMBER_FIELDS:
        want, got = expected.get(name), found.get(name)
        if want == got:
            continue
        if name == "record_ids" and isinstance(got, list):
            extra, missing = sorted(set(got) - set(want)), sorted(set(want) - set(got))
            out.append(
                f"record_ids: {len(missing)} recomputed but not found {missing[:5]}, "
                f"{len(extra)} found but not recomputed {extra[:5]}"
                + ("" if extra or missing else " (same ids, another order)")
            )
        else:
            out.append(f"{name}: expected {short(want)}, found {short(got)}")
    return out


def differing_inputs(expected: dict, found: dict) -> list[str]:
    """numbers.json's inputs (the raw manifest, records.csv, aggregates.csv and their
    checksums) against the recomputation's: another checksum means numbers.json was
    computed from other files than raw/ gives today."""

    def pairs(numbers: dict) -> dict[str, set[str]]:
        found_pairs: dict[str, set[str]] = {}
        for entry in numbers.values():
            for item in entry.get("inputs", []) if isinstance(entry, dict) else []:
                found_pairs.setdefault(str(item.get("file")), set()).add(str(item.get("sha256")))
        return found_pairs

    want, got = pairs(expected), pairs(found)
    return [
        f"{name}: sha256 expected {', '.join(sorted(want.get(name, {'(none)'})))}, "
        f"found {', '.join(sorted(got.get(name, {'(none)'})))}"
        for name in sorted(set(want) | set(got))
        if want.get(name) != got.get(name)
    ]


def compare_numbers(
    expected: dict, found: dict, keys: list[str], records: pd.DataFrame, raw_root: Path, report: Verification
) -> None:
    for key in keys:
        if key not in found:
            problem, chain = ["in the recomputation, missing from numbers.json"], True
        elif key not in expected:
            problem, chain = ["in numbers.json, but the recomputation has no such number"], False
        else:
            problem, chain = entry_differences(expected[key], found[key]), True
        if not problem:
            continue
        report.differing_numbers.append(key)
        report.details.append(f"- {key}: " + "; ".join(problem))
        if chain and not report.key:  # with KEY, the whole chain is printed apart
            more = f"make verify KEY={key} prints every one"
            report.details += [
                "    " + line for line in trace_entry(key, expected[key], records, raw_root, CHAIN_RECORDS, more)
            ]


def compare_records(expected: pd.DataFrame, found: pd.DataFrame, ids: set[str] | None, raw_root: Path, report):
    """records.csv, record by record (only `ids` when given), each difference with its chain."""
    if list(found.columns) != list(expected.columns):
        report.differing_records.append("(columns)")
        report.details.append(f"- records.csv columns: expected {list(expected.columns)}, found {list(found.columns)}")
        return
    counts = found["record_id"].value_counts()
    want = expected.set_index("record_id", drop=False)
    got = found.drop_duplicates("record_id").set_index("record_id", drop=False)
    scope = sorted(set(want.index) | set(got.index)) if ids is None else sorted(set(ids))
    report.records = len(scope)
    for rid in scope:
        if rid not in got.index:
            what = ["in the recomputation, missing from records.csv"]
            chain = trace_record(want.loc[rid].to_dict(), raw_root)
        elif rid not in want.index:
            row = got.loc[rid]
            what = ["in records.csv, but the recomputation has no such record"]
            chain = [f"    records.csv says: {row['source_file']} at {row['source_locator']}"]
        else:
            a, b = want.loc[rid], got.loc[rid]
            what = [f"{c}: expected {short(a[c])}, found {short(b[c])}" for c in want.columns if a[c] != b[c]]
            if counts.get(rid, 0) > 1:
                what.append(f"listed {counts[rid]} times")
            chain = trace_record(a.to_dict(), raw_root)
        if not what:
            continue
        report.differing_records.append(rid)
        if len(report.differing_records) <= LISTED:
            report.details += [f"- record {rid}: " + "; ".join(what), *chain]
    if len(report.differing_records) > LISTED:
        report.details.append(f"  ... {len(report.differing_records) - LISTED} more differing records")


def check_raw(settings: Settings, editions: list[str], report: Verification) -> None:
    """Every file SHA256SUMS lists, in the edition and the editions it compares with:
    present and unchanged, none unlisted, no symbolic link (the input check's own tests)."""
    for edition in editions:
        root = settings.raw_dir / edition
        problems: list[Problem] = []
        report.raw_files += len(read_manifest(root, []))
        check_no_links(root, problems)
        check_manifest(root, problems)
        prefix = "" if edition == report.edition else f"(edition {edition}) "
        report.raw_problems += [Problem(prefix + p.file, p.what, p.fix) for p in problems]


def recompute_quietly(settings: Settings, edition: str) -> tuple[dict, pd.DataFrame]:
    """(numbers.json, records.csv) as the workflow computes them from raw/, in a temporary
    folder that is gone afterwards."""
    with tempfile.TemporaryDirectory(prefix="verify-") as work:
        out = recompute(settings, edition, Path(work))
        return json.loads((out / "numbers.json").read_text(encoding="utf-8")), read_csv(out / "records.csv")


def read_found(numbers_file: Path, records_file: Path) -> tuple[dict, pd.DataFrame]:
    """The results to check; a number that is not an entry (a hand edit) becomes {value}."""
    numbers = json.loads(numbers_file.read_text(encoding="utf-8"))
    records = read_csv(records_file)
    numbers = numbers if isinstance(numbers, dict) else {}
    return {k: v if isinstance(v, dict) else {"value": v} for k, v in numbers.items()}, records


def compare(report: Verification, expected: tuple, found: tuple, raw_root: Path) -> None:
    """Every number (or KEY's) and every record (or KEY's) of `found` against `expected`,
    each (numbers.json, records.csv); the differences go to report.details."""
    (numbers, records), (found_numbers, found_records) = expected, found
    key = report.key
    keys = [key] if key else sorted(set(numbers) | set(found_numbers))
    report.numbers = len(keys)
    report.inputs = differing_inputs(
        {k: numbers[k] for k in keys if k in numbers}, {k: found_numbers[k] for k in keys if k in found_numbers}
    )
    if report.inputs:
        report.details.append("- numbers.json was computed from other inputs than the recomputation:")
        report.details += [f"    {line}" for line in report.inputs]
    indexed = records.set_index("record_id", drop=False)
    compare_numbers(numbers, found_numbers, keys, indexed, raw_root, report)
    ids = None
    if key:
        found_ids = found_numbers[key].get("record_ids")
        ids = set(found_ids if isinstance(found_ids, list) else []) | set(numbers.get(key, {}).get("record_ids", []))
    compare_records(records, found_records, ids, raw_root, report)
    if key:
        report.lines.append(f"the chain of {key}, as recomputed from {raw_root}/:")
        chain = trace_entry(key, numbers[key], indexed, raw_root) if key in numbers else ["(not recomputed)"]
        report.lines += ["  " + line for line in chain]


def verify(settings: Settings, edition: str, key: str | None = None) -> Verification:
    """Check raw/<edition>/ against SHA256SUMS, recompute, compare. The report's text is in
    .lines; .ok only when every check agrees."""
    started = time.perf_counter()
    report = Verification(edition, key)
    raw_root, results = settings.raw_dir / edition, settings.results_dir / edition
    numbers_file, records_file = results / "numbers.json", results / "records.csv"
    missing = [p.name for p in (numbers_file, records_file) if not p.is_file()]
    if missing:
        report.reason = f"{' and '.join(missing)} missing from the results"
        report.lines.append(
            f"NOT VERIFIED: {results}/ has no {' and no '.join(missing)}: nothing to check "
            f"(build it first: make report EDITION={edition})"
        )
        return report
    manifest = raw_root / "SHA256SUMS"
    report.manifest_sha256 = sha256_file(manifest) if manifest.is_file() else ""
    editions = editions_to_recompute(settings.raw_dir, edition)
    check_raw(settings, editions, report)
    where = " and ".join(f"{settings.raw_dir / e}/" for e in editions)
    state = "present and unchanged, none unlisted" if not report.raw_problems else "NOT as listed"
    report.lines.append(f"raw files: {report.raw_files} listed in SHA256SUMS of {where}: {state}")
    if report.raw_problems:
        report.reason = "raw files differ from SHA256SUMS"
        report.lines += [
            f"NOT VERIFIED: {raw_root}/ is not the edition its SHA256SUMS pins ({len(report.raw_problems)} "
            "problem(s)), so nothing was recomputed:",
            *(p.line() for p in report.raw_problems),
        ]
        return report
    report.checked = {p.name: sha256_file(p) for p in (numbers_file, records_file)}
    try:
        found = read_found(numbers_file, records_file)
    except (ValueError, pd.errors.ParserError) as exc:  # not what the build writes
        report.result, report.reason = "differs", "numbers.json or records.csv cannot be read"
        report.lines.append(f"NOT VERIFIED: {numbers_file} or {records_file} is not what a build writes: {exc}")
        return report
    if key and key not in found[0]:
        close = difflib.get_close_matches(key, list(found[0]), n=5, cutoff=0.5)
        report.reason = f"no number {key} in numbers.json"
        report.lines.append(
            f"NOT VERIFIED: no number '{key}' in {numbers_file}"
            + (f"; did you mean {', '.join(close)}?" if close else "; make trace lists a number's key (KEY=...)")
        )
        return report
    try:
        expected = recompute_quietly(settings, edition)
    except RecomputeFailed as exc:  # the build stops here too: what it said
        report.reason = "the raw edition does not build"
        report.lines += [
            f"NOT VERIFIED: {raw_root}/ does not build, as the build itself would say "
            "(a build with allow_problems=true is verified with ALLOW_PROBLEMS=1):",
            str(exc),
        ]
        return report
    report.seconds = time.perf_counter() - started
    compare(report, expected, found, raw_root)
    scope = key or f"{report.numbers} numbers"
    report.lines += [
        f"numbers: {scope} of {numbers_file} compared with the recomputation: {len(report.differing_numbers)} differ",
        f"records: {report.records} of {records_file} compared: {len(report.differing_records)} differ",
        *report.details,
    ]
    if report.differing_numbers or report.differing_records or report.inputs:
        report.result, report.reason = "differs", "results differ from what the raw edition gives"
        report.lines.append(
            f"NOT VERIFIED: {results}/ differs from what {raw_root}/ gives "
            f"({counted(report.differing_numbers, 'number')}, {counted(report.differing_records, 'record')}, "
            f"{counted(report.inputs, 'input')} differ; expected = recomputed from raw, found = in {results}/)"
        )
    else:
        report.result = "agrees"
        report.lines.append(
            f"VERIFIED: {scope} and {report.records} records of {results}/ agree with {raw_root}/ "
            f"(recomputed in {report.seconds:.0f} s)"
        )
    return report
