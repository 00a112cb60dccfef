"""A PDF response read within a budget of work fixed before it is read (issue 24, item 6).

A PDF's cost is not its size: a few bytes of compressed drawing instructions can show a
hundred thousand characters, one form drawn by the page thousands of times can multiply
them, and a few hundred ruling lines make pdfplumber's table finder compare every
crossing with every other. Three counts, all deterministic (never a clock), bound it:

- `max_pdf_content_kb`: the drawing instructions of the pages read, once decompressed,
  each form (XObject) counted as often as it is drawn, checked before any page is laid
  out; then the font maps pdfminer parses in Python (ToUnicode and embedded CMaps, a
  Type 1 header, an embedded TrueType character map: 28 bytes of it can map four billion
  codes), checked before each font is built. It bounds the parsing the layout does.
- `max_pdf_objects`: the characters, path points and images the layout builds (a form or
  an image drawn counting two), all pages together; counted as the layout builds them,
  which stops at the limit.
- `max_pdf_crossings`: vertical x horizontal ruling lines of each page, all pages
  together: what the table finder works through. Checked before tables are looked for.

The table finder is pdfplumber's, with two of its steps done without comparing every
crossing, or every character, with every other (`cells`, `extract`), and each object's
dictionary is built without pdfplumber's per-value detours (`process_object`); they give
the same cells, text and dictionaries (tests/test_pdf_budget.py compares them with
pdfplumber's own), in about half the time of the whole read."""

from __future__ import annotations

import itertools
import math
import re
import types
from bisect import bisect_left
from dataclasses import dataclass
from unicodedata import normalize

import pdfplumber
from pdfminer.layout import LTChar, LTCurve, LTTextContainer
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfplumber import page as plumber_page
from pdfplumber import table as plumber_table
from pdfplumber import utils as plumber_utils
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

from .expansion import TooLarge, check_chars, limit
from .pdfstreams import decoded

TRANSCRIBE = "or transcribe its incidents into transcribed/<name>.csv"
DRAW = re.compile(rb"/([^\s/%\[\]()<>{}]*)(?:\s|%[^\r\n]*)*Do(?![^#\s/%\[\]()<>{}])")
HEX = re.compile(rb"#([0-9A-Fa-f]{0,2})")
PROCESS_OBJECT_OF = "0.11.10"  # the pdfplumber whose Page.process_object process_object() reproduces
PLAIN = (float, int, str, bool, type(None))
_KINDS: dict[type, str] = {}
_COLOUR_SPACES: dict[str, object] = {}


def _pages(number: int, one: str, many: str) -> str:
    """'page=1 draws' or 'pages 1-3 draw': the pages read so far and the verb for them."""
    return f"page=1 {one}" if number == 1 else f"pages 1-{number} {many}"


@dataclass
class Budget:
    """What is left of a file's objects, crossings and instructions (with the font maps
    pdfminer parses), spent page by page."""

    objects: int
    crossings: int
    content: int  # bytes of max_pdf_content_kb the pages' instructions left
    limits: dict | None
    page: int = 0  # the page being laid out
    parsed: int = 0  # bytes of object streams and predictor rows spent from content

    @classmethod
    def of(cls, limits: dict | None) -> Budget:
        """A file's whole budget, nothing spent."""
        content = limit(limits, "max_pdf_content_kb") * 1024
        return cls(limit(limits, "max_pdf_objects"), limit(limits, "max_pdf_crossings"), content, limits)

    def spend_parsed(self, count: int, what: str) -> None:
        """An object stream's bytes or a predictor's (pdfstreams.py), parsed in Python as
        the instructions are, spent from the same max_pdf_content_kb."""
        self.parsed += count
        self.content -= count
        if self.content < 0:
            raise TooLarge(
                f"{what}: it brings what pdfminer parses (instructions, font maps, object streams and "
                f"predictor rows) to more than max_pdf_content_kb={limit(self.limits, 'max_pdf_content_kb'):,} KB",
                "max_pdf_content_kb",
                TRANSCRIBE,
            )

    def spend_content(self, count: int, what: str) -> None:
        self.content -= count
        if self.content < 0:
            raise TooLarge(
                f"page={self.page}: {what} bring the instructions and font maps to parse to more than "
                f"max_pdf_content_kb={limit(self.limits, 'max_pdf_content_kb'):,} KB",
                "max_pdf_content_kb",
                TRANSCRIBE,
            )

    def spend_objects(self, count: int, page: int) -> None:
        self.objects -= count
        if self.objects < 0:
            raise TooLarge(
                f"{_pages(page, 'holds', 'hold')} more than max_pdf_objects={limit(self.limits, 'max_pdf_objects'):,} "
                "characters, path points and images (a form or an image drawn counting twice)",
                "max_pdf_objects",
                TRANSCRIBE,
            )

    def spend_crossings(self, page: int, vertical: int, horizontal: int) -> None:
        before = limit(self.limits, "max_pdf_crossings") - self.crossings
        self.crossings -= vertical * horizontal
        if self.crossings < 0:
            raise TooLarge(
                f"page={page}: its ruling lines ({vertical:,} vertical x {horizontal:,} horizontal) cross "
                f"{vertical * horizontal:,} times"
                + (f", the pages before {before:,} times" if before else "")
                + f": over max_pdf_crossings={limit(self.limits, 'max_pdf_crossings'):,}",
                "max_pdf_crossings",
                TRANSCRIBE,
            )


# --- before any page is laid out ----------------------------------------------------


def check_pdf(document, limits: dict | None, pages: list[int] | None = None, budget: Budget | None = None) -> Budget:
    """The page count the PDF declares, the pages its tree really holds (counted up to the
    limit), each page's drawing instructions once decompressed, and the instructions of
    the pages to be read with every form counted as often as it is drawn; all before any
    page is laid out. Spends them from `budget` (what object streams and predictors have
    spent of max_pdf_content_kb already counts), which the layout and the table finder
    then spend; a new one when none is given. Returns it."""
    budget = budget or Budget.of(limits)
    most = limit(limits, "max_pages")
    declared = resolve1(resolve1(document.catalog.get("Pages") or {}).get("Count", 0))
    if isinstance(declared, int) and declared > most:
        raise TooLarge(f"declares {declared:,} pages, over max_pages={most:,}", "max_pages")
    page_most = limit(limits, "max_page_kb") * 1024
    content_most = limit(limits, "max_pdf_content_kb") * 1024
    forms = _Forms(page_most)
    total = 0
    for number, page in enumerate(itertools.islice(PDFPage.create_pages(document), most + 1), start=1):
        if number > most:
            raise TooLarge(f"has more than max_pages={most:,} pages", "max_pages")
        data = page_content(page, page_most)
        if len(data) > page_most:
            raise TooLarge(
                f"page={number} draws more than max_page_kb={limit(limits, 'max_page_kb'):,} KB of instructions",
                "max_page_kb",
            )
        total += len(data)
        check_chars(total, limits)
        if pages and number not in pages:
            continue
        budget.content -= len(data)
        forms_drawn = forms.drawn_by(data, page.resources, budget.content, number)  # may decode object streams
        budget.content -= forms_drawn
        if budget.content < 0:
            raise TooLarge(
                f"{_pages(number, 'draws', 'draw')} more than max_pdf_content_kb={content_most // 1024:,} KB "
                "of instructions (each form counted as often as it is drawn"
                + (", with the object streams and predictor rows decoded)" if budget.parsed else ")"),
                "max_pdf_content_kb",
                TRANSCRIBE,
            )
    return budget


def page_content(page, most: int) -> bytes:
    """A page's content streams once decompressed, one sequence as pdfminer reads them, up
    to `most` + 1 bytes (a Flate stream is inflated piece by piece, never whole)."""
    contents = resolve1(page.attrs.get("Contents"))
    streams = [resolve1(c) for c in contents] if isinstance(contents, list) else [contents]
    data = []
    size = 0
    for stream in streams:
        piece = stream_data(stream, most - size)
        data.append(piece)
        size += len(piece)
        if size > most:
            break
    return b"".join(data)


def page_content_bytes(page, most: int) -> int:
    """The bytes of a page's content streams once decompressed, counted up to `most` + 1."""
    return len(page_content(page, most))


def stream_data(stream, most: int) -> bytes:
    """A stream's bytes once decoded, up to `most` + 1 of them, within the file's decoding
    budget (pdfstreams.py: each filter stops as soon as it passes, a Flate stream is
    inflated piece by piece, never whole); b"" for what is not a stream."""
    return decoded(stream, most)


def drawn_names(data: bytes) -> list[str]:
    """The names drawn with `Do` in content `data`, each spelled as pdfminer spells it (a
    `#hh` escape decoded; not UTF-8: the bytes' repr). A name inside a string is found as
    well: forms are counted more often, never less, than pdfminer draws them."""
    names = []
    for match in DRAW.finditer(data):
        raw = HEX.sub(lambda m: bytes([int(m.group(1), 16)]) if m.group(1) else b"", match.group(1))
        try:
            names.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            names.append(str(raw))
    return names


class _Forms:
    """The instructions the forms (Form XObjects) drawn by a page hold, each counted as
    often as it is drawn, forms within forms too. Each form's content is decompressed once
    (up to max_page_kb, like a page's)."""

    def __init__(self, most_per_stream: int):
        self.most = most_per_stream
        self.seen: dict[int, tuple[object, int, list[str]]] = {}  # id(stream) -> (stream, bytes, names it draws)

    def _form(self, stream, name: str, number: int) -> tuple[int, list[str]]:
        key = id(stream)
        if key not in self.seen:
            data = stream_data(stream, self.most)
            if len(data) > self.most:
                raise TooLarge(
                    f"page={number} draws a form ({name}) of more than max_page_kb={self.most // 1024:,} KB "
                    "of instructions",
                    "max_page_kb",
                )
            self.seen[key] = (stream, len(data), drawn_names(data))  # the stream kept: its id stays its own
        return self.seen[key][1:]

    def drawn_by(self, data: bytes, resources, left: int, number: int) -> int:
        """The bytes of the forms page content `data` draws, counted until more than `left`."""
        drawn = 0
        todo = [(name, resources) for name in reversed(drawn_names(data))]
        while todo and drawn <= left:
            name, where = todo.pop()
            form, its_resources = _form_named(where, name)
            if form is None:
                continue
            size, names = self._form(form, name, number)
            drawn += size
            todo += [(inner, its_resources) for inner in reversed(names)]
        return drawn


def _form_named(resources, name: str):
    """(the form XObject `name` in `resources`, the resources it draws with), or (None, None)
    for an image or a name the resources do not define (pdfminer draws nothing for those)."""
    resources = resolve1(resources)
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return None, None
    xobject = resolve1(xobjects.get(name))
    if xobject is None or not hasattr(xobject, "rawdata"):
        return None, None
    subtype = resolve1(xobject.get("Subtype"))
    if getattr(subtype, "name", subtype) != "Form":
        return None, None
    own = resolve1(xobject.get("Resources"))
    return xobject, (own if own else resources)


# --- while a page is laid out -------------------------------------------------------


def lay_out(page, number: int, budget: Budget) -> None:
    """pdfplumber's layout of `page` (what `page.layout` builds, the same objects), each
    character, path segment and image spent from the budget as it is built."""

    class Counting(PDFPageAggregatorWithMarkedContent):
        def render_char(self, *args, **kwargs):
            budget.spend_objects(1, number)
            return super().render_char(*args, **kwargs)

        painting = False

        def paint_path(self, gstate, stroke, fill, evenodd, path):
            if self.painting:  # a subpath of the path being counted: pdfminer paints each on its own
                return super().paint_path(gstate, stroke, fill, evenodd, path)
            budget.spend_objects(sum(max(1, len(segment) // 2) for segment in path), number)  # its points
            self.painting = True
            try:
                return super().paint_path(gstate, stroke, fill, evenodd, path)
            finally:
                self.painting = False

        def render_image(self, *args, **kwargs):
            budget.spend_objects(1, number)
            return super().render_image(*args, **kwargs)

        def begin_figure(self, *args, **kwargs):  # a form drawn, or an image: a container, as dear as two
            budget.spend_objects(2, number)
            return super().begin_figure(*args, **kwargs)

    if pdfplumber.__version__ == PROCESS_OBJECT_OF:
        page.process_object = types.MethodType(process_object, page)
    budget.page = number
    resources = page.pdf.rsrcmgr
    if not getattr(resources, "budget", None):  # each font checked before pdfminer builds it (and caches it)
        resources.budget = budget
        resources.get_font = types.MethodType(_checked_font(resources.get_font), resources)
    device = Counting(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except TooLarge:
        raise
    except Exception as exc:  # as pdfplumber's own layout reports it
        raise PdfminerException(exc) from exc
    page._layout = device.get_result()


def process_object(self, obj) -> dict:
    """pdfplumber 0.11.10's Page.process_object: the same dictionary for each object the
    layout built, in about half the time (on a page of text, half the time of reading it).
    Its version resolves every number through a recursive function, matches a regular
    expression on each object's class name and decodes each character's colour-space name
    letter by letter; here a plain value is taken as it is and the rest is remembered."""
    kind = _KINDS.get(obj.__class__)
    if kind is None:
        kind = _KINDS[obj.__class__] = re.sub(plumber_page.lt_pat, "", obj.__class__.__name__).lower()
    attr = {}
    for key, value in obj.__dict__.items():
        if key in plumber_page.ALL_ATTRS:
            plain = type(value) in PLAIN or (type(value) is tuple and all(type(v) in PLAIN for v in value))
            attr[key] = value if plain else resolve_all(value)
    attr["object_type"] = kind
    attr["page_number"] = self.page_number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            name = getattr(obj, cs).name
            if type(name) is not str:
                attr[cs] = resolve_and_decode(name)
                continue
            if name not in _COLOUR_SPACES:
                _COLOUR_SPACES[name] = resolve_and_decode(name)
            attr[cs] = _COLOUR_SPACES[name]
    if isinstance(obj, (LTChar, LTTextContainer)):
        text = obj.get_text()
        attr["text"] = normalize(self.pdf.unicode_norm, text) if self.pdf.unicode_norm is not None else text
    if isinstance(obj, LTChar):
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):
            attr["fontname"] = plumber_page.fix_fontname_bytes(attr["fontname"])
    elif isinstance(obj, LTCurve):
        attr["pts"] = list(map(self.point2coord, attr["pts"]))
        attr["path"] = [(cmd, *map(self.point2coord, pts)) for cmd, *pts in obj.original_path]
        attr["dash"] = obj.dashing_style
    mb_x0, mb_top = self.mediabox[:2]
    if "y0" in attr:
        attr["top"] = (self.height - attr["y1"]) + mb_top
        attr["bottom"] = (self.height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


def _checked_font(get_font):
    """PDFResourceManager.get_font, the font's maps spent from the budget before pdfminer
    parses them: a font it has built already (cached by object number) costs nothing."""

    def checked(self, objid, spec):
        if not (objid and objid in self._cached_fonts):
            self.budget.spend_content(font_maps(spec, self.budget.limits), "a font's character maps")
        return get_font(objid, spec)

    return checked


def font_maps(spec, limits: dict | None) -> int:
    """What pdfminer parses in Python when it builds the font `spec` (one level: a Type0
    font's descendant is built, and checked, on its own): its ToUnicode map, an embedded
    encoding map, the header of an embedded Type 1 font (bytes each), and the character
    map of an embedded TrueType font (two bytes for each code it maps: a 1 KB font can
    declare four billion)."""
    spec = resolve1(spec) if spec is not None else {}
    if not isinstance(spec, dict):
        return 0
    most = limit(limits, "max_pdf_content_kb") * 1024
    unpacked = (limits or {}).get("max_unpacked_mb", 200)
    subtype = getattr(resolve1(spec.get("Subtype")), "name", None)
    if subtype == "Type0":
        return 0  # its maps are parsed with its descendant, which pdfminer builds (get_font) next
    total = 0
    for key in ("ToUnicode", "Encoding"):
        total += len(stream_data(resolve1(spec.get(key)), most))
    descriptor = resolve1(spec.get("FontDescriptor"))
    if not isinstance(descriptor, dict):
        return total
    font_file = resolve1(descriptor.get("FontFile2")) if subtype in ("CIDFontType0", "CIDFontType2") else None
    if hasattr(font_file, "rawdata"):  # pdfminer unpacks it whole, then maps its codes
        data = stream_data(font_file, int(unpacked * 1024 * 1024))
        _within_unpacked(len(data), unpacked)
        total += 2 * truetype_codes(data)
    type1 = resolve1(descriptor.get("FontFile")) if "Encoding" not in spec else None
    if hasattr(type1, "rawdata"):  # pdfminer unpacks it whole, then parses its header (Length1 bytes)
        _within_unpacked(stream_size(type1, int(unpacked * 1024 * 1024)), unpacked)
        length1 = resolve1(type1.get("Length1"))
        total += len(stream_data(type1, min(length1, most) if isinstance(length1, int) else most))
    return total


def _within_unpacked(size: int, unpacked: float) -> None:
    if size > unpacked * 1024 * 1024:
        raise TooLarge(f"embeds a font that unpacks to more than max_unpacked_mb={unpacked:,} MB", "max_unpacked_mb")


def stream_size(stream, most: int) -> int:
    """A stream's size once decoded, counted up to `most` + 1."""
    return len(stream_data(stream, most))


def truetype_codes(data: bytes) -> int:
    """The codes pdfminer's TrueTypeFont.create_unicode_map goes through for this font
    (its Unicode cmap subtables, formats 0, 2, 4, 6, 10 and 12, read as it reads them):
    counted from the ranges, never expanded. Reading stops where pdfminer's would fail."""
    import struct

    def at(offset: int, layout: str):
        return struct.unpack_from(layout, data, offset)

    codes = 0
    try:
        tables = {}
        for i in range(at(4, ">H")[0]):
            name, _, offset, length = at(12 + 16 * i, ">4sLLL")
            tables[name] = (offset, length)
    except struct.error:
        pass
    if b"cmap" not in tables:
        return 0
    base = tables[b"cmap"][0]
    try:
        subtables = [at(base + 4 + 8 * i, ">HHL") for i in range(at(base + 2, ">H")[0])]
        for platform, encoding, offset in subtables:
            if not (platform == 0 or (platform == 3 and encoding in (1, 10))):
                continue
            start = base + offset
            kind = at(start, ">H")[0]
            if kind == 0:
                codes += 256
            elif kind == 2:
                keys = at(start + 6, ">256H")
                for i in range(max(keys) // 8 + 1):
                    header = start + 518 + 8 * i
                    _, count, _, offset = at(header, ">HHhH")
                    codes += min(count, max(0, (len(data) - (header + 6 + offset)) // 2) + 1)
            elif kind == 4:
                segments = at(start + 6, ">H")[0] // 2
                ends = at(start + 14, f">{segments}H")
                starts = at(start + 16 + 2 * segments, f">{segments}H")
                ranges = start + 16 + 6 * segments
                for end, first, offset in zip(ends, starts, at(ranges, f">{segments}H")):
                    span = max(0, end - first + 1)
                    codes += min(span, max(0, (len(data) - (ranges + offset)) // 2) + 1) if offset else span
            elif kind == 6:
                codes += min(at(start + 8, ">H")[0], max(0, len(data) - start - 10) // 2)
            elif kind == 10:
                codes += min(at(start + 16, ">I")[0], max(0, len(data) - start - 20) // 2)
            elif kind == 12:
                for i in range(at(start + 12, ">I")[0]):
                    first, end, _ = at(start + 16 + 12 * i, ">III")
                    codes += max(0, end - first + 1)
            else:
                break  # pdfminer stops there (an AssertionError)
    except struct.error:
        pass  # pdfminer's reading fails there too
    return codes


# --- tables -------------------------------------------------------------------------


def page_tables(page, number: int, budget: Budget) -> list[list[list[str | None]]]:
    """`page.extract_tables()` with pdfplumber's default settings (the same tables, the
    same text), the page's ruling-line crossings spent from the budget first."""

    class Finder(TableFinder):
        def __init__(self, page, settings):  # only what get_edges needs: no table is found yet
            self.page, self.settings = page, settings

    settings = TableSettings.resolve(None)
    edges = Finder(page, settings).get_edges()
    vertical = sum(1 for edge in edges if edge["orientation"] == "v")
    horizontal = len(edges) - vertical
    budget.spend_crossings(number, vertical, horizontal)
    intersections = edges_to_intersections(edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance)
    tables = [Table(page, group) for group in cells_to_tables(cells(intersections))]
    chars = _Chars(page.chars) if tables else None
    return [extract(table, chars, **(settings.text_settings or {})) for table in tables]


def cells(intersections: dict) -> list[tuple]:
    """pdfplumber.table.intersections_to_cells: the same cells in the same order. Its
    version finds the points below and to the right of each point by scanning every later
    point (time grows with the square of the crossings: 30,000 took 24 s); here they are
    looked up by column and by row."""
    points = sorted(intersections)
    if not all(math.isfinite(v) for point in points for v in point):
        return plumber_table.intersections_to_cells(intersections)  # NaN breaks grouping: the original's answer
    bbox = plumber_utils.obj_to_bbox
    vertical = {p: set(map(bbox, intersections[p]["v"])) for p in points}
    horizontal = {p: set(map(bbox, intersections[p]["h"])) for p in points}

    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]):
            return True
        return p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])

    column_end, rows = {}, {}
    for i, point in enumerate(points):  # sorted by x, then top: a column's points are consecutive
        column_end[point[0]] = i + 1
        rows.setdefault(point[1], []).append(point)  # each row's points by x
    row_index = {p: i for row in rows.values() for i, p in enumerate(row)}
    found = []
    for i, point in enumerate(points[:-1]):
        below = points[i + 1 : column_end[point[0]]]
        row = rows[point[1]]
        right = row[row_index[point] + 1 :]
        cell = None
        for below_point in below:
            if not connects(point, below_point):
                continue
            for right_point in right:
                if not connects(point, right_point):
                    continue
                corner = (right_point[0], below_point[1])
                if corner in intersections and connects(corner, right_point) and connects(corner, below_point):
                    cell = (point[0], point[1], corner[0], corner[1])
                    break
            if cell:
                break
        if cell:
            found.append(cell)
    return found


class _Chars:
    """A page's characters with their middles (as pdfplumber's Table.extract computes
    them), in order of the middle's height: a row takes those between its top and bottom."""

    def __init__(self, chars: list[dict]):
        self.chars = chars
        self.middles = [((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2) for c in chars]
        self.finite = all(math.isfinite(v) for middle in self.middles for v in middle)
        self.by_height = sorted(range(len(chars)), key=lambda i: self.middles[i][0])
        self.heights = [self.middles[i][0] for i in self.by_height]

    def within(self, bbox: tuple) -> list[int]:
        """The characters whose middle lies in `bbox` (left and top edges in, right and
        bottom out), ordered by their middle across."""
        x0, top, x1, bottom = bbox
        band = self.by_height[bisect_left(self.heights, top) : bisect_left(self.heights, bottom)]
        return sorted((i for i in band if x0 <= self.middles[i][1] < x1), key=lambda i: self.middles[i][1])


def extract(table, chars: _Chars, **kwargs) -> list[list[str | None]]:
    """pdfplumber's Table.extract: the same text for each cell. Its version tests every
    character of the page against every row (rows x characters); here each row takes the
    characters between its top and bottom, and each cell those of its row between its edges."""
    if not chars.finite:
        return table.extract(**kwargs)  # NaN cannot be ordered: the original's answer
    middles = chars.middles
    out = []
    for row in table.rows:
        in_row = chars.within(row.bbox)
        across = [middles[i][1] for i in in_row]
        texts = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            x0, top, x1, bottom = cell
            band = in_row[bisect_left(across, x0) : bisect_left(across, x1)]
            inside = sorted(i for i in band if top <= middles[i][0] < bottom)  # in the page's order, as pdfplumber's
            if not inside:
                texts.append("")
                continue
            if "layout" in kwargs:
                kwargs["layout_width"], kwargs["layout_height"], kwargs["layout_bbox"] = x1 - x0, bottom - top, cell
            texts.append(plumber_utils.extract_text([chars.chars[i] for i in inside], **kwargs))
        out.append(texts)
    return out
