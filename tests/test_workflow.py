"""The workflow itself: lint clean, profiles valid, Snakemake's own report, job granularity."""

import importlib.util
import re
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


def test_an_editions_cold_build_reuses_the_corpus_scores(built, tmp_path):
    """results/corpus/ (the second opinion and its scores on the wording corpus) depends on
    no edition: with an edition's results removed, only the edition's jobs run again."""
    import shutil

    results = tmp_path / "results"
    shutil.copytree(built.parent / "corpus", results / "corpus")  # modification times kept
    done = snakemake("--dry-run", "--config", f"results_dir={results}", "--quiet", "rules")
    assert done.returncode == 0, done.stderr
    planned = set(re.findall(r"^(\w+)\s+\d+$", done.stdout + done.stderr, flags=re.M))  # the job table
    assert {"classify_breaches", "compute_statistics", "render_report"} <= planned
    assert not {"train_second_opinion", "score_corpus"} & planned


def test_corpus_cannot_name_an_edition():
    from policebreaches.settings import CORPUS_FOLDER, edition_id_problem

    assert "results/corpus/ holds the codebook's corpus scores" in edition_id_problem(CORPUS_FOLDER)
    assert edition_id_problem("corpus2") is None
