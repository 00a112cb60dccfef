"""make verify: results/<edition>/ against a recomputation from raw/<edition>/ alone.

Every test verifies a results folder that holds only numbers.json and records.csv (copied
from the shared build of raw/2016): had verify needed any other file of the build, it
could not agree. The command runs as `make verify` does, in its own process, with the
audit hook of tests/audit/ recording every file it opens."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policebreaches.stages.io import read_csv, write_csv

from conftest import REPO

EDITED_KEY = "breaches.type.unauthorised_access"


def checked_results(built: Path, tmp_path: Path) -> Path:
    """results/2016 with only the two files make verify may read."""
    results = tmp_path / "results"
    (results / "2016").mkdir(parents=True)
    for name in ("numbers.json", "records.csv"):
        shutil.copy2(built / name, results / "2016" / name)
    return results


def edit_number(path: Path, key: str, **fields) -> None:
    """Change fields of one number in numbers.json by hand (one number per line)."""
    prefix = f"{json.dumps(key)}: "
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (at,) = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    body = lines[at][len(prefix) :].rstrip("\n")
    entry = json.loads(body.removesuffix(",")) | fields
    lines[at] = prefix + json.dumps(entry, ensure_ascii=False) + ("," if body.endswith(",") else "") + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def verify(tmp_path: Path, results: Path, *options: str, raw: Path = REPO / "raw") -> tuple:
    """(completed process, verification record, files opened under `results`: path -> modes)."""
    audit, record = tmp_path / "opened", tmp_path / "verification.json"
    audit.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "policebreaches.cli", "verify", "--edition", "2016", "--raw", str(raw)]
        + ["--results", str(results), "--out", str(record), *options],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "tests" / "audit"), "POLICEBREACHES_AUDIT_DIR": str(audit)},
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    opened: dict[str, set[str]] = {}
    for log in audit.glob("*.jsonl"):
        for line in log.read_text(encoding="utf-8").splitlines()[1:]:
            entry = json.loads(line)
            path = Path(entry["path"])
            if path.is_relative_to(results):
                modes = opened.setdefault(path.relative_to(results).as_posix(), set())
                modes |= {mode for mode in ("read", "write") if entry[mode]}
    return done, json.loads(record.read_text(encoding="utf-8")), opened


def assert_no_local_path(record: dict, *folders: Path) -> None:
    text = json.dumps(record)
    for folder in (*folders, REPO, Path.home()):
        assert str(folder) not in text, (folder, text)


@pytest.mark.slow  # a whole recomputation (about 20 s): the slow suite's end-to-end runs
def test_a_hand_edited_number_and_record_are_named_with_their_chains(built, tmp_path):
    results = checked_results(built, tmp_path)
    numbers_file = results / "2016" / "numbers.json"
    numbers = json.loads(numbers_file.read_text(encoding="utf-8"))
    true_value = numbers[EDITED_KEY]["value"]
    edit_number(numbers_file, EDITED_KEY, value=true_value + 1)
    assert json.loads(numbers_file.read_text(encoding="utf-8")) == numbers | {
        EDITED_KEY: numbers[EDITED_KEY] | {"value": true_value + 1}
    }
    records = read_csv(results / "2016" / "records.csv")
    row = records.index[records["breach_type"] == "other"][0]
    edited = records.loc[row]
    records.loc[row, "breach_type"] = "third_party_disclosure"
    write_csv(records, results / "2016" / "records.csv")

    done, record, opened = verify(tmp_path, results)

    assert done.returncode == 1, done.stdout
    out = done.stdout
    assert f"- {EDITED_KEY}: value: expected {true_value}, found {true_value + 1}\n" in out
    chain = out.split(f"- {EDITED_KEY}: ")[1].split("\n- ")[0]  # the lines under this difference
    assert "    filter: records[breach_type == 'unauthorised_access']" in chain
    assert "    raw: responses/" in chain and "by rule BT-" in chain  # a record behind it: raw file, locator, rule
    assert f"more (make verify KEY={EDITED_KEY} prints every one)" in chain
    assert f'- record {edited["record_id"]}: breach_type: expected "other", found "third_party_disclosure"' in out
    assert (
        f"raw: {edited['source_file']}  at {edited['source_locator']}"
        in out.partition(f"- record {edited['record_id']}: ")[2]
    )
    assert "NOT VERIFIED" in out and "(1 number, 1 record, 0 inputs differ" in out
    assert record["result"] == "differs" and record["numbers_differing"] == [EDITED_KEY]
    assert record["records_differing"] == 1 and record["numbers_checked"] == len(numbers)
    assert record["inputs_manifest_sha256"] == hashlib.sha256((REPO / "raw/2016/SHA256SUMS").read_bytes()).hexdigest()
    assert record["checked_files_sha256"]["numbers.json"] == hashlib.sha256(numbers_file.read_bytes()).hexdigest()
    assert record["code_version"]["pipeline_version"] and "verified_at" in record
    assert_no_local_path(record, tmp_path)
    # nothing under results/ but the two files it checks is read; its record is written elsewhere
    assert opened == {"2016/numbers.json": {"read"}, "2016/records.csv": {"read"}}, opened


def test_a_tampered_raw_file_is_named_and_nothing_is_recomputed(built, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "raw" / "2016", raw / "2016")
    tampered = raw / "2016" / "responses" / "surrey" / "breaches.csv"
    with open(tampered, "a", encoding="utf-8") as fh:
        fh.write("01/01/2014,PC,Looked up a neighbour on the PNC,Dismissed\n")
    results = checked_results(built, tmp_path)

    done, record, opened = verify(tmp_path, results, raw=raw)

    assert done.returncode == 1, done.stdout
    assert "- responses/surrey/breaches.csv: checksum differs from SHA256SUMS (the file changed)" in done.stdout
    assert "so nothing was recomputed" in done.stdout
    assert record["result"] == "not verified" and record["raw_files_differing"] == ["responses/surrey/breaches.csv"]
    assert record["raw_files_checked"] == len((raw / "2016" / "SHA256SUMS").read_text().splitlines())
    assert_no_local_path(record, tmp_path)
    assert opened == {}, opened


def test_nothing_to_verify_without_a_build_and_nothing_recorded(tmp_path):
    results = tmp_path / "results"
    (results / "2016").mkdir(parents=True)
    done = subprocess.run(
        [sys.executable, "-m", "policebreaches.cli", "verify", "--edition", "2016", "--results", str(results)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "edition 2016 has not been built" in done.stderr and "build it first: make report" in done.stderr
    assert list((results / "2016").iterdir()) == []  # no verification record of nothing


@pytest.mark.slow
def test_a_clean_build_agrees(built, tmp_path):
    results = checked_results(built, tmp_path)
    done, record, opened = verify(tmp_path, results)
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    assert done.returncode == 0, done.stdout[-3000:]
    assert f"VERIFIED: {len(numbers)} numbers and {numbers['records.kept']['value']} records" in done.stdout
    assert record["result"] == "agrees" and record["numbers_differing"] == [] and record["raw_files_differing"] == []
    assert record["records_checked"] == numbers["records.kept"]["value"]
    assert_no_local_path(record, tmp_path)
    assert opened == {"2016/numbers.json": {"read"}, "2016/records.csv": {"read"}}, opened


@pytest.mark.slow
def test_results_of_another_state_of_the_inputs_differ(built, tmp_path):
    """A raw file changed and re-blessed after the build: SHA256SUMS holds, but numbers.json
    was computed from other inputs, and the records of that file changed."""
    from policebreaches.edition import write_manifest

    raw = tmp_path / "raw"
    shutil.copytree(REPO / "raw" / "2016", raw / "2016")
    with open(raw / "2016" / "responses" / "surrey" / "breaches.csv", "a", encoding="utf-8") as fh:
        fh.write("01/01/2014,PC,Looked up a neighbour on the PNC,Dismissed\n")
    write_manifest(raw / "2016")

    done, record, _ = verify(tmp_path, checked_results(built, tmp_path), raw=raw)

    assert done.returncode == 1
    assert "- numbers.json was computed from other inputs than the recomputation:" in done.stdout
    assert "raw/2016/SHA256SUMS: sha256 expected " in done.stdout
    assert "breaches.total" in record["numbers_differing"] and "breaches.pnc" in record["numbers_differing"]
    assert record["raw_files_differing"] == [] and record["records_differing"] > 0


@pytest.mark.slow
def test_key_verifies_one_number_and_prints_its_whole_chain(built, tmp_path):
    results = checked_results(built, tmp_path)
    numbers_file = results / "2016" / "numbers.json"
    numbers = json.loads(numbers_file.read_text(encoding="utf-8"))
    assert numbers["breaches.pnc"]["display"] == "25"
    edit_number(numbers_file, "breaches.pnc", display="26")

    done, record, _ = verify(tmp_path, results, "--key", "breaches.pnc")

    assert done.returncode == 1
    assert '- breaches.pnc: display: expected "25", found "26"' in done.stdout
    chain = done.stdout.split("the chain of breaches.pnc")[1].split("\nnumbers: ")[0]
    for record_id in numbers["breaches.pnc"]["record_ids"]:  # every record, with its raw file and locator
        assert f"record {record_id}" in chain
    assert chain.count("    raw: responses/") == len(numbers["breaches.pnc"]["record_ids"])
    assert record["key"] == "breaches.pnc" and record["numbers_checked"] == 1
    assert record["numbers_differing"] == ["breaches.pnc"]
