"""Every stream pdfminer decodes for a PDF response, decoded within a budget (issue 24,
item 6).

pdfminer decodes a stream whole the first time it is needed (`PDFStream.decode`): a page's
instructions, a form, a font's maps and its embedded font file, an object stream holding
other objects (/Type /ObjStm), the cross-reference stream. A few kilobytes can decode to
gigabytes: LZW and RunLength expand a small stream hugely, and a chain of filters
([/ASCII85Decode /FlateDecode], [/FlateDecode /FlateDecode]) multiplies what each does.
pdfminer's own RunLength decoder builds a list of integers (8 bytes for each byte), its
LZW decoder keeps a table that grows by the length of each code's output, and its PNG
predictor allocates a row of the declared /Columns before it looks at the data.

While `decoding_within` is active (read_pdf holds it around the whole read), every such
decode goes through `Decoding.decode` instead, which gives pdfminer the same bytes for
every stream within the limits and stops with `TooLarge`, naming the object and the
limit, as soon as one is passed. All the counts are of bytes, never of time:

- `max_pdf_decoded_mb`: the bytes the filters of all the file's streams produce, each
  filter of a chain counted, all streams together. Each filter stops as soon as its
  output would pass what is left: Flate is inflated piece by piece with zlib's
  `max_length`, LZW and RunLength are decoded here and counted as their output grows,
  ASCII85 and ASCIIHex are measured from their input before they are decoded.
- `max_pdf_content_kb` (pdf.py's budget of what pdfminer parses in Python, shared with
  the pages' instructions and the font maps): an object stream's bytes once decoded
  (pdfminer parses all its objects as soon as one is needed, about 1.4 microseconds a
  byte) and the bytes a predictor works through (0.3 microseconds a byte, in Python).

The patch is on `PDFStream.decode` (and `PDFXRefStream.get_objids`, bounded by the entries a
cross-reference stream holds) and only while a `decoding_within` block runs; outside
one, or in another thread, pdfminer's own method runs (tests/test_pdf_streams.py checks
both, and compares the bytes with pdfminer's on each filter)."""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable
from contextlib import contextmanager

from pdfminer import settings
from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.ascii85 import end_re as A85_END
from pdfminer.ascii85 import start_re as A85_START
from pdfminer.ccitt import ccittfaxdecode
from pdfminer.pdfdocument import LITERAL_OBJSTM as _OBJSTM
from pdfminer.pdfdocument import LITERAL_XREF, PDFXRefStream
from pdfminer.pdfexceptions import PDFException, PDFNotImplementedError
from pdfminer.pdftypes import (
    LITERAL_CRYPT,
    LITERALS_ASCII85_DECODE,
    LITERALS_ASCIIHEX_DECODE,
    LITERALS_CCITTFAX_DECODE,
    LITERALS_DCT_DECODE,
    LITERALS_FLATE_DECODE,
    LITERALS_JBIG2_DECODE,
    LITERALS_JPX_DECODE,
    LITERALS_LZW_DECODE,
    LITERALS_RUNLENGTH_DECODE,
    PDFStream,
    int_value,
    resolve1,
)
from pdfminer.utils import apply_png_predictor, apply_tiff_predictor, nunpack

from .expansion import TooLarge, limit

TRANSCRIBE = "or transcribe its incidents into transcribed/<name>.csv"
PIECE = 1 << 20  # Flate is inflated a megabyte at a time at most
A85_SPACE = b" \t\n\r\v"  # what base64.a85decode skips
_ACTIVE = threading.local()
_LOCK = threading.Lock()
_ORIGINAL_DECODE = PDFStream.decode
_ORIGINAL_OBJIDS = PDFXRefStream.get_objids
_installed = 0


class Decoding:
    """What is left of one file's `max_pdf_decoded_mb`; `spend_parsed(count, what)`
    spends the bytes pdfminer parses in Python (pdf.py's Budget.spend_parsed)."""

    def __init__(self, limits: dict | None, spend_parsed: Callable[[int, str], None] | None = None):
        self.limits = limits
        self.most = limit(limits, "max_pdf_decoded_mb") * 1024 * 1024
        self.left = self.most
        self.spend_parsed = spend_parsed or (lambda count, what: None)

    def decode(self, stream, most: int | None = None) -> bytes:
        """`stream`'s bytes once decoded, as pdfminer's PDFStream.decode gives them. With
        `most`, only up to `most` + 1 of them are needed: the last filter stops there."""
        data = stream.rawdata
        if stream.decipher:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        filters = stream.get_filters()
        what = describe(stream)
        for i, (f, params) in enumerate(filters):
            predictor = _predictor(params)
            last = i == len(filters) - 1 and predictor is None
            room = min(self.left, most + 1) if (most is not None and last) else self.left
            data = self._filter(f, params, data, room, what)
            if len(data) > room and (most is None or not last or room == self.left):
                self._over(what)
            self.left = max(0, self.left - len(data))
            if predictor is not None:
                data = self._predict(predictor, params, data, what)
        if most is not None and len(data) > most:
            return data[: most + 1]
        if stream.get("Type") is _OBJSTM:  # pdfminer parses every object in it, in Python
            self.spend_parsed(len(data), what)
        return data

    def _over(self, what: str):
        raise TooLarge(
            f"{what}: decoding it brings the file's decoded streams to more than "
            f"max_pdf_decoded_mb={limit(self.limits, 'max_pdf_decoded_mb'):,} MB",
            "max_pdf_decoded_mb",
            TRANSCRIBE,
        )

    def _filter(self, f, params, data: bytes, room: int, what: str) -> bytes:
        """One filter's output, up to `room` + 1 bytes (more: over the limit)."""
        if f in LITERALS_FLATE_DECODE:
            return flate(data, room)
        if f in LITERALS_LZW_DECODE:
            return lzw(data, room)
        if f in LITERALS_RUNLENGTH_DECODE:
            return runlength(data, room)
        if f in LITERALS_ASCII85_DECODE:
            if ascii85_size(data) > self.left:  # decoded whole (at most 4 bytes a character), then cut
                self._over(what)
            return ascii85decode(data)
        if f in LITERALS_ASCIIHEX_DECODE:
            if (len(data) + 1) // 2 > self.left:
                self._over(what)
            return asciihexdecode(data)
        if f in LITERALS_CCITTFAX_DECODE:  # images only; a row of /Columns pixels for each bit, at worst
            columns = params.get("Columns") if isinstance(params, dict) else None
            if isinstance(columns, int) and (8 * len(data) + 1) * (columns + 8) > self.left:
                self._over(what)
            self.spend_parsed(8 * len(data), what)  # decoded bit by bit, in Python
            return ccittfaxdecode(data, params)
        if f in LITERALS_DCT_DECODE or f in LITERALS_JBIG2_DECODE or f in LITERALS_JPX_DECODE:
            return data  # images, left as they are (pdfminer's too)
        if f == LITERAL_CRYPT:
            raise PDFNotImplementedError("/Crypt filter is unsupported")
        raise PDFNotImplementedError(f"Unsupported filter: {f!r}")

    def _predict(self, predictor: int, params: dict, data: bytes, what: str) -> bytes:
        """pdfminer's predictors (1, 2 and 10-15), the bytes they work through (in Python)
        spent first; a PNG row wider than the data is not allocated (the same bytes)."""
        if predictor == 1:
            return data
        colors = int_value(params.get("Colors", 1))
        columns = int_value(params.get("Columns", 1))
        bits = int_value(params.get("BitsPerComponent", 8))
        if predictor == 2:
            self.spend_parsed(len(data), what)
            return apply_tiff_predictor(colors, columns, bits, data)
        if predictor >= 10:
            self.spend_parsed(len(data), what)
            if colors > 0 and bits in (1, 8):
                # one row holds all the data either way: a row of len(data) columns reads it as
                # the declared one would, without pdfminer's list of /Columns zeros
                enough = max(len(data), -(-8 * len(data) // (colors * bits)))
                columns = min(columns, enough) if columns >= enough else columns
            return apply_png_predictor(predictor, colors, columns, bits, data)
        raise PDFNotImplementedError(f"Unsupported predictor: {predictor!r}")


def _predictor(params) -> int | None:
    if params and "Predictor" in params:
        return int_value(params["Predictor"])
    return None


def describe(stream) -> str:
    """The stream's place in the file: its object number and what it is, where it says."""
    kind = stream.get("Type")
    subtype = getattr(resolve1(stream.get("Subtype")), "name", None)
    if kind is _OBJSTM:
        what = "an object stream"
    elif kind is LITERAL_XREF:
        what = "the cross-reference stream"
    elif subtype == "Form":
        what = "a form"
    elif subtype == "Image":
        what = "an image"
    elif any(key in stream for key in ("Length1", "Length2", "Length3")) or subtype in (
        "Type1C",
        "CIDFontType0C",
        "OpenType",
    ):
        what = "a font file"
    else:
        what = "a stream"
    return f"object {stream.objid} ({what})" if stream.objid is not None else what


# --- the filters, each stopping past `room` bytes ------------------------------------


def flate(data: bytes, room: int) -> bytes:
    """zlib.decompress(data) as pdfminer calls it (a damaged stream read as far as it
    goes, as its decompress_corrupted does), up to `room` + 1 bytes, never more."""
    try:
        return _inflate(data, room)
    except zlib.error as e:
        if settings.STRICT:
            raise PDFException(f"Invalid zlib bytes: {e!r}, {data!r}") from e
        try:
            return _inflate_corrupted(data, room)
        except zlib.error:
            return b""


def _inflate(data: bytes, room: int) -> bytes:
    inflate, out, size = zlib.decompressobj(), [], 0
    while size <= room:
        piece = inflate.decompress(data, min(room + 1 - size, PIECE))
        rest = inflate.unconsumed_tail
        if not piece and (not rest or rest == data):
            break
        data = rest
        out.append(piece)
        size += len(piece)
    return b"".join(out)


def _inflate_corrupted(data: bytes, room: int) -> bytes:
    """pdfminer's decompress_corrupted: fed a byte at a time; an error in the last three
    bytes (the checksum) keeps what came before, an earlier one is raised."""
    inflate, out = zlib.decompressobj(), bytearray()
    for i in range(len(data)):
        chunk = data[i : i + 1]
        try:
            while True:
                out += inflate.decompress(chunk, room + 1 - len(out))
                if len(out) > room:
                    return bytes(out)
                chunk = inflate.unconsumed_tail
                if not chunk:
                    break
        except zlib.error:
            if i < len(data) - 3:
                raise
            return bytes(out)
    while len(out) <= room and (piece := inflate.decompress(b"", room + 1 - len(out))):
        out += piece
    return bytes(out)


def lzw(data: bytes, room: int) -> bytes:
    """pdfminer's lzwdecode, up to `room` + 1 bytes: the same codes read the same way (the
    width grows after the table reaches 511, 1023 and 2047 entries; a corrupt code ends
    the data), but the table stops at 4,096 entries, the most a 12-bit code can name
    (pdfminer's keeps growing, by the length of each code's output)."""
    out = bytearray()
    table: list[bytes | None] = []
    prev: bytes | None = None
    nbits, buffer, held, position, end = 9, 0, 0, 0, len(data)
    while len(out) <= room:
        while held < nbits:
            if position >= end:
                return bytes(out)
            buffer = ((buffer << 8) | data[position]) & 0xFFFFFFFF
            position += 1
            held += 8
        held -= nbits
        code = (buffer >> held) & ((1 << nbits) - 1)
        if code == 256:
            table = [bytes((c,)) for c in range(256)] + [None, None]
            prev, nbits = b"", 9
            continue
        if code == 257:
            continue
        if not prev:
            prev = table[code]  # an IndexError before a clear code, as pdfminer's
            out += prev
            continue
        if code < len(table):
            x = table[code]
            if len(table) < 4096:
                table.append(prev + x[:1])
        elif code == len(table):
            x = prev + prev[:1]
            table.append(x)
        else:
            return bytes(out)  # pdfminer's CorruptDataError: the data ends there
        length = len(table)
        nbits = 10 if length == 511 else 11 if length == 1023 else 12 if length == 2047 else nbits
        prev = x
        out += x
    return bytes(out)


def runlength(data: bytes, room: int) -> bytes:
    """pdfminer's rldecode, up to `room` + 1 bytes, built as bytes (pdfminer's builds a list
    of integers, 8 bytes for each); data that ends inside a run fails as pdfminer's does."""
    out, i, end = bytearray(), 0, len(data)
    while len(out) <= room and i < end:
        length = data[i]
        i += 1
        if length == 128:
            break
        if length < 128:
            if i + length + 1 > end:
                raise RuntimeError("generator raised StopIteration")  # pdfminer's, from its generator
            out += data[i : i + length + 1]
            i += length + 1
        else:
            if i >= end:
                raise StopIteration  # pdfminer's next() on the exhausted data
            out += data[i : i + 1] * (257 - length)
            i += 1
    return bytes(out)


def ascii85_size(data: bytes) -> int:
    """At least the bytes pdfminer's ascii85decode gives `data` (4 for each 'z', 4 for
    each 5 other characters, a partial group rounded up), counted without decoding it."""
    data = A85_END.sub(b"", A85_START.sub(b"", data)).translate(None, A85_SPACE)
    zeros = data.count(b"z")
    return 4 * zeros + -(-4 * (len(data) - zeros) // 5)


# --- the patch, only while a reader decodes ------------------------------------------


def _decode(self) -> None:
    """PDFStream.decode while a `decoding_within` block runs in this thread."""
    decoding = getattr(_ACTIVE, "decoding", None)
    if decoding is None:
        return _ORIGINAL_DECODE(self)
    assert self.data is None and self.rawdata is not None
    self.data = decoding.decode(self)
    self.rawdata = None


def _objids(self):
    """PDFXRefStream.get_objids while a `decoding_within` block runs in this thread, each
    range no longer than the entries the stream holds: pdfminer walks every object a
    cross-reference stream declares when a page tree is broken, and its /Index may declare
    two billion objects in a stream of three entries. Otherwise pdfminer's own walk."""
    if getattr(_ACTIVE, "decoding", None) is None:
        yield from _ORIGINAL_OBJIDS(self)
        return
    held = len(self.data) // self.entlen if self.data and self.entlen else 0
    for start, declared in self.ranges:
        for i in range(min(declared, held)):
            entry = self.data[self.entlen * i : self.entlen * (i + 1)]
            if nunpack(entry[: self.fl1], 1) in (1, 2):
                yield start + i


@contextmanager
def decoding_within(decoding: Decoding):
    """pdfminer's streams decoded by `decoding` in this thread while the block runs."""
    global _installed
    with _LOCK:
        if _installed == 0:
            PDFStream.decode = _decode
            PDFXRefStream.get_objids = _objids
        _installed += 1
    before = getattr(_ACTIVE, "decoding", None)
    _ACTIVE.decoding = decoding
    try:
        yield decoding
    finally:
        _ACTIVE.decoding = before
        with _LOCK:
            _installed -= 1
            if _installed == 0:
                PDFStream.decode = _ORIGINAL_DECODE
                PDFXRefStream.get_objids = _ORIGINAL_OBJIDS


def active() -> Decoding | None:
    return getattr(_ACTIVE, "decoding", None)


def decoded(stream, most: int, limits: dict | None = None) -> bytes:
    """A stream's bytes once decoded, up to `most` + 1 of them, by the active decoding (a
    fresh one when none is). A stream decoded whole is kept, as pdfminer keeps it, so it is
    not decoded again; b"" for what is not a stream."""
    if stream is None or not hasattr(stream, "rawdata"):
        return b""
    if stream.rawdata is None:  # already decoded
        return stream.data or b""
    decoding = active() or Decoding(limits)
    data = decoding.decode(stream, most)
    if len(data) <= most:
        stream.data, stream.rawdata = data, None
    return data
