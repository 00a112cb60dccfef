"""A PDF read within a budget of work fixed before it is read (issue 24, item 6): the
instructions all pages draw (forms counted each time they are drawn) before any page is
laid out, then what the layout builds and the ruling lines the table finder crosses. The
files are bench/expansion.py's (which times them; nothing here is timed). The table finder
and the object dictionaries are done faster than pdfplumber does them: the tests at the
end compare them with pdfplumber's own on the sample's PDF and on built pages."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pdfminer.pdfinterp
import pdfplumber
import pytest
from pdfplumber.table import TableFinder, edges_to_intersections, intersections_to_cells
from test_expansion import extracted, only_problem

from policebreaches import pdf as budgeted
from policebreaches.readers import cell_text, read_pdf

from editions import data_rows

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import expansion as files  # noqa: E402  (bench/expansion.py: the files it measures)

SAMPLE_PDF = REPO / "raw" / "2016" / "responses" / "avon-and-somerset" / "FOI_response.pdf"


@pytest.fixture
def no_layout(monkeypatch):
    """Any page laid out fails the test: the problem must come before."""
    monkeypatch.setattr(
        pdfminer.pdfinterp.PDFPageInterpreter, "process_page", lambda *a, **k: pytest.fail("a page was laid out")
    )


def test_many_pages_each_just_within_max_page_kb_are_a_problem_before_any_page_is_laid_out(tmp_path, no_layout):
    # 400 pages of 120,000 characters: each under max_page_kb=128, all under max_chars (48
    # million); the 1,024 KB of max_pdf_content_kb are passed on page 9 (8 x 120,030 bytes
    # = 960,240, under 1,048,576)
    pdf = files.pdf_pages_of_text(400, 120_000)
    assert len(pdf) < 100_000
    _, _, statuses, problems = extracted(tmp_path, "r.pdf", pdf)
    file, what, fix = only_problem(problems)
    assert file == "responses/kent/r.pdf" and statuses[0]["status"] == "unreadable"
    assert what == (
        "pages 1-9 draw more than max_pdf_content_kb=1,024 KB of instructions "
        "(each form counted as often as it is drawn): not read"
    )
    assert "raise max_pdf_content_kb" in fix and "transcribed/" in fix


def test_a_form_drawn_ten_thousand_times_counts_each_time_it_is_drawn(tmp_path, no_layout):
    # the page itself holds 80,000 bytes ("/Fm1 Do\n" x 10,000); the form 100,030, drawn each time
    _, _, _, problems = extracted(tmp_path, "r.pdf", files.pdf_form_drawn(10_000, 100_000))
    assert only_problem(problems)[1] == (
        "page=1 draws more than max_pdf_content_kb=1,024 KB of instructions "
        "(each form counted as often as it is drawn): not read"
    )


def test_a_form_drawing_itself_is_a_problem_not_a_recursion(tmp_path, no_layout):
    pdf = files.pdf_document([b"/Fm1 Do"], {"Fm1": b"0 0 m 1 1 l S /Fm1 Do"})
    _, _, _, problems = extracted(tmp_path, "r.pdf", pdf)
    assert "more than max_pdf_content_kb=1,024 KB" in only_problem(problems)[1]


def test_characters_past_max_pdf_objects_are_a_problem(tmp_path):
    _, _, _, problems = extracted(tmp_path, "r.pdf", files.pdf_pages_of_text(3, 1_000), {"max_pdf_objects": 2_500})
    file, what, fix = only_problem(problems)
    assert what == (
        "pages 1-3 hold more than max_pdf_objects=2,500 characters, path points and images "
        "(a form or an image drawn counting twice): not read"
    )
    assert "raise max_pdf_objects" in fix and "transcribed/" in fix


def test_ruling_lines_past_max_pdf_crossings_are_a_problem_before_tables_are_looked_for(tmp_path, monkeypatch):
    monkeypatch.setattr(budgeted, "edges_to_intersections", lambda *a, **k: pytest.fail("tables were looked for"))
    pdf = files.pdf_document([files.ruling(60, 60)])
    _, _, _, problems = extracted(tmp_path, "r.pdf", pdf, {"max_pdf_crossings": 3_000})
    assert only_problem(problems)[1] == (
        "page=1: its ruling lines (60 vertical x 60 horizontal) cross 3,600 times: "
        "over max_pdf_crossings=3,000: not read"
    )


def test_a_normal_multi_page_pdf_still_reads_whole(tmp_path):
    # the sample's six-page letter: 163 incidents (scripts/sample_edition/generate.py) in one
    # table continued over its pages, within every limit
    rows, _, _, problems = extracted(tmp_path, "FOI_response.pdf", SAMPLE_PDF.read_bytes())
    assert problems == []
    assert len(data_rows(rows)) == 163
    assert {r["source_page"] for r in data_rows(rows)} == {"1", "2", "3", "4", "5", "6"}


# --- the same reading as pdfplumber's, done faster ------------------------------------


def built_pages() -> list[bytes]:
    """Pages that exercise what pdfplumber's table finder and object dictionaries meet:
    a full grid with text in its cells, a table with merged cells and a ragged edge,
    rectangles, curves, an image and text outside any table, two tables side by side."""
    grid = files.ruling(6, 9) + files.text_of(3_000, per_line=40)
    merged = (
        b"40 700 m 400 700 l 40 650 m 400 650 l 40 600 m 300 600 l 40 550 m 400 550 l "
        b"40 550 m 40 700 l 160 600 m 160 700 l 300 550 m 300 700 l 400 650 m 400 700 l S\n"
        b"BT /F1 9 Tf 50 670 Td (merged across) Tj 0 -50 Td (two rows) Tj 150 0 Td (c) Tj ET\n"
    )
    shapes = b"10 10 50 50 re f 100 100 m 120 140 150 90 200 120 c S q 20 0 0 20 300 300 cm BI /W 2 /H 2 /BPC 8 "
    shapes += b"/CS /G ID \x00\xff\x00\xff EI Q BT /F1 12 Tf 72 500 Td (Loose text, no table.) Tj ET"
    # two tables side by side, their rows at the same heights, a gap between them
    side_by_side = (
        b"".join(f"{x0} {y} m {x0 + 150} {y} l ".encode() for x0 in (40, 300) for y in (500, 530, 560, 590))
        + b"".join(f"{x} 500 m {x} 590 l ".encode() for x in (40, 115, 190, 300, 375, 450))
        + b"S"
    )
    return [grid, merged, shapes, side_by_side]


def comparable(objects: dict) -> dict:
    """The objects with an inline image's stream as its attributes and bytes: pdfminer
    names such an image by the id() of its dictionary, and its stream is an object of each
    parse, so two parses of one page differ there and nowhere else."""
    out = {}
    for kind, items in objects.items():
        out[kind] = []
        for item in items:
            item = dict(item)
            if kind == "image" and item["stream"].objid is None:
                stream = item.pop("stream")
                item["name"], item["stream"] = "inline", (stream.attrs, stream.rawdata)
            out[kind].append(item)
    return out


def pages_of(pdf: bytes):
    return pdfplumber.open(io.BytesIO(pdf))


def source_pdf(source: str) -> bytes:
    if source == "sample":
        return SAMPLE_PDF.read_bytes()
    return files.pdf_document(built_pages(), origin=(30, 40) if source == "moved" else (0, 0))


@pytest.mark.parametrize("source", ["sample", "built", "moved"])
def test_tables_and_text_are_pdfplumbers_own(source):
    pdf = source_pdf(source)
    with pages_of(pdf) as plain, pages_of(pdf) as fast:
        budget = budgeted.check_pdf(fast.doc, None)
        found = 0
        for number, (expected, page) in enumerate(zip(plain.pages, fast.pages), start=1):
            budgeted.lay_out(page, number, budget)
            assert comparable(page.objects) == comparable(expected.objects)  # process_object's, every kind
            tables = budgeted.page_tables(page, number, budget)
            assert tables == expected.extract_tables()
            assert page.extract_text() == expected.extract_text()
            found += len(tables)
        assert found >= (6 if source == "sample" else 4)


@pytest.mark.parametrize("source", ["sample", "built"])
def test_cells_are_pdfplumbers_own(source):
    pdf = source_pdf(source)
    with pages_of(pdf) as opened:
        for page in opened.pages:
            finder = TableFinder(page)
            intersections = edges_to_intersections(finder.edges, 3, 3)
            assert budgeted.cells(intersections) == intersections_to_cells(intersections)


def test_cells_of_a_comb_whose_corners_are_missing_are_pdfplumbers_own():
    # a long vertical and a long horizontal line, each crossed by short stubs that reach
    # nothing else: every point below and to the right connects, no corner exists
    stubs = [f"36 {700 - 10 * i} m 44 {700 - 10 * i} l".encode() for i in range(30)]
    stubs += [f"{60 + 10 * i} 756 m {60 + 10 * i} 764 l".encode() for i in range(30)]
    content = b"40 400 m 40 760 l 40 760 m 400 760 l " + b" ".join(stubs) + b" S"
    with pages_of(files.pdf_document([content])) as opened:
        intersections = edges_to_intersections(TableFinder(opened.pages[0]).edges, 3, 3)
        assert len(intersections) > 60
        assert budgeted.cells(intersections) == intersections_to_cells(intersections)


def test_the_reader_gives_the_sample_letter_as_pdfplumber_reads_it():
    doc = read_pdf(SAMPLE_PDF.read_bytes())
    with pages_of(SAMPLE_PDF.read_bytes()) as opened:
        lines = [line for page in opened.pages for line in (page.extract_text() or "").splitlines() if line.strip()]
        first = opened.pages[0].extract_tables()[0]
    assert [text for _, text in doc.lines] == lines
    assert doc.tables[0].rows[: len(first)] == [[cell_text(c) for c in row] for row in first]


def test_a_font_mapping_four_billion_codes_is_a_problem_before_pdfminer_maps_them(tmp_path, monkeypatch):
    import pdfminer.pdffont

    monkeypatch.setattr(pdfminer.pdffont.TrueTypeFont, "create_unicode_map", lambda *a: pytest.fail("mapped"))
    pdf = files.pdf_truetype_codes(2**32 - 1)  # one group of a format 12 character map, in a 1 KB file
    _, _, _, problems = extracted(tmp_path, "r.pdf", pdf)
    assert len(pdf) < 2_000
    assert only_problem(problems)[1] == (
        "page=1: a font's character maps bring the instructions and font maps to parse to more than "
        "max_pdf_content_kb=1,024 KB: not read"
    )


def test_a_font_mapping_a_few_codes_is_read(tmp_path):
    rows, _, _, problems = extracted(tmp_path, "r.pdf", files.pdf_truetype_codes(1_000))
    assert [p.what for p in problems] == ["no incident rows or counts could be extracted (needs_transcription)"]


def test_a_tounicode_map_of_megabytes_is_a_problem_before_it_is_parsed(tmp_path, monkeypatch):
    import pdfminer.cmapdb

    monkeypatch.setattr(pdfminer.cmapdb.CMapParser, "run", lambda *a: pytest.fail("the map was parsed"))
    _, _, _, problems = extracted(tmp_path, "r.pdf", files.pdf_tounicode(100_000), {"max_pdf_content_kb": 1_000})
    assert only_problem(problems)[1].startswith("page=1: a font's character maps bring")


def pdfminers_codes(truetype: bytes) -> int:
    """The codes pdfminer's own subtable parsers set, counted as they set them."""
    import struct

    from pdfminer.pdffont import TrueTypeFont

    class Counting(dict):
        count = 0

        def __setitem__(self, key, value):
            Counting.count += 1

        def update(self, pairs):
            Counting.count += len(list(pairs))

    font = TrueTypeFont("X", io.BytesIO(truetype))
    base = font.tables[b"cmap"][0]
    _, subtables = struct.unpack_from(">HH", truetype, base)
    for i in range(subtables):
        platform, encoding, offset = struct.unpack_from(">HHL", truetype, base + 4 + 8 * i)
        if platform == 0 or (platform == 3 and encoding in (1, 10)):
            (kind,) = struct.unpack_from(">H", truetype, base + offset)
            font.fp.seek(base + offset + 2)
            getattr(font, f"parse_cmap_format_{kind}")(font.fp, Counting())
    return Counting.count


@pytest.mark.parametrize("font", ["format 12, 1 code", "format 12, 70,000 codes", "DejaVuSans"])
def test_truetype_codes_are_counted_as_pdfminer_maps_them(font):
    if font == "DejaVuSans":  # a real font, the report's: format 4 and format 12 maps
        truetype = (REPO / "report" / "fonts" / "DejaVuSans.ttf").read_bytes()
    else:
        truetype = files.truetype_codes(1 if font.endswith(" 1 code") else 70_000)
    assert budgeted.truetype_codes(truetype) == pdfminers_codes(truetype) > 0
