"""Every stream pdfminer decodes for a PDF response, decoded within a budget (issue 24,
item 6; policebreaches/pdfstreams.py). The hostile files are bench/expansion.py's (which
times them; nothing here is timed): each ends as a problem naming the file and the limit,
with pdfminer's own decoders patched to fail the test, and no more memory allocated than
the limit allows. The ordinary ones read as pdfminer reads them, byte for byte."""

from __future__ import annotations

import base64
import io
import sys
import threading
import tracemalloc
import types
import zlib
from pathlib import Path

import pdfminer.pdftypes
import pdfplumber
import pytest
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import LIT, PDFStream
from test_expansion import extracted, only_problem

from policebreaches import pdfstreams
from policebreaches.readers import read_pdf

from editions import data_rows

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import expansion as files  # noqa: E402  (bench/expansion.py: the files it measures)

SAMPLE_PDF = REPO / "raw" / "2016" / "responses" / "avon-and-somerset" / "FOI_response.pdf"
PDFMINERS_DECODE = pdfstreams._ORIGINAL_DECODE
DECODED_LIMIT = "max_pdf_decoded_mb=8 MB"


@pytest.fixture
def no_unbounded_decode(monkeypatch):
    """pdfminer's own decoding fails the test: its PDFStream.decode, its LZW and RunLength
    decoders and its zlib.decompress (each decodes a stream whole)."""

    def fail(*args, **kwargs):
        pytest.fail("pdfminer decoded a stream whole")

    monkeypatch.setattr(pdfstreams, "_ORIGINAL_DECODE", fail)
    monkeypatch.setattr(pdfminer.pdftypes, "lzwdecode", fail)
    monkeypatch.setattr(pdfminer.pdftypes, "rldecode", fail)
    monkeypatch.setattr(pdfminer.pdftypes, "zlib", types.SimpleNamespace(decompress=fail, error=zlib.error))


def extracted_within(tmp_path, pdf: bytes, limits: dict | None = None):
    """The extract stage's result for `pdf`, and the most memory Python held meanwhile."""
    tracemalloc.start()
    try:
        result = extracted(tmp_path, "r.pdf", pdf, {"max_pdf_decoded_mb": 8, **(limits or {})})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak


HOSTILE = {
    # name: (the file, what it would decode to, the problem's message)
    "lzw content": (
        lambda: files.pdf_stream_content(files.lzw_bomb(30_000), ["LZWDecode"]),
        "115 MB",
        "page=1 draws more than max_page_kb=128 KB of instructions: not read",
    ),
    "runlength content": (
        lambda: files.pdf_stream_content(b"\x81a" * 200_000 + b"\x80", ["RunLengthDecode"]),
        "25 MB",
        "page=1 draws more than max_page_kb=128 KB of instructions: not read",
    ),
    "flate then runlength": (
        lambda: files.pdf_stream_content(
            zlib.compress(b"\x81a" * 5_000_000 + b"\x80", 9), ["FlateDecode", "RunLengthDecode"]
        ),
        "640 MB (10 MB in between)",
        f"object 4 (a stream): decoding it brings the file's decoded streams to more than {DECODED_LIMIT}: not read",
    ),
    "ascii85 then flate": (
        lambda: files.pdf_stream_content(
            base64.a85encode(files.zeros_deflated(100 << 20)) + b"~>", ["ASCII85Decode", "FlateDecode"]
        ),
        "100 MB",
        "page=1 draws more than max_page_kb=128 KB of instructions: not read",
    ),
    "flate then flate": (
        lambda: files.pdf_stream_content(
            zlib.compress(files.zeros_deflated(1 << 30), 9), ["FlateDecode", "FlateDecode"]
        ),
        "1 GB",
        "page=1 draws more than max_page_kb=128 KB of instructions: not read",
    ),
    "object stream": (
        lambda: files.pdf_object_stream(padding=files.objstm_padded(100 << 20)),
        "100 MB",
        f"object 6 (an object stream): decoding it brings the file's decoded streams to more than {DECODED_LIMIT}"
        ": not read",
    ),
    "cross-reference stream": (
        lambda: files.pdf_object_stream(xref_padding=files.xref_padded(100 << 20)),
        "100 MB",
        "the cross-reference stream: decoding it brings the file's decoded streams to more than "
        f"{DECODED_LIMIT}: not read",
    ),
    "font file": (
        lambda: files.pdf_font_file(zlib.compress(files.zeros_deflated(1 << 30), 9), ["FlateDecode", "FlateDecode"]),
        "1 GB",
        f"object 8 (a font file): decoding it brings the file's decoded streams to more than {DECODED_LIMIT}: not read",
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_stream_that_decodes_to_far_more_than_its_size_is_a_problem_before_it_is_allocated(
    tmp_path, no_unbounded_decode, case
):
    build, _, message = HOSTILE[case]
    pdf = build()
    assert len(pdf) < 1_000_000
    (_, _, statuses, problems), peak = extracted_within(tmp_path, pdf)
    file, what, fix = only_problem(problems)
    assert file == "responses/kent/r.pdf" and statuses[0]["status"] == "unreadable"
    assert what == message
    limit = what.split(" than ")[-1].split("=")[0]
    assert f"raise {limit} in config.yaml" in fix
    assert peak < 48 << 20  # the 8 MB limit, a copy and the reader's own: never the hundreds of MB it declares


def test_an_object_stream_within_the_decoded_limit_counts_as_instructions_to_parse(tmp_path, no_unbounded_decode):
    # 2 MB of small objects: pdfminer parses every one of them (about 1.4 microseconds a byte)
    (_, _, _, problems), _ = extracted_within(tmp_path, files.pdf_object_stream(padding=files.objstm_padded(2 << 20)))
    assert only_problem(problems)[1] == (
        "object 6 (an object stream): it brings what pdfminer parses (instructions, font maps, object streams and "
        "predictor rows) to more than max_pdf_content_kb=1,024 KB: not read"
    )


def test_a_predictor_declaring_a_billion_columns_allocates_no_row_of_them(no_unbounded_decode, monkeypatch):
    widths = []
    real = pdfstreams.apply_png_predictor
    monkeypatch.setattr(
        pdfstreams,
        "apply_png_predictor",
        lambda p, c, columns, b, d: widths.append(columns) or real(p, c, columns, b, d),
    )
    content = b"\x00BT /F1 12 Tf 72 700 Td (Predicted) Tj ET"  # one PNG row, filter type 0 (None)
    pdf = files.pdf_stream_content(zlib.compress(content), ["FlateDecode"], b"<< /Predictor 12 /Columns 1000000000 >>")
    tracemalloc.start()
    try:
        doc = read_pdf(pdf)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [text for _, text in doc.lines] == ["Predicted"]
    assert widths and max(widths) <= len(content)
    assert peak < 48 << 20  # pdfminer's row of a billion columns: 8 GB


# --- the same bytes as pdfminer's ------------------------------------------------------


def pdfminers(stream: PDFStream) -> bytes | type:
    """pdfminer's own decoding of `stream`: its bytes, or the type of what it raised."""
    copy = PDFStream(dict(stream.attrs), stream.rawdata)
    try:
        PDFMINERS_DECODE(copy)
    except Exception as exc:  # noqa: BLE001  (the kind of failure is compared)
        return type(exc)
    return copy.data


def ours(stream: PDFStream, most: int | None = None) -> bytes | type:
    try:
        return pdfstreams.Decoding(None).decode(PDFStream(dict(stream.attrs), stream.rawdata), most)
    except Exception as exc:  # noqa: BLE001
        return type(exc)


TEXT = files.text_of(3_000, per_line=40) + bytes(range(256)) * 20 + b"abcabcabc" * 500
PNG_ROWS = b"".join(bytes([kind]) + bytes((7 * i + kind) % 256 for i in range(24)) for kind in (0, 1, 2, 3, 4) * 6)
GOOD = zlib.compress(TEXT)


def stream(data: bytes, *filters: str, parms: dict | None = None) -> PDFStream:
    attrs = {"Filter": [LIT(name) for name in filters]}
    if parms is not None:
        attrs["DecodeParms"] = parms
    return PDFStream(attrs, data)


STREAMS = {
    "flate": stream(GOOD, "FlateDecode"),
    "flate truncated": stream(GOOD[: len(GOOD) // 2], "FlateDecode"),
    "flate with a bad checksum": stream(GOOD[:-1] + bytes([GOOD[-1] ^ 1]), "FlateDecode"),
    "flate damaged in the middle": stream(GOOD[:40] + b"\xff" * 8 + GOOD[48:], "FlateDecode"),
    "flate with bytes after its end": stream(GOOD + b"\n\r garbage", "FlateDecode"),
    "not flate at all": stream(b"plain text", "FlateDecode"),
    "lzw": stream(files.lzw_encode(TEXT * 3), "LZWDecode"),
    "lzw whose table fills": stream(files.lzw_bomb(50), "LZWDecode"),
    "lzw without a clear code": stream(b"\x10\x20\x30", "LZWDecode"),
    "lzw with a code past its table": stream(files._lzw_pack([256, 97, 300]), "LZWDecode"),
    "runlength": stream(files.runlength_encode(TEXT), "RunLengthDecode"),
    "runlength without its end": stream(files.runlength_encode(TEXT)[:-1], "RunLengthDecode"),
    "runlength ending in a literal": stream(b"\x05ab", "RunLengthDecode"),
    "runlength ending in a repeat": stream(b"\x81", "RunLengthDecode"),
    "ascii85": stream(base64.a85encode(TEXT, wrapcol=60) + b"~>", "ASCII85Decode"),
    "ascii85 of zeros": stream(b"<~" + base64.a85encode(bytes(4000)) + b"~>", "ASCII85Decode"),
    "asciihex": stream(TEXT.hex().encode() + b" \n>", "ASCIIHexDecode"),
    "ascii85 then flate": stream(base64.a85encode(GOOD) + b"~>", "ASCII85Decode", "FlateDecode"),
    "asciihex then lzw": stream(files.lzw_encode(TEXT).hex().encode() + b">", "ASCIIHexDecode", "LZWDecode"),
    "flate then runlength": stream(zlib.compress(files.runlength_encode(TEXT)), "FlateDecode", "RunLengthDecode"),
    **{
        f"png predictor {p}": stream(zlib.compress(PNG_ROWS), "FlateDecode", parms={"Predictor": p, "Columns": 24})
        for p in (10, 12, 15)
    },
    "png predictor, 3 colours": stream(
        zlib.compress(PNG_ROWS), "FlateDecode", parms={"Predictor": 12, "Columns": 8, "Colors": 3}
    ),
    "png predictor wider than the data": stream(
        zlib.compress(PNG_ROWS[:25]), "FlateDecode", parms={"Predictor": 12, "Columns": 10**6}
    ),
    "png predictor wider than the data, 1 bit": stream(
        zlib.compress(PNG_ROWS[:25]), "FlateDecode", parms={"Predictor": 12, "Columns": 10**6, "BitsPerComponent": 1}
    ),
    "tiff predictor": stream(zlib.compress(TEXT[:2400]), "FlateDecode", parms={"Predictor": 2, "Columns": 40}),
    "predictor 1": stream(GOOD, "FlateDecode", parms={"Predictor": 1}),
    "an image's filter": stream(b"\xff\xd8 jpeg", "DCTDecode"),
    "an unknown filter": stream(b"x", "NoSuchDecode"),
    "no filter": PDFStream({}, b"as it is"),
}


@pytest.mark.parametrize("name", STREAMS)
def test_each_filter_gives_pdfminers_bytes(name):
    expected = pdfminers(STREAMS[name])
    assert ours(STREAMS[name]) == expected
    if isinstance(expected, bytes) and len(expected) > 10:  # a part of it: the first bytes, one more than asked
        assert ours(STREAMS[name], most=9) == expected[:10]


def test_every_stream_of_the_sample_letter_decodes_as_pdfminer_decodes_it():
    from pdfminer.pdfdocument import PDFDocument

    document = PDFDocument(PDFParser(io.BytesIO(SAMPLE_PDF.read_bytes())))
    streams = [document.getobj(n) for xref in document.xrefs for n in xref.get_objids()]
    streams = [s for s in streams if isinstance(s, PDFStream)]
    filters = {tuple(f.name for f, _ in s.get_filters()) for s in streams}
    assert ("ASCII85Decode", "FlateDecode") in filters  # its pages: the chain of the issue, legitimately
    for s in streams:
        assert ours(s) == pdfminers(s)


@pytest.mark.parametrize("filters", [("ASCII85Decode", "FlateDecode"), ("LZWDecode",), ("RunLengthDecode",)])
def test_a_pdf_encoded_otherwise_reads_the_same(filters):
    import test_pdf_budget

    pages = test_pdf_budget.built_pages()
    plain = read_pdf(files.pdf_document(pages))
    other = read_pdf(files.pdf_document(pages, filters=filters))
    assert [t.rows for t in other.tables] == [t.rows for t in plain.tables] and plain.tables
    assert other.lines == plain.lines and plain.lines


def test_the_sample_letter_reads_its_163_incidents(tmp_path):
    rows, _, _, problems = extracted(tmp_path, "FOI_response.pdf", SAMPLE_PDF.read_bytes())
    assert problems == [] and len(data_rows(rows)) == 163


def test_objects_in_an_object_stream_are_read(tmp_path):
    doc = read_pdf(files.pdf_object_stream(text=b"(Dismissed for misuse of PNC) Tj"))
    assert [text for _, text in doc.lines] == ["Dismissed for misuse of PNC"]


def test_the_patch_holds_only_while_a_reader_runs_and_only_in_its_thread():
    assert PDFStream.decode is PDFMINERS_DECODE
    seen = {}

    def elsewhere():
        s = stream(zlib.compress(bytes(3 << 20)), "FlateDecode")
        s.decode()  # pdfminer's own: no limit here
        seen["other thread"] = len(s.data)

    with pdfstreams.decoding_within(pdfstreams.Decoding({"max_pdf_decoded_mb": 1})):
        assert PDFStream.decode is not PDFMINERS_DECODE
        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join()
        with pytest.raises(pdfstreams.TooLarge, match="max_pdf_decoded_mb=1 MB"):
            stream(zlib.compress(bytes(3 << 20)), "FlateDecode").decode()
    assert seen == {"other thread": 3 << 20}
    assert PDFStream.decode is PDFMINERS_DECODE
    read_pdf(files.pdf_document([b"BT ET"]))
    assert PDFStream.decode is PDFMINERS_DECODE
    with pdfplumber.open(io.BytesIO(files.pdf_document([b"BT ET"]))) as opened:
        assert opened.pages  # pdfplumber outside a reader: pdfminer as it is


def test_a_cross_reference_stream_declaring_two_billion_objects_walks_only_the_entries_it_holds():
    """pdfminer walks every object a cross-reference stream declares when a page tree is
    broken; /Index [0 2000000000] over three entries was a walk of two billion objects. While
    a reader runs, the walk stops at the entries the stream holds (pdfminer's own outside)."""
    import itertools

    from pdfminer.pdfdocument import PDFXRefStream

    from policebreaches.pdfstreams import Decoding, decoding_within

    xref = PDFXRefStream()
    xref.fl1, xref.fl2, xref.fl3 = 1, 2, 1
    xref.entlen = 4
    xref.data = bytes([1, 0, 10, 0, 1, 0, 20, 0, 2, 0, 3, 1])  # three entries: two in the file, one in a stream
    xref.ranges = [(0, 2_000_000_000)]
    assert len(list(itertools.islice(xref.get_objids(), 10))) == 10  # pdfminer's walk goes on past the data
    with decoding_within(Decoding(None)):
        assert list(xref.get_objids()) == [0, 1, 2]
