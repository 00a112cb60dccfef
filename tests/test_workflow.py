"""The workflow itself: lint clean, profiles valid, Snakemake's own report, job granularity."""

import importlib.util
import subprocess
import sys

import pytest

from conftest import REPO


def snakemake(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "snakemake", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.slow  # make lint runs it too (CI)
def test_lint_reports_nothing():
    done = snakemake("--lint")
    assert "Congratulations, your workflow is in a good condition!" in done.stdout + done.stderr, done.stdout


SLURM_PLUGIN = importlib.util.find_spec("snakemake_executor_plugin_slurm") is not None


@pytest.mark.slow
@pytest.mark.skipif(not SLURM_PLUGIN, reason="needs the cluster extra: requirements/cluster.txt (CI installs it)")
def test_slurm_profile_dry_run():
    done = snakemake("--profile", "profiles/slurm", "--dry-run", "--forceall")
    assert done.returncode == 0, done.stderr
    assert "extract_responses" in done.stdout and "render_report" in done.stdout


def test_default_profile_dry_run():
    done = snakemake("--profile", "profiles/default", "--dry-run", "--forceall")
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_snakemake_report_has_captions(built, tmp_path):
    report = tmp_path / "workflow-report.html"
    done = snakemake("--config", f"results_dir={built.parent}", "--report", str(report))
    assert done.returncode == 0, done.stderr[-2000:]
    assert report.stat().st_size > 10_000
