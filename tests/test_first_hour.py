"""A new user's first hour: the mistakes people make with the Makefile and the commands
that read a build end in one message from the project, with the fix, and exit status 2;
nothing from older inputs looks current."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from policebreaches import cli, staleness

from conftest import REPO, sandbox

WRAPPER_WORDS = ("Traceback", "Exception", "Error in file", "WorkflowError", "RuleException")


def make(*arguments: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """make in `cwd` with the shared venv, never reinstalled (-o: its stamp counts as done)."""
    venv = REPO / ".venv"
    stamps = ["-o", f"{venv}/.installed", "-o", f"{venv}/.installed-dev"]
    command = ["make", "-s", *stamps, *arguments, f"VENV={venv}"]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def said(done: subprocess.CompletedProcess) -> str:
    text = done.stdout + done.stderr
    assert not [word for word in WRAPPER_WORDS if word in text], text
    return text


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["report", "EDITON=2017"], "unknown make variable EDITON (did you mean EDITION?)"),
        (["trace", "KEYS=breaches.total"], "unknown make variable KEYS (did you mean KEY?)"),
        (["trace", "EDITION=2018", "KEY=breaches.total"], "edition 2018 has not been built"),
        (["new-edition", "EDITION=2019", "FROM=2015"], "raw/2015 does not exist: FROM must be an edition folder"),
    ],
)
def test_a_make_mistake_is_named_with_its_fix_and_exit_status_2(arguments, message, tmp_path):
    done = make(*arguments, cwd=sandbox(tmp_path))
    assert done.returncode == 2 and message in said(done), done.stdout + done.stderr


OLD_TOTAL = 7654321  # a number of the old build that must never be printed as current


def old_build(results: Path) -> None:
    """The outputs a finished build leaves, in miniature."""
    (results / "tables").mkdir(parents=True)
    (results / "logs").mkdir()
    (results / "numbers.json").write_text(json.dumps({"breaches.total": {"value": OLD_TOTAL}}), encoding="utf-8")
    (results / "records.csv").write_text("record_id\nabc\n", encoding="utf-8")
    (results / "tables" / "table1.csv").write_text("total,7\n", encoding="utf-8")
    (results / "report.pdf").write_bytes(b"%PDF- old")


def test_a_stopped_build_sets_every_output_aside_and_a_finished_one_clears_them(tmp_path):
    results = tmp_path / "results" / "2016"
    old_build(results)
    assert "set aside in" in staleness.set_aside(results)
    assert sorted(p.name for p in results.iterdir()) == ["logs", "stale"]
    assert (results / "stale" / "tables" / "table1.csv").read_text(encoding="utf-8") == "total,7\n"
    assert "STALE" in (results / "stale" / "README.txt").read_text(encoding="utf-8")

    (results / "accuracy.csv").write_text("partial\n", encoding="utf-8")  # a second run stops too
    assert "still set aside" in staleness.set_aside(results)
    assert sorted(p.name for p in results.iterdir()) == ["logs", "stale"]
    assert (results / "stale" / "numbers.json").is_file(), "the last build that finished was lost"
    assert not (results / "stale" / "accuracy.csv").exists()

    (results / "report.stale.pdf").write_bytes(b"%PDF- from an older version of the pipeline")
    staleness.clear(results)  # a build finished
    assert sorted(p.name for p in results.iterdir()) == [".finished", "logs"]

    old_build(results / "next")  # then stops: the finished build becomes the stale set, never nested
    staleness.set_aside(results)
    assert not (results / "stale" / "stale").exists() and (results / "stale" / "next").is_dir()
    assert not (results / "stale" / ".finished").exists()


def test_a_finished_build_keeps_only_the_verification_records_of_its_own_numbers(tmp_path):
    results = tmp_path / "2016"
    old_build(results)
    current = hashlib.sha256((results / "numbers.json").read_bytes()).hexdigest()
    for name, sha in (("verification.json", current), ("verification.breaches.pnc.json", "0" * 64)):
        (results / name).write_text(json.dumps({"checked_files_sha256": {"numbers.json": sha}}), encoding="utf-8")
    staleness.clear(results)
    assert (results / "verification.json").is_file(), "a record of these very numbers stays"
    assert not (results / "verification.breaches.pnc.json").exists(), "a record of other numbers goes"


def test_trace_and_review_refuse_a_stale_build_with_what_to_do(tmp_path, capsys):
    results = tmp_path / "results" / "2016"
    old_build(results)
    staleness.set_aside(results)
    for command in (["trace", "--key", "breaches.total"], ["review-sheet"]):
        status = cli.main([*command, "--edition", "2016", "--results", str(tmp_path / "results")])
        err = capsys.readouterr().err
        assert status == 2, err
        assert "the last build stopped before it finished" in err and "stale" in err
        assert str(OLD_TOTAL) not in err


def test_verify_of_one_key_never_overwrites_the_full_verification_record():
    assert cli.verification_name(None) == "verification.json"
    assert cli.verification_name("breaches.pnc") == "verification.breaches.pnc.json"


def test_a_scaffolded_edition_has_the_coding_columns_review_writes(tmp_path):
    from policebreaches.review import CODING_COLUMNS
    from policebreaches.scaffold import scaffold_edition

    raw = sandbox(tmp_path) / "raw"
    scaffold_edition(raw, "2016", "2017")
    header = (raw / "2017" / "overrides" / "coding.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == CODING_COLUMNS and "date" in header


def test_tests_copy_only_the_projects_own_files(tmp_path):
    """A user's own edition (untracked, under raw/) and results never reach a test's copy."""
    from conftest import project_files

    names = {p.as_posix() for p in project_files()}
    assert "Snakefile" in names and "raw/2016/requests.csv" in names
    assert not [n for n in names if n.startswith(("results/", ".venv/", ".snakemake/"))]
    listed = subprocess.run(["git", "ls-files", "-z", "raw"], cwd=REPO, capture_output=True, text=True).stdout
    tracked = listed.split("\0")
    assert {n for n in names if n.startswith("raw/")} <= set(tracked)
