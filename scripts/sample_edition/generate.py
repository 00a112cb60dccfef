"""Write the synthetic sample edition: `python scripts/make_sample_edition.py OUT TRUTH [SCALE]`.

Seeded and byte-reproducible (zip timestamps, document properties and PDF dates are
fixed). Calibrated to the figures published in July 2016: a correct pipeline run on
the output reproduces them exactly. True labels go to TRUTH (under tests/), never raw/."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import random
from dataclasses import dataclass, replace
from pathlib import Path

from policebreaches.edition import write_manifest
from policebreaches.forces import uk_forces
from policebreaches.ziptools import make_reproducible

from . import phrases as P

SEED = 20160714
PERIOD = (dt.date(2011, 6, 1), dt.date(2015, 12, 31))
TYPE_TARGETS = {"unauthorised_access": 869, "third_party_disclosure": 877, "other": 569}
OUTCOME_TARGETS = {
    "conviction_or_caution": 70,
    "resignation_or_dismissal": 297,
    "written_or_verbal_warning": 258,
    "no_formal_action": 1283,
    "other_or_unknown": 407,
}
PNC_TARGET = 25
DISMISSALS = 150  # of the 297 resignations or dismissals

# force_id: (incidents, format). Top ten as published, then the rest (sum 2,315).
DATA_FORCES = {
    "west-midlands": (488, "xlsx_by_year"),
    "surrey": (202, "csv_utf8"),
    "humberside": (168, "xlsx_text_dates"),
    "avon-and-somerset": (163, "pdf_table"),
    "metropolitan": (145, "xlsx_met"),
    "kent": (130, "docx_table"),
    "thames-valley": (121, "html_page"),
    "greater-manchester": (110, "csv_cp1252"),
    "lancashire": (104, "xlsx_text_dates"),
    "north-yorkshire": (98, "docx_numbered"),
    "cleveland": (17, "eml_pipe"),
    "dyfed-powys": (21, "docx_narrative"),
    "lincolnshire": (30, "counts_xlsx"),
    "cumbria": (25, "counts_letter"),
    "norfolk": (19, "csv_utf8"),
    "hampshire": (32, "csv_labels_only"),
    "cambridgeshire": (23, "txt_tab"),
    "cheshire": (31, "xlsx_text_dates"),
    "derbyshire": (27, "docx_table"),
    "devon-and-cornwall": (25, "html_page"),
    "dorset": (12, "csv_cp1252"),
    "durham": (18, "headerless_docx"),
    "gloucestershire": (14, "eml_pipe"),
    "hertfordshire": (29, "xlsx_text_dates"),
    "leicestershire": (22, "csv_utf8"),
    "merseyside": (21, "docx_table"),
    "northamptonshire": (16, "txt_tab"),
    "northumbria": (33, "html_page"),
    "north-wales": (11, "csv_cp1252"),
    "nottinghamshire": (24, "xlsx_text_dates"),
    "south-wales": (26, "docx_table"),
    "south-yorkshire": (30, "csv_utf8"),
    "staffordshire": (19, "xlsx_text_dates"),
    "warwickshire": (9, "txt_tab"),
    "west-mercia": (20, "docx_table"),
    "west-yorkshire": (19, "xlsx_text_dates"),
    "wiltshire": (13, "csv_utf8"),
}
ORIGINAL_FORCES = frozenset(DATA_FORCES)
PARTIAL = {"norfolk": "s12", "lincolnshire": ""}
# requests.csv's optional columns, as an editor reading each answer would fill them in:
# - counts: the Met's sheet is headed "Allegations of breaches" (its rows are allegations);
#   no other answer says what it counts.
# - covers_from, covers_to: Norfolk's partial answer does not say which part it leaves out, so
#   none is given (the report then keeps it out of rates and the change, and says so).
#   Lincolnshire's counts are drawn over the whole period (its incidents in
#   tests/truth/2016 are dated 2011 to 2015), so its row says the whole period; what its
#   answer leaves out is the role of each breach and the list of incidents (counts only),
#   though its sheet's title says 2013 onwards was not searched.
COUNTS_BY_FORMAT = {"xlsx_met": "allegations"}
COVERAGE = {"lincolnshire": PERIOD}
OPTIONAL = ("covers_from", "covers_to", "counts")  # requests.csv's optional columns, in order
NOTES = {
    "lincolnshire": "Counts only, by type and by outcome, no roles; the counts include breaches of 2013-2015 "
    "though the sheet's title says 2013 onwards was not searched",
}
OTHER_BODIES = {
    "essex": ("refused", "s12"),
    "sussex": ("refused", "s40(2)"),
    "psni": ("refused", "s30/s31"),
    "city-of-london": ("nil_return", ""),
    "suffolk": ("nil_return", ""),
    "gwent": ("no_response", ""),
    "bedfordshire": ("no_response", ""),
}
REGISTER_NAMES = {
    "metropolitan": "Met",
    "avon-and-somerset": "Avon & Somerset Constabulary",
    "dyfed-powys": "Dyfed Powys Police",
    "greater-manchester": "GMP",
    "psni": "PSNI",
    "devon-and-cornwall": "Devon & Cornwall Police",
}
# Outcome constraints the published report states (force: {group: count}, groups not named are free).
FIXED_OUTCOMES = {
    "humberside": {"resignation": 5, "dismissal": 0, "conviction_or_caution": 0},
    "north-yorkshire": {"dismissal": 3, "resignation": 0},
    "cleveland": {"resignation": 5, "dismissal": 1},
    "cumbria": {"other_or_unknown": 25},
    "durham": {"other_or_unknown": 18},  # a headerless date/description list says nothing of outcomes
}
PRESS_CASES = {
    "cleveland": dict(
        description="Special Constable passed information about a detainee to a relative of the detainee",
        role="Special Constable",
        outcome="Dismissed",
        breach_type="third_party_disclosure",
        outcome_group="resignation_or_dismissal",
        sub="dismissal",
    ),
    "metropolitan": dict(
        description="Officer found a victim\u2019s name amusing and attempted to photograph the "
        "victim\u2019s driving licence to send to a friend on Snapchat",
        role="PC",
        outcome="Resigned during disciplinary action",
        breach_type="third_party_disclosure",
        outcome_group="resignation_or_dismissal",
        sub="resignation",
    ),
    "dyfed-powys": dict(
        description="Officer passed sensitive police information to a member of the public on a USB device",
        role="Police officer",
        outcome="Resigned",
        breach_type="third_party_disclosure",
        outcome_group="resignation_or_dismissal",
        sub="resignation",
    ),
}


@dataclass(frozen=True)
class Incident:
    force_id: str
    date: dt.date | None
    role: str
    category: str
    description: str
    outcome: str
    breach_type: str
    pnc: bool
    outcome_group: str
    counted: bool = True  # False: outside the period or a duplicate, to be excluded
    expected_exclusion: str = ""


@dataclass(frozen=True)
class Plan:
    """How many incidents of each kind the edition holds, and where: the calibrated sample
    (scale 1) or a benchmark edition (every count times the scale; see `plan`)."""

    type_targets: dict
    outcome_targets: dict
    pnc_target: int
    data_forces: dict  # force_id -> (incidents, response format)
    fixed_outcomes: dict
    scale: int = 1


def plan(scale: int = 1) -> Plan:
    """The calibrated plan, or for benchmarks (x10, x100) every count times `scale`: more
    bodies (synthetic copies of each force's response shape, listed in bodies.csv) and more
    records per body. Only scale 1 is calibrated."""
    bodies, per_body = body_split(scale)
    return Plan(
        type_targets={k: v * scale for k, v in TYPE_TARGETS.items()},
        outcome_targets={k: v * scale for k, v in OUTCOME_TARGETS.items()},
        pnc_target=PNC_TARGET * scale,
        data_forces=_copies({f: (n * per_body, fmt) for f, (n, fmt) in DATA_FORCES.items()}, bodies),
        fixed_outcomes=_copies(
            {f: {k: v * per_body for k, v in fixed.items()} for f, fixed in FIXED_OUTCOMES.items()}, bodies
        ),
        scale=scale,
    )


def _pick_outcomes(rng: random.Random, plan: Plan) -> dict[str, list[str]]:
    """Outcome sub-groups per force honouring the plan's fixed outcomes and targets."""
    pool = dict(plan.outcome_targets)
    resignations = pool.pop("resignation_or_dismissal")
    dismissals = DISMISSALS * plan.scale
    subs = {"resignation": resignations - dismissals, "dismissal": dismissals, **pool}
    for case in PRESS_CASES.values():
        subs[case["sub"]] -= 1
    chosen_by_force: dict[str, list[str]] = {}
    # incident-listing forces first, forces that sent only counts (Lincolnshire and its copies) last
    incident_forces = [f for f, (_, fmt) in plan.data_forces.items() if fmt != "counts_xlsx"]
    counts_forces = [f for f, (_, fmt) in plan.data_forces.items() if fmt == "counts_xlsx"]
    for force, fixed in plan.fixed_outcomes.items():
        n = plan.data_forces[force][0] - (1 if force in PRESS_CASES else 0)
        chosen = []
        for sub, k in fixed.items():
            k -= 1 if PRESS_CASES.get(force, {}).get("sub") == sub else 0
            chosen += [sub] * k
            subs[sub] -= k
        free = [s for s in subs if s not in fixed]
        while len(chosen) < n:
            sub = rng.choices(free, weights=[subs[s] for s in free])[0]
            chosen.append(sub)
            subs[sub] -= 1
        chosen_by_force[force] = chosen
    rest = [s for s, k in subs.items() for _ in range(k)]
    rng.shuffle(rest)
    for force in incident_forces + counts_forces:
        if force in chosen_by_force:
            continue
        n = plan.data_forces[force][0] - (1 if force in PRESS_CASES else 0)
        chosen_by_force[force], rest = rest[:n], rest[n:]
    assert not rest, "outcome pool not used up"
    return chosen_by_force


def _group(sub: str) -> str:
    return "resignation_or_dismissal" if sub in ("resignation", "dismissal") else sub


def _date(rng: random.Random) -> dt.date:
    days = (PERIOD[1] - PERIOD[0]).days
    return PERIOD[0] + dt.timedelta(days=rng.randrange(days + 1))


def _describe(rng: random.Random, breach_type: str, pnc: bool) -> str:
    fill = dict(
        system=rng.choice(P.SYSTEMS),
        person=rng.choice(P.PERSONS),
        pnc=rng.choice(P.PNC_SYSTEMS),
        info=rng.choice(P.INFO),
        recipient=rng.choice(P.RECIPIENTS),
        device=rng.choice(P.DEVICES),
    )
    fill["Device"] = fill["device"][0].upper() + fill["device"][1:]
    bank = {
        ("unauthorised_access", False): P.ACCESS,
        ("unauthorised_access", True): P.ACCESS_PNC,
        ("third_party_disclosure", False): P.DISCLOSURE,
        ("third_party_disclosure", True): P.DISCLOSURE_PNC,
        ("other", False): P.OTHER,
    }[(breach_type, pnc)]
    text = rng.choice(bank).format(**fill)
    if rng.random() < 0.05:
        text = text.replace(" of ", " of [REDACTED] ", 1) if " of " in text else text + " [REDACTED]"
    if rng.random() < 0.05:
        text = text.replace("information", "informaiton").replace("Officer", "Offcier")
    return text


def build_incidents(rng: random.Random, plan: Plan) -> list[Incident]:
    """Every counted incident with its true labels (aggregate forces included)."""
    outcomes = _pick_outcomes(rng, plan)
    n_incidents = sum(n for n, _ in plan.data_forces.values())
    assert n_incidents == sum(plan.type_targets.values())
    types = {k: v - sum(1 for c in PRESS_CASES.values() if c["breach_type"] == k) for k, v in plan.type_targets.items()}
    type_pool = [t for t, k in types.items() for _ in range(k)]
    rng.shuffle(type_pool)
    incidents = []
    pnc_left = plan.pnc_target
    for force, (n, fmt) in plan.data_forces.items():
        for i, sub in enumerate(outcomes[force]):
            breach_type = type_pool.pop()
            pnc = (
                pnc_left > 0
                and breach_type != "other"
                and fmt not in ("counts_xlsx", "counts_letter", "csv_labels_only")
                and rng.random() < 0.03
            )
            pnc_left -= pnc
            group = _group(sub)
            bank = sub if sub in ("resignation", "dismissal") else group
            outcome = rng.choice(P.OUTCOMES[bank])
            incidents.append(
                Incident(
                    force,
                    _date(rng) if rng.random() > 0.04 else None,
                    rng.choice(P.ROLES),
                    "",
                    _describe(rng, breach_type, pnc),
                    outcome,
                    breach_type,
                    pnc,
                    group,
                )
            )
        if force in PRESS_CASES:
            c = PRESS_CASES[force]
            incidents.append(
                Incident(
                    force,
                    _date(rng),
                    c["role"],
                    "",
                    c["description"],
                    c["outcome"],
                    c["breach_type"],
                    False,
                    c["outcome_group"],
                )
            )
    assert not type_pool
    # top up PNC to the exact target on incident forces if chance left some over
    index = 0
    while pnc_left > 0:
        inc = incidents[index]
        if (
            not inc.pnc
            and inc.breach_type == "unauthorised_access"
            and inc.force_id not in PRESS_CASES
            and plan.data_forces[inc.force_id][1] not in ("counts_xlsx", "counts_letter", "csv_labels_only")
        ):
            incidents[index] = replace(inc, pnc=True, description=_describe(rng, inc.breach_type, True))
            pnc_left -= 1
        index += 7
    return incidents


def _extras(rng: random.Random, force: str, incidents: list[Incident]) -> list[Incident]:
    """Rows a correct pipeline must exclude: incidents outside the period."""
    out = []
    for date in (dt.date(2010, 11, 3), dt.date(2016, 2, 17)):
        breach_type = rng.choice(list(TYPE_TARGETS))
        out.append(
            Incident(
                force,
                date,
                rng.choice(P.ROLES),
                "",
                _describe(rng, breach_type, False),
                rng.choice(P.OUTCOMES["no_formal_action"]),
                breach_type,
                False,
                "no_formal_action",
                counted=False,
                expected_exclusion="outside_period",
            )
        )
    return out


# --- dates as different forces write them --------------------------------------------


def _fmt(date: dt.date | None, style: str) -> str:
    if date is None:
        return {"iso": "", "month_yy": "Not recorded"}.get(style, "Date not recorded")
    day = date.day
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return {
        "month_yy": date.strftime("%b-%y"),
        "month_year": date.strftime("%B %Y"),
        "dmy": date.strftime("%d/%m/%Y"),
        "dmy_short": f"{date.day}/{date.month}/{date.strftime('%y')}",
        "long": f"{day} {date.strftime('%B %Y')}",
        "ordinal": f"{date.strftime('%B')} {day}{suffix} {date.year}",
        "iso": date.isoformat(),
    }[style]


def _label(rng: random.Random, inc: Incident) -> str:
    """The force's label for an incident: the same wherever the force lists it again."""
    labels = P.LABELS[inc.breach_type]
    return labels[len(inc.description) % len(labels)]


def _workbook():
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.creator = "FOI Team"
    wb.properties.created = wb.properties.modified = dt.datetime(2016, 3, 1)
    return wb


def _save_workbook(wb, path: Path) -> None:
    wb.save(path)
    make_reproducible(path, "2016-03-01T00:00:00Z")


def _docx():
    import docx

    document = docx.Document()
    document.core_properties.created = document.core_properties.modified = dt.datetime(2016, 3, 1)
    document.core_properties.author = "Information Management Unit"
    return document


def _save_docx(document, path: Path) -> None:
    document.save(str(path))
    make_reproducible(path, "2016-03-01T00:00:00Z")


# --- one writer per response format ---------------------------------------------------


def write_xlsx_by_year(out: Path, force: str, rows: list[Incident], rng) -> list[str]:
    from openpyxl.styles import Font

    wb = _workbook()
    wb.remove(wb.active)
    by_year: dict[int, list[Incident]] = {}
    for inc in rows:
        year = inc.date.year if inc.date else 2015
        # the force listed some cases again on the next year's sheet (they must count once)
        by_year.setdefault(year + (inc.expected_exclusion == "duplicate"), []).append(inc)
    for year in sorted(by_year):
        ws = wb.create_sheet(str(year))
        ws.append([f"{force_name(force)} \u2013 Data Protection breaches recorded in {year}"] + [None] * 4)
        ws.merge_cells("A1:E1")
        ws["A1"].font = Font(bold=True)
        ws.append([])
        ws.append(["Date", "Rank/Role", "Breach Type", "Description", "Outcome"])
        for inc in by_year[year]:
            ws.append(
                [
                    dt.datetime.combine(inc.date, dt.time()) if inc.date else "Not recorded",
                    inc.role,
                    _label(rng, inc),
                    inc.description,
                    inc.outcome,
                ]
            )
            if inc.date:
                ws.cell(ws.max_row, 1).number_format = "dd/mm/yyyy"
        ws.append(["Total", None, None, None, len(by_year[year])])
        ws.append([])
        ws.append(
            [
                "Note: figures are taken from the Professional Standards case management system and may "
                "change as cases conclude."
            ]
        )
    name = f"{force}/FOI_2016_0412_data_breaches.xlsx"
    _save_workbook(wb, out / name)
    return [name]


def _xlsx_single(
    out: Path, force: str, rows: list[Incident], header: list[str], cells, name: str, title_rows: list[str]
) -> list[str]:
    wb = _workbook()
    ws = wb.active
    ws.title = "Data"
    for line in title_rows:
        ws.append([line])
    ws.append(header)
    for inc in rows:
        ws.append(cells(inc))
    ws.append([])
    ws.append(["Total", len(rows)])
    _save_workbook(wb, out / f"{force}/{name}")
    return [f"{force}/{name}"]


def write_xlsx_text_dates(out, force, rows, rng):
    return _xlsx_single(
        out,
        force,
        rows,
        ["Date", "Officer/Staff", "Nature of breach", "Outcome"],
        lambda i: [_fmt(i.date, "month_yy"), i.role, i.description, i.outcome],
        "response.xlsx",
        [
            f"Freedom of Information request \u2013 {force_name(force)}",
            "Data Protection Act breaches by officers and staff, June 2011 to date",
            "",
        ],
    )


def write_xlsx_met(out, force, rows, rng):
    return _xlsx_single(
        out,
        force,
        rows,
        ["Month", "Rank", "Nature of Allegation/ Breach", "Outcome"],
        lambda i: [_fmt(i.date, "month_year"), i.role, i.description, i.outcome],
        "2016010000123_Appendix_A.xlsx",
        [
            "Metropolitan Police Service",
            "Directorate of Professional Standards",
            "Allegations of breaches of data protection, 01/06/2011 \u2013 31/12/2015",
            "",
        ],
    )


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv_utf8(out, force, rows, rng):
    text = _csv_text(
        ["Date", "Role", "Summary", "Action taken"],
        [[_fmt(i.date, "dmy"), i.role, i.description, i.outcome] for i in rows],
    )
    name = f"{force}/breaches.csv"
    (out / name).write_bytes(text.encode("utf-8-sig"))
    return [name]


def write_csv_cp1252(out, force, rows, rng):
    text = _csv_text(
        ["Date of incident", "Rank", "Details", "Result"],
        [[_fmt(i.date, "dmy_short"), i.role, i.description.replace("'", "\u2019"), i.outcome] for i in rows],
    )
    name = f"{force}/FOI response data.csv"
    (out / name).write_bytes(text.encode("cp1252"))
    return [name]


def write_csv_labels_only(out, force, rows, rng):
    text = _csv_text(
        ["Date", "Officer/Staff", "Breach Type", "Outcome"],
        [[_fmt(i.date, "month_yy"), i.role, _label(rng, i), i.outcome] for i in rows],
    )
    name = f"{force}/dp_breaches.csv"
    (out / name).write_bytes(text.encode("utf-8"))
    return [name]


def _docx_table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text


def _docx_response(out, force, intro: list[str], header: list[str], rows: list[list[str]], name: str) -> list[str]:
    document = _docx()
    for text in intro:
        document.add_paragraph(text)
    _docx_table(document, header, rows)
    _save_docx(document, out / f"{force}/{name}")
    return [f"{force}/{name}"]


def write_docx_table(out, force, rows, rng):
    return _docx_response(
        out,
        force,
        [
            f"{force_name(force)} \u2013 Freedom of Information Request",
            "Please find below the information you requested.",
        ],
        ["Date", "Rank", "Category", "Description", "Outcome"],
        [[_fmt(i.date, "dmy"), i.role, _label(rng, i), i.description, i.outcome] for i in rows],
        "FOI response.docx",
    )


def write_docx_numbered(out, force, rows, rng):
    return _docx_response(
        out,
        force,
        ["Your request has been considered and the information is provided below."],
        [
            "(i) Month/year of incident",
            "(ii) Nature of Offence/Breach",
            "(iii) Officer or a member of civilian staff",
            "(iv) How the matter was resolved",
        ],
        [[_fmt(i.date, "month_yy"), i.description, i.role, i.outcome] for i in rows],
        f"response_{force}.docx",
    )


def write_headerless_docx(out, force, rows, rng):
    document = _docx()
    document.add_paragraph("The force holds the following records of data protection breaches.")
    table = document.add_table(rows=0, cols=2)
    for inc in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = (
            _fmt(inc.date, "long") if inc.date else "2013 (Date not recorded)",
            inc.description,
        )
    name = f"{force}/breaches_list.docx"
    _save_docx(document, out / name)
    return [name]


def write_docx_narrative(out, force, rows, rng):
    """A letter describing incidents in sentences; its transcription lies in transcribed/."""
    document = _docx()
    document.add_paragraph("Dear Requester,")
    document.add_paragraph(
        "I write in response to your request for information. The force has identified the "
        "following matters within the period you specified."
    )
    for a, b in zip(rows[0::2], rows[1::2] + [None]):
        text = (
            f"In {_fmt(a.date, 'month_year')} a member of the force ({a.role}) was investigated after it was "
            f"alleged that they had {a.description[0].lower() + a.description[1:]}; the outcome was: "
            f"{a.outcome or 'not yet known'}."
        )
        if b:
            text += (
                f" In a separate matter, in {_fmt(b.date, 'month_year')}, a {b.role} "
                f"{b.description[0].lower() + b.description[1:]} ({b.outcome or 'outcome not recorded'})."
            )
        document.add_paragraph(text)
    document.add_paragraph("Yours sincerely,\nFreedom of Information Officer")
    name = f"{force}/response_letter.docx"
    _save_docx(document, out / name)
    return [name]


def write_html_page(out, force, rows, rng):
    body_rows = "\n".join(
        f"<tr><td>{_fmt(i.date, 'ordinal')}</td><td>{P.MISLEADING_LABEL if (i.breach_type == 'unauthorised_access' and rng.random() < 0.4) else _label(rng, i)}"
        f"</td><td>{_html_escape(i.description)}</td><td>{_html_escape(i.outcome)}</td></tr>"
        for i in rows
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Disclosure log: data protection breaches | {force_name(force)}</title>
<style>.cookie{{position:fixed}}</style><script>window.dataLayer=[];</script></head>
<body><div class="cookie">We use cookies to make this site work. <a href="#">Accept all cookies</a> <a href="#">Reject</a></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/report">Report a crime</a></li><li><a href="/foi">Disclosure log</a></li></ul></nav>
<main><h1>FOI 2016/0{rng.randrange(100, 999)}: Data protection breaches</h1>
<p>Request: the number of breaches of the Data Protection Act by officers and staff since June 2011.</p>
<p>Response: the information is provided in the table below.</p>
<table><thead><tr><th>Date</th><th>Category</th><th>Details</th><th>Outcome</th></tr></thead>
<tbody>
{body_rows}
</tbody></table>
<p>Share this page: Facebook | Twitter</p></main><footer>&copy; {force_name(force)}</footer></body></html>
"""
    name = f"{force}/disclosure-log-data-breaches.html"
    (out / name).write_text(page, encoding="utf-8")
    return [name]


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_pdf_table(out, force, rows, rng):
    """A ruled table as forces' PDF exports have it, drawn with reportlab in the bundled
    font (embedded): the bytes depend on reportlab's pinned version only, not on the
    machine's fonts or system libraries (WeasyPrint's depend on HarfBuzz)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

    pdfmetrics.registerFont(
        TTFont("Sample", Path(__file__).resolve().parents[2] / "report" / "fonts" / "DejaVuSans.ttf")
    )
    style = ParagraphStyle("cell", fontName="Sample", fontSize=8, leading=10)

    def cell(text: str) -> Paragraph:
        return Paragraph(_html_escape(text), style)

    header = ["Date", "Rank", "Summary", "Outcome"]
    body = [[cell(_fmt(i.date, "long")), cell(i.role), cell(i.description), cell(i.outcome)] for i in rows]
    table = LongTable(
        [[cell(h) for h in header], *body, [cell("Total"), "", cell(str(len(rows))), ""]],
        colWidths=[28 * mm, 22 * mm, 85 * mm, 45 * mm],
        repeatRows=1,
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    title = f"{force_name(force)} \u2013 Freedom of Information Act 2000 \u2013 Data breaches by officers and staff"
    name = f"{force}/FOI_response.pdf"
    doc = SimpleDocTemplate(
        str(out / name),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        invariant=True,
        title="FOI response",
        author=force_name(force),
        creator="",
        producer="",
    )
    doc.build([Paragraph(_html_escape(title), style), table])
    return [name]


def _letter_lines(force: str) -> list[str]:
    return [
        f"{force_name(force)}",
        "Freedom of Information Unit",
        "",
        "Dear Requester,",
        "",
        "Thank you for your request dated 4 January 2016, in which you asked for the number of breaches",
        "of the Data Protection Act by police officers and staff, and the outcome (for example written",
        "warning, sacked etc.).",
        "",
    ]


def write_eml_pipe(out, force, rows, rng):
    lines = _letter_lines(force) + ["Please find the information below.", "", "Date | Role | Details | Outcome"]
    lines += [f"{_fmt(i.date, 'iso')} | {i.role} | {i.description} | {i.outcome}" for i in rows]
    lines += ["", "Yours sincerely,", "FOI Officer"]
    message = (
        f"From: foi@{force}.police.example\r\nTo: requester@example.org\r\n"
        f"Subject: FOI request 2016/{rng.randrange(100, 999)} - data protection breaches\r\n"
        "Date: Tue, 16 Feb 2016 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "\r\n".join(lines)
        + "\r\n"
    )
    name = f"{force}/RE FOI request.eml"
    (out / name).write_bytes(message.encode("utf-8"))
    return [name]


def write_txt_tab(out, force, rows, rng):
    lines = _letter_lines(force) + ["Month\tOfficer/Staff\tCircumstances\tAction taken"]
    lines += [f"{_fmt(i.date, 'month_year')}\t{i.role}\t{i.description}\t{i.outcome}" for i in rows]
    name = f"{force}/response.txt"
    (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [name]


MARGIN_LABELS = {
    "unauthorised_access": "Unauthorised access to police systems",
    "third_party_disclosure": "Disclosure of information to third parties",
    "conviction_or_caution": "Convicted/cautioned",
    "resignation_or_dismissal": "Resigned or dismissed",
    "written_or_verbal_warning": "Written/verbal warning",
    "no_formal_action": "No further action",
    "other_or_unknown": "Ongoing",
}


def write_counts_xlsx(out, force, rows, rng):
    """Counts only: margins by breach type and by outcome, and a total."""
    wb = _workbook()
    ws = wb.active
    ws.title = "Summary"
    ws.append([f"{force_name(force)}: data protection breaches 2011-2015 (partial: 2013 onwards not searched, s12)"])
    ws.append([])
    ws.append(["Breach type", "Number"])
    for key in ("unauthorised_access", "third_party_disclosure"):
        ws.append([MARGIN_LABELS[key], sum(1 for i in rows if i.breach_type == key)])
    ws.append([])
    ws.append(["Outcome", "Number"])
    for key in (
        "conviction_or_caution",
        "resignation_or_dismissal",
        "written_or_verbal_warning",
        "no_formal_action",
        "other_or_unknown",
    ):
        ws.append([MARGIN_LABELS[key], sum(1 for i in rows if i.outcome_group == key)])
    ws.append([])
    ws.append(["Total", len(rows)])
    _save_workbook(wb, out / f"{force}/summary.xlsx")
    return [f"{force}/summary.xlsx"]


def write_counts_letter(out, force, rows, rng):
    lines = _letter_lines(force) + ["The force holds the following information:", ""]
    lines += [
        f"{MARGIN_LABELS[k]} = {sum(1 for i in rows if i.breach_type == k)}"
        for k in ("unauthorised_access", "third_party_disclosure")
    ]
    lines += [
        f"Loss or insecure handling of data \u2013 {sum(1 for i in rows if i.breach_type == 'other')}",
        f"Total = {len(rows)}",
        "",
        "Officers currently being investigated = 2",
        "",
        "The force does not hold the outcome of each matter in a retrievable form.",
        "Yours sincerely",
    ]
    name = f"{force}/response_letter.txt"
    (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [name]


WRITERS = {
    "xlsx_by_year": write_xlsx_by_year,
    "xlsx_text_dates": write_xlsx_text_dates,
    "xlsx_met": write_xlsx_met,
    "csv_utf8": write_csv_utf8,
    "csv_cp1252": write_csv_cp1252,
    "csv_labels_only": write_csv_labels_only,
    "docx_table": write_docx_table,
    "docx_numbered": write_docx_numbered,
    "headerless_docx": write_headerless_docx,
    "docx_narrative": write_docx_narrative,
    "html_page": write_html_page,
    "pdf_table": write_pdf_table,
    "eml_pipe": write_eml_pipe,
    "txt_tab": write_txt_tab,
    "counts_xlsx": write_counts_xlsx,
    "counts_letter": write_counts_letter,
}


# --- letters, register, edition ---------------------------------------------------------

REFUSALS = {
    "s12": "The cost of locating, retrieving and extracting this information would exceed the appropriate limit "
    "(section 12 of the Freedom of Information Act 2000). This letter is a refusal notice.",
    "s40(2)": "The information is exempt under section 40(2) (personal information): disclosure of the "
    "outcomes of individual cases would identify the officers concerned.",
    "s30/s31": "The force neither confirms nor denies that it holds further information. Sections 30 and 31 "
    "(investigations; law enforcement) apply.",
}
NIL_RETURN = (
    "I have decided to disclose the information we hold. However, having searched our records, no "
    "information is held about breaches of the Data Protection Act by officers or staff in this period."
)


def _write_letter(out: Path, force: str, body: str) -> str:
    name = f"{force}/response_letter.txt"
    (out / name).write_text(
        "\n".join(_letter_lines(force) + [body, "", "Yours sincerely,", "Freedom of Information Officer"]) + "\n",
        encoding="utf-8",
    )
    return name


REQUEST = """Dear Freedom of Information Officer,

Under the Freedom of Information Act 2000 I would like to request the following information.

For the period 1 June 2011 to 31 December 2015:

1. The number of breaches of the Data Protection Act 1998 committed by police officers, police
   community support officers, special constables and police staff.
2. For each breach, the nature of the breach (for example unauthorised access to force systems,
   disclosure of information to third parties, misuse of the Police National Computer).
3. For each breach, whether it was committed by an officer or a member of staff.
4. For each breach, the outcome (for example no action, written warning, resignation, dismissal,
   caution or criminal conviction).

I would prefer to receive the information electronically, in a spreadsheet where possible.

Yours faithfully,
Research team (synthetic sample request)
"""


def public_request(request: str) -> str:
    """The request without its greeting (first paragraph) and signature block (last), indented
    as a YAML block: what a researcher marks for print."""
    paragraphs = request.strip().split("\n\n")[1:-1]
    return "\n".join(f"  {line}" if line else "" for line in "\n\n".join(paragraphs).splitlines())


# only the sample at scale 1 is calibrated (a benchmark edition multiplies every count)
CALIBRATED = (
    "# the cover says it: the generator's plan reproduces the published figures (tests/test_backtest.py)\n"
    'calibrated_to: "the original report, Safe in Police Hands? (July 2016)"\n'
)


EDITION_YAML = """# SYNTHETIC SAMPLE EDITION: written by scripts/sample_edition/generate.py (seed {seed}).
# The original FOI responses are not redistributable; these files imitate their shapes.
title: "Safe in Police Hands?"
subtitle: "How police forces handle the personal data they hold (synthetic sample edition)"
period_start: 2011-06-01
period_end: 2015-12-31
published: 2016-07-14
synthetic: true
{calibrated}request_file: request.txt
# Appendix 2 prints this, never request.txt itself: the request as sent, without its greeting
# and signature block (checked to be an excerpt of request.txt).
request_public: |
{request_public}
# Each quote is printed as approved: the record's text, personal data replaced by [name] or [redacted].
case_studies:
  - force: Cleveland
    contains: "detainee to a relative"
    quote: "Special Constable passed information about a detainee to a relative of the detainee"
    approved_by: "sample generator (synthetic records hold no personal data)"
  - force: Metropolitan
    contains: "Snapchat"
    quote: "Officer found a victim\u2019s name amusing and attempted to photograph the victim\u2019s driving licence to send to a friend on Snapchat"
    approved_by: "sample generator (synthetic records hold no personal data)"
  - force: Dyfed-Powys
    contains: "USB device"
    quote: "Officer passed sensitive police information to a member of the public on a USB device"
    approved_by: "sample generator (synthetic records hold no personal data)"
"""


def body_split(factor: int) -> tuple[int, int]:
    """(bodies per force, records per body) with product `factor`, as near square as it
    divides: x10 -> 2 x 5, x100 -> 10 x 10. Cost must grow gently in both directions."""
    bodies = max(d for d in range(1, math.isqrt(factor) + 1) if factor % d == 0)
    return bodies, factor // bodies


def _copies(table: dict, bodies: int) -> dict:
    """Each force's entry, then the same for its synthetic copies force-2 ... force-<bodies>."""
    return {**table, **{f"{f}-{k}": v for k in range(2, bodies + 1) for f, v in table.items()}}


def force_name(force_id: str) -> str:
    """A UK force's name, or a synthetic copy's ("<force>-<n>") as bodies.csv lists it."""
    if force_id in uk_forces():
        return uk_forces().name(force_id)
    original, number = force_id.rsplit("-", 1)
    return f"{uk_forces().name(original)}, synthetic copy {number}"


def _write_bodies(out: Path, plan: Plan) -> None:
    """bodies.csv naming the synthetic copies, so the pipeline knows them as it would know
    councils or NHS trusts an edition asks."""
    copies = [f for f in plan.data_forces if f not in ORIGINAL_FORCES]
    if not copies:
        return
    with open(out / "bodies.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["force_id", "name", "aliases"])
        for copy in copies:
            original, number = copy.rsplit("-", 1)
            writer.writerow([copy, f"{force_name(original)}, synthetic copy {number}", ""])


# Officers in each force, rounded: loosely the sizes of the forces around 2015, so that the
# sample's funnel plot has small and large bodies. Invented for the sample like its counts.
OFFICERS = {
    "avon-and-somerset": 2700, "bedfordshire": 1100, "cambridgeshire": 1300, "cheshire": 1900,
    "city-of-london": 700, "cleveland": 1300, "cumbria": 1100, "derbyshire": 1800,
    "devon-and-cornwall": 3000, "dorset": 1200, "durham": 1100, "dyfed-powys": 1100, "essex": 2900,
    "gloucestershire": 1100, "greater-manchester": 6300, "gwent": 1300, "hampshire": 2800,
    "hertfordshire": 1900, "humberside": 1700, "kent": 3200, "lancashire": 2900, "leicestershire": 1800,
    "lincolnshire": 1000, "merseyside": 3700, "metropolitan": 31900, "norfolk": 1500,
    "north-wales": 1400, "north-yorkshire": 1400, "northamptonshire": 1200, "northumbria": 3400,
    "nottinghamshire": 2000, "psni": 6800, "south-wales": 2800, "south-yorkshire": 2500,
    "staffordshire": 1700, "suffolk": 1100, "surrey": 1900, "sussex": 2700, "thames-valley": 4200,
    "warwickshire": 800, "west-mercia": 2000, "west-midlands": 6900, "west-yorkshire": 4700,
    "wiltshire": 1000,
}  # fmt: skip


def _write_denominators(out: Path, forces: list[str]) -> None:
    """denominators.csv: a workforce for every body asked, from its own random stream (the
    other files do not change when this one does); the source says it is invented."""
    rng = random.Random(SEED + 1)
    with open(out / "denominators.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["force_id", "officers", "staff", "as_of", "source"])
        for force in sorted(forces):
            officers = round(
                OFFICERS[force.rsplit("-", 1)[0] if force not in OFFICERS else force] * rng.uniform(0.9, 1.1)
            )
            staff = round(officers * rng.uniform(0.45, 0.75))
            writer.writerow([force, officers, staff, "2015-03-31", "SYNTHETIC: invented for the sample edition"])


def generate(out: Path, truth: Path, scale: int = 1) -> None:
    """Write raw edition files to `out` and the true labels to `truth` (scale > 1: a larger,
    uncalibrated edition for benchmarks)."""
    chosen = plan(scale)
    rng = random.Random(SEED)
    incidents = build_incidents(rng, chosen)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1456790400")  # fixed PDF dates (WeasyPrint)
    responses = out / "responses"
    for folder in (responses, out / "transcribed", out / "overrides", truth):
        folder.mkdir(parents=True, exist_ok=True)
    _write_bodies(out, chosen)
    register, truth_rows = [], []
    for force, (n, fmt) in chosen.data_forces.items():
        (responses / force).mkdir(exist_ok=True)
        rows = [i for i in incidents if i.force_id == force]
        rng.shuffle(rows)
        rows.sort(key=lambda i: i.date or dt.date(2099, 1, 1))
        if force in ("west-midlands", "surrey", "kent", "thames-valley"):
            rows = _extras(rng, force, rows) + rows
        if force == "west-midlands":
            dated_2013 = [i for i in rows if i.date and i.date.year == 2013 and i.counted][:3]
            rows += [replace(i, counted=False, expected_exclusion="duplicate") for i in dated_2013]
        files = WRITERS[fmt](responses, force, rows, rng)
        if fmt == "docx_narrative":
            _write_transcription(out, files[0], rows)
        status = "partial" if force in PARTIAL else "disclosed"
        notes = NOTES.get(force, "Counts only" if fmt.startswith("counts") else "")
        row = _register_row(rng, force, status, PARTIAL.get(force, ""), files, notes)
        covers = COVERAGE.get(force)
        row |= {
            "covers_from": covers[0].isoformat() if covers else "",
            "covers_to": covers[1].isoformat() if covers else "",
            "counts": COUNTS_BY_FORMAT.get(fmt, ""),
        }
        register.append(row)
        for inc in rows:
            truth_rows.append(
                {
                    "force_id": force,
                    "source_file": f"responses/{files[0]}",
                    "layout_format": fmt,
                    "date": inc.date.isoformat() if inc.date else "",
                    "role": inc.role,
                    "description": inc.description,
                    "outcome": inc.outcome,
                    "breach_type": inc.breach_type,
                    "pnc": inc.pnc,
                    "outcome_group": inc.outcome_group,
                    "counted": inc.counted,
                    "expected_exclusion": inc.expected_exclusion,
                    "counts_only": fmt.startswith("counts"),
                }
            )
    for force, (status, exemption) in OTHER_BODIES.items():
        files = []
        if status in ("refused", "nil_return"):
            (responses / force).mkdir(exist_ok=True)
            files = [_write_letter(responses, force, REFUSALS.get(exemption, NIL_RETURN))]
        register.append(_register_row(rng, force, status, exemption, files, "") | dict.fromkeys(OPTIONAL, ""))
    register.sort(key=lambda r: r["force"].lower())
    _write_denominators(out, [*chosen.data_forces, *OTHER_BODIES])
    with open(out / "requests.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(register[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(register)
    (out / "request.txt").write_text(REQUEST, encoding="utf-8")
    (out / "edition.yaml").write_text(
        EDITION_YAML.format(seed=SEED, request_public=public_request(REQUEST), calibrated=CALIBRATED * (scale == 1)),
        encoding="utf-8",
    )
    (out / "overrides" / "extraction.yaml").write_text(
        "# Per-file hints for layouts detection cannot handle (keys: paths relative to responses/).\n"
        "# Example:\n#   some-force/odd_layout.xlsx:\n#     sheets: [Data]\n#     header_row: 4\n"
        "#     columns: {date: A, description: C, outcome: 'Result of investigation'}\n{}\n",
        encoding="utf-8",
    )
    with open(truth / "incidents.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(truth_rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(truth_rows)
    write_manifest(out)


def _register_row(rng, force, status, exemption, files, notes) -> dict:
    requested = dt.date(2016, 1, 4)
    responded = "" if status == "no_response" else (requested + dt.timedelta(days=rng.randrange(15, 60))).isoformat()
    return {
        "force": REGISTER_NAMES.get(force, force_name(force)),
        "reference": f"FOI/2016/{rng.randrange(1000, 9999)}",
        "requested": requested.isoformat(),
        "responded": responded,
        "status": status,
        "exemption": exemption,
        "files": ";".join(files),
        "notes": notes,
    }


def _write_transcription(out: Path, source: str, rows: list[Incident]) -> None:
    name = Path(source).parent.name + ".csv"
    with open(out / "transcribed" / name, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["source_file", "source_page", "date", "role", "force_category", "description", "outcome"])
        for inc in rows:
            writer.writerow([source, "1", _fmt(inc.date, "month_year"), inc.role, "", inc.description, inc.outcome])
