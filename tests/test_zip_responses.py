"""An answer sent as a zip archive: every member read as a response file of its own
(locators member=<path> ...), after the same checks; a bomb is never unpacked."""

from __future__ import annotations

import io
import zipfile

from editions import data_rows, extract, make_edition, xlsx_bytes

HEADER = ["Date", "Rank", "Nature of breach", "Outcome"]
CSV = b"Date,Rank,Nature of breach,Outcome\n2013-04-02,PC,Accessed PNC for personal reasons,Written warning\n"


def archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def extract_zip(tmp_path, data: bytes):
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent Police", "status": "disclosed", "files": "kent/answer.zip"}],
        {"kent/answer.zip": data},
    )
    return extract(root, "kent")


def test_every_member_is_read_with_its_own_locators(tmp_path):
    book = xlsx_bytes(tmp_path, {"Year 2013": [HEADER, ["2013-05-09", "Police Staff", "Disclosed an address", "NFA"]]})
    rows, _, statuses, problems = extract_zip(tmp_path, archive({"FOI 123/data.csv": CSV, "FOI 123/Book 1.xlsx": book}))
    assert not problems and statuses[0]["status"] == "extracted"
    found = {
        (r["source_locator"], r["source_member"], r["source_sheet"]): r["description_raw"] for r in data_rows(rows)
    }
    assert found == {
        ("member=FOI 123/data.csv line=2", "FOI 123/data.csv", ""): "Accessed PNC for personal reasons",
        (
            "member=FOI 123/Book 1.xlsx sheet=Year 2013 row=2",
            "FOI 123/Book 1.xlsx",
            "Year 2013",
        ): "Disclosed an address",
    }


def test_a_member_that_is_not_a_document_is_listed_and_named(tmp_path):
    rows, _, _, problems = extract_zip(tmp_path, archive({"data.csv": CSV, "scan.tiff": b"II*\x00"}))
    assert len(data_rows(rows)) == 1
    assert [p.what for p in problems] == ["zip member scan.tiff: unsupported format '.tiff'"]
    assert "extract the archive" in problems[0].fix
    assert [r["source_locator"] for r in rows if r["row_kind"] == "unread"] == ["member=scan.tiff"]


def test_a_zip_bomb_is_never_unpacked(tmp_path):
    bomb = archive({"data.csv": b"0" * (20 * 1024 * 1024)})
    from policebreaches.containers import check_content

    from editions import LIMITS

    problems = check_content(bomb, ".zip", "responses/kent/answer.zip", LIMITS)
    assert len(problems) == 1 and "possible zip bomb" in problems[0].what
