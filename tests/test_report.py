"""The report prints only numbers from numbers.json, renders safely, and redacts."""

import json
import re
from html import unescape
from pathlib import Path

import pdfplumber
import pytest

from conftest import REPO, read

NUMBER = re.compile(r"(?<![A-Za-z_\d])\d[\d,]*(?:\.\d+)?%?")  # not digits inside words such as sha256
# Digits that are not statistics: record ids, raw locators and file names in citations,
# FOI exemption sections, the names of appendices and tables, and calendar years (the
# year axis of a figure; a count of a thousand or more always prints with a comma).
NOT_STATISTICS = re.compile(
    r"\b[0-9a-f]{16}\b|\b[0-9a-f]{12}\b|\b(row|page|line|table|paragraph)=\S+|responses/\S+|\S+\.(xlsx|docx|csv|pdf|html|eml|txt)\b"
    r"|\bs\d+(\(\d\))?(/s\d+)?\b|Appendix \d|Table \d|\bsha256\b|\b(19|20)\d\d\b"
    r"|\b(DP|BT|OC|NEG|PNC)-[A-Z]?\d\d\b"  # the codebook's row and rule ids (the decision policy's DP-01 ...)
)


def test_template_has_no_literal_numbers():
    text = (REPO / "report" / "report.html.j2").read_text(encoding="utf-8")
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.S)  # Jinja code is not printed text
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)  # CSS sizes
    text = re.sub(r"<[^>]+>", " ", text)  # tags and attributes
    allowed = {"1", "2", "3"}  # Appendix 1-3 and Table 1 headings
    found = [m.group(0) for m in NUMBER.finditer(text) if m.group(0) not in allowed]
    assert found == [], f"numbers typed into the template: {found}"


def _body_text(pdf_path: Path) -> str:
    """The PDF's text from the cover to Appendix 2, without running headers, page
    numbers and the contents page (WeasyPrint's own page counters)."""
    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            text = page.crop((0, 60, page.width, page.height - 60)).extract_text() or ""
            if text.lstrip().startswith("Contents"):
                continue
            if "Appendix 2: The FOI request" in text:
                break
            pages.append(text)
    return "\n".join(pages)


def test_every_number_in_the_pdf_body_is_a_numbers_json_display_string(built):
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    allowed = {token for entry in numbers.values() for token in NUMBER.findall(str(entry["display"]))}
    # the funnel plot's axes need a scale (1,000 officers and staff ...): its tick labels only
    funnel = (built / "figures" / "funnel.svg").read_text(encoding="utf-8")
    allowed |= {m for m in re.findall(r">([\d.,]+)</text>", funnel)}
    text = NOT_STATISTICS.sub(" ", _body_text(built / "report.pdf"))
    strays = sorted({token for token in NUMBER.findall(text) if token not in allowed})
    assert strays == []
    for key in ("breaches.total", "breaches.type.unauthorised_access", "outcomes.no_formal_action"):
        assert numbers[key]["display"] in text


def test_pdf_says_synthetic_on_the_cover(built):
    with pdfplumber.open(built / "report.pdf") as pdf:
        cover = " ".join(pdf.pages[0].extract_text().split())
    assert "Synthetic sample edition" in cover
    # raw/2016/edition.yaml calibrated_to: the sample says what it was made to reproduce
    assert "calibrated to reproduce those published in the original report, Safe in Police Hands? (July 2016)" in cover


def test_case_studies_cite_record_and_raw_source_by_checksum(built):
    html = (built / "report.html").read_text(encoding="utf-8")
    records = read(built / "records.csv").set_index("record_id")
    cited = re.findall(r"Record <code>([0-9a-f]{16})</code>, response file sha256 <code>([0-9a-f]{12})</code>", html)
    assert len(cited) == 3
    for record_id, checksum in cited:
        assert records.loc[record_id, "source_sha256"].startswith(checksum)
        assert records.loc[record_id, "source_file"] not in html  # the file's name is the response's text


def test_free_text_is_escaped_and_only_approved_quotes_are_printed(built):
    from dataclasses import replace

    from policebreaches.casestudies import quote_case_studies
    from policebreaches.edition import read_checked_edition
    from policebreaches.personal_data import PersonalData

    records = read(built / "records.csv")
    planted = records.iloc[:2].copy()
    planted["description_raw"] = (
        '<script>alert(1)</script><img src="http://evil.example/x.png"> '
        "PC Smith gave 07700 900123 and jo.bloggs@mail.example, NI AB123456C, to a friend"
    )
    approved = '<script>alert(1)</script><img src="http://evil.example/x.png"> [redacted] gave [redacted] to a friend'
    planted["quote"], planted["approved_by"] = ["", approved], ["", "a reviewer"]
    register = json.loads((built / "check" / "register.json").read_text(encoding="utf-8"))
    scanner = PersonalData.load(REPO / "policebreaches" / "resources" / "given_names.txt")
    cases, redactions, problems = quote_case_studies(planted, {r["force_id"]: r["name"] for r in register}, scanner)
    assert not problems and redactions == 2 and [c["approved"] for c in cases] == [False, True]
    assert "PC Smith" not in cases[0]["suggested"] and "has not been approved" not in str(cases)
    edition = replace(read_checked_edition(built / "check" / "edition.json"), request_public="<b>request</b>")
    html = render_with(built, edition=edition, cases=cases)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src="http://evil' not in html and "&lt;b&gt;request&lt;/b&gt;" in html
    for secret in ("Smith", "07700 900123", "jo.bloggs", "AB123456C"):
        assert secret not in html
    # a quote not approved yet is not shown at all: no placeholder box in its place
    assert "has not been approved" not in html
    assert html.count("[redacted] gave [redacted] to a friend") == 2  # its case study and its force's profile


def test_undefined_template_variable_fails(tmp_path):
    from jinja2 import UndefinedError

    from policebreaches.render import template_environment

    (tmp_path / "t.html.j2").write_text("{{ nothing_here }}", encoding="utf-8")
    with pytest.raises(UndefinedError):
        template_environment(tmp_path, {}, None).get_template("t.html.j2").render()


def test_url_fetcher_serves_only_allowed_files(tmp_path):
    from policebreaches.render import FetchRefused, make_url_fetcher

    allowed = tmp_path / "results"
    allowed.mkdir()
    (allowed / "fig.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (allowed / "other.svg").write_text("<svg/>", encoding="utf-8")  # beside a declared file, not declared
    fetch = make_url_fetcher([allowed / "fig.svg"])
    assert fetch.fetch((allowed / "fig.svg").as_uri()).read() == b"<svg/>"
    assert fetch.fetch("data:text/plain,hello").read() == b"hello"
    for url in [
        "http://example.com/x.png",
        "https://127.0.0.1/",
        (tmp_path / "secret.txt").as_uri(),
        (allowed / ".." / "secret.txt").as_uri(),
        (allowed / "other.svg").as_uri(),
        "file:///etc/passwd",
    ]:
        with pytest.raises((FetchRefused, ValueError)):
            fetch.fetch(url)


def test_csv_and_xlsx_neutralise_formula_text():
    from policebreaches.cells import safe_cell

    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)" and safe_cell("plain") == "plain"
    assert safe_cell(-3) == -3 and safe_cell("-3") == "-3" and safe_cell("+44.5") == "+44.5"


def test_xlsx_tables_are_values_only_with_readme_and_provenance(built):
    import openpyxl

    wb = openpyxl.load_workbook(built / "tables" / "report_tables.xlsx")
    assert wb.sheetnames[0] == "README" and "provenance" in wb.sheetnames
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for ws in wb for row in ws.iter_rows() for c in row
    )
    top_ten, table1 = wb["top_ten"], wb["table1"]
    assert top_ten["A1"].value.startswith("SYNTHETIC SAMPLE")  # every data sheet of the sample says so
    assert [c.value for c in top_ten[2]][:5] == ["rank", "force_id", "force", "number (numbers.json key)", "breaches"]
    assert top_ten["B3"].value == "west-midlands"
    last = [c.value for c in table1[table1.max_row]]
    assert last[1] == "All breaches" and last[3] == 2315  # the total row, from numbers.json
    assert [c.value for c in table1[2]][-2:] == ["share", "share_of_known"] and table1["E3"].value.endswith("%")
    assert wb.properties.created.date().isoformat() == "2016-07-14"  # the edition's publication date
    readme = (built / "tables" / "README.txt").read_text(encoding="utf-8")
    assert "SYNTHETIC SAMPLE" in readme and "SYNTHETIC SAMPLE" in (built / "figures" / "README.txt").read_text()
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    assert numbers["edition.synthetic"]["value"] is True


def test_figures_have_data_and_png_copies(built):
    for name in ("top_ten", "breach_types", "outcomes", "by_year"):
        for suffix in ("svg", "png", "csv"):
            assert (built / "figures" / f"{name}.{suffix}").stat().st_size > 0
    assert "<dc:date>" not in (built / "figures" / "top_ten.svg").read_text(encoding="utf-8")


def test_excluded_files_and_warnings_are_told_apart_and_cite_files_by_checksum():
    from policebreaches.report_context import RESPONSE_CAVEAT, excluded_and_warnings

    ledger = [
        {"source_file": "responses/a/PC Smith.xlsx", "force_id": "kent", "file_status": "failed_input_checks"},
        {"source_file": "responses/b/r.csv", "force_id": "essex", "file_status": "extracted"},
        {"source_file": "responses/c/letter.pdf", "force_id": "kent", "file_status": "needs_transcription"},
        {"source_file": "responses/d/cover.txt", "force_id": "kent", "file_status": "ignored by hint"},
    ]
    problems = [
        {"file": "responses/a/PC Smith.xlsx", "what": "checksum differs from SHA256SUMS (the file changed)"},
        {"file": "responses/b/r.csv", "what": "sheet 'Sgt Jones' line=9: the total row says 3 but 2 were read"},
        {"file": "requests.csv line 4 (Kent)", "what": "names 'PC Smith.xlsx', responded date before requested"},
    ]
    register = [
        {
            "force_id": "kent",
            "name": "Kent Police",
            "file_sha256": {"a/PC Smith.xlsx": "a" * 64, "c/letter.pdf": "c" * 64},
        },
        {"force_id": "essex", "name": "Essex Police", "file_sha256": {"b/r.csv": "b" * 64}},
    ]
    excluded, warnings = excluded_and_warnings(problems, ledger, register)
    assert excluded == [
        {"body": "Kent Police", "file": "a" * 12, "what": "failed the input checks"},
        {"body": "Kent Police", "file": "c" * 12, "what": "a letter without a transcription"},
    ]
    assert warnings == [
        {"input": f"response file sha256 {'b' * 12}…", "what": RESPONSE_CAVEAT},
        {"input": "requests.csv line 4 (Kent)", "what": "names […], responded date before requested"},
    ]
    assert "Smith" not in str(excluded + warnings) and "Jones" not in str(warnings)


def test_the_methodology_states_the_answers_rule_and_lists_files_set_aside(built):
    """A body's answer derived from several answers by a rule the methodology prints in
    report_spec.yaml's words; the files of a replaced answer and those a hint set aside are
    listed by body and checksum, with why (never by their names)."""
    from policebreaches.report_spec import load_report_spec

    register = json.loads((built / "check" / "register.json").read_text(encoding="utf-8"))
    kent = next(r for r in register if r["force_id"] == "kent")
    kent["file_sha256"] = {**kent["file_sha256"], "kent/PC Smith reply.csv": "d" * 64}
    kent["set_aside"] = [
        {"file": "kent/PC Smith reply.csv", "line": 20, "answer": "reply", "replaced_by": 46,
         "replaced_by_answer": "internal_review"}
    ]  # fmt: skip
    ledger = read(built / "ledger.csv")
    ledger.loc[ledger.index[:1], "file_status"] = "ignored by hint"  # the first body's first file
    hinted = register[[r["force_id"] for r in register].index(ledger.loc[0, "force_id"])]
    html = render_with(built, register=register, ledger=ledger)
    words = load_report_spec()["answers"]
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))  # a table's cells apart
    assert re.sub(r"\s+", " ", words["status_rule"]) in text and words["overlap"] in text
    section = text[text.index("Files set aside") :]
    assert (
        f"Kent Police {'d' * 12} … replaced by a later answer of the body (internal review, requests.csv line 46)"
        in (section)
    )
    checksum = hinted["file_sha256"][ledger.loc[0, "source_file"].removeprefix("responses/")][:12]
    assert (
        f"{hinted['name']} {checksum} … holds no figures (set aside by a hint in overrides/extraction.yaml)" in section
    )
    assert "Smith" not in html


def render_with(built, change_numbers=None, **context) -> str:
    """report.html of the shared build, rendered again with its numbers changed and
    `context` (edition, cases ...) in place of the build's."""
    from policebreaches.classify import default_codebook
    from policebreaches.edition import read_checked_edition
    from policebreaches.render import render_html
    from policebreaches.report_context import build_context
    from policebreaches.report_spec import load_report_spec

    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    if change_numbers:
        change_numbers(numbers)
    built_context = {
        "edition": read_checked_edition(built / "check" / "edition.json"),
        "register": json.loads((built / "check" / "register.json").read_text(encoding="utf-8")),
        "cases": json.loads((built / "statistics" / "case_studies.json").read_text(encoding="utf-8")),
        "accuracy": read(built / "accuracy.csv"),
        "problems": read(built / "check" / "problems.csv"),
        "ledger": read(built / "ledger.csv"),
        "fonts_url": "fonts",
        "change": None,
        "spec": load_report_spec(),
        "codebook": default_codebook(),
    }
    page_context = build_context(numbers=numbers, **(built_context | context))
    return render_html(REPO / "report" / "report.html.j2", page_context, numbers, default_codebook())


SENTENCE_START_NUMERAL = r"(?:^|[.!?]\s)(\d[\d,]*(?:\.\d+)?%?\s\w+)"


def prose(html: str) -> str:
    """The report's sentences: paragraphs only (tables and lists of figures are not prose)."""
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", html, flags=re.S)
    return " ".join(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", p)) for p in paragraphs)


def test_counts_of_one_read_as_one_and_no_sentence_starts_with_a_numeral(built):
    def all_ones(numbers):
        for entry in numbers.values():
            if isinstance(entry["value"], int | float) and not isinstance(entry["value"], bool):
                entry["value"], entry["display"] = 1, "1"
        numbers["breaches.per_week"].update(value=0.4, display="0")

    text = prose(render_with(built, all_ones))
    for wrong in (
        "1 cases",
        "1 breaches",
        "1 bodies",
        "1 records",
        "1 incident rows",
        "1 incident records",
        "0 a week",
    ):
        assert wrong not in text, wrong
    assert "fewer than one a week" in text and "1 breach of data protection" in text
    starts = re.findall(SENTENCE_START_NUMERAL, text)
    assert starts == [], starts


def test_the_sample_report_reads_in_plural_where_counts_are_many(built):
    text = prose((built / "report.html").read_text(encoding="utf-8"))
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    assert "2,315 breaches of data protection" in text
    assert f"about {numbers['breaches.per_week']['display']} a week" in text
    assert not re.findall(SENTENCE_START_NUMERAL, text)


def test_the_request_keeps_its_own_paragraphs():
    from policebreaches.report_context import request_blocks

    text = (
        "Dear Officer,\n\nPlease send:\n\n1. The number of breaches, by\n   force.\n2. Their outcome.\n\n"
        "Yours,\nJ. Doe\n"
    )
    assert request_blocks(text) == [
        {"kind": "lines", "lines": ["Dear Officer,"]},
        {"kind": "lines", "lines": ["Please send:"]},
        {"kind": "list", "lines": ["1. The number of breaches, by force.", "2. Their outcome."]},
        {"kind": "lines", "lines": ["Yours,", "J. Doe"]},
    ]
    long = (
        "Under the Freedom of Information Act 2000 I would like to request the following\n"
        "information about data breaches.\n"
    )
    assert request_blocks(long) == [{"kind": "paragraph", "lines": [long.strip().replace("\n", " ")]}]


def test_appendix_3_gives_every_number_its_real_derivation(built):
    """No 'see definition, Records: 0': a number counted from records says how many stand
    behind it (0 only when it is 0); any other says what it was worked out from."""
    html = (built / "report.html").read_text(encoding="utf-8")
    appendix = html.split('id="derivations"', 1)[1]
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    appendix = appendix.replace("<wbr>", "")  # a long name may wrap after its dots
    entries = re.findall(r'<dt id="n-([^"]+)"><code>([^<]+)</code>.*?</dt>\s*<dd>(.*?)</dd>', appendix, flags=re.S)
    assert len(entries) > 50
    for _, key, text in entries:
        assert "see definition" not in text, key
        if "Counted from 0 incident records" in text and "counts-only" not in text:
            assert numbers[key]["value"] == 0, key
        assert "Counted from" in text or "Worked out from:" in text, key
    # in plain words: no code filters such as records[role == 'pcso']
    assert "records[" not in appendix and "aggregates[" not in appendix
    # every count has its thousands separator: the total's records are 2,260, never 2260
    assert "Counted from 2,260 incident records" in appendix and "2260" not in appendix


def test_every_link_in_the_report_lands_on_its_target(built):
    """Every number links to its entry in Appendix 3, every table cell there to its kind's
    definition: no link points at nothing, even for numbers printed after Appendix 3 (the
    self-test annex)."""
    html = (built / "report.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'href="#([^"]+)"', html))
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert not targets - ids, sorted(targets - ids)[:10]
    annex = html.split('id="selftest"', 1)[1]
    assert re.search(r'href="#n-accuracy-', annex)  # the annex's numbers are among those checked
    # the contents link each part by its title (Table 1 by its full title, as its heading)
    contents = html.split('<nav class="toc">', 1)[1].split("</nav>", 1)[0]
    assert '<a href="#table1">Table 1: breaches by type and by outcome</a>' in contents


def test_appendix_3_defines_each_kind_of_family_number_once(built):
    """The national numbers that come in families are tables whose columns are defined once,
    in words that fit every row (the row's category named as such)."""
    html = (built / "report.html").read_text(encoding="utf-8")
    appendix = html.split('id="derivations"', 1)[1]
    found = re.findall(r'<dt id="kind-(?:types|outcomes|roles|answers)-\d+">[^<]+</dt><dd>([^<]+)</dd>', appendix)
    definitions = [unescape(d) for d in found]
    assert "Breaches classified as the row's type." in definitions
    assert "Breaches whose most severe outcome was the row's outcome." in definitions
    assert "Bodies whose answer was: the row's answer." in definitions
    assert not any("unauthorised access" in d or "police staff" in d for d in definitions)
    # a number in a family table is not also an entry of its own
    assert 'id="n-breaches-type-other"' in appendix and '<dt id="n-breaches-type-other"' not in appendix


def test_every_derivation_says_what_it_was_worked_out_from_in_words_not_code(built):
    """Appendix 3 prints each number's derivation: numbers.json keys and file names, never a
    module's constant or a function call (claims.LEVEL, scipy.stats.binomtest(...))."""
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    code = re.compile(r"\b[a-z_]+\.[A-Z_]{3,}\b|\b[a-z_]+\.[a-z_]+\(|\bscipy\b|\.py\b")
    assert not [key for key, entry in numbers.items() if code.search(entry["filter"])]


def test_a_breakdown_no_record_of_a_force_states_reads_dash_not_zero(built):
    """Durham's list (raw/2016/responses/durham/breaches_list.docx: date and description only)
    states no outcome and no role, Thames Valley's table no role: their cells are "–", their
    records counted as unknown; West Midlands' list states both."""
    numbers = json.loads((built / "numbers.json").read_text(encoding="utf-8"))
    given = {k: v["value"] for k, v in numbers.items() if ".given." in k}
    assert given["forces.durham.given.outcome_group"] is False and given["forces.durham.given.role"] is False
    assert given["forces.thames-valley.given.role"] is False
    assert (
        given["forces.west-midlands.given.role"] is True and given["forces.west-midlands.given.outcome_group"] is True
    )
    html = (built / "report.html").read_text(encoding="utf-8")
    profile = re.search(r"<h3>Durham Constabulary</h3>(.*?)</div>", html, flags=re.S).group(1)
    outcome = " ".join(re.sub(r"<[^>]+>", "", re.search(r"Outcome:(.*?)</p>", profile, re.S).group(1)).split())
    assert outcome.startswith("Conviction – · Resigned, dismissed – · Warning – · No action – · Unknown ")
    assert "Role: – (not given)" in profile


@pytest.mark.parametrize(
    "given, written",
    [
        ("s12", "section 12 (cost of compliance over the limit)"),
        ("s30/s31", "section 30 (investigations and proceedings)/section 31 (law enforcement)"),
        ("s40(2)", "section 40(2) (personal information)"),
        ("Section 14", "section 14 (vexatious or repeated request)"),
        ("s99", "section 99"),
    ],
)
def test_an_exemption_is_written_out(given, written):
    from policebreaches.edition import exemption_words

    assert exemption_words(given) == written


def test_appendices_are_numbered_from_one_with_no_gap():
    from policebreaches.report_context import section_list

    def appendices(**kind):
        return [title for _, title in section_list(has_cases=True, **kind) if title.startswith("Appendix")]

    assert appendices(provisional=False, no_figures=False) == [
        "Appendix 1: Methodology",
        "Appendix 2: The FOI request",
        "Appendix 3: How each number was derived",
    ]
    # a status page (nobody gave figures) has no methodology: its request is Appendix 1, not 2
    assert appendices(provisional=True, no_figures=True) == [
        "Appendix 1: The FOI request",
        "Appendix 2: How each number was derived",
    ]


def test_a_period_within_one_year_is_a_sentence_not_a_chart_of_one_bar(built):
    sample = (built / "report.html").read_text(encoding="utf-8")
    assert 'id="fig-by_year"' in sample  # five calendar years: the chart stays

    def one_year(numbers):  # the period of a provisional edition: one calendar year
        for key in [k for k in numbers if k.startswith("years.") and k != "years.2013"]:
            del numbers[key]
        numbers["period.label"] = {**numbers["period.label"], "display": "Jan 2013–Dec 2013"}

    html = render_with(built, one_year)
    assert 'id="fig-by_year"' not in html
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    count = json.loads((built / "numbers.json").read_text(encoding="utf-8"))["years.2013"]["display"]
    assert (
        f"By year: the period (Jan 2013–Dec 2013) lies within one calendar year, so the {count} incident records "
        "dated to the year or better are not drawn by year. Not counted there: 92 incident records with no date "
        "precise to the year, and the 55 breaches of counts-only answers." in text
    )


def test_the_top_ten_table_is_not_broken_across_pages(built):
    """Its heading, and every force of it, on one page (the reviewer found it broken after its
    first row, the other nine a page later)."""
    import pandas as pd

    forces = list(pd.read_csv(built / "tables" / "top_ten.csv")["force"])
    with pdfplumber.open(built / "report.pdf") as pdf:
        texts = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
    (page,) = [t for t in texts if "Forces ranked by breaches counted, with their outcomes." in t]
    table = page.split("Forces ranked by breaches counted")[1].split("Counting: what each force's figures count")[0]
    assert all(" ".join(force.split()[:1]) in table for force in forces), forces


def test_the_funnel_plot_sits_with_the_text_that_reads_it(built):
    """The chart on the page of its text, or at the top of the next: never a page later with the
    rankings between (the reviewer found it there)."""
    html = (built / "report.html").read_text(encoding="utf-8")
    rates = html.split('<section id="rates"')[1].split("</section>")[0]
    assert rates.index('id="fig-funnel"') < rates.index('class="side-by-side"')
    with pdfplumber.open(built / "report.pdf") as pdf:
        texts = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
    text_page = next(i for i, t in enumerate(texts) if "The limits show which forces stand apart" in t)
    chart_page = next(i for i, t in enumerate(texts) if "Breaches for the size of each force. Each force's" in t)
    assert chart_page == text_page or (
        chart_page == text_page + 1 and "Top ten by breaches" not in texts[chart_page].split("Breaches for the size")[0]
    )
