"""Every command README.md shows (code blocks and inline code) runs as written, in a
copy of the project (no test writes into tracked files). Commands that cannot run
inside the test suite are listed with the reason, so a new README command must be
placed in one list or the other."""

import json
import re
import shutil
import subprocess

import pytest

from conftest import REPO, sandbox

COMMAND = re.compile(r"^(make|snakemake|python|sudo|apt-get)\b")
PLACEHOLDERS = {"<id>": "2016", "<edition>": "2016"}
NOT_RUN_HERE = {  # command -> why the suite does not run it
    "make test": "the suite itself (CI runs it: .ci/run)",
    "make test-slow": "runs this test (CI runs it: .ci/run)",
    "make check-reproducible": "two clean builds; CI runs it (.ci/run)",
    "make bench": "about 30 minutes; its results are recorded in bench/RESULTS.md",
    "make bench SCALES=1,10 RUNS=3": "minutes of benchmarking; results in bench/RESULTS.md",
    "make review EDITION=2016 CODER=AB": "interactive (test_review.py walks the queue with scripted answers)",
    "make review": "interactive (test_review.py walks the queue with scripted answers)",
    "make review-import": "needs FILE=<a filled sheet> (test_review.py fills one and imports it)",
    "make review-import EDITION=2016 FILE=results/2016/review-sheet.xlsx": (
        "needs a filled sheet (test_review.py fills one and imports it into a copy of the edition)"
    ),
    "make bench-big-files": "about 8 minutes of building 50 MB responses; results in bench/RESULTS.md",
    "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0": (
        "system packages (CI installs them from envs/system-packages.txt; make system-check checks them)"
    ),
    "make crossval": "five minutes of cross-validation; its tables are committed in docs/crossval/ (test_policy.py "
    "checks that the codebook's decision policy is the one they chose)",
    "make coding-import EDITION=2016 FILE=results/2016/coding-sample.xlsx": (
        "needs a sheet a person filled in (test_coding.py fills one and imports it)"
    ),
    "make lock": "asks the package index (network); the lock files it writes are committed and installed by make",
    "make first-hour": "a fresh clone, a fresh venv and the whole fast suite (minutes); it writes README's sentence",
    "make report LIMITS='{\"max_rows\": 10}'": "a build that stops on purpose (test_console.py checks nested limits)",
    "snakemake --profile profiles/slurm --config edition=2016": "needs a SLURM cluster (dry run: test_workflow.py)",
    "snakemake --use-conda": "needs conda (envs/pipeline.yaml is derived by 'make envs', run here)",
}
RECOMPUTES = {  # commands another fast test runs already (the same code, on the shared build): run in the slow suite
    "make verify": "test_verify.py recomputes the build from raw/ (slow suite: about 20 s each)",
    "make verify KEY=breaches.pnc": "test_verify.py verifies one key and prints its chain (slow suite)",
    "make validate-crate EDITION=2016": "test_crate.py validates the shared build's crate with cli.main",
}
BUILDS = {
    "make report",
    "make report EDITION=2016",
    "make report EDITION=2017",
    "snakemake --cores 2 --config edition=2016",
    "make workflow-report EDITION=2016",
}


def readme_commands() -> list[str]:
    """Commands in README's indented code blocks and inline code, in order, placeholders filled."""
    found = []
    for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines():
        candidates = [line.strip().split("  #")[0].strip()] if line.startswith("    ") else []
        candidates += re.findall(r"`([^`]+)`", line)
        for text in candidates:
            if COMMAND.match(text):
                for placeholder, value in PLACEHOLDERS.items():
                    text = text.replace(placeholder, value) if "<stage>" not in text else text
                found.append(text)
    return list(dict.fromkeys(found))


def run(command: str, cwd) -> subprocess.CompletedProcess:
    venv = REPO / ".venv"
    if command.startswith("make"):  # the shared venv, never reinstalled from the copy (-o: its stamp counts as done)
        stamps = f"-o {venv}/.installed -o {venv}/.installed-dev"
        command = command.replace("make", f"make {stamps}", 1) + f" VENV={venv}"
    elif command.startswith(("snakemake", "python")):
        command = f"{venv}/bin/{command}"
    return subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, timeout=900)


def test_every_readme_command_is_run_or_has_a_reason():
    commands = readme_commands()
    assert "make report" in commands and "make trace RECORD=5a86fd866d21dd29" in commands
    fast = [c for c in commands if c not in NOT_RUN_HERE and c not in BUILDS and c not in RECOMPUTES]
    assert fast, commands
    assert set(RECOMPUTES) <= set(commands), set(RECOMPUTES) - set(commands)
    assert set(NOT_RUN_HERE) <= set(commands), set(NOT_RUN_HERE) - set(commands)  # no stale reasons


def run_on_the_build(built, tmp_path, commands: list[str]) -> None:
    project = sandbox(tmp_path)
    shutil.copytree(built, project / "results" / "2016")
    for command in commands:
        done = run(command, project)
        assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        assert "Traceback" not in done.stdout + done.stderr, command
        if command.startswith("make trace RECORD="):
            assert "sheet=Data row=5" in done.stdout and "by rule" in done.stdout, done.stdout
        if command == "make verify":  # the sample's build, recomputed from raw/2016 alone, agrees
            numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
            agree = f"VERIFIED: {len(numbers)} numbers and {numbers['records.kept']['value']} records of results/2016/"
            assert agree in done.stdout, done.stdout
        if command == "make verify KEY=breaches.pnc":  # and the number's whole chain, each of its 25 records
            assert done.stdout.count("    raw: responses/") == 25 and "VERIFIED: breaches.pnc" in done.stdout
    if "make envs" in commands:
        assert (project / "envs" / "pipeline.yaml").read_bytes() == (REPO / "envs" / "pipeline.yaml").read_bytes(), (
            "envs/pipeline.yaml is stale: run 'make envs'"
        )


def test_readme_commands_that_read_a_build(built, tmp_path):
    skipped = {**NOT_RUN_HERE, **RECOMPUTES}.keys() | BUILDS
    run_on_the_build(built, tmp_path, [c for c in readme_commands() if c not in skipped])


@pytest.mark.slow
def test_readme_commands_that_recompute_a_build(built, tmp_path):
    run_on_the_build(built, tmp_path, [c for c in readme_commands() if c in RECOMPUTES])


@pytest.mark.slow
def test_readme_commands_that_build(tmp_path):
    project = sandbox(tmp_path)
    for command in readme_commands():
        if command in BUILDS or command.startswith(("make new-edition", "make bless")):
            done = run(command, project)
            assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert (project / "results" / "2016" / "report.pdf").is_file()
    assert (project / "results" / "2017" / "report.pdf").is_file()
    assert (project / "results" / "2016" / "workflow-report.html").is_file()


def test_readme_states_the_first_hour_as_measured(built_console):
    """README's sentence about the Quick start is the one bench/first_hour.py wrote from its
    record, and that record still describes the project: the same number of fast tests and the
    lines `make report` prints on a fresh clone (install 3, system check 1, the build, the path)."""
    import sys

    from conftest import SUITE

    sys.path.insert(0, str(REPO / "bench"))
    import first_hour

    record = json.loads(first_hour.RECORD.read_text(encoding="utf-8"))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split(first_hour.BEGIN, 1)[1].split(first_hour.END, 1)[0].strip()
    assert block == first_hour.sentence(record), "README's figures are not the record's: make first-hour"
    build_lines = [line for line in built_console[1].strip().splitlines() if not line.startswith("Using workflow")]
    assert record["make_report_lines"] == 3 + 1 + len(build_lines) + 1, "make report prints more or fewer lines now"
    if not SUITE.get("whole_fast_suite"):
        pytest.skip("only a run of the whole fast suite (make test) can count itself")
    assert record["tests_run"] == SUITE["tests"], "the fast suite has grown or shrunk since: make first-hour"
