"""Shared fixtures: one real build of the sample edition, reused by the backtest,
report and trace tests, and recorded by an audit hook for test_declared_reads.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))  # the sample generator (scripts/sample_edition/), a tool, not the package
OPENED = "opened-files"  # beside results/<edition> of the shared build


def run_pipeline(
    results_dir: Path,
    edition: str = "2016",
    raw_dir: Path | None = None,
    *extra: str,
    check: bool = True,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Snakemake's `all` for one edition; `env` adds environment variables (the jobs inherit them)."""
    config = [f"edition={edition}", f"results_dir={results_dir}"]
    if raw_dir:
        config.append(f"raw_dir={raw_dir}")
    done = subprocess.run(
        # --nolock: tests run builds side by side in this one working directory, each into its own
        # results folder; Snakemake's unlock removes the whole .snakemake/locks folder, so a build
        # that finishes can take a neighbour's lock folder away as it writes there (FileNotFoundError)
        [sys.executable, "-m", "snakemake", "--cores", "2", "--nolock", "all", "--config", *config, *extra],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    if check and done.returncode:
        raise AssertionError(f"snakemake failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


def shared_folder(tmp_path_factory) -> Path:
    """A folder this test run's processes share: with pytest-xdist (make test runs on every
    core) each worker has its own base folder under the run's; without it, the run's own."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


SHARED_BUILD = "shared-build"
BUILD_FIXTURES = {"built", "built_console", "opened_files"}  # (fixturenames holds those they depend on too)


def build_shared(shared: Path) -> None:
    """The shared build of raw/2016 into `shared`, unless a process of this test run made it;
    the caller holds the lock."""
    results, console = shared / SHARED_BUILD, shared / f"{SHARED_BUILD}.console"
    if console.is_file():
        return
    shutil.rmtree(results, ignore_errors=True)
    (results / OPENED).mkdir(parents=True)
    audit = {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "tests" / "audit"), os.environ.get("PYTHONPATH")])),
        "POLICEBREACHES_AUDIT_DIR": str(results / OPENED),
    }
    done = run_pipeline(results, "2016", None, "--logger", "brief", env=audit, check=False)
    if done.returncode:  # every test that uses the build fails, saying why
        (shared / f"{SHARED_BUILD}.failed").write_text(
            f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}", encoding="utf-8"
        )
    console.write_text(done.stdout + done.stderr, encoding="utf-8")


def pytest_collection_modifyitems(config, items) -> None:
    """Modules that use the shared build run last (pytest-xdist hands out whole modules in
    this order), so the rest of the suite runs while it is built."""
    needs = {item.module.__name__ for item in items if BUILD_FIXTURES & set(item.fixturenames)}
    items.sort(key=lambda item: item.module.__name__ in needs)


def pytest_configure(config) -> None:
    """A pytest-xdist worker yields the processor to the shared build (which the controller
    runs at normal priority): the build is what the tests that need it wait for, so it goes
    first and the other tests fill the time left over."""
    if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("PYTEST_XDIST_TESTRUNUID"):
        os.nice(10)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session) -> None:
    """The whole suite under pytest-xdist: the controller starts the shared build before the
    workers start (it holds the build's lock until it is done), so the build runs beside the
    tests that do not need it instead of keeping a worker waiting."""
    import fcntl
    import threading

    config = session.config
    whole = config.args_source.name == "TESTPATHS"
    if not whole or os.environ.get("PYTEST_XDIST_WORKER") or not getattr(config.option, "numprocesses", None):
        return
    shared = config._tmp_path_factory.getbasetemp()  # the workers' shared_folder
    lock = open(shared / f"{SHARED_BUILD}.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)

    def build_then_release() -> None:
        try:
            build_shared(shared)
        finally:
            lock.close()

    threading.Thread(target=build_then_release, daemon=True).start()


@pytest.fixture(scope="session")
def built_console(tmp_path_factory) -> tuple[Path, str]:
    """results/<edition> of a clean build of raw/2016, and what `make report`'s console
    (Snakemake with --logger brief) printed while building it. Every Python process of the
    build records the files it opens beside the results (see `opened_files`). Built once per
    test run: by the controller at the start of a whole run under pytest-xdist, else by the
    first worker to ask, while the others wait on the lock."""
    import fcntl

    shared = shared_folder(tmp_path_factory)
    with open(shared / f"{SHARED_BUILD}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        build_shared(shared)
    failed = shared / f"{SHARED_BUILD}.failed"
    if failed.is_file():
        raise AssertionError(f"snakemake failed:\n{failed.read_text(encoding='utf-8')}")
    return shared / SHARED_BUILD / "2016", (shared / f"{SHARED_BUILD}.console").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def opened_files(built_console) -> Path:
    """One <pid>.jsonl per Python process of the shared build (Snakemake's own and each job's):
    every file it opened, recorded by tests/audit/sitecustomize.py."""
    return built_console[0].parent / OPENED


@pytest.fixture(scope="session")
def built(built_console) -> Path:
    """results/<edition> of a clean build of raw/2016."""
    return built_console[0]


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def truth() -> pd.DataFrame:
    return read(REPO / "tests" / "truth" / "2016" / "incidents.csv")


def project_files() -> list[Path]:
    """The project's own files, relative to REPO: what git tracks, plus new files not yet
    added outside raw/ (work in progress). Never the user's own editions under raw/, nor
    results/, .venv or build state: a test must not depend on what a user has built."""
    import subprocess

    def listed(*flags: str) -> list[str]:
        done = subprocess.run(["git", "ls-files", "-z", *flags], cwd=REPO, capture_output=True, check=True)
        return [name for name in done.stdout.decode("utf-8").split("\0") if name]

    untracked = [name for name in listed("--others", "--exclude-standard") if not name.startswith("raw/")]
    return [Path(name) for name in sorted({*listed("--cached"), *untracked}) if (REPO / name).is_file()]


def sandbox(tmp_path: Path) -> Path:
    """A copy of the project's own files (project_files), modification times kept so the
    shared .venv's install stamp stays current: for tests that edit tracked files."""
    copy = tmp_path / "project"
    for name in project_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, copy / name)
    return copy


SUITE: dict[str, int | bool] = {}  # what this session runs, for README's test count (test_readme.py)


def pytest_collection_finish(session) -> None:
    config = session.config
    SUITE["whole_fast_suite"] = config.args_source.name == "TESTPATHS" and config.option.markexpr == "not slow"
    SUITE["tests"] = len(session.items)


@pytest.fixture(scope="session")
def second_opinion():
    """The build's second opinion (the codebook's learner, trained on every corpus incident
    file's dev rows), trained once per test session (per worker under xdist): training is a
    large part of the suite's time."""
    from policebreaches.classify import default_codebook
    from policebreaches.second_opinion import train

    book = default_codebook()
    corpus = pd.concat([read(p) for p in sorted((REPO / "tests" / "corpus").glob("incidents*.csv"))])
    return train(corpus, book.second_opinion_threshold, book.second_opinion_learner)
