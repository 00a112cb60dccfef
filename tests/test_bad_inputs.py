"""Bad input: one clear message per problem (file, what, how to fix), all problems at
once, nothing silently dropped."""

import io
import zipfile

import pytest

from policebreaches.checks import check_inputs
from policebreaches.edition import write_manifest
from policebreaches.forces import FORCES_CSV

from editions import LIMITS, docx_bytes, make_edition, xlsx_bytes

KENT = {"force": "Kent Police", "status": "disclosed", "files": "kent/r.xlsx"}


def problems_of(root):
    problems, _, _ = check_inputs(root, LIMITS, FORCES_CSV)
    return [(p.file, p.what) for p in problems]


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"0" * 3_000_000)
    return buffer.getvalue()


def good_xlsx(tmp_path):
    return xlsx_bytes(tmp_path, {"Data": [["Date", "Details", "Outcome"], ["Jan-13", "Viewed records", "NFA"]]})


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("kent/r.xlsx", b"this is not a spreadsheet", "not a valid .xlsx (zip container is corrupt or truncated)"),
        (
            "kent/r.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "password-protected (encrypted Office file)",
        ),
        ("kent/r.xlsx", b"", "empty file (0 bytes)"),
        ("kent/r.pdf", b"Dear requester, no PDF here", "does not look like a .pdf file (mis-named or corrupt)"),
        ("kent/r.doc", b"\xd0\xcf\x11\xe0", "unsupported format '.doc'"),
        ("kent/r.xlsx", zip_bomb(), "possible zip bomb"),
        ("kent/r.csv", b"a,b\n" * 300_000, "over max_file_mb=1"),
    ],
)
def test_bad_file(tmp_path, name, content, expected):
    root = make_edition(tmp_path / "ed", [{**KENT, "files": name}], {name: content})
    found = problems_of(root)
    assert len(found) == 1 and found[0][0] == f"responses/{name}" and expected in found[0][1], found


def test_truncated_docx(tmp_path):
    whole = docx_bytes(tmp_path, [[["Date", "Details"], ["Jan-13", "x"]]])
    root = make_edition(tmp_path / "ed", [{**KENT, "files": "kent/r.docx"}], {"kent/r.docx": whole[: len(whole) // 2]})
    assert problems_of(root) == [("responses/kent/r.docx", "not a valid .docx (zip container is corrupt or truncated)")]


def test_register_row_naming_a_missing_file(tmp_path):
    root = make_edition(tmp_path / "ed", [KENT], {})
    assert problems_of(root) == [("responses/kent/r.xlsx", "named by requests.csv line 2 (Kent Police) but missing")]


def test_response_file_no_register_row_names(tmp_path):
    root = make_edition(tmp_path / "ed", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path), "kent/stray.csv": "a,b\n"})
    assert problems_of(root) == [("responses/kent/stray.csv", "no register row names this response file")]


def test_unknown_force(tmp_path):
    root = make_edition(tmp_path / "ed", [{"force": "Gotham City Police", "status": "no_response"}], {})
    file, what = problems_of(root)[0]
    assert file == "requests.csv line 2 ('Gotham City Police')" and what == "unknown force name 'Gotham City Police'"


def test_other_bodies_are_known_through_bodies_csv_and_its_problems_reported(tmp_path):
    root = make_edition(
        tmp_path / "ed",
        [
            {"force": "Bradford Council", "status": "no_response"},
            {"force": "Calderdale Council", "status": "no_response"},
        ],
        {},
    )
    (root / "bodies.csv").write_text(
        "force_id,name,aliases\nbradford-council,Bradford Council,\ncalderdale council,Calderdale Council,\n",
        encoding="utf-8",
    )
    write_manifest(root)
    assert problems_of(root) == [
        ("bodies.csv line 3", "force_id 'calderdale council' is not lower-case words joined by '-'"),
        ("requests.csv line 3 ('Calderdale Council')", "unknown force name 'Calderdale Council'"),
    ]


def test_two_rows_of_one_body_are_two_answers_of_one_body(tmp_path):
    """Once a duplicated row: a body may answer more than once (tests/test_answers.py), and
    two rows under two of its names are still one body asked."""
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Met", "status": "no_response"}, {"force": "Metropolitan Police Service", "status": "no_response"}],
        {},
    )
    problems, register, _ = check_inputs(root, LIMITS, FORCES_CSV)
    assert problems == []
    assert [(r["force_id"], r["status"], [a["line"] for a in r["answers"]]) for r in register] == [
        ("metropolitan", "no_response", [2, 3])
    ]


def test_unknown_status(tmp_path):
    root = make_edition(tmp_path / "ed", [{"force": "Kent", "status": "answered"}], {})
    assert "status 'answered' is not one of" in problems_of(root)[0][1]


def test_changed_extra_and_missing_files_against_the_manifest(tmp_path):
    root = make_edition(tmp_path / "ed", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path)})
    (root / "request.txt").write_text("edited by hand\n", encoding="utf-8")
    (root / "notes.txt").write_text("extra\n", encoding="utf-8")
    (root / "edition.yaml").rename(root / "edition.yml")
    found = problems_of(root)
    assert ("request.txt", "checksum differs from SHA256SUMS (the file changed)") in found
    assert ("notes.txt", "not listed in SHA256SUMS (an extra file)") in found
    assert ("edition.yaml", "listed in SHA256SUMS but missing") in found
    assert ("edition.yml", "not listed in SHA256SUMS (an extra file)") in found


def test_missing_manifest_says_how_to_bless(tmp_path):
    root = make_edition(tmp_path / "ed", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path)}, bless=False)
    problems, _, _ = check_inputs(root, LIMITS, FORCES_CSV)
    assert problems[0].file == "SHA256SUMS" and problems[0].fix == "run 'make bless EDITION=ed'"


def test_edition_yaml_missing_keys(tmp_path):
    root = make_edition(tmp_path / "ed", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path)})
    (root / "edition.yaml").write_text("title: x\n", encoding="utf-8")
    from policebreaches.edition import write_manifest

    write_manifest(root)
    assert problems_of(root)[0][1].startswith("missing key(s) ['period_end', 'period_start', 'published'")


def test_register_with_wrong_columns(tmp_path):
    root = make_edition(tmp_path / "ed", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path)})
    (root / "requests.csv").write_text("force,status\nKent,disclosed\n", encoding="utf-8")
    from policebreaches.edition import write_manifest

    write_manifest(root)
    assert problems_of(root)[0][0] == "requests.csv" and "columns are ['force', 'status']" in problems_of(root)[0][1]


def test_all_problems_come_in_one_message(tmp_path):
    from policebreaches.problems import InputError

    root = make_edition(
        tmp_path / "ed",
        [
            KENT,
            {"force": "Gotham", "status": "no_response"},
            {"force": "Surrey", "status": "disclosed", "files": "surrey/x.pdf"},
        ],
        {"surrey/x.pdf": b"not a pdf", "stray.txt": "?"},
    )
    problems, _, _ = check_inputs(root, LIMITS, FORCES_CSV)
    message = str(InputError(problems))
    assert message.startswith("4 input problem(s) stop the build:")
    for text in ["responses/kent/r.xlsx", "Gotham", "responses/surrey/x.pdf", "responses/stray.txt", "fix:"]:
        assert text in message


def test_valid_zip_that_is_not_a_workbook_is_reported_by_the_reader(tmp_path):
    from editions import extract

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    root = make_edition(tmp_path / "ed", [KENT], {"kent/r.xlsx": buffer.getvalue()})
    _, _, statuses, problems = extract(root, "kent")
    assert statuses == [{"source_file": "responses/kent/r.xlsx", "force_id": "kent", "status": "unreadable"}]
    assert problems[0].what.startswith("could not be read (")


def extract_kent(root, path, out):
    from policebreaches.classify import CODEBOOK
    from policebreaches.edition import read_manifest
    from policebreaches.stages import extract

    manifest = read_manifest(root, [])
    outs = [out / f"{kind}.csv" for kind in ("rows", "counts", "status", "problems")]
    extract.run("kent", root / "responses", ["kent/r.xlsx"], [path], manifest, LIMITS, [], [], None, CODEBOOK, *outs)
    return (out / "status.csv").read_text(encoding="utf-8"), (out / "rows.csv").read_text(encoding="utf-8")


def test_extraction_checks_containers_before_parsing(tmp_path, monkeypatch):
    """A zip bomb never reaches a parser, even when its extract job runs."""
    root = make_edition(tmp_path / "ed", [KENT], {"kent/r.xlsx": zip_bomb()})
    monkeypatch.setattr(
        "policebreaches.extract.read_document", lambda *a, **k: pytest.fail("the parser was called on a zip bomb")
    )
    status, _ = extract_kent(root, root / "responses" / "kent" / "r.xlsx", tmp_path)
    assert "responses/kent/r.xlsx,kent,failed_input_checks" in status


def test_a_response_that_differs_from_its_checksum_is_never_opened(tmp_path, monkeypatch):
    """allow_problems builds on, but a file edited after bless contributes no row."""
    root = make_edition(tmp_path / "ed", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path)})
    path = root / "responses" / "kent" / "r.xlsx"
    status, rows = extract_kent(root, path, tmp_path / "before")
    assert "Viewed records" in rows  # the file as blessed is read
    path.write_bytes(path.read_bytes() + b"\0")  # edited after bless
    monkeypatch.setattr(
        "policebreaches.extract.read_document", lambda *a, **k: pytest.fail("a changed file was parsed")
    )
    (tmp_path / "after").mkdir()
    status, rows = extract_kent(root, path, tmp_path / "after")
    assert "failed_input_checks" in status and rows.count("\n") == 1  # header only


def test_a_malformed_manifest_line_is_a_problem_with_its_line_number(tmp_path):
    root = make_edition(tmp_path / "ed", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path)})
    manifest = root / "SHA256SUMS"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "not a checksum line\n", encoding="utf-8")
    found = problems_of(root)
    line = len(manifest.read_text(encoding="utf-8").splitlines())
    assert (f"SHA256SUMS line {line}", "not '<sha256> <file>': 'not a checksum line'") in found


@pytest.mark.parametrize("request_file", ["/etc/passwd", "../../outside.txt", "../2015/request.txt"])
def test_a_request_file_outside_the_edition_is_a_problem_never_read(tmp_path, request_file):
    (tmp_path / "outside.txt").write_text("root:x:0:0:secret\n", encoding="utf-8")
    root = make_edition(tmp_path / "raw" / "ed", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path)})
    yaml_text = (root / "edition.yaml").read_text(encoding="utf-8").replace("request.txt", request_file)
    (root / "edition.yaml").write_text(yaml_text, encoding="utf-8")
    write_manifest(root)
    problems, _, edition = check_inputs(root, LIMITS, FORCES_CSV)
    assert any("request_file" in p.file and "outside the edition folder" in p.what for p in problems)
    assert edition is None or "root:x" not in edition.request_text


@pytest.mark.parametrize("name", ["../../outside/secret.csv", "/etc/passwd"])
def test_a_register_file_outside_responses_is_a_problem_never_read(tmp_path, name):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.csv").write_text("Date,Details\n2013-01-01,secret row\n", encoding="utf-8")
    root = make_edition(tmp_path / "raw" / "ed", [{"force": "Kent", "status": "disclosed", "files": name}], {})
    problems, _, _ = check_inputs(root, LIMITS, FORCES_CSV)
    assert any("outside the edition's responses/ folder" in p.what for p in problems), problems


@pytest.mark.parametrize("target_inside", [True, False])
def test_a_symlinked_folder_or_file_is_a_problem_and_never_followed(tmp_path, target_inside):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "extra.csv").write_text("Date,Details\n2013-01-01,a row from elsewhere\n", encoding="utf-8")
    root = make_edition(tmp_path / "raw" / "ed", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path)})
    target = root / "responses" / "kent" if target_inside else outside
    (root / "responses" / "linked").symlink_to(target, target_is_directory=True)
    (root / "request_link.txt").symlink_to(root / "request.txt")
    write_manifest(root)
    found = problems_of(root)
    assert any(f == "responses/linked" and "symbolic link" in w for f, w in found)
    assert any(f == "request_link.txt" and "symbolic link" in w for f, w in found)
    assert not any("extra.csv" in f for f, _ in found)  # the linked folder is never walked into


@pytest.mark.parametrize("previous", ["../../etc", "/etc", ".", "..", "2015"])
def test_a_previous_edition_that_is_not_a_sibling_edition_is_a_problem(tmp_path, previous):
    root = make_edition(tmp_path / "raw" / "2017", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path)}, bless=False)
    yaml_path = root / "edition.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + f"previous_edition: {previous!r}\n", encoding="utf-8")
    write_manifest(root)
    found = problems_of(root)
    assert [what for file, what in found if file == "edition.yaml"] == [
        f"previous_edition {previous!r} is not an edition folder beside this one (never read)"
    ]


def test_a_sibling_previous_edition_is_accepted(tmp_path):
    (tmp_path / "raw" / "2016").mkdir(parents=True)
    root = make_edition(tmp_path / "raw" / "2017", [KENT], {"kent/r.xlsx": good_xlsx(tmp_path)}, bless=False)
    yaml_path = root / "edition.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8") + "previous_edition: '2016'\n", encoding="utf-8")
    write_manifest(root)
    assert problems_of(root) == []
