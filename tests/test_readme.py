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

COMMAND = re.compile(r"^(make|snakemake|python|sudo)\b")
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
    "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0": (
        "system packages (CI installs them from envs/system-packages.txt; make system-check checks them)"
    ),
    "snakemake --profile profiles/slurm --config edition=2016": "needs a SLURM cluster (dry run: test_workflow.py)",
    "snakemake --use-conda": "needs conda (envs/pipeline.yaml is derived by 'make envs', run here)",
    "python -m policebreaches <stage> --<file option> ...": "a pattern, not a command (the rules run it)",
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
        command = command.replace("make", f"make -o {venv}/.installed", 1) + f" VENV={venv}"
    elif command.startswith(("snakemake", "python")):
        command = f"{venv}/bin/{command}"
    return subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, timeout=900)


def test_every_readme_command_is_run_or_has_a_reason():
    commands = readme_commands()
    assert "make report" in commands and "make trace RECORD=5a86fd866d21dd29" in commands
    fast = [c for c in commands if c not in NOT_RUN_HERE and c not in BUILDS]
    assert fast, commands
    assert set(NOT_RUN_HERE) <= set(commands), set(NOT_RUN_HERE) - set(commands)  # no stale reasons


def test_readme_commands_that_read_a_build(built, tmp_path):
    project = sandbox(tmp_path)
    shutil.copytree(built, project / "results" / "2016")
    for command in readme_commands():
        if command in NOT_RUN_HERE or command in BUILDS:
            continue
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
    assert (project / "envs" / "pipeline.yaml").read_bytes() == (REPO / "envs" / "pipeline.yaml").read_bytes(), (
        "envs/pipeline.yaml is stale: run 'make envs'"
    )


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
