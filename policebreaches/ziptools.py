"""Byte-reproducible Office files: zip members with fixed times, and the document's own
'modified' stamp (openpyxl writes the current time on every save) fixed too."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def rewrite_reproducibly(data: bytes, path: Path, stamp: str = "2000-01-01T00:00:00Z") -> None:
    """Write the zip `data` to `path` with fixed member times and a fixed modified stamp."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = MODIFIED.sub(rb"\g<1>" + stamp.encode() + rb"\g<2>", content)
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), content, compress_type=zipfile.ZIP_DEFLATED)


def make_reproducible(path: Path, stamp: str = "2000-01-01T00:00:00Z") -> None:
    rewrite_reproducibly(path.read_bytes(), path, stamp)
