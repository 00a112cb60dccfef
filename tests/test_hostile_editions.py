"""Our own hostile edition, built from code: every attack a careful attacker tried on the
pipeline, in one edition. The strict build names each problem once, with its fix; the
allow_problems build publishes none of it (no row of an excluded file, no personal data,
no live formula, no markup, nothing read from outside the edition)."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from policebreaches.edition import write_manifest

from conftest import read, run_pipeline
from editions import docx_bytes, make_edition, xlsx_bytes

pytestmark = pytest.mark.slow  # two builds of their own; CI runs them (make test-slow)

HEADER = ["Date", "Rank", "Nature of breach", "Outcome"]
SECRET = "TOP-SECRET-OUTSIDE-THE-EDITION"
PERSONAL = ["PC John Smith", "07700 900123", "jane.doe@example.com", "AB12 CDE", "DOB 12/03/1978"]
FORMULA = '=HYPERLINK("http://evil.example","click")'
MARKUP = "</script><script>alert(1)</script><!--"


def rezip(data: bytes, member: str, change) -> bytes:
    """`data` (a zip) with one member's bytes passed through `change`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


def with_doctype(xml: bytes, doctype: bytes, old: bytes, new: bytes) -> bytes:
    """`xml` with a DOCTYPE after its declaration (if any) and `old` text replaced by `new`."""
    assert old in xml
    head, declared, body = xml.partition(b"?>")
    head, body = (head + declared, body) if declared else (b"", head)
    return head + doctype + body.replace(old, new)


def xxe_xlsx(tmp: Path, target: Path) -> bytes:
    """A workbook whose sheet declares an external entity pointing at a file outside the edition."""
    book = xlsx_bytes(tmp, {"Data": [HEADER, ["2013-04-02", "PC", "PLACEHOLDER", "Written warning"]]})
    doctype = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{target.as_uri()}">]>'.encode()
    return rezip(book, "xl/worksheets/sheet1.xml", lambda x: with_doctype(x, doctype, b"PLACEHOLDER", b"&xxe;"))


def billion_laughs_docx(tmp: Path) -> bytes:
    document = docx_bytes(tmp, [[HEADER, ["2014-01-03", "PCSO", "LAUGHS", "NFA"]]])
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE w:document [<!ENTITY l0 "ha">{entities}]>'.encode()
    return rezip(document, "word/document.xml", lambda xml: with_doctype(xml, doctype, b"LAUGHS", b"&l9;"))


def lying_zip_bomb() -> bytes:
    """A 'workbook' whose member unpacks to 200 MB while its headers say 1 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 200_000_000)
    data = bytearray(buffer.getvalue())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")
    return bytes(data)


def many_members() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(2500):
            archive.writestr(f"xl/part{i}.xml", b"<x/>")
    return buffer.getvalue()


def hostile_mail(tmp: Path) -> bytes:
    """An e-mail whose figures are in two attachments (formula and markup text in a CSV,
    personal data in a workbook) beside one it cannot read."""
    import csv

    mail = EmailMessage()
    mail["From"], mail["Subject"] = "foi@cheshire.example", "RE: FOI"
    mail.set_content("Please find the figures attached.")
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, ["2014-02-01", "Sgt", f"{FORMULA} {MARKUP}", "Dismissed"]])
    mail.add_attachment(text.getvalue().encode(), maintype="text", subtype="csv", filename="figures.csv")
    personal = [HEADER, ["2014-03-01", "PC", "Gave " + ", ".join(PERSONAL) + " to a friend", "Written warning"]]
    mail.add_attachment(
        xlsx_bytes(tmp, {"Data": personal}), maintype="application", subtype="octet-stream", filename="more.xlsx"
    )
    mail.add_attachment(b"PK\x03\x04 nothing", maintype="application", subtype="zip", filename="more.zip")
    return mail.as_bytes()


def hostile_edition(tmp: Path) -> Path:
    """raw/2099 under `tmp`: every attack at once (tests/test_no_traceback.py builds it too)."""
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_text(f"Date,Details,Outcome\n2013-01-01,{SECRET},NFA\n", encoding="utf-8")
    good = "Date,Rank,Nature of breach,Outcome\n2013-05-01,PC,Viewed a crime report without a policing purpose,NFA\n"
    raw = tmp / "raw"
    root = make_edition(
        raw / "2099",
        [
            {"force": "Kent", "status": "disclosed", "files": "kent/r.csv"},
            {"force": "Lancashire", "status": "disclosed", "files": "../../outside/secret.csv"},
            {"force": "Durham", "status": "disclosed", "files": "durham/link.csv"},
            {"force": "Essex", "status": "disclosed", "files": "essex/r.csv"},
            {"force": "Surrey", "status": "disclosed", "files": "surrey/bomb.xlsx"},
            {"force": "Sussex", "status": "disclosed", "files": "sussex/many.xlsx"},
            {"force": "Norfolk", "status": "disclosed", "files": "norfolk/locked.xlsx"},
            {"force": "Suffolk", "status": "disclosed", "files": "suffolk/cut.docx"},
            {"force": "Dorset", "status": "disclosed", "files": "dorset/xxe.xlsx"},
            {"force": "Devon and Cornwall", "status": "disclosed", "files": "devon/laughs.docx"},
            {"force": "Cheshire", "status": "disclosed", "files": "cheshire/RE FOI.eml"},
        ],
        {
            "kent/r.csv": good,
            "surrey/bomb.xlsx": lying_zip_bomb(),
            "sussex/many.xlsx": many_members(),
            "norfolk/locked.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "suffolk/cut.docx": docx_bytes(tmp, [[HEADER, ["2014", "PC", "x", "NFA"]]])[:300],
            "dorset/xxe.xlsx": xxe_xlsx(tmp, outside / "secret.csv"),
            "devon/laughs.docx": billion_laughs_docx(tmp),
            "cheshire/RE FOI.eml": hostile_mail(tmp),
        },
        bless=False,
    )
    (root / "edition.yaml").write_text(
        (root / "edition.yaml")
        .read_text(encoding="utf-8")
        .replace("request_file: request.txt", "request_file: /etc/passwd"),
        encoding="utf-8",
    )
    (root / "responses" / "durham").mkdir()
    os.symlink(outside / "secret.csv", root / "responses" / "durham" / "link.csv")  # a link out
    os.symlink(root / "responses" / "kent", root / "responses" / "essex")  # a link in
    write_manifest(root)
    with open(root / "responses" / "kent" / "r.csv", "a", encoding="utf-8") as fh:  # tampered after bless
        fh.write(f"2013-06-01,PC,{SECRET},NFA\n")
    with open(root / "SHA256SUMS", "a", encoding="utf-8") as fh:
        fh.write("not-a-checksum responses/kent/r.csv\n")
    return raw


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    raw = hostile_edition(tmp)
    strict = run_pipeline(tmp / "strict", "2099", raw, check=False)
    run_pipeline(tmp / "allowed", "2099", raw, "allow_problems=true")
    return strict, tmp / "allowed" / "2099"


EXPECTED = [  # (file, what) of every problem the strict build must name exactly once
    ("edition.yaml request_file '/etc/passwd'", "outside the edition folder"),
    ("requests.csv line 3 (Lancashire)", "outside the edition's responses/ folder"),
    ("responses/durham/link.csv", "a symbolic link"),
    ("responses/essex", "a symbolic link"),
    ("responses/surrey/bomb.xlsx", "corrupt member"),
    ("responses/sussex/many.xlsx", "over max_zip_members"),
    ("responses/norfolk/locked.xlsx", "password-protected"),
    ("responses/suffolk/cut.docx", "not a valid .docx"),
    ("responses/kent/r.csv", "checksum differs from SHA256SUMS"),
    ("SHA256SUMS line {line}", "not '<sha256> <file>'"),
]


def test_the_strict_build_names_every_problem_once_with_its_fix(hostile):
    strict, built = hostile
    console = strict.stdout + strict.stderr
    assert strict.returncode != 0 and "Traceback" not in console
    problems = re.findall(r"^- (.+?): (.+)\n    fix: (.+)$", console, flags=re.M)
    manifest = (built.parents[1] / "raw" / "2099" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(manifest, start=1) if text.startswith("not-a-checksum"))
    for file, what in EXPECTED:
        file = file.format(line=line)
        hits = [p for p in problems if p[0] == file and what in p[1]]
        assert len(hits) == 1, (file, what, [p for p in problems if p[0] == file])
        assert hits[0][2].strip()
    assert SECRET not in console and "root:x:0" not in console


def public_text(results: Path) -> str:
    files = [results / "report.html", results / "numbers.json"]
    files += sorted((results / "tables").glob("*.csv")) + sorted((results / "figures").glob("*.csv"))
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def test_allow_mode_publishes_none_of_it(hostile):
    _, built = hostile
    published = public_text(built)
    for planted in [SECRET, "root:x:0", "alert(1)", "HYPERLINK", *PERSONAL]:
        assert planted not in published, planted
    records = read(built / "records.csv")
    excluded = {
        "responses/kent/r.csv",
        "responses/surrey/bomb.xlsx",
        "responses/sussex/many.xlsx",
        "responses/norfolk/locked.xlsx",
        "responses/suffolk/cut.docx",
    }
    assert not excluded & set(records["source_file"])
    assert not {f for f in records["source_file"] if "outside" in f or "durham" in f or "essex" in f}
    # nothing outside the edition was read, not even through an XML entity (internal files included)
    for path in built.rglob("*"):
        if path.is_file() and path.suffix in (".csv", ".json", ".html", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert SECRET not in text and "root:x:0" not in text, path
    assert not any(path.name == "secret.csv" for path in built.rglob("*"))


def test_allow_mode_keeps_hostile_text_inert_in_internal_files(hostile):
    _, built = hostile
    records = (built / "records.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in records  # neutralised for a spreadsheet (and restored by the pipeline's reader)
    assert not re.search(r"(^|,)=HYPERLINK", records, flags=re.M)
    html = (built / "audit" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<!--" not in html.split("<script", 1)[1]
    shards = "".join(p.read_text(encoding="utf-8") for p in (built / "audit" / "data").rglob("*.js"))
    assert "</script>" not in shards and "<!--" not in shards


def test_the_attachments_and_their_unread_parts_are_in_the_ledger(hostile):
    _, built = hostile
    ledger = read(built / "ledger.csv").set_index("source_file")
    mail = ledger.loc["responses/cheshire/RE FOI.eml"]
    assert mail["records_kept"] == "2" and mail["nondata_unread"] == "1"
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    assert numbers["forces.cheshire.total"]["value"] == 2


def test_xml_entities_are_never_expanded(hostile):
    """XXE (an entity naming a file outside) and billion laughs: the readers refuse both,
    and each file is listed as unreadable, its rows nowhere."""
    _, built = hostile
    problems = read(built / "clean" / "extraction_problems.csv").set_index("file")["what"]
    assert "unrecognized entity" in problems["responses/dorset/xxe.xlsx"]
    assert "amplification" in problems["responses/devon/laughs.docx"]
    ledger = read(built / "ledger.csv").set_index("source_file")
    assert ledger.loc["responses/dorset/xxe.xlsx", "file_status"] == "unreadable"
    assert ledger.loc["responses/devon/laughs.docx", "file_status"] == "unreadable"
