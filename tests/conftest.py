"""Shared fixtures: one real build of the sample edition, reused by the backtest,
report and trace tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]


def run_pipeline(
    results_dir: Path, edition: str = "2016", raw_dir: Path | None = None, *extra: str, check: bool = True
) -> subprocess.CompletedProcess:
    config = [f"edition={edition}", f"results_dir={results_dir}"]
    if raw_dir:
        config.append(f"raw_dir={raw_dir}")
    done = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "all", "--config", *config, *extra],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if check and done.returncode:
        raise AssertionError(f"snakemake failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


@pytest.fixture(scope="session")
def built_console(tmp_path_factory) -> tuple[Path, str]:
    """results/<edition> of a clean build of raw/2016, and what `make report`'s console
    (Snakemake with --logger brief) printed while building it."""
    results = tmp_path_factory.mktemp("results")
    done = run_pipeline(results, "2016", None, "--logger", "brief")
    return results / "2016", done.stdout + done.stderr


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
