"""Word responses read as Word shows them by default (issue 24, item 4): one test per
construct, each on a real .docx written here (python-docx, then the construct put into
its XML the way Word writes it). A description typed as a tracked insertion or into a
content control is data; deleted text is not; hidden text is not data and is listed as
unread with its reason."""

from __future__ import annotations

import io
import re
import zipfile

from policebreaches.readers import read_docx

from editions import data_rows, docx_bytes, extract, make_edition

HEADER = ["Date", "Rank", "Nature of breach", "Outcome"]


def with_description(tmp_path, xml_runs: str, paragraphs=(), extra_styles: str = "") -> bytes:
    """A one-incident table whose description cell holds `xml_runs` (the content of its
    paragraph, as Word writes it) instead of plain text."""
    data = docx_bytes(tmp_path, [[HEADER, ["2014-03-02", "PC", "DESCRIPTION", "Written warning"]]], list(paragraphs))

    def change(name: str, xml: bytes) -> bytes:
        if name == "word/document.xml":
            run = re.search(rb"<w:r>(?:(?!<w:r>).)*?DESCRIPTION</w:t></w:r>", xml, flags=re.S)
            assert run, "the placeholder run"
            return xml.replace(run.group(0), xml_runs.encode())
        if name == "word/styles.xml" and extra_styles:
            return xml.replace(b"</w:styles>", extra_styles.encode() + b"</w:styles>")
        return xml

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info.filename)))
    return out.getvalue()


def description(data: bytes) -> str:
    return read_docx(data).tables[0].rows[1][2]


def placed(pairs) -> list[tuple[str, str]]:
    """(locator as records.csv prints it, text) of a document's lines or unread parts."""
    return [(str(locator), text) for locator, text in pairs]


def test_a_tracked_insertion_is_read_as_word_shows_it(tmp_path):
    runs = (
        '<w:ins w:id="1" w:author="FOI Officer" w:date="2016-02-01T10:00:00Z">'
        "<w:r><w:t>Disclosed a victim's address to a friend</w:t></w:r></w:ins>"
    )
    assert description(with_description(tmp_path, runs)) == "Disclosed a victim's address to a friend"


def test_deleted_text_is_not_data(tmp_path):
    runs = (
        '<w:r><w:t xml:space="preserve">Checked PNC </w:t></w:r>'
        '<w:del w:id="2" w:author="FOI Officer" w:date="2016-02-01T10:00:00Z">'
        "<w:r><w:delText>on John Smith </w:delText></w:r></w:del>"
        "<w:r><w:t>for a relative</w:t></w:r>"
    )
    assert description(with_description(tmp_path, runs)) == "Checked PNC for a relative"


def test_a_moved_passage_is_read_once_where_it_now_stands(tmp_path):
    runs = (
        '<w:moveFrom w:id="3" w:author="A" w:date="2016-02-01T10:00:00Z"><w:r><w:t>Old place </w:t></w:r></w:moveFrom>'
        '<w:r><w:t xml:space="preserve">Shared intelligence </w:t></w:r>'
        '<w:moveTo w:id="4" w:author="A" w:date="2016-02-01T10:00:00Z"><w:r><w:t>on social media</w:t></w:r></w:moveTo>'
    )
    assert description(with_description(tmp_path, runs)) == "Shared intelligence on social media"


def test_a_content_control_is_read(tmp_path):
    runs = (
        '<w:sdt><w:sdtPr><w:alias w:val="Description"/><w:tag w:val="desc"/></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>Accessed custody records of a neighbour</w:t></w:r></w:sdtContent></w:sdt>"
    )
    assert description(with_description(tmp_path, runs)) == "Accessed custody records of a neighbour"


def test_an_empty_content_control_shows_its_placeholder_which_is_not_data(tmp_path):
    runs = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
        "<w:sdtContent><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt>"
    )
    assert description(with_description(tmp_path, runs)) == ""


def test_a_whole_row_inside_a_content_control_is_a_row(tmp_path):
    data = docx_bytes(tmp_path, [[HEADER, ["2014-03-02", "PC", "Misused the PNC", "Written warning"]]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            xml = src.read(info.filename)
            if info.filename == "word/document.xml":
                rows = re.findall(rb"<w:tr[ >].*?</w:tr>", xml, flags=re.S)
                xml = xml.replace(rows[1], b"<w:sdt><w:sdtPr/><w:sdtContent>" + rows[1] + b"</w:sdtContent></w:sdt>")
            dst.writestr(info.filename, xml)
    assert read_docx(out.getvalue()).tables[0].rows[1] == ["2014-03-02", "PC", "Misused the PNC", "Written warning"]


def test_a_simple_field_shows_its_result(tmp_path):
    runs = '<w:fldSimple w:instr=" DOCPROPERTY  Category "><w:r><w:t>Unlawful disclosure</w:t></w:r></w:fldSimple>'
    assert description(with_description(tmp_path, runs)) == "Unlawful disclosure"


def test_a_complex_field_shows_its_result_never_its_instruction(tmp_path):
    runs = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> MERGEFIELD Description </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>Viewed a colleague's vetting file</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert description(with_description(tmp_path, runs)) == "Viewed a colleague's vetting file"


def text_box(text: str) -> str:
    """A text box as Word 2010+ writes it: the DrawingML shape, and a VML copy of the same text."""
    body = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{body}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:textbox>{body}</v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def test_a_text_box_is_read_once_as_lines_of_its_own(tmp_path):
    letter = "Total number of breaches = 14"  # a counts line a force put in a text box
    data = with_description(tmp_path, "<w:r><w:t>Misused the PNC</w:t></w:r>" + text_box(letter))
    doc = read_docx(data)
    assert doc.tables[0].rows[1][2] == "Misused the PNC"
    assert placed(doc.lines) == [("textbox=1 paragraph=1", letter)]


def test_hidden_text_is_not_data_and_is_listed_as_unread(tmp_path):
    runs = (
        '<w:r><w:t xml:space="preserve">Looked up a partner\'s ex </w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Internal note: officer is DC Jane Roe</w:t></w:r>"
    )
    doc = read_docx(with_description(tmp_path, runs))
    assert doc.tables[0].rows[1][2] == "Looked up a partner's ex"
    assert placed(doc.unread) == [
        (
            "table=1 row=2 hidden=1",
            "37 characters of hidden text (formatted as hidden: Word does not show it); not read",
        )
    ]


def test_text_hidden_through_a_style_is_hidden_too(tmp_path):
    style = (
        '<w:style w:type="character" w:customStyle="1" w:styleId="Secret"><w:name w:val="Secret"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>"
    )
    runs = (
        '<w:r><w:t>Shown</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>hidden by its style</w:t></w:r>'
    )
    doc = read_docx(with_description(tmp_path, runs, extra_styles=style))
    assert doc.tables[0].rows[1][2] == "Shown"
    assert [locator for locator, _ in placed(doc.unread)] == ["table=1 row=2 hidden=1"]


def test_text_unhidden_explicitly_is_shown(tmp_path):
    runs = '<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>Shown after all</w:t></w:r>'
    doc = read_docx(with_description(tmp_path, runs))
    assert doc.tables[0].rows[1][2] == "Shown after all" and doc.unread == []


def test_a_row_deleted_as_a_tracked_change_is_not_a_row(tmp_path):
    data = docx_bytes(tmp_path, [[HEADER, ["2014-03-02", "PC", "Kept", "NFA"], ["2014-04-02", "PC", "Gone", "NFA"]]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            xml = src.read(info.filename)
            if info.filename == "word/document.xml":
                rows = re.findall(rb"<w:tr[ >].*?</w:tr>", xml, flags=re.S)
                deleted = rows[2].replace(b"<w:tc>", b'<w:trPr><w:del w:id="9" w:author="A"/></w:trPr><w:tc>', 1)
                xml = xml.replace(rows[2], deleted)
            dst.writestr(info.filename, xml)
    assert [row[2] for row in read_docx(out.getvalue()).tables[0].rows] == ["Nature of breach", "Kept"]


def test_a_description_in_tracked_insertions_is_counted_and_labelled_from_its_text(tmp_path):
    """End to end through extraction: the record carries the inserted description (before,
    the cell was empty and the record was labelled from the force's category alone)."""
    runs = (
        '<w:ins w:id="1" w:author="A" w:date="2016-02-01T10:00:00Z">'
        "<w:r><w:t>Sold PNC data to a journalist</w:t></w:r></w:ins>"
    )
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent", "status": "disclosed", "files": "kent/r.docx"}],
        {"kent/r.docx": with_description(tmp_path, runs)},
    )
    rows, _, statuses, problems = extract(root, "kent")
    assert [r["description_raw"] for r in data_rows(rows)] == ["Sold PNC data to a journalist"]
    assert statuses[0]["status"] == "extracted" and problems == []


def test_hidden_text_reaches_the_ledger_as_an_unread_row(tmp_path):
    runs = "<w:r><w:t>Shown</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>not shown</w:t></w:r>"
    root = make_edition(
        tmp_path / "ed",
        [{"force": "Kent", "status": "disclosed", "files": "kent/r.docx"}],
        {"kent/r.docx": with_description(tmp_path, runs)},
    )
    rows, _, _, _ = extract(root, "kent")
    unread = [r for r in rows if r["row_kind"] == "unread"]
    assert [r["source_locator"] for r in unread] == ["table=1 row=2 hidden=1"]
    assert "hidden text" in unread[0]["cells"]


def test_a_document_written_by_python_docx_reads_as_python_docx_reads_it(tmp_path):
    """The plain case is unchanged: the sample's Word responses read the same as before."""
    import docx

    data = docx_bytes(
        tmp_path,
        [[HEADER, ["2014-03-02", "PC", "Line one\nLine two", "NFA"]], [["a", "b"], ["c", "d"]]],
        ["Dear requester,", "", "Please find the table below."],
    )
    document = docx.Document(io.BytesIO(data))
    doc = read_docx(data)
    assert [t.rows for t in doc.tables] == [[[c.text for c in r.cells] for r in t.rows] for t in document.tables]
    expected = [(f"paragraph={i}", p.text) for i, p in enumerate(document.paragraphs, start=1) if p.text.strip()]
    assert placed(doc.lines) == expected
