"""Shared fixtures: one real build of the sample edition, reused by the backtest,
report and trace tests, and recorded by an audit hook for test_declared_reads.py."""

from __future__ import annotations

import os
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
        [sys.executable, "-m", "snakemake", "--cores", "2", "all", "--config", *config, *extra],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    if check and done.returncode:
        raise AssertionError(f"snakemake failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


@pytest.fixture(scope="session")
def built_console(tmp_path_factory) -> tuple[Path, str]:
    """results/<edition> of a clean build of raw/2016, and what `make report`'s console
    (Snakemake with --logger brief) printed while building it. Every Python process of the
    build records the files it opens beside the results (see `opened_files`)."""
    results = tmp_path_factory.mktemp("results")
    (results / OPENED).mkdir()
    audit = {
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "tests" / "audit"), os.environ.get("PYTHONPATH")])),
        "POLICEBREACHES_AUDIT_DIR": str(results / OPENED),
    }
    done = run_pipeline(results, "2016", None, "--logger", "brief", env=audit)
    return results / "2016", done.stdout + done.stderr


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


def sandbox(tmp_path: Path) -> Path:
    """A copy of the project without its build state (modification times kept, so the
    shared .venv's install stamp stays current): for tests that edit tracked files."""
    import shutil

    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(".git", ".venv", "results", ".snakemake", "__pycache__", ".pytest_cache")
    shutil.copytree(REPO, copy, ignore=ignore)
    return copy


@pytest.fixture(scope="session")
def second_opinion():
    """The build's second opinion (the codebook's learner, trained on every corpus incident
    file's dev rows), trained once per test session: training is a large part of the suite's time."""
    from policebreaches.classify import default_codebook
    from policebreaches.second_opinion import train

    book = default_codebook()
    corpus = pd.concat([read(p) for p in sorted((REPO / "tests" / "corpus").glob("incidents*.csv"))])
    return train(corpus, book.second_opinion_threshold, book.second_opinion_learner)
