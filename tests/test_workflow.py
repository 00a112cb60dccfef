"""The workflow itself: lint clean, profiles valid, Snakemake's own report, job granularity."""
import subprocess
import sys

from conftest import REPO


def snakemake(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "snakemake", *args], cwd=cwd, capture_output=True, text=True)


def test_lint_reports_nothing():
    done = snakemake("--lint")
    assert "Congratulations, your workflow is in a good condition!" in done.stdout + done.stderr, done.stdout


def test_slurm_profile_dry_run():
    done = snakemake("--profile", "profiles/slurm", "--dry-run", "--forceall")
    assert done.returncode == 0, done.stderr
    assert "extract_responses" in done.stdout and "render_report" in done.stdout


def test_default_profile_dry_run():
    done = snakemake("--profile", "profiles/default", "--dry-run", "--forceall")
    assert done.returncode == 0, done.stderr


def test_one_changed_response_reruns_only_its_own_extraction(built):
    """After one force's file changes, the dry run schedules one extraction, not 44."""
    results = built.parent
    path = REPO / "raw" / "2016" / "responses" / "kent" / "FOI response.docx"
    original = path.read_bytes()
    try:
        path.write_bytes(original + b"\0")
        done = snakemake("--dry-run", "--config", f"results_dir={results}", "--quiet", "rules")
        assert done.returncode == 0, done.stderr
        counts = {line.split()[0]: int(line.split()[1]) for line in done.stdout.splitlines()
                  if len(line.split()) == 2 and line.split()[1].isdigit()}
        assert counts["extract_responses"] == 1
    finally:
        path.write_bytes(original)


def test_snakemake_report_has_captions(built, tmp_path):
    report = tmp_path / "workflow-report.html"
    done = snakemake("--config", f"results_dir={built.parent}", "--report", str(report))
    assert done.returncode == 0, done.stderr[-2000:]
    assert report.stat().st_size > 10_000
