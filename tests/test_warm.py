"""The warm worker (policebreaches/warm.py): jobs handed to it give the same bytes, the
same exit codes and the same error output as jobs run in their own process."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, run_pipeline
from policebreaches import warm

NOT_COMPARED = {"logs", "benchmarks"}  # timings and log lines differ by nature


def test_a_build_without_the_worker_writes_the_same_bytes(built, tmp_path):
    run_pipeline(tmp_path, "2016", None, "warm_worker=false")
    cold = tmp_path / "2016"
    outputs = sorted(p.relative_to(built) for p in built.rglob("*")
                     if p.is_file() and not NOT_COMPARED & set(p.relative_to(built).parts))
    assert len(outputs) > 40
    different = [str(p) for p in outputs if (built / p).read_bytes() != (cold / p).read_bytes()]
    assert different == ["build_info.json"]  # which records the configuration, warm_worker included
    assert b'"warm_worker": false' in (cold / "build_info.json").read_bytes()


@pytest.fixture
def worker(tmp_path, monkeypatch):
    """A worker started the way Snakemake's onstart starts one, for this test process."""
    process = warm.start()
    path = Path(os.environ[warm.ENV])
    monkeypatch.setenv(warm.ENV, str(path))
    for _ in range(100):  # it binds its socket within a few milliseconds of starting
        if path.exists():
            break
        time.sleep(0.02)
    yield process
    warm.stop(process)
    assert process.returncode is not None and not path.parent.exists()


def _ledger(tmp_path: Path, balanced: str) -> Path:
    path = tmp_path / "ledger.csv"
    path.write_text("source_file,rows_read,records_kept,balanced\nresponses/kent/a.csv,3,2," + balanced + "\n")
    return path


def test_a_job_handed_to_the_worker_runs_and_reports_its_exit_code(worker, tmp_path):
    argv = ["check_ledger", "--log", str(tmp_path / "job.log"), "--ledger-path", str(_ledger(tmp_path, "True")),
            "--ok-out", str(tmp_path / "ledger.ok")]
    assert warm.delegate(argv) == 0  # None would mean the job was not handed over
    assert (tmp_path / "ledger.ok").read_text() == "1 files balance\n"
    assert "stage check_ledger" in (tmp_path / "job.log").read_text()


def test_a_failing_job_in_the_worker_fails_with_its_own_message(worker, tmp_path):
    command = [sys.executable, "-m", "policebreaches.jobs", "check_ledger", "--log", str(tmp_path / "job.log"),
               "--ledger-path", str(_ledger(tmp_path, "False")), "--ok-out", str(tmp_path / "ledger.ok")]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=os.environ.copy())
    assert done.returncode == 1
    assert "the conservation ledger does not balance for: responses/kent/a.csv (read 3, kept 2)" in done.stderr
    assert not (tmp_path / "ledger.ok").exists()


def test_without_a_worker_the_job_runs_in_its_own_process(tmp_path, monkeypatch):
    monkeypatch.setenv(warm.ENV, str(tmp_path / "no-such-socket"))
    assert warm.delegate(["check_ledger"]) is None
    monkeypatch.delenv(warm.ENV)
    assert warm.delegate(["check_ledger"]) is None
