"""Reviewer editions built from code: a provisional 2017 (7 of 44 bodies gave figures, one
refused, the rest not yet answered) and a 2017 nobody has answered. Each report must say
only what its answers support: how many bodies gave figures by when, no ranking, no national
rate, no funnel, no placeholder case, deadlines judged only where they have passed, "–" for
what a body did not give, and for no answers at all a status page, not zeros."""

import csv
import json
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
import yaml

from conftest import REPO, run_pipeline

pytestmark = pytest.mark.slow  # two builds of their own (2016 is the shared build)

AS_OF = "2017-02-10"
EARLY, LATE = ("2017-01-04", "2017-01-25")  # requested: 20 working days run out on 1 and 22 February
INCIDENT_HEADER = "Date,Rank,Details,Outcome\n"
INCIDENTS = {  # force as the register names it -> (file, rows, answered on)
    "Avon & Somerset Constabulary": (
        "avon/FOI 2017-101.csv",
        [
            "03/03/2016,PC,Searched the PNC for a neighbour,Written warning",
            "11/07/2016,Staff,Gave a victim's address to her ex-partner,Dismissed",
            "02/09/2016,PCSO,Looked up a friend's crime report out of curiosity,Management advice",
            "14/10/2016,PC,Viewed records of a former partner,No case to answer",
        ],
        "2017-01-20",
    ),
    "Cambridgeshire Constabulary": (
        "cambs/disclosure.csv",
        [
            "05/02/2016,Sergeant,Disclosed details of an investigation to a family member,Final written warning",
            "21/06/2016,Staff,Lost an unencrypted memory stick,Words of advice",
        ],
        "2017-01-27",
    ),
    "Cheshire Constabulary": (
        "cheshire/FOI-2017-0088.csv",
        [
            "12/01/2016,PC,Accessed PNC for personal reasons,Resigned",
            "30/04/2016,Special Constable,Posted a photograph of a custody record on Facebook,Dismissed",
            "19/08/2016,Staff,Conducted checks on an ex-partner,Ongoing",
        ],
        "2017-02-01",
    ),
    "Cleveland Police": (
        "cleveland/response.csv",
        [
            "07/03/2016,PC,Viewed a crime report out of curiosity,Not upheld",
            "25/11/2016,Staff,Email with a witness list sent to the wrong firm of solicitors,Reflective practice",
        ],
        "2017-02-08",
    ),
    "Derbyshire Constabulary": (
        "derbyshire/breaches.csv",
        ["16/05/2016,DC,Leaked information to the press,Convicted s55 DPA fined"],
        "2017-01-31",
    ),
    "Devon & Cornwall Police": (
        "devon/FOI 17-0131.csv",
        [
            "09/02/2016,PC,Searched the system for a neighbour,Management action",
            "28/07/2016,Staff,Left case papers in a public place,Verbal warning",
        ],
        "2017-01-30",
    ),
}
COUNTS_ONLY = (  # a letter giving totals by type only: no outcomes, no roles
    "Dorset Police",
    "dorset/letter.txt",
    "Dear requester,\nUnauthorised access = 4\nDisclosure to third parties = 2\nTotal = 6\n",
    "2017-02-06",
)
REFUSED = ("Durham Constabulary", "s12", "2017-01-26")
EXPECTED_TOTAL = sum(len(rows) for _, rows, _ in INCIDENTS.values()) + 6  # 14 incident rows + 6 counted


def scaffolded(tmp: Path, edition: str = "2017") -> Path:
    """raw/2016 (the tracked sample) and raw/2017 scaffolded from it by `new-edition`."""
    from policebreaches.scaffold import scaffold_edition

    raw = tmp / "raw"
    shutil.copytree(REPO / "raw" / "2016", raw / "2016")
    return scaffold_edition(raw, "2016", edition)


def set_as_of(target: Path, as_of: str) -> None:
    path = target / "edition.yaml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**meta, "as_of": dt_date(as_of)}, sort_keys=False), encoding="utf-8")


def dt_date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def fill_register(target: Path, answers: dict[str, dict]) -> None:
    """requests.csv: the first half of the bodies asked on EARLY, the rest on LATE; `answers`
    (force -> status, files, responded, exemption) recorded as the edition's editor would.
    """
    path = target / "requests.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for i, row in enumerate(rows):
        row["requested"] = EARLY if i < len(rows) // 2 else LATE
        row.update(answers.get(row["force"], {}))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(tmp: Path, target: Path, shared_2016: Path) -> Path:
    from policebreaches.edition import write_manifest

    write_manifest(target)
    results = tmp / "results"
    shutil.copytree(shared_2016, results / "2016")  # the previous edition's build, not rebuilt
    run_pipeline(results, target.name, target.parent)
    return results / target.name


@pytest.fixture(scope="module")
def provisional(tmp_path_factory, built):
    tmp = tmp_path_factory.mktemp("provisional")
    target = scaffolded(tmp)
    set_as_of(target, AS_OF)
    answers = {}
    for force, (name, rows, answered) in INCIDENTS.items():
        (target / "responses" / name).parent.mkdir(parents=True, exist_ok=True)
        (target / "responses" / name).write_text(INCIDENT_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
        answers[force] = {"status": "disclosed", "files": name, "responded": answered}
    force, name, text, answered = COUNTS_ONLY
    (target / "responses" / name).parent.mkdir(parents=True, exist_ok=True)
    (target / "responses" / name).write_text(text, encoding="utf-8")
    answers[force] = {"status": "disclosed", "files": name, "responded": answered}
    force, exemption, answered = REFUSED
    answers[force] = {"status": "refused", "exemption": exemption, "responded": answered}
    # a half-year answer: Cambridgeshire covers January to June 2016 only (its two rows fall in it);
    # new-edition keeps the register's optional columns, so it is recorded as an editor would
    answers["Cambridgeshire Constabulary"] |= {"covers_from": "2016-01-01", "covers_to": "2016-06-30"}
    fill_register(target, answers)
    return build(tmp, target, built)


@pytest.fixture(scope="module")
def unanswered(tmp_path_factory, built):
    tmp = tmp_path_factory.mktemp("unanswered")
    target = scaffolded(tmp)
    set_as_of(target, "2017-01-20")  # before any body's twenty working days have run out
    fill_register(target, {})
    return build(tmp, target, built)


def text_of(html_path: Path) -> str:
    """The report's visible words, one space between them (tags and the styles removed)."""
    html = html_path.read_text(encoding="utf-8")
    html = re.sub(r"<style>.*?</style>|<title>.*?</title>", " ", html, flags=re.S)
    html = re.sub(r"</?(a|strong|span|code)\b[^>]*>", "", html)  # inline: no space of their own
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" .", ".").replace(" ,", ",")


def numbers_of(results: Path) -> dict:
    return json.loads((results / "numbers.json").read_text(encoding="utf-8"))


def test_provisional_numbers_count_what_came_in(provisional):
    numbers = numbers_of(provisional)
    assert numbers["breaches.total"]["value"] == EXPECTED_TOTAL == 20
    assert numbers["requests.sent"]["value"] == 44
    assert numbers["requests.responded"]["value"] == 8  # a refusal is an answer ...
    assert numbers["requests.gave_figures"]["value"] == 7  # ... but gives no figures
    assert numbers["requests.figures_rate"]["display"] == "16%"  # 7 / 44: the headline rate
    assert numbers["report.provisional"]["value"] is True
    assert numbers["edition.as_of"]["display"] == "10 February 2017"
    # timeliness over the 22 bodies whose deadline (1 February) had passed by 10 February;
    # the 22 asked on 25 January are not due until 22 February and are not counted late
    assert numbers["timeliness.known"]["value"] == 22
    assert numbers["timeliness.not_due.count"]["value"] == 22
    assert numbers["timeliness.late.count"]["value"] == 2  # Cleveland (8 Feb), Dorset (6 Feb)
    assert numbers["timeliness.in_time"]["value"] == 6
    assert numbers["timeliness.in_time.share"]["display"] == "27%"
    assert numbers["forces.dorset.given.outcome_group"]["value"] is False
    assert numbers["forces.dorset.given.breach_type"]["value"] is True


def test_provisional_report_says_only_what_it_knows(provisional):
    text = text_of(provisional / "report.html")
    assert "Provisional. Of the 44 bodies asked, 7 gave figures (16%) so far, by 10 February 2017" in text
    assert "Figures as at 10 February 2017 · not yet published" in text
    assert "Published" not in text and "calibrated" not in text and "SYNTHETIC" not in text
    assert "the 7 bodies that gave figures so far recorded 20 breaches of data protection" in text
    accounting = (
        "Asked: 44 · answered: 8 · gave figures: 7 · refused: 1 · no information held: 0 · "
        "no response: 14 · not answered yet (not yet due): 22."
    )
    assert text.count(accounting) >= 2  # the summary and the methodology, wherever a rate is stated
    # no ranking, no top ten, no national rate, no funnel, no "most"
    for absent in (
        "The top ten forces",
        "The ten forces with the most breaches",
        "Breaches for the size of each force",
        "recorded the most breaches",
        "a week",
        "per thousand",
        "funnel",
    ):
        assert absent not in text, absent
    # one calendar year (2016): a sentence, not a chart of one bar
    assert 'id="fig-by_year"' not in (provisional / "report.html").read_text(encoding="utf-8")
    assert "By year: the period (Jan 2016–Dec 2016) lies within one calendar year, so the 14 incident records" in text
    # no placeholder case studies
    assert "Data protection and the police" not in text and "not been approved" not in text
    # timeliness: only deadlines passed by the as-of date
    assert "Of the 22 bodies whose request date is recorded and that had answered or whose twenty working days" in text
    assert "6 answered in time (27%)" in text
    assert "Not answered yet, still within their twenty working days (22, not counted above)" in text


def test_provisional_report_with_a_half_year_answer_says_so_everywhere(provisional):
    """The reviewer's findings at 4ef9314 on this edition: bodies before their deadline were
    'No response' on four pages; the key finding read '20 breaches recorded.'; policy
    recommendations were printed; the counts-only row read 0 for outcomes Dorset never gave;
    the type ranges were 11–11, 7–7, 2–2; a half-year answer counted as a full year in the
    headline and in '20 (20 a year)'; the change printed 'jan 2016–jun 2016'."""
    numbers = numbers_of(provisional)
    text = text_of(provisional / "report.html")
    # not yet due is "Not answered yet", never "No response"
    assert "Not answered yet in 2017: Lincolnshire Police, Merseyside Police, Metropolitan Police Service" in text
    overdue = text.split("No response in 2017: ", 1)[1].split(".")[0]  # asked early: their deadline has passed
    assert "Cumbria Constabulary" in overdue and "Lincolnshire" not in overdue and "Metropolitan" not in overdue
    assert numbers["requests.status.not_due"]["value"] == 22
    assert numbers["requests.status.no_response.overdue"]["value"] == 14
    appendix = text_of_part(provisional / "report.html", 'id="derivations"')
    assert "Not answered yet (20 working days not run out) 22" in appendix
    assert "No response (20 working days run out) 14" in appendix
    methodology = text_of_part(provisional / "report.html", 'id="methodology"').split("From responses to records")[0]
    assert "Not answered yet" not in methodology.split("Refusals and exemptions")[1]  # no table row of them
    assert "14 had not responded by their deadline; 22 had not answered yet" in methodology
    # provisional: "so far, from 7 of 44 bodies"; no policy recommendations
    assert "20 breaches recorded so far, from 7 of 44 bodies." in text
    assert "Policy recommendations" not in text and "(provisional: not drawn)" in text
    # Dorset (the only counts-only answer) gave no outcomes: dashes, and its 6 unknown
    assert "Counts-only answers (no role given) 6 – – – – 6" in text
    assert numbers["counts_only.outcome.conviction_or_caution"]["display"] == "–"
    # type ranges from 14 records and a codebook that errs: never a single number
    for t in ("unauthorised_access", "third_party_disclosure", "other"):
        low, high = numbers[f"uncertainty.type.{t}"]["value"]
        assert low <= numbers[f"breaches.type.{t}"]["value"] <= high and high > low, t
    # the half-year answer: named in the headline, out of the national rate, marked in the breakdown
    assert (
        "recorded 20 breaches of data protection by officers and staff (not all of them over the whole period: "
        "Cambridgeshire Constabulary's answer covers Jan 2016–Jun 2016 only (6 of 12 months))." in text
    )
    assert numbers["breaches.whole_period.bodies"]["value"] == 6
    assert numbers["breaches.whole_period.total"]["value"] == 18
    assert numbers["breaches.per_year"]["display"] == "18"  # 18 over 366 days, not 20 as if all were whole
    assert "(18 a year from the 6 of them that gave figures for the whole period)" in text
    assert "Cambridgeshire Constabulary Disclosed 17 2*" in text
    assert "* Answer for part of the period only: Cambridgeshire Constabulary, Jan 2016–Jun 2016 only" in text
    assert "jan 2016" not in text and "Answered for Jan 2016–Jun 2016 only (6 of 12 months) in 2017:" in text
    # the median answer time says what the 14 overdue bodies do to it
    assert "the median over all 22 whose deadline had passed was more than 20 working days" in text
    # what bodies state they count, and nothing they do not
    assert "some people, some cases" not in text
    assert "None of the 7 bodies that gave figures says what its figures count (incidents, allegations" in text


def text_of_part(html_path: Path, marker: str) -> str:
    """The visible words of the report from `marker` (a section's id attribute) on."""
    html = html_path.read_text(encoding="utf-8").split(marker, 1)[1]
    html = re.sub(r"</?(a|strong|span|code)\b[^>]*>", "", html)  # as text_of
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" .", ".").replace(" ,", ",")


def test_appendix_3_defines_each_kind_of_per_force_change_once(provisional):
    """The change since 2016, per force: one table with each kind defined once, not an entry
    per force and kind (about 80 entries, six pages, before)."""
    html = (provisional / "report.html").read_text(encoding="utf-8")
    appendix = html.split('id="derivations"', 1)[1]
    assert "Change since the previous edition, per force" in appendix
    assert '<dt id="n-change-forces-' not in appendix
    assert appendix.count('<dt id="kind-change-change-claim">') == 1
    assert 'href="#kind-change-change-claim"' in appendix


def test_provisional_report_draws_no_zero_for_what_was_not_given(provisional):
    html = (provisional / "report.html").read_text(encoding="utf-8")
    # Dorset gave totals by type only: its outcome cells are "–" (its 6 counted as unknown), no zeros
    profile = re.search(r"<h3>Dorset Police</h3>(.*?)</div>", html, flags=re.S).group(1)
    outcome = " ".join(re.sub(r"<[^>]+>", "", re.search(r"Outcome:(.*?)</p>", profile, re.S).group(1)).split())
    assert outcome == "Conviction – · Resigned, dismissed – · Warning – · No action – · Unknown 6"
    assert "Role: – (not given)" in profile
    # a group the request did not ask about, given by nobody, is neither a row nor a bar
    assert "Volunteers" not in html and "volunteers" not in html
    roles = (provisional / "figures" / "roles.csv").read_text(encoding="utf-8")
    assert "volunteer" not in roles and "police community support officers,1" in roles


def test_provisional_pdf_pages_are_full_and_fit(provisional):
    assert_pages_full_and_fitting(provisional / "report.pdf", provisional / "report.html")


def test_an_edition_nobody_answered_is_a_status_page(unanswered):
    numbers = numbers_of(unanswered)
    assert numbers["requests.gave_figures"]["value"] == 0 and numbers["requests.responded"]["value"] == 0
    text = text_of(unanswered / "report.html")
    assert "No body has answered yet." in text
    assert "No figures yet. Not one of the 44 bodies asked had given figures by 20 January 2017." in text
    assert (
        "Asked: 44 · answered: 0 · gave figures: 0 · refused: 0 · no information held: 0 · "
        "no response: 0 · not answered yet (not yet due): 44." in text
    )
    # a body whose deadline had not passed is not said to have failed to respond
    assert numbers["forces.kent.status"]["display"] == "Not answered yet" and "Not answered yet" in text
    assert "not yet published" in text
    # no sentences with zeros and "none": no summary, findings, tables of breaches, methodology
    for absent in ("0 breaches", "none", "Executive summary", "Key findings", "Table 1", "Methodology", "a week"):
        assert absent not in text, absent
    # its appendices are numbered from 1, with no gap where the methodology would be
    assert "Appendix 1: The FOI request" in text and "Appendix 2: How each number was derived" in text
    assert "Appendix 3" not in text and "The request in Appendix 1 went to 44 bodies" in text
    # nobody's twenty working days had run out on 20 January: nobody is late or overdue
    assert numbers["timeliness.known"]["value"] == 0 and numbers["timeliness.not_due.count"]["value"] == 44
    assert "44 bodies have not answered yet, so no body can be late yet" in text


def test_the_status_page_pdf_is_short_and_full(unanswered):
    with pdfplumber.open(unanswered / "report.pdf") as pdf:
        assert len(pdf.pages) <= 8
    assert_pages_full_and_fitting(unanswered / "report.pdf", unanswered / "report.html")


def test_sample_pdf_pages_are_full_and_fit(built):
    assert_pages_full_and_fitting(built / "report.pdf", built / "report.html")


def test_sample_report_html_is_marked_synthetic_in_every_section_with_charts_inside(built):
    html = (built / "report.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section id="([^"]+)"[^>]*>(.*?)</section>', html, flags=re.S)
    assert len(sections) >= 10
    for section_id, body in sections:
        assert "SYNTHETIC SAMPLE: invented data" in body, section_id
    images = re.findall(r'<img src="([^"]+)"', html)
    assert images and all(src.startswith("data:image/svg+xml;base64,") for src in images)


def test_sample_report_says_undated_records_and_adds_up(built):
    text = text_of(built / "report.html")
    numbers = numbers_of(built)
    assert numbers["records.undated"]["value"] == 92
    assert "Not in this chart: 92 incident records with no date precise to the year" in text
    # the headline rate is of bodies that gave figures; the 2016 report's 95% stays, said for what it is
    assert "Of the 44 bodies asked, 37 gave figures (84%)." in text
    assert "Asked: 44 · answered: 42 · gave figures: 37 · refused: 3 · no information held: 2 · no response: 2." in text
    html = (built / "report.html").read_text(encoding="utf-8")
    breakdown = html.split('id="breakdown"', 1)[1].split("</table>", 1)[0]
    assert '<tr class="total"><th scope="row">All bodies</th>' in breakdown
    # one counting word, and abbreviations written out
    for drift in ("instances", "disclosures)", "Conv.", "Res./dis.", "Warn.", "Discl.", "PCSOs"):
        assert drift not in text, drift


# ---------------------------------------------------------------------------------------------
# Page fill, measured from the PDF's text positions

MIN_FILL = 1 / 3
MARGIN = 50  # points: running header and footer


def part_titles(html_path: Path) -> set[str]:
    """The headings of the sections that start a new part (their page break is wanted)."""
    html = html_path.read_text(encoding="utf-8")
    found = re.findall(r'<section id="[^"]+" class="[^"]*\bpart\b[^"]*">\s*<h2>([^<]+)</h2>', html)
    found += re.findall(r'<section id="[^"]+" class="appendix[^"]*">\s*<h2>([^<]+)</h2>', html)
    return set(found)


def headings(html_path: Path) -> set[str]:
    """The texts of the headings and table captions, whitespace normalised."""
    html = html_path.read_text(encoding="utf-8")
    found = re.findall(r"<(h2|h3|caption)\b[^>]*>(.*?)</\1>", html, flags=re.S)
    return {" ".join(re.sub(r"<[^>]+>", "", text).split()) for _, text in found}


HEADING_SIZE = 10.9  # points: h2 and h3 (16 and 11 pt); body text, captions and notes are smaller


def stranded_heading(page, titles: set[str]) -> str:
    """A heading or caption at the foot of a page with nothing of what it heads below it: the
    lowest heading followed by captions only (or by fewer than five words), or a page whose
    last line is a caption. Returns the stranded text, or ""."""
    words = [w for w in page.extract_words(extra_attrs=["size"]) if MARGIN < w["top"] < page.height - MARGIN]
    big = [w for w in words if w["size"] >= HEADING_SIZE]
    if big:
        lowest = max(w["bottom"] for w in big)
        below = " ".join(w["text"] for w in words if w["top"] > lowest)
        for title in titles:
            below = below.replace(" ".join(title.split()), "")
        if len(below.split()) < 5:
            return " ".join(w["text"] for w in big if w["bottom"] == lowest)
    body = (page.crop((0, MARGIN, page.width, page.height - MARGIN)).extract_text() or "").strip()
    last = " ".join(body.splitlines()[-1].split()) if body else ""
    return last if last in titles else ""


def assert_pages_full_and_fitting(pdf_path: Path, html_path: Path) -> None:
    """No page less than a third full except the cover, the contents and a page before a new
    part (or the last); no word beyond the right margin (a table too wide for the page); no
    heading or caption left at the foot of a page, apart from what it heads."""
    parts, titles = part_titles(html_path), headings(html_path)
    with pdfplumber.open(pdf_path) as pdf:
        pages = pdf.pages
        firsts, fills = [], []
        for page in pages[:-1]:
            assert not stranded_heading(page, titles), (page.page_number, stranded_heading(page, titles))
        for page in pages:
            words = [w for w in page.extract_words() if MARGIN < w["top"] < page.height - MARGIN]
            bottoms = [w["bottom"] for w in words] + [i["bottom"] for i in page.images]
            fills.append((max(bottoms, default=MARGIN) - MARGIN) / (page.height - 2 * MARGIN))
            text = page.crop((0, MARGIN, page.width, page.height - MARGIN)).extract_text() or ""
            firsts.append(text.strip().splitlines()[0] if text.strip() else "")
            beyond = [w["text"] for w in page.extract_words() if w["x1"] > page.width - 28]
            assert not beyond, (page.page_number, beyond)
        for i, fill in enumerate(fills):
            if i < 2 or i == len(fills) - 1 or firsts[i + 1] in parts:
                continue
            assert fill >= MIN_FILL, (i + 1, round(fill, 2), firsts[i])
