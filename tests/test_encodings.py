"""Text responses in every encoding forces send them: the encoding is found from the
byte-order mark and the bytes, never assumed; bytes no encoding reads are a problem that
names the file as an encoding problem."""

from __future__ import annotations

import codecs

import pytest

from editions import data_rows, extract, make_edition

TABLE = (
    "Date,Rank,Nature of breach,Outcome\r\n"
    "24/01/2012,PC,\u2018Checked\u2019 a neighbour\u2019s car on PNC,\u2018Management Action\u2019\r\n"
    "Feb-13,Police Staff,Disclosed an address \u2013 caf\u00e9 owner,Written warning\r\n"
)
EXPECTED = [
    ("24/01/2012", "\u2018Checked\u2019 a neighbour\u2019s car on PNC", "\u2018Management Action\u2019"),
    ("Feb-13", "Disclosed an address \u2013 caf\u00e9 owner", "Written warning"),
]


def one_file(tmp_path, name: str, content: bytes):
    root = make_edition(
        tmp_path / "ed", [{"force": "Kent Police", "status": "disclosed", "files": name}], {name: content}
    )
    return extract(root, "kent")


def triples(rows):
    return [(r["date_raw"], r["description_raw"], r["outcome_raw"]) for r in data_rows(rows)]


@pytest.mark.parametrize(
    "encoded",
    [
        TABLE.encode("utf-8"),
        codecs.BOM_UTF8 + TABLE.encode("utf-8"),
        TABLE.encode("cp1252"),
        codecs.BOM_UTF16_LE + TABLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TABLE.encode("utf-16-be"),
        TABLE.encode("utf-16-le"),  # no byte-order mark
        TABLE.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"],
)
def test_a_csv_reads_the_same_in_every_encoding(tmp_path, encoded):
    rows, _, statuses, problems = one_file(tmp_path, "kent/r.csv", encoded)
    assert not problems and statuses[0]["status"] == "extracted"
    assert triples(rows) == EXPECTED


def test_excel_unicode_text_is_read_as_a_table(tmp_path):
    """Excel's 'Save as Unicode Text': UTF-16 LE with a byte-order mark, tab-separated, CRLF."""
    text = TABLE.replace(",", "\t")
    rows, _, statuses, problems = one_file(tmp_path, "kent/Book1.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert not problems and statuses[0]["status"] == "extracted"
    assert triples(rows) == EXPECTED
    assert {r["layout"] for r in data_rows(rows)} == {"incident_table"}


def test_a_letter_in_utf16_keeps_its_count_lines(tmp_path):
    letter = "Dear Requester,\r\nUnauthorised access = 7\r\nTotal = 7\r\n"
    _, counts, _, problems = one_file(tmp_path, "kent/letter.txt", codecs.BOM_UTF16_LE + letter.encode("utf-16-le"))
    assert not problems and [(c["label"], c["count"]) for c in counts] == [("Unauthorised access", 7), ("Total", 7)]


@pytest.mark.parametrize(
    "content, phrase",
    [
        # a byte-order mark, then bytes that are not UTF-16 (an unpaired surrogate)
        (codecs.BOM_UTF16_LE + "Date\tRank\r\n".encode("utf-16-le") + b"\x00\xd8A\x00", "looks like UTF-16"),
        # binary data under a text name: bytes no single-byte code page defines
        (bytes(range(256)) * 8, "not UTF-8, UTF-16 or Windows-1252"),
        # bytes every code page decodes, but into control characters no letter holds
        (b"Date,Rank\r\n" + bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x0E, 0x1B]) * 50, "not text in any known encoding"),
    ],
    ids=["broken-utf16", "binary", "control-characters"],
)
def test_bytes_no_encoding_reads_are_an_encoding_problem(tmp_path, content, phrase):
    rows, _, statuses, problems = one_file(tmp_path, "kent/r.csv", content)
    assert statuses[0]["status"] == "unreadable" and not rows
    assert len(problems) == 1 and problems[0].file == "responses/kent/r.csv"
    assert problems[0].what.startswith("encoding problem") and phrase in problems[0].what
    assert "UTF-8" in problems[0].fix
