"""`python bench/expansion.py`: small response files that declare or hold far more than
their size (issue 24, item 6). Each is read by the extract stage alone (its checks, its
reader, its rows.csv), in a child process with a 4 GB address-space cap and a 120 s
timeout, and measured: wall time, peak RSS (os.wait4), the rows.csv it wrote, and what it
said. Target: peak RSS <= 500 MB and <= 10 s for any response under 1 MB, whatever it
declares; each file over a limit named as a problem. Results go to bench/RESULTS.md by hand
(the section "Small files that expand"). Run from the repository root."""

from __future__ import annotations

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


def pdf_many_pages(pages: int) -> bytes:
    """A PDF of `pages` empty pages sharing one page tree (a few bytes a page)."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages
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


def pdf_dense_page(chars: int) -> bytes:
    """One page whose compressed content stream shows `chars` characters (a few KB packed)."""
    import zlib

    content = zlib.compress(b"BT /F1 1 Tf 10 700 Td (" + b"a" * chars + b") Tj ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
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
    }


CHILD = """
import json, sys
from pathlib import Path
from policebreaches.edition import read_manifest
from policebreaches.stages import extract
root, out, limits, name = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
outs = [out / f"{kind}.csv" for kind in ("rows", "counts", "status", "problems")]
files = [root / "responses" / name]
extract.run("kent", root / "responses", [name], files, read_manifest(root, []), limits, [], None, *outs)
"""


def measure(root: Path, name: str, limits: dict) -> dict:
    out = root.parent / f"{root.name}.out"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
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
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": usage.ru_maxrss // 1024,
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
