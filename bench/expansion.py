"""`python bench/expansion.py`: small response files that declare or hold far more than
their size (issue 24, item 6). Each is read by the extract stage alone (its checks, its
reader, its rows.csv), in a child process with a 4 GB address-space cap and a 120 s
timeout, and measured: wall time, peak RSS (its own VmHWM; os.wait4's when it was killed,
which also counts what the parent held when it forked), the rows.csv it wrote, and what it
said. Target: peak RSS <= 500 MB and <= 10 s for any response under 1 MB, whatever it
declares; each file over a limit named as a problem. Results go to bench/RESULTS.md by hand
(the section "Small files that expand"). Run from the repository root."""

from __future__ import annotations

import base64
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CODE = Path(os.environ.get("BENCH_CODE", REPO))  # the checkout whose extract stage is measured (before/after)
WORK = REPO / "bench" / "work" / "expansion"
sys.path.insert(0, str(REPO / "tests"))

from editions import make_edition  # noqa: E402  (the tests' edition writer: real files, blessed)

HEADER = ["Date", "Rank", "Nature of breach", "Outcome"]
ROWS = [
    [f"2013-0{1 + i % 9}-1{i % 9}", "PC", f"Looked up a neighbour on PNC, case {i}", "Written warning"]
    for i in range(20)
]
CAP_BYTES = 4 << 30
TIMEOUT_S = 120


def rezip(data: bytes, member: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


def padded(data: bytes, ratio: int = 90) -> bytes:
    """`data` (a zip) with a stored member of random bytes, so that its unpacked-to-packed
    ratio stays under max_zip_ratio: what a file built to pass the container checks does."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(i.file_size for i in archive.infolist())
        packed = sum(i.compress_size for i in archive.infolist())
    extra = max(0, (unpacked - ratio * packed) // (ratio - 1) + 1)
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("docProps/padding.bin", random.Random(1).randbytes(extra))
    return out.getvalue()


def xlsx(tmp: Path, far: tuple[int, int] | None = None, far_value=None) -> bytes:
    """A 20-incident workbook; `far`: one more cell there, blank but styled, or holding `far_value`."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    if far:
        cell = sheet.cell(*far)
        cell.font = Font(bold=True)
        if far_value is not None:
            cell.value = far_value
    path = tmp / "book.xlsx"
    book.save(path)
    return path.read_bytes()


def xlsx_empty_string_far(tmp: Path) -> bytes:
    """The issue's workbook: one cell at the last column, row 3,000, holding an empty string."""
    data = xlsx(tmp, far=(3000, 16384), far_value="x")
    return rezip(data, "xl/worksheets/sheet1.xml", lambda x: x.replace(b"<is><t>x</t></is>", b"<is><t></t></is>"))


def xlsx_shared_string(tmp: Path, chars: int, cells: int) -> bytes:
    """A workbook whose `cells` cells (A30 down) all show one shared string of `chars`
    characters: stored once, given to each cell by the parser."""
    sheet = "".join(f'<row r="{30 + i}"><c r="A{30 + i}" t="s"><v>0</v></c></row>' for i in range(cells)).encode()
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1">'
        f"<si><t>{'a' * chars}</t></si></sst>"
    ).encode()
    relationship = (
        b'<Relationship Id="rIdShared" Target="sharedStrings.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    )
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    data = rezip(xlsx(tmp), "xl/worksheets/sheet1.xml", lambda x: x.replace(b"</sheetData>", sheet + b"</sheetData>"))
    data = rezip(
        data, "xl/_rels/workbook.xml.rels", lambda x: x.replace(b"</Relationships>", relationship + b"</Relationships>")
    )
    data = rezip(data, "[Content_Types].xml", lambda x: x.replace(b"</Types>", override + b"</Types>"))
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", shared)
    return padded(out.getvalue())


def xlsx_declaring(tmp: Path, ref: str) -> bytes:
    return rezip(
        xlsx(tmp),
        "xl/worksheets/sheet1.xml",
        lambda x: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), x),
    )


def xlsx_merged(tmp: Path, ref: str) -> bytes:
    return rezip(
        xlsx(tmp),
        "xl/worksheets/sheet1.xml",
        lambda x: x.replace(
            b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode()
        ),
    )


def docx(tmp: Path, paragraphs: list[str] = ()) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=len(HEADER))
    for values in [HEADER, *ROWS]:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    path = tmp / "doc.docx"
    document.save(str(path))
    return path.read_bytes()


def docx_wide_span(tmp: Path, span: int) -> bytes:
    """One cell of the second row spans `span` grid columns (the table's grid has 4)."""

    def widen(xml: bytes) -> bytes:
        rows = xml.split(b"<w:tr")
        rows[2] = rows[2].replace(b"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{span}"/>'.encode(), 1)
        return b"<w:tr".join(rows)

    return rezip(docx(tmp), "word/document.xml", widen)


def docx_many_grid_columns(tmp: Path, columns: int) -> bytes:
    grid = b'<w:gridCol w:w="10"/>' * columns
    return padded(
        rezip(docx(tmp), "word/document.xml", lambda x: x.replace(b"</w:tblGrid>", grid + b"</w:tblGrid>", 1))
    )


def docx_many_cells(tmp: Path, rows: int) -> bytes:
    """A table of `rows` x 4 one-letter cells, within the zip limits."""

    def grow(xml: bytes) -> bytes:
        row = re.search(rb"<w:tr[ >].*?</w:tr>", xml, flags=re.S).group(0)
        small = re.sub(rb"<w:t>[^<]*</w:t>", b"<w:t>x</w:t>", row)
        return xml.replace(b"</w:tbl>", small * rows + b"</w:tbl>", 1)

    return padded(rezip(docx(tmp), "word/document.xml", grow))


def docx_long_text(tmp: Path, chars: int) -> bytes:
    return padded(
        rezip(docx(tmp, ["PLACEHOLDER"]), "word/document.xml", lambda x: x.replace(b"PLACEHOLDER", b"a" * chars))
    )


def xls_far_value() -> bytes:
    """An xls (BIFF8) with the incidents and one value in the last cell, IV65536."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    for r, row in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.write(65535, 255, "x")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pdf_document(
    pages: list[bytes],
    forms: dict[str, bytes] | None = None,
    size=(612, 792),
    origin=(0, 0),
    filters: tuple[str, ...] = ("FlateDecode",),
) -> bytes:
    """A PDF whose pages draw `pages` (content streams, Flate-compressed; pages drawing the
    same bytes share one stream, so a thousand pages cost a few bytes each) with one font
    (F1) and the Form XObjects `forms` (name -> content) in their resources; `origin`: the
    MediaBox's lower left corner; `filters`: how the streams are encoded (decoded in order)."""
    forms = forms or {}
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    names = {name: 4 + i for i, name in enumerate(forms)}
    xobjects = " ".join(f"/{name} {number} 0 R" for name, number in names.items())
    resources = f"<< /Font << /F1 3 0 R >> /XObject << {xobjects} >> >>".encode()

    def stream(content: bytes, head: bytes = b"") -> bytes:
        return stream_object(encoded(content, list(filters)), list(filters), head)

    for content in forms.values():
        objects.append(
            stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources " + resources + b" ")
        )
    streams: dict[bytes, int] = {}
    kids = []
    box = f"{origin[0]} {origin[1]} {origin[0] + size[0]} {origin[1] + size[1]}"
    for content in pages:
        if content not in streams:
            objects.append(stream(content))
            streams[content] = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Contents {streams[content]} 0 R /Resources ".encode()
            + resources
            + b" >>"
        )
        kids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets))
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def pdf_many_pages(pages: int) -> bytes:
    """A PDF of `pages` empty pages sharing one page tree (a few bytes a page)."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages
    return _pdf_file(objects)


def text_of(chars: int, per_line: int = 250) -> bytes:
    """Drawing instructions showing `chars` characters, in lines of `per_line`."""
    lines = [b"(" + b"a" * per_line + b")'"] * (chars // per_line)
    return b"BT /F1 2 Tf 3 TL 42 748 Td\n" + b"\n".join(lines) + b"\nET"


def ruling(vertical: int, horizontal: int, width: float = 530, height: float = 700) -> bytes:
    """A grid of ruling lines (a table's borders) over `width` x `height` points."""
    lines = [
        f"40 {50 + height * i / horizontal:.2f} m {40 + width:.2f} {50 + height * i / horizontal:.2f} l"
        for i in range(horizontal)
    ]
    lines += [
        f"{40 + width * i / vertical:.2f} 50 m {40 + width * i / vertical:.2f} {50 + height:.2f} l"
        for i in range(vertical)
    ]
    return "\n".join(lines).encode() + b"\nS\n"


def pdf_dense_page(chars: int) -> bytes:
    """One page whose compressed content stream shows `chars` characters (a few KB packed)."""
    return pdf_document([b"BT /F1 1 Tf 10 700 Td (" + b"a" * chars + b") Tj ET"])


def pdf_pages_of_text(pages: int, chars: int) -> bytes:
    """`pages` pages each showing `chars` characters (one shared stream: a few bytes a page)."""
    return pdf_document([b"BT /F1 1 Tf 10 700 Td (" + b"a" * chars + b") Tj ET"] * pages)


def pdf_form_drawn(times: int, chars: int) -> bytes:
    """One page drawing, `times` over, a form that shows `chars` characters."""
    return pdf_document([b"/Fm1 Do\n" * times], {"Fm1": b"BT /F1 1 Tf 10 700 Td (" + b"a" * chars + b") Tj ET"})


def _pdf_with_font(font: list[bytes], text: bytes) -> bytes:
    """One page showing `text` in font F1, whose objects (`font`, numbered from 5) follow."""
    content = b"BT /F1 12 Tf 72 700 Td " + text + b" Tj ET"
    return _pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
            *font,
        ]
    )


def _flate_stream(data: bytes) -> bytes:
    import zlib

    packed = zlib.compress(data, 9)
    return f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"


def pdf_tounicode(entries: int) -> bytes:
    """A font whose ToUnicode map (parsed by pdfminer in Python) lists `entries` mappings:
    12 bytes each once unpacked, a few bytes packed."""
    block = b"100 beginbfchar\n" + b"<41> <0041>\n" * 100 + b"endbfchar\n"
    cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF>"
    cmap += b" endcodespacerange\n" + block * (entries // 100) + b"endcmap end end"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return _pdf_with_font([font, _flate_stream(cmap)], b"(A)")


def truetype_codes(codes: int) -> bytes:
    """A TrueType file of one table, a character map (format 12) whose one group maps
    `codes` codes: pdfminer builds a dictionary entry for each (up to four billion from
    28 bytes)."""
    import struct

    group = struct.pack(">HHII", 12, 0, 28, 0) + struct.pack(">I", 1) + struct.pack(">III", 0, codes - 1, 0)
    cmap = struct.pack(">HH", 0, 1) + struct.pack(">HHI", 3, 10, 12) + group
    return struct.pack(">IHHHH", 0x00010000, 1, 0, 0, 0) + b"cmap" + struct.pack(">III", 0, 28, len(cmap)) + cmap


def pdf_truetype_codes(codes: int) -> bytes:
    """A page in a font that embeds truetype_codes(codes), with no ToUnicode map: pdfminer
    reads the font's own character map."""
    truetype = truetype_codes(codes)
    return _pdf_with_font(
        [
            b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /FontDescriptor 7 0 R"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
            b"<< /Type /FontDescriptor /FontName /X /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0"
            b" /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>",
            _flate_stream(truetype),
        ],
        b"<0041>",
    )


# --- streams that decode to far more than their size (pdfstreams.py) -----------------


def lzw_encode(data: bytes) -> bytes:
    """`data` LZW-encoded as pdfminer's decoder reads it: a clear code first, codes of 9 to
    12 bits (wider once its table holds 511, 1023 and 2047 entries), a clear code before
    the table fills, the end code last."""
    codes = [256]
    table, word = {bytes((i,)): i for i in range(256)}, b""
    for byte in data:
        longer = word + bytes((byte,))
        if longer in table:
            word = longer
            continue
        codes.append(table[word])
        if len(table) < 3_800:
            table[longer] = 256 + len(table) - 254  # the entries after 256 and 257
        else:
            codes.append(256)
            table = {bytes((i,)): i for i in range(256)}
        word = bytes((byte,))
    if word:
        codes.append(table[word])
    codes.append(257)
    return _lzw_pack(codes)


def _lzw_pack(codes: list[int]) -> bytes:
    """`codes` written at the widths pdfminer's decoder reads them with: its table holds
    258 entries after the first code past a clear code, one more after each code since."""
    value, bits, t = 0, 0, 0
    for code in codes:
        length = 257 + t if t else 0
        width = 9 if length < 511 else 10 if length < 1023 else 11 if length < 2047 else 12
        value, bits = (value << width) | code, bits + width
        t = 0 if code == 256 else t + 1
    value <<= -bits % 8
    return value.to_bytes((bits + 7) // 8, "big")


def lzw_bomb(repeats: int) -> bytes:
    """LZW codes whose table grows by one byte a code ("a", "aa", "aaa", ... up to 3,839
    bytes at code 4,095), then code 4,095 `repeats` times: 3,839 bytes for every 12 bits."""
    return _lzw_pack([256, 97, *range(258, 4096), *[4095] * repeats, 257])


def runlength_encode(data: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(data):
        run = 1
        while i + run < len(data) and run < 128 and data[i + run] == data[i]:
            run += 1
        if run > 1:
            out += bytes((257 - run, data[i]))
        else:
            literal = data[i : i + 128]
            out += bytes((len(literal) - 1,)) + literal
            run = len(literal)
        i += run
    return bytes(out) + b"\x80"


ENCODERS = {
    "FlateDecode": lambda data: zlib.compress(data, 9),
    "ASCII85Decode": lambda data: base64.a85encode(data, wrapcol=72) + b"~>",
    "ASCIIHexDecode": lambda data: data.hex().encode() + b">",
    "RunLengthDecode": runlength_encode,
    "LZWDecode": lzw_encode,
}


def encoded(data: bytes, filters: list[str]) -> bytes:
    """`data` encoded so that decoding it through `filters`, in their order, gives it back."""
    for name in reversed(filters):
        data = ENCODERS[name](data)
    return data


def zeros_deflated(size: int) -> bytes:
    """`size` zero bytes Flate-compressed a megabyte at a time (never held whole)."""
    pack, out, chunk = zlib.compressobj(9), [], bytes(1 << 20)
    for _ in range(size >> 20):
        out.append(pack.compress(chunk))
    return b"".join(out) + pack.flush()


def stream_object(data: bytes, filters: list[str], head: bytes = b"", parms: bytes = b"") -> bytes:
    """A stream object holding `data` as it is, marked with `filters` (decoded in order)."""
    names = " ".join(f"/{name}" for name in filters)
    dictionary = b"<< " + head + f"/Length {len(data)} /Filter [{names}] ".encode() + parms + b" >>"
    return dictionary + b"\nstream\n" + data + b"\nendstream"


def pdf_stream_content(data: bytes, filters: list[str], parms: bytes = b"") -> bytes:
    """One page whose content stream holds `data`, marked with `filters` and `parms`."""
    return _pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            stream_object(data, filters, parms=b"/DecodeParms " + parms if parms else b""),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def pdf_font_file(data: bytes, filters: list[str]) -> bytes:
    """A page in a font that embeds `data` as its TrueType file (FontFile2), marked with
    `filters`: pdfminer unpacks the file whole before it maps the font's codes."""
    return _pdf_with_font(
        [
            b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /FontDescriptor 7 0 R"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
            b"<< /Type /FontDescriptor /FontName /X /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0"
            b" /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>",
            stream_object(data, filters, f"/Length1 {len(data)} ".encode()),
        ],
        b"<0041>",
    )


def pdf_object_stream(padding: bytes = b"", xref_padding: bytes = b"", text: bytes = b"(Hello) Tj") -> bytes:
    """A PDF 1.5 whose catalog, page tree and page sit in a compressed object stream
    (/Type /ObjStm, objects 1-3), found through a compressed cross-reference stream; the
    object stream ends with `padding` (more objects: pdfminer parses them all once one is
    needed), the cross-reference stream with `xref_padding` (both given deflated: see
    zeros_deflated)."""
    inner = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
    ]
    header, body = b"", b""
    for number, obj in enumerate(inner, start=1):
        header += f"{number} {len(body)} ".encode()
        body += obj + b"\n"
    objstm = zlib.compress(header + body, 9)
    if padding:  # a second deflate stream would end the first: pad before compressing instead
        objstm = padding
    content = b"BT /F1 12 Tf 72 700 Td " + text + b" ET"
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n")
    offsets = {}
    for number, body_bytes in (
        (4, stream_object(zlib.compress(content), ["FlateDecode"])),
        (5, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        (6, stream_object(objstm, ["FlateDecode"], f"/Type /ObjStm /N 3 /First {len(header)} ".encode())),
    ):
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj\n".encode() + body_bytes + b"\nendobj\n")
    offsets[7] = out.tell()
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    rows += [b"\x02" + (6).to_bytes(4, "big") + i.to_bytes(2, "big") for i in range(3)]
    rows += [b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00" for n in (4, 5, 6, 7)]
    xref = zlib.compress(b"".join(rows), 9) if not xref_padding else xref_padding
    head = b"/Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R "
    out.write(b"7 0 obj\n" + stream_object(xref, ["FlateDecode"], head) + b"\nendobj\n")
    out.write(f"startxref\n{offsets[7]}\n%%EOF\n".encode())
    return out.getvalue()


def objstm_padded(size: int) -> bytes:
    """pdf_object_stream's three objects followed by `size` bytes of "0 " (one small
    object after another), deflated a megabyte at a time."""
    inner = pdf_object_stream()  # the same three objects: taken from its object stream
    start = inner.index(b"/Type /ObjStm")
    data = inner[inner.index(b"stream\n", start) + 7 : inner.index(b"\nendstream", start)]
    pack, chunk = zlib.compressobj(9), b"0 " * (1 << 19)
    out = [pack.compress(zlib.decompress(data) + b"\n")]
    for _ in range(size >> 20):
        out.append(pack.compress(chunk))
    return b"".join(out) + pack.flush()


def xref_padded(size: int) -> bytes:
    """pdf_object_stream's cross-reference rows followed by `size` zero bytes, deflated."""
    plain = pdf_object_stream()
    start = plain.index(b"/Type /XRef")
    rows = zlib.decompress(plain[plain.index(b"stream\n", start) + 7 : plain.index(b"\nendstream", start)])
    pack, chunk = zlib.compressobj(9), bytes(1 << 20)
    out = [pack.compress(rows)]
    for _ in range(size >> 20):
        out.append(pack.compress(chunk))
    return b"".join(out) + pack.flush()


def pdf_within_every_limit() -> bytes:
    """About the most work the default limits let a PDF ask for: two pages of ruled tables
    filled with 95,000 characters each (about 191,000 of max_pdf_objects=200,000, 40,000 of
    max_pdf_crossings=50,000), and six pages of 120,000 bytes of the dearest instruction
    per byte measured, one that draws nothing (`q`, saving the graphics state: 3
    microseconds a byte), 908 KB in all of max_pdf_content_kb=1,024."""
    table = ruling(100, 200) + text_of(95_000)
    return pdf_document([table, table] + [b"q " * 60_000] * 6)


def pdf_ruled_table(tmp: Path, copies: int) -> bytes:
    """The sample's Avon and Somerset letter (a ruled table drawn by reportlab, as the
    sample generator draws it) with its 163 incidents `copies` times over: 10 copies is
    the letter of the x100 benchmark edition, 57 pages."""
    sys.path.insert(0, str(REPO / "scripts"))
    from sample_edition import generate

    incidents = generate.build_incidents(random.Random(generate.SEED), generate.plan(1))
    rows = [i for i in incidents if i.force_id == "avon-and-somerset"] * copies
    (tmp / "avon-and-somerset").mkdir(parents=True, exist_ok=True)
    [name] = generate.write_pdf_table(tmp, "avon-and-somerset", rows, random.Random(1))
    return (tmp / name).read_bytes()


def ods_dense(tmp: Path, rows: int) -> bytes:
    """An ods whose table has `rows` more rows of 4 one-letter cells: no repeat counts,
    every cell an element of its own (9 elements a row); padded to pass the zip ratio."""
    import pandas as pd

    path = tmp / "dense.ods"
    pd.DataFrame(ROWS, columns=HEADER).to_excel(path, engine="odf", index=False, sheet_name="Data")
    cell = b'<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    row = b"<table:table-row>" + cell * 4 + b"</table:table-row>"
    grown = rezip(
        path.read_bytes(), "content.xml", lambda x: x.replace(b"</table:table>", row * rows + b"</table:table>", 1)
    )
    return padded(grown)


def ods_far_value(tmp: Path) -> bytes:
    """An ods whose one row repeats a value across 16,000 columns and 3,000 rows."""
    import pandas as pd

    path = tmp / "book.ods"
    pd.DataFrame(ROWS, columns=HEADER).to_excel(path, engine="odf", index=False, sheet_name="Data")
    far = (
        b'<table:table-row table:number-rows-repeated="3000"><table:table-cell table:number-columns-repeated="16000"'
        b' office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
    )
    return rezip(path.read_bytes(), "content.xml", lambda x: x.replace(b"</table:table>", far + b"</table:table>", 1))


def cases(tmp: Path) -> dict[str, tuple[str, bytes]]:
    """name -> (file name, bytes): the two files of the issue first."""
    return {
        "docx-cell-spanning-4m-columns": ("r.docx", docx_wide_span(tmp, 4_000_000)),
        "xlsx-empty-string-at-XFD3000": ("r.xlsx", xlsx_empty_string_far(tmp)),
        "xlsx-styled-blank-at-XFD3000": ("r.xlsx", xlsx(tmp, far=(3000, 16384))),
        "xlsx-declares-A1:XFD1048576": ("r.xlsx", xlsx_declaring(tmp, "A1:XFD1048576")),
        "xlsx-value-at-XFD3000": ("r.xlsx", xlsx(tmp, far=(3000, 16384), far_value="x")),
        "xlsx-merge-A25:XFD1048576": ("r.xlsx", xlsx_merged(tmp, "A25:XFD1048576")),
        "xlsx-1m-character-string-in-100-cells": ("r.xlsx", xlsx_shared_string(tmp, 1_000_000, 100)),
        "xls-value-at-IV65536": ("r.xls", xls_far_value()),
        "ods-value-repeated-16000x3000": ("r.ods", ods_far_value(tmp)),
        "docx-grid-of-200k-columns": ("r.docx", docx_many_grid_columns(tmp, 200_000)),
        "docx-table-of-200k-rows": ("r.docx", docx_many_cells(tmp, 200_000)),
        "docx-table-of-19k-rows": ("r.docx", docx_many_cells(tmp, 19_000)),  # just within max_xml_elements
        "docx-80m-characters": ("r.docx", docx_long_text(tmp, 80_000_000)),
        "pdf-9000-empty-pages": ("r.pdf", pdf_many_pages(9_000)),
        "pdf-one-page-of-2m-characters": ("r.pdf", pdf_dense_page(2_000_000)),
        "pdf-one-page-of-120k-characters": ("r.pdf", pdf_dense_page(120_000)),  # just within max_page_kb
        "pdf-400-pages-of-120k-characters": ("r.pdf", pdf_pages_of_text(400, 120_000)),  # under max_chars
        "pdf-3-pages-of-120k-characters": ("r.pdf", pdf_pages_of_text(3, 120_000)),
        "pdf-form-of-100k-characters-drawn-10000-times": ("r.pdf", pdf_form_drawn(10_000, 100_000)),
        "pdf-ruled-grid-150x200": ("r.pdf", pdf_document([ruling(150, 200)])),
        "pdf-ruled-grid-300x300": ("r.pdf", pdf_document([ruling(300, 300, 3000, 3000)], size=(3200, 3200))),
        "pdf-within-every-limit": ("r.pdf", pdf_within_every_limit()),
        "pdf-font-mapping-4-billion-codes": ("r.pdf", pdf_truetype_codes(2**32 - 1)),
        "pdf-font-mapping-1m-codes": ("r.pdf", pdf_truetype_codes(1_000_000)),
        "pdf-tounicode-of-1m-entries": ("r.pdf", pdf_tounicode(1_000_000)),
        "pdf-lzw-content-1gb": ("r.pdf", pdf_stream_content(lzw_bomb(270_000), ["LZWDecode"])),
        "pdf-runlength-content-57mb": ("r.pdf", pdf_stream_content(b"\x81a" * 450_000 + b"\x80", ["RunLengthDecode"])),
        "pdf-flate-runlength-chain-640mb": (
            "r.pdf",
            pdf_stream_content(zlib.compress(b"\x81a" * 5_000_000 + b"\x80", 9), ["FlateDecode", "RunLengthDecode"]),
        ),
        "pdf-ascii85-flate-chain-600mb": (
            "r.pdf",
            pdf_stream_content(base64.a85encode(zeros_deflated(600 << 20)) + b"~>", ["ASCII85Decode", "FlateDecode"]),
        ),
        "pdf-predictor-declaring-1g-columns": (
            "r.pdf",
            pdf_stream_content(
                zlib.compress(b"\x00BT ET"), ["FlateDecode"], b"<< /Predictor 12 /Columns 1000000000 >>"
            ),
        ),
        "pdf-object-stream-of-200mb": ("r.pdf", pdf_object_stream(padding=objstm_padded(200 << 20))),
        "pdf-object-stream-of-2mb": ("r.pdf", pdf_object_stream(padding=objstm_padded(2 << 20))),
        "pdf-xref-stream-of-600mb": ("r.pdf", pdf_object_stream(xref_padding=xref_padded(600 << 20))),
        "pdf-font-file-flate-flate-1gb": (
            "r.pdf",
            pdf_font_file(zlib.compress(zeros_deflated(1 << 30), 9), ["FlateDecode", "FlateDecode"]),
        ),
        "pdf-font-file-flate-150mb": ("r.pdf", pdf_font_file(zeros_deflated(150 << 20), ["FlateDecode"])),
        "pdf-sample-letter-57-pages": ("r.pdf", pdf_ruled_table(tmp / "letter", 10)),
        "ods-dense-40000-rows": ("r.ods", ods_dense(tmp, 40_000)),
        "ods-dense-16000-rows": ("r.ods", ods_dense(tmp, 16_000)),  # just within max_ods_elements
    }


CHILD = """
import json, sys
from pathlib import Path
from policebreaches.edition import read_manifest
from policebreaches.stages import extract
root, out, limits, name = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
outs = [out / f"{kind}.csv" for kind in ("rows", "counts", "status", "problems")]
files = [root / "responses" / name]
try:
    extract.run("kent", root / "responses", [name], files, read_manifest(root, []), limits, [], None, *outs)
finally:  # this process's own peak: os.wait4's counts what it held at fork, the parent's size
    status = Path("/proc/self/status").read_text()
    (out / "peak_kb").write_text(status.split("VmHWM:")[1].split()[0])
"""


def measure(root: Path, name: str, limits: dict) -> dict:
    out = root.parent / f"{root.name}.out"
    out.mkdir(exist_ok=True)
    for old in [*out.glob("*.csv"), out / "peak_kb"]:
        old.unlink(missing_ok=True)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root), str(out), json.dumps(limits), name],
        cwd=CODE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES)),
    )
    timer = threading.Timer(TIMEOUT_S, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    timer.cancel()
    seconds = time.perf_counter() - start
    stderr = child.stderr.read()
    problems = out / "problems.csv"
    said = problems.read_text(encoding="utf-8").splitlines()[1:] if problems.is_file() else []
    rows = out / "rows.csv"
    peak = out / "peak_kb"
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": (int(peak.read_text()) if peak.is_file() else usage.ru_maxrss) // 1024,
        "exit": os.waitstatus_to_exitcode(status),
        "rows_csv_mb": round(rows.stat().st_size / 1e6, 2) if rows.is_file() else None,
        "said": "; ".join(said)[:200] or (stderr.strip().splitlines() or ["(nothing)"])[-1][:200],
    }


def main() -> None:
    import yaml

    limits = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))["limits"]
    WORK.mkdir(parents=True, exist_ok=True)
    only = sys.argv[1:]
    print("| response | size | exit | wall | peak RSS | rows.csv | what the extract stage said |")
    print("|---|---|---|---|---|---|---|")
    for case, (name, content) in cases(WORK).items():
        if only and case not in only:
            continue
        root = WORK / "raw" / case
        if not (root / "SHA256SUMS").is_file():
            make_edition(
                root, [{"force": "Kent", "status": "disclosed", "files": f"kent/{name}"}], {f"kent/{name}": content}
            )
        result = measure(root, f"kent/{name}", limits)
        print(
            f"| {case} | {len(content) / 1e3:.0f} KB | {result['exit']} | {result['seconds']} s"
            f" | {result['peak_rss_mb']} MB | {result['rows_csv_mb']} MB | {result['said']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
