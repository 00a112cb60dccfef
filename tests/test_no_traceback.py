"""Every hostile edition the suite builds (tests/test_bad_inputs.py, tests/test_hostile_editions.py,
tests/test_strict_inputs.py), built through Snakemake as a user would (issue 24, item 7):
planning never raises on bad input (a dry run of `all` plans the whole build), and the
input check ends with the problem list, a failing exit status and none of Snakemake's or
Python's words for a crash."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_bad_inputs import KENT, good_xlsx, zip_bomb
from test_hostile_editions import hostile_edition

from policebreaches.edition import write_manifest

from conftest import REPO
from editions import docx_bytes, make_edition

pytestmark = pytest.mark.slow  # two Snakemake runs over about 40 editions
GOOD_CSV = "Date,Details,Outcome\n2013-01-01,Viewed a record without a policing purpose,NFA\n"


def _yaml(root, change) -> None:
    path = root / "edition.yaml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def _bad_file(name: str, content: bytes):
    return lambda raw, tmp: make_edition(raw / "x", [{**KENT, "files": name}], {name: content})


def _edition(rows, files, after=None, bless_after=True):
    def build(raw, tmp):
        root = make_edition(raw / "x", rows, {k: v(tmp) if callable(v) else v for k, v in files.items()})
        if after:
            after(root, tmp)
            if bless_after:
                write_manifest(root)
        return root

    return build


def _manifest_drift(root, tmp) -> None:
    (root / "request.txt").write_text("edited by hand\n", encoding="utf-8")
    (root / "notes.txt").write_text("extra\n", encoding="utf-8")
    (root / "edition.yaml").rename(root / "edition.yml")


def _links(root, tmp) -> None:
    (tmp / "outside").mkdir(exist_ok=True)
    (tmp / "outside" / "extra.csv").write_text(GOOD_CSV, encoding="utf-8")
    (root / "responses" / "linked").symlink_to(tmp / "outside", target_is_directory=True)
    (root / "request_link.txt").symlink_to(root / "request.txt")


def _register(text: str):
    return lambda root, tmp: (root / "requests.csv").write_text(text, encoding="utf-8")


def _appended(text: str):
    return lambda root, tmp: _yaml(root, lambda old: old + text)


XLSX = {"kent/r.xlsx": good_xlsx}
THOUSANDS = [f"kent/part {i:04d}.csv" for i in range(3000)]
EDITIONS = {
    # tests/test_bad_inputs.py
    "not-a-workbook": _bad_file("kent/r.xlsx", b"this is not a spreadsheet"),
    "encrypted": _bad_file("kent/r.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
    "empty-file": _bad_file("kent/r.xlsx", b""),
    "not-a-pdf": _bad_file("kent/r.pdf", b"Dear requester, no PDF here"),
    "unsupported": _bad_file("kent/r.doc", b"\xd0\xcf\x11\xe0"),
    "zip-bomb": _bad_file("kent/r.xlsx", zip_bomb()),
    "over-max-file-mb": _bad_file("kent/r.csv", b"a,b\n" * 14_000_000),
    "truncated-docx": _edition([{**KENT, "files": "kent/r.docx"}], {"kent/r.docx": lambda t: docx_bytes(t, [])[:900]}),
    "missing-file": _edition([KENT], {}),
    "stray-file": _edition([KENT], {**XLSX, "kent/stray.csv": "a,b\n"}),
    "unknown-force": _edition([{"force": "Gotham City Police", "status": "no_response"}], {}),
    "bodies-csv": _edition(
        [{"force": "Calderdale Council", "status": "no_response"}],
        {},
        lambda root, tmp: (root / "bodies.csv").write_text(
            "force_id,name,aliases\ncalderdale council,Calderdale Council,\n", encoding="utf-8"
        ),
    ),
    # two rows of one body are two answers (issue 28); two answers whose figures cover the same
    # months would count them twice
    "overlapping-answers": _edition(
        [{**KENT, "reference": "K 1"}, {**KENT, "reference": "K 2", "files": "kent/r2.xlsx"}],
        {**XLSX, "kent/r2.xlsx": good_xlsx},
    ),
    "unknown-status": _edition([{"force": "Kent", "status": "answered"}], {}),
    "manifest-drift": _edition([KENT], XLSX, _manifest_drift, bless_after=False),
    "no-manifest": _edition([KENT], XLSX, lambda root, tmp: (root / "SHA256SUMS").unlink(), bless_after=False),
    "missing-keys": _edition([KENT], XLSX, lambda root, tmp: _yaml(root, lambda old: "title: x\n")),
    "register-columns": _edition([KENT], XLSX, _register("force,status\nKent,disclosed\n")),
    "many-problems": _edition(
        [
            KENT,
            {"force": "Gotham", "status": "no_response"},
            {"force": "Surrey", "status": "disclosed", "files": "s.pdf"},
        ],
        {"s.pdf": b"not a pdf", "stray.txt": "?"},
    ),
    "request-outside": _edition(
        [KENT], XLSX, lambda root, tmp: _yaml(root, lambda old: old.replace("request.txt", "/etc/passwd"))
    ),
    "request-up": _edition(
        [KENT], XLSX, lambda root, tmp: _yaml(root, lambda old: old.replace("request.txt", "../../outside.txt"))
    ),
    "register-outside": _edition([{"force": "Kent", "status": "disclosed", "files": "../../outside/secret.csv"}], {}),
    "register-absolute": _edition([{"force": "Kent", "status": "disclosed", "files": "/etc/passwd"}], {}),
    "links": _edition([KENT], XLSX, _links),
    **{
        f"previous-{name}": _edition([KENT], XLSX, _appended(f"previous_edition: {previous!r}\n"))
        for name, previous in [("etc", "../../etc"), ("root", "/etc"), ("dot", "."), ("dots", ".."), ("none", "2015")]
    },
    # tests/test_strict_inputs.py
    "repeated-key": _edition([KENT], XLSX, _appended("synthetic: false\n")),
    "yaml-syntax": _edition([KENT], XLSX, _appended("case_studies: [unclosed\n")),
    "unknown-tag": _edition([KENT], XLSX, _appended("case_studies: !!python/object:os.system x\n")),
    "yaml-not-a-mapping": _edition([KENT], XLSX, lambda root, tmp: _yaml(root, lambda old: "- a list\n")),
    "yaml-not-utf8": _edition([KENT], XLSX, lambda root, tmp: (root / "edition.yaml").write_bytes(b"title: \xff\n")),
    "repeated-column": _edition(
        [KENT], XLSX, _register("force,reference,requested,responded,status,exemption,files,notes,files\n")
    ),
    "register-not-utf8": _edition([KENT], XLSX, lambda root, tmp: (root / "requests.csv").write_bytes(b"\xff\xfe")),
    "register-stray-quote": _edition([KENT], XLSX, _register('force,reference\n"Kent,R1\n')),
    "no-register": _edition([KENT], XLSX, lambda root, tmp: (root / "requests.csv").unlink()),
    "hints-repeated-key": _edition(
        [KENT],
        XLSX,
        lambda root, tmp: (
            (root / "overrides").mkdir()
            or (root / "overrides" / "extraction.yaml").write_text(
                "kent/r.xlsx: {layout: ignore}\nkent/r.xlsx: {header_row: 2}\n", encoding="utf-8"
            )
        ),
    ),
    "thousands-of-files-one-missing": _edition(
        [{**KENT, "files": ";".join(THOUSANDS)}], {name: GOOD_CSV for name in THOUSANDS[1:]}
    ),
    "folder-and-glob-matching-nothing": _edition(
        [{**KENT, "files": "kent/"}, {"force": "Durham", "status": "disclosed", "files": "durham/*.pdf"}],
        {"kent/a.csv": GOOD_CSV},
    ),
}


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    """Every edition under one raw folder (raw/<name>), and the hostile one as raw/2099."""
    tmp = tmp_path_factory.mktemp("editions")
    (tmp / "hostile").mkdir()
    folder = hostile_edition(tmp / "hostile")
    for name, build in EDITIONS.items():
        work = tmp / "work" / name
        work.mkdir(parents=True)
        (work / "raw").mkdir()
        built = build(work / "raw", work)
        built.rename(folder / name)
    return folder


def snakemake(raw, results, *args: str) -> tuple[int, str]:
    """One Snakemake run over every edition at once (the rules take the edition as a wildcard)."""
    config = ["edition=2099", f"raw_dir={raw}", f"results_dir={results}"]
    done = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", *args, "--config", *config],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    return done.returncode, done.stdout + done.stderr


EVERY_EDITION = ["2099", *EDITIONS]
OURS = ("Traceback", "WorkflowError", "InputFunctionException")  # a crash of planning or of a stage
SNAKEMAKES = ("Exception", "Error in file")  # Snakemake's echo of a failed job (RuleException), gone since issue 22


def test_planning_never_raises_on_any_of_them(raw, tmp_path):
    """A dry run of every edition's report, crate and audit page: every input function of
    every rule is called, for each edition."""
    targets = [f"{tmp_path}/{e}/{name}" for e in EVERY_EDITION for name in ("report.pdf", "ro-crate-metadata.json")]
    code, console = snakemake(raw, tmp_path, *targets, "--dry-run")
    assert code == 0, console[-3000:]
    assert not [word for word in OURS + SNAKEMAKES if word in console], console[-3000:]


def test_each_ends_with_its_problem_list_and_no_crash(raw, tmp_path):
    targets = [f"{tmp_path}/{e}/check/register.json" for e in EVERY_EDITION]
    code, console = snakemake(raw, tmp_path, *targets, "--keep-going", "--logger", "brief")
    assert code == 1  # Snakemake's status for a failed job; `make report` turns it into make's 2
    for edition in EVERY_EDITION:
        log = (tmp_path / edition / "logs" / "check_inputs.log").read_text(encoding="utf-8")
        assert "input problem(s) stop the build:" in log and "Traceback" not in log, (edition, log[-2000:])
    assert console.count("check_inputs failed:\n") == len(EVERY_EDITION)
    assert console.rstrip().splitlines()[-1].startswith("    fix: ")
    assert not [word for word in OURS + SNAKEMAKES if word in console], console[-3000:]


def test_a_body_of_1500_files_named_by_its_folder_is_planned_and_extracted(tmp_path):
    """A register's `files` cell naming a folder of 1,500 files: planned, and the body's
    extraction job runs (its command line once held every SHA256SUMS entry in one
    argument, over the operating system's 128 KB limit on one argument)."""
    names = [f"kent/response part {i:04d}.csv" for i in range(1500)]
    make_edition(tmp_path / "raw" / "many", [{**KENT, "files": "kent/"}], {name: GOOD_CSV for name in names})
    config = ["edition=many", f"raw_dir={tmp_path / 'raw'}", f"results_dir={tmp_path / 'results'}"]
    target = tmp_path / "results" / "many" / "extract" / "kent.status.csv"
    done = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "1", str(target), "--config", *config],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert target.read_text(encoding="utf-8").count(",kent,extracted\n") == 1500
