"""Declared means read: every file a stage (a Snakemake job) opens is a declared input,
output, log or benchmark of its job, and changing a file re-runs exactly the jobs that read it.

A rule's input list is a promise that nothing checks: a stage that opens one more file
(a resource, an edition file, a font) still builds, but Snakemake does not re-run it when
that file changes, and the report goes stale without anyone noticing. These tests compare
the promise with what the job processes really did:

- the shared build of raw/2016 (conftest's `built_console`) runs with tests/audit/ on
  PYTHONPATH, whose sitecustomize.py installs an audit hook in every Python process and
  records each file it opens (conftest's `opened_files`);
- what each job declares comes from Snakemake itself: its dry-run listing of every job
  (`snakemake --dry-run --forceall`: rule, wildcards, input, output, log, benchmark), never
  from reading rules/*.smk;
- each recorded process is matched to the one job whose output or log files it wrote.

An audit hook sees what Python opens, not what C libraries (fontconfig, Pango) or other
programs (git) open: those reads are not checked here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pytest

from conftest import REPO, sandbox

# What a job may open without declaring it, and why.
INTERPRETER = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}  # stdlib, the venv's site-packages
CODE_FOLDERS = [REPO / "policebreaches", REPO / "snakemake_logger_plugin_brief"]  # their .py (and bytecode) only
# the editable install's metadata (entry points, version): importlib.metadata reads it when a
# library (scikit-learn) looks for installed distributions; it holds no data of ours
PACKAGE_METADATA = REPO / "policebreaches.egg-info"
SYSTEM = {
    Path("/dev"): "a device (/dev/null, /dev/urandom)",
    Path("/proc"): "the kernel's view of the process",
    Path("/sys"): "the kernel's view of the machine",
    Path(matplotlib.get_configdir()).resolve(): "matplotlib's own configuration",
    Path(matplotlib.get_cachedir()).resolve(): "matplotlib's font cache, which it writes itself",
}
SYSTEM_READS = {  # read only
    Path("/etc"): "system configuration (mime.types, localtime)",
    Path("/usr/share/zoneinfo"): "the system's time-zone database",
}


def dry_run(workdir: Path, *options: str) -> dict[str, dict[str, str]]:
    """The jobs `snakemake --dry-run` lists, by 'rule[wildcards]': for each, the fields
    Snakemake prints ('input', 'output', 'log', 'benchmark', 'reason', ...) as printed."""
    done = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "1", "all", "--dry-run", *options],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    listed = []
    for line in done.stdout.splitlines():
        if line.startswith(("rule ", "localrule ")) and line.endswith(":"):
            listed.append({"rule": line.split()[1][:-1]})
        elif listed and line.startswith("    ") and ": " in line:
            key, value = line.strip().split(": ", 1)
            listed[-1][key] = value
    return {f"{job['rule']}[{job.get('wildcards', '')}]": job for job in listed}


def paths(text: str, workdir: Path) -> set[Path]:
    """A list of files as Snakemake prints it: joined by ', ' (no file here has ', ' in its
    name), each relative to Snakemake's working directory or absolute."""
    return {(workdir / name).resolve() for name in text.split(", ")} if text else set()


def files(job: dict[str, str], workdir: Path, *keys: str) -> set[Path]:
    return set().union(*(paths(job.get(key, ""), workdir) for key in keys))


def updated_inputs(job: dict[str, str], workdir: Path) -> set[Path]:
    """The files a job is scheduled for because they changed ('Updated input files: ...'), not
    because another job will rewrite them ('Input files updated by another job: ...')."""
    prefix = "Updated input files: "
    reasons = job.get("reason", "").split("; ")
    return set().union(*(paths(r.removeprefix(prefix), workdir) for r in reasons if r.startswith(prefix)))


@dataclass
class Opened:
    read: bool = False
    write: bool = False
    created: bool = False  # the process's first open of the file wrote it

    def __str__(self) -> str:
        return "+".join(mode for mode, done in (("read", self.read), ("write", self.write)) if done)


@dataclass
class Audit:
    jobs: dict[str, dict[str, str]]  # Snakemake's listing of the build's jobs (see dry_run)
    declared: dict[str, set[Path]]  # job -> its input, output, log and benchmark files
    opened: dict[str, dict[Path, Opened]]  # job (or unmatched process) -> the files its process opened


@pytest.fixture(scope="module")
def audit(built, opened_files) -> Audit:
    """The shared build's jobs as Snakemake lists them (forced dry run, same config), and the
    files each job's process opened, from the records of tests/audit/sitecustomize.py."""
    jobs = dry_run(REPO, "--forceall", "--config", "edition=2016", f"results_dir={built.parent}")
    declared = {name: files(job, REPO, "input", "output", "log", "benchmark") for name, job in jobs.items()}
    result = Audit(jobs, declared, {})
    for record in sorted(opened_files.glob("*.jsonl")):
        process, *opens = [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]
        if process["argv"][1:3] == ["-m", "snakemake"]:
            continue  # Snakemake itself (conftest runs it so): it reads the Snakefile and the edition to plan
        opened: dict[Path, Opened] = {}
        for o in opens:
            path = Path(o["path"]).resolve()
            entry = opened.setdefault(path, Opened(created=o["write"]))
            entry.read |= o["read"]
            entry.write |= o["write"]
        written = {path for path, entry in opened.items() if entry.write}
        owners = [name for name, job in jobs.items() if written & files(job, REPO, "output", "log")]
        name = owners[0] if len(owners) == 1 else f"process {process['pid']} {process['argv'][1:4]} (jobs {owners})"
        result.opened.setdefault(name, {}).update(opened)
    return result


def why_not_allowed(path: Path, opened: Opened, declared: set[Path] | None) -> str | None:
    """None when a job may open `path`, else why it may not (declared is None: not a job)."""
    if declared is not None and path in declared:
        return None
    if declared is not None and any(path.is_relative_to(d) for d in declared if d.is_dir()):
        return None  # inside a directory() output, such as the audit page's data shards
    if path.is_dir():
        return None  # a folder opened to list it or for an anonymous temporary file (O_TMPFILE)
    if any(path.is_relative_to(prefix) for prefix in INTERPRETER):
        return None
    if any(path.is_relative_to(folder) for folder in CODE_FOLDERS) and path.suffix in (".py", ".pyc"):
        return None
    if any(path.is_relative_to(location) for location in SYSTEM):
        return None
    if not opened.write and path.is_relative_to(PACKAGE_METADATA):
        return None
    if not opened.write and any(path.is_relative_to(location) for location in SYSTEM_READS):
        return None
    if opened.created and not path.exists():
        return None  # a temporary file: this process created it and it was gone after the build
    if declared is None:
        return "opened by a process that is not exactly one job"
    if any(path.is_relative_to(folder) for folder in CODE_FOLDERS):
        return "package data, not code: it must be a declared input"
    if opened.created:
        return "a file the job leaves behind that is not a declared output or log"
    return "not a declared input, output or log of this job"


def shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def test_jobs_open_only_declared_files(audit):
    """Run under an audit hook, every job opens only its declared inputs, outputs and log,
    besides the interpreter, the package's code, the system locations in SYSTEM and SYSTEM_READS
    (each with its reason) and temporary files it made itself. One line per undeclared open."""
    unseen = [name for name, job in audit.jobs.items() if job.get("output") and name not in audit.opened]
    assert not unseen, f"jobs that ran without the audit hook (environment not passed on?): {unseen}"
    problems = [
        f"{name}: {entry} {shown(path)}: {why}"
        for name, opened in sorted(audit.opened.items())
        for path, entry in sorted(opened.items())
        if (why := why_not_allowed(path, entry, audit.declared.get(name)))
    ]
    assert not problems, f"{len(problems)} undeclared opens:\n" + "\n".join(problems)


# Files a researcher or a developer edits between builds. report/captions/*.rst are skipped:
# only `snakemake --report` (Snakemake's own process) reads them, no job does.
CAPTIONS = Path("report", "captions")
EDITED = sorted(
    str(path.relative_to(REPO))
    for folder in ("policebreaches/resources", "report", "raw/2016")
    for path in (REPO / folder).rglob("*")
    if path.is_file() and "__pycache__" not in path.parts
)


def copy_of_build(built: Path, folder: Path) -> Path:
    """The project's own files (conftest.sandbox) with the shared build as its results/2016;
    modification times kept (copy2), so Snakemake finds it up to date."""
    project = sandbox(folder.resolve())
    shutil.copytree(built, project / "results" / "2016")
    shutil.copytree(built.parent / "corpus", project / "results" / "corpus")  # what every edition shares
    assert not dry_run(project, "--config", "edition=2016"), "the copy of the build is out of date before any change"
    return project


def rerun_because_of(project: Path, names: list[str]) -> dict[str, set[str]]:
    """For each of `names` (files of `project` changed since its build): the jobs Snakemake
    schedules because that file changed.

    A dry run names, for each job it schedules for its own inputs, each of them that is newer
    than its outputs ('Updated input files: ...'), so one run answers for several files. But it
    looks only at the first jobs to re-run: a job downstream of one is scheduled for its inputs
    'updated by another job' without its own being looked at. So the dry run is repeated, each
    time with the outputs (and benchmark) of those first jobs touched as if they had re-run,
    until nothing is left to do: each round settles the next layer of the graph."""
    changed = {project / name: name for name in names}
    found: dict[str, set[str]] = {name: set() for name in names}
    while jobs := dry_run(project, "--config", "edition=2016"):
        first = {name: paths for name, job in jobs.items() if (paths := updated_inputs(job, project))}
        assert first, f"jobs scheduled for no changed input of theirs: {sorted(jobs)}"
        for name, paths in first.items():
            for path in paths & changed.keys():
                found[changed[path]].add(name)
            for output in files(jobs[name], project, "output", "benchmark"):  # Snakemake compares both
                output.touch()
                if output.is_dir():  # a directory() output's time is its marker file's (Snakemake's own)
                    (output / ".snakemake_timestamp").touch()
    return found


@pytest.fixture(scope="module")
def rerun_because(built, tmp_path_factory) -> dict[str, set[str]]:
    """rerun_because_of every file of EDITED, all changed at once (one byte more each, and so
    a modification time newer than every output) in a copy of the project and its build."""
    project = copy_of_build(built, tmp_path_factory.mktemp("sandbox"))
    for name in EDITED:
        with open(project / name, "ab") as fh:
            fh.write(b"\n")
    return rerun_because_of(project, EDITED)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.skip(reason="captions are read only by `snakemake --report`, not by a job"))
        if Path(n).is_relative_to(CAPTIONS)
        else n
        for n in EDITED
    ],
)
def test_a_changed_file_reruns_exactly_the_jobs_that_opened_it(name, audit, rerun_because):
    """Nothing stale and nothing else: after a change to one file, Snakemake re-runs (because
    of that file) exactly the jobs whose processes opened it in the audited build, so at least
    one job when any job opened it, and none that did not."""
    opened_by = {job for job, opened in audit.opened.items() if REPO / name in opened}
    rerun = rerun_because[name]
    assert rerun == opened_by, (
        f"{name}: stale (opened, not re-run): {sorted(opened_by - rerun)}; "
        f"over-triggered (re-run, never opened it): {sorted(rerun - opened_by)}"
    )


def test_every_edition_file_the_build_opens_is_pinned_by_the_manifest(built, opened_files):
    """Whatever a process of the build opened in raw/2016 (Snakemake planning the jobs
    included) is SHA256SUMS itself or a file SHA256SUMS pins: nothing unpinned is read."""
    from policebreaches.edition import parse_manifest

    raw = (REPO / "raw" / "2016").resolve()
    pinned, problems = parse_manifest((raw / "SHA256SUMS").read_text(encoding="utf-8"))
    assert not problems
    pinned_paths = {(raw / name).resolve() for name in pinned} | {raw / "SHA256SUMS"}
    opened = set()
    for record in opened_files.glob("*.jsonl"):
        for line in record.read_text(encoding="utf-8").splitlines()[1:]:
            path = Path(json.loads(line)["path"]).resolve()
            if path.is_relative_to(raw) and not path.is_dir():
                opened.add(path)
    assert opened, "the audit recorded no read of the edition: is the hook installed?"
    assert opened <= pinned_paths, sorted(str(p.relative_to(raw)) for p in opened - pinned_paths)
    assert len(opened) > 40  # the register, edition.yaml, the request and every response
