"""Everything the template shows, gathered in one place (no numbers computed here:
they come from numbers.json by key)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from markupsafe import Markup

from .edition import ANSWER_KINDS, DATA_STATUSES, STATUS_WORDS, USED_STATUSES
from .tables import appendix_families, drawn_roles, force_breakdown, table1, top_by_rate, top_ten

SECTIONS = [
    ("status", "Where the answers stand"),
    ("summary", "Executive summary"),
    ("findings", "Key findings"),
    ("table1", "Table 1"),
    ("roles", "Breaches by role and outcome"),
    ("recommendations", "Policy recommendations"),
    ("top-ten", "The top ten forces"),
    ("rates", "Breaches for the size of each force"),
    ("cases", "Data protection and the police"),
    ("breakdown", "Full force breakdown"),
    ("timeliness", "How quickly forces answered"),
    ("profiles", "Force profiles"),
    ("methodology", "Methodology"),
    ("request", "The FOI request"),
    ("derivations", "How each number was derived"),
]
APPENDICES = ("methodology", "request", "derivations")  # numbered from 1 in the order a report shows them
# a provisional edition (too few bodies gave figures) ranks nobody, states no national rate and
# draws no policy recommendations from figures that will change
RANKING_SECTIONS = {"top-ten", "rates"}
PROVISIONAL_HIDDEN = RANKING_SECTIONS | {"recommendations"}
# an edition in which no body gave figures is a status page: who was asked and who answered how
STATUS_PAGE_SECTIONS = {"status", "breakdown", "timeliness", "request", "derivations"}


def section_list(*, provisional: bool, no_figures: bool, has_cases: bool) -> list[tuple[str, str]]:
    """The sections a report shows, in order, with their titles; the appendices it shows are
    numbered from 1 with no gap (a status page has no methodology: its request is Appendix 1)."""
    if no_figures:
        shown = [(id, title) for id, title in SECTIONS if id in STATUS_PAGE_SECTIONS]
    else:
        hidden = {"status"} | (PROVISIONAL_HIDDEN if provisional else set()) | (set() if has_cases else {"cases"})
        shown = [(id, title) for id, title in SECTIONS if id not in hidden]
    numbers = appendix_numbers([id for id, _ in shown])
    return [(id, f"{numbers[id]}: {title}" if id in numbers else title) for id, title in shown]


def part_period(register: list[dict], numbers: dict) -> list[dict]:
    """The bodies that gave figures for part of the period only, or a partial answer that does
    not say which part (forces.<id>.covers): marked wherever their counts stand beside others."""
    whole = f"{numbers['period.start']['value']}/{numbers['period.end']['value']}"
    out = []
    for r in sorted(register, key=lambda r: r["name"]):
        covers = numbers.get(f"forces.{r['force_id']}.covers")
        if covers and covers["value"] != whole:
            stated = covers["value"] != "not_stated"
            out.append(
                {
                    "force_id": r["force_id"],
                    "name": r["name"],
                    "stated": stated,
                    "covers": covers["display"],
                    "covers_words": covers["display"] if stated else "the part not given is not stated",
                }
            )
    return out


UNIT_NOUNS = {"incidents": "incidents", "allegations": "allegations", "people": "people", "cases": "cases"}


def units_sentence(register: list[dict], numbers: dict) -> str:
    """What the bodies that gave figures say they count (forces.<id>.counts), in words: only
    the units they state, never a unit no body states."""
    units = [
        numbers[key]["value"]
        for r in register
        if (key := f"forces.{r['force_id']}.counts") in numbers and r["status"] in DATA_STATUSES
    ]
    if not units:
        return ""
    stated = {u: units.count(u) for u in UNIT_NOUNS if u in units}
    unknown = units.count("unknown")
    parts = [
        f"{n:,} {'says' if n == 1 else 'say'} {'it counts' if n == 1 else 'they count'} {UNIT_NOUNS[u]}"
        + (" (one case can carry several)" if u == "allegations" else "")
        for u, n in stated.items()
    ]
    if unknown:
        parts.append(
            f"{unknown:,} {'does' if unknown == 1 else 'do'} not say what "
            + ("it counts" if unknown == 1 else "they count")
        )
    total = len(units)
    if not stated:
        return (
            f"{'The body' if total == 1 else f'None of the {total:,} bodies'} that gave figures "
            f"{'does not say' if total == 1 else 'says'} what its figures count (incidents, allegations, people or "
            "cases), so they may count different things. The figures add them as given."
        )
    lead = f"Of the {total:,} {'body' if total == 1 else 'bodies'} that gave figures, "
    body = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if len(stated) + bool(unknown) > 1 or stated.keys() - {"incidents"}:
        tail = " The figures add them as given, so a total may mix units."
    else:
        tail = " The figures add them as given."
    return lead + body + "." + tail


def appendix_numbers(shown: list[str]) -> dict[str, str]:
    """{section id: 'Appendix N'} for the appendices among the sections shown, in their order."""
    return {id: f"Appendix {i}" for i, id in enumerate([s for s in shown if s in APPENDICES], start=1)}


def figure_markup(figures: dict, svgs: dict[str, Path] | None = None):
    """figure(id) for the template: the figure as report_spec.yaml captions it; with `svgs`
    (figure id -> its SVG file) the chart is carried inside report.html, so the page shows
    it wherever it is opened, not only beside its figures/ folder."""

    def markup(figure_id: str) -> Markup:
        spec = figures[figure_id]
        source = f"figures/{figure_id}.svg"
        if svgs and figure_id in svgs:
            source = "data:image/svg+xml;base64," + base64.b64encode(svgs[figure_id].read_bytes()).decode("ascii")
        return Markup(
            '<figure id="fig-{id}"><img src="{src}" alt="{alt}">'
            "<figcaption><strong>{title}.</strong> {caption}</figcaption></figure>"
        ).format(id=figure_id, src=source, alt=spec["alt"], title=spec["title"], caption=spec["caption"])

    return markup


def category_columns(codebook, field: str) -> list[dict]:
    return [
        {"id": c, "short": codebook.short(field, c), "long": codebook.label(field, c)}
        for c in codebook.categories(field)
    ]


FIELD_WORDS = {"breach_type": "Breach type", "outcome_group": "Outcome group", "pnc": "Police National Computer"}
CLASS_WORDS = {"True": "involved", "False": "not involved"}  # the PNC flag's classes, in words
LIST_ITEM = re.compile(r"\s*(?:\d+[.)]|\([a-z0-9]+\)|[a-z][.)]|[-*\u2022])\s+")
SHORT_LINE = 50  # a paragraph of short lines (an address, a sign-off) keeps its line breaks


def request_blocks(text: str) -> list[dict]:
    """The request's own paragraphs: lines a text editor wrapped are joined again, numbered
    or bulleted items stay items, and short lines (a sign-off) keep their breaks."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.strip()) if text.strip() else []:
        lines = [line.rstrip() for line in paragraph.splitlines() if line.strip()]
        if any(LIST_ITEM.match(line) for line in lines):
            items: list[str] = []
            for line in lines:
                if LIST_ITEM.match(line) or not items:
                    items.append(line.strip())
                else:
                    items[-1] += " " + line.strip()
            blocks.append({"kind": "list", "lines": items})
        elif all(len(line) <= SHORT_LINE for line in lines):
            blocks.append({"kind": "lines", "lines": [line.strip() for line in lines]})
        else:
            blocks.append({"kind": "paragraph", "lines": [" ".join(line.strip() for line in lines)]})
    return blocks


def excluded_and_warnings(
    problems: list[dict], ledger: list[dict], register: list[dict]
) -> tuple[list[dict], list[dict]]:
    """(excluded: files of which not a single row was used; warnings: the other problems, about
    inputs that were used with a caveat), as the report may print them: a response file by its
    body and checksum prefix, never its name, and no text quoted from it. The full problem
    list is check/problems.csv and clean/extraction_problems.csv (internal)."""
    names = {r["force_id"]: r["name"] for r in register}
    checksums = {f"responses/{f}": sha for r in register for f, sha in (r.get("file_sha256") or {}).items()}
    unused = {r["source_file"]: r for r in ledger if r["file_status"] not in USED_STATUSES}
    excluded = [
        {
            "body": names.get(row["force_id"], ""),
            "file": checksums.get(name, "")[:CHECKSUM_PREFIX],
            "what": STATUS_PHRASES.get(row["file_status"], row["file_status"].replace("_", " ")),
        }
        for name, row in unused.items()
    ]
    warnings = [_public_warning(p, checksums) for p in problems if p["file"] not in unused]
    return excluded, warnings


def set_aside_files(register: list[dict], ledger: list[dict], words: dict) -> list[dict]:
    """The response files set aside on purpose, as the methodology lists them: by body and
    checksum prefix (never the file's name, which is the response's text), with why: replaced
    by a later answer of the body (requests.csv `replaces`), or a hint saying it holds no
    figures. `words`: report_spec.yaml's `answers`."""
    names = {r["force_id"]: r["name"] for r in register}
    checksums = {f"responses/{f}": sha for r in register for f, sha in (r.get("file_sha256") or {}).items()}
    found = [
        {
            "body": r["name"],
            "file": checksums.get(f"responses/{item['file']}", "")[:CHECKSUM_PREFIX],
            "why": words["set_aside_replaced"].format(
                answer=ANSWER_KINDS[item["replaced_by_answer"]], line=item["replaced_by"]
            ),
        }
        for r in register
        for item in r.get("set_aside") or ()
    ]
    found += [
        {
            "body": names.get(row["force_id"], ""),
            "file": checksums.get(row["source_file"], "")[:CHECKSUM_PREFIX],
            "why": words["set_aside_hint"],
        }
        for row in ledger
        if row["file_status"] == "ignored by hint"
    ]
    return sorted(found, key=lambda item: (item["body"], item["file"]))


STATUS_PHRASES = {  # ledger.csv file_status, in words
    "failed_input_checks": "failed the input checks",
    "needs_transcription": "a letter without a transcription",
    "unreadable": "could not be read",
    "no_content": "held no text",
    "missing": "missing",
}
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|responses/\S+")


def _public_warning(problem: dict, checksums: dict[str, str]) -> dict:
    """A problem about a response file is named by the file's checksum, with a fixed phrase: its
    message quotes the file (a cell, a sheet or attachment name). Other inputs are the
    researcher's own files (the register, edition.yaml): their messages, without what they quote.
    """
    if problem["file"].startswith("responses/"):
        checksum = checksums.get(problem["file"], "")[:CHECKSUM_PREFIX]
        return {"input": f"response file sha256 {checksum}…", "what": RESPONSE_CAVEAT}
    return {"input": _unquoted(problem["file"]), "what": _unquoted(problem["what"])}


RESPONSE_CAVEAT = "used with a caveat (in check/problems.csv and clean/extraction_problems.csv, internal)"


def _unquoted(text: str) -> str:
    """A problem's words without what they quote (a cell, a sheet or file name: response text)."""
    return _QUOTED.sub("[…]", text)


CHECKSUM_PREFIX = 12  # characters of a file's sha256 that cite it in public


def public_case_studies(cases: list[dict], codebook) -> list[dict]:
    """What the report may print of each case study: the body's name, the approved quote, the
    record's codebook groups, and a citation by record id and the file's checksum prefix.
    Nothing else of the record: its raw outcome and rank cells were approved by nobody, and
    the file's and sheet's names are the response's text (statistics/case_studies.json,
    internal, keeps them)."""
    return [
        {
            "force": c["force"],
            "record_id": c["record_id"],
            "approved": c["approved"],
            "description": c["description"] if c["approved"] else "",
            "breach_type": _label(codebook, "breach_type", c["breach_type"]),
            "outcome": _label(codebook, "outcome_group", c["outcome_group"]),
            "role": _label(codebook, "role", c.get("role", "")),
            "file": c.get("source_sha256", "")[:CHECKSUM_PREFIX],
        }
        for c in cases
    ]


def _label(codebook, field: str, category: str) -> str:
    """The codebook's label, or "" for a record no rule has decided yet (it waits in review.csv)."""
    return codebook.label(field, category) if category else ""


def given(numbers: dict, force_id: str, field: str) -> bool:
    """Whether a body's answer breaks its breaches down by `field` (forces.<id>.given.<field>)."""
    return bool(numbers.get(f"forces.{force_id}.given.{field}", {}).get("value"))


GIVEN_WORDS = {"breach_type": "the type of each breach", "outcome_group": "the outcomes", "role": "the roles"}


def left_out(numbers: dict, row: dict) -> str:
    """What a partial answer over the whole period leaves out, from what it gives
    (forces.<id>.given.*); "" for any other answer. A partial answer over part of the period,
    or that does not say which part, says so where its coverage is printed (forces.<id>.covers)."""
    whole = f"{numbers['period.start']['value']}/{numbers['period.end']['value']}"
    covers = numbers.get(f"forces.{row['force_id']}.covers", {}).get("value")
    if row["status"] != "partial" or covers != whole:
        return ""
    missing = [words for field, words in GIVEN_WORDS.items() if not given(numbers, row["force_id"], field)]
    if not missing:
        return "what it leaves out is not stated"
    return "it gives no " + " and no ".join(words.removeprefix("the ") for words in missing)


def profiles(register: list[dict], cases: list[dict], numbers: dict) -> list[dict]:
    """Every body asked, by name, with its approved case quote where the edition has one."""
    quotes = {case["force"]: case for case in cases if case.get("approved")}
    return [
        {
            "force_id": r["force_id"],
            "left_out": left_out(numbers, r),
            "name": r["name"],
            "exemption": r["exemption"],
            "has_data": r["status"] in DATA_STATUSES,
            # an answer that gives only a total: say so rather than print zeros
            **{f"{field}_given": given(numbers, r["force_id"], field) for field in ("breach_type", "outcome_group")},
            "roles_given": given(numbers, r["force_id"], "role"),
            "case": quotes.get(r["name"]),
        }
        for r in sorted(register, key=lambda r: r["name"])
    ]


def corpus_context(numbers: dict) -> dict:
    """The frozen test sets of the wording corpus the numbers hold, oldest first, and the
    measures of the newest (written before the current rules, so the honest one)."""
    suffix = ".set.number"
    numbered = {key.removesuffix(suffix): entry["value"] for key, entry in numbers.items() if key.endswith(suffix)}
    sets = [{"key": key} for key in sorted(numbered, key=numbered.get)]
    latest = sets[-1]["key"]
    return {
        "corpus_sets": sets,
        "corpus_latest": latest,
        "corpus_fields": [
            {"key": f"{latest}.breach_type", "label": "Breach type"},
            {"key": f"{latest}.outcome_group", "label": "Outcome group"},
            {"key": f"{latest}.pnc", "label": "Police National Computer involved"},
        ],
    }


def build_context(
    *, edition, numbers, register, cases, accuracy, problems, ledger, fonts_url, change, spec, codebook, svgs=None
) -> dict:
    provisional = bool(numbers["report.provisional"]["value"])
    drawn = drawn_roles(numbers, codebook, spec["figures"]["roles"].get("not_asked", []))  # the roles shown
    no_figures = not numbers["requests.gave_figures"]["value"]
    approved = [case for case in cases if case.get("approved")]
    sections = [  # Table 1 by its full title, as its heading gives it (report_spec.yaml)
        (id, spec["tables"]["table1"]["title"] if id == "table1" else title)
        for id, title in section_list(provisional=provisional, no_figures=no_figures, has_cases=bool(approved))
    ]
    if change and not no_figures:
        before = [section for section, _ in sections].index("methodology")
        sections.insert(before, ("change", f"Change since {change['previous']}"))
    if len(accuracy):
        sections.append(("selftest", "Annex: self-tests of the pipeline"))
    accuracy_rows = [
        {
            "field": FIELD_WORDS.get(r["field"], r["field"]),
            "label": CLASS_WORDS.get(r["class"], r["class"].replace("_", " ")),
            "precision": f"accuracy.{r['field']}.{r['class']}.precision",
            "recall": f"accuracy.{r['field']}.{r['class']}.recall",
            "support": f"accuracy.{r['field']}.{r['class']}.support",
        }
        for r in accuracy.to_dict("records")
        if r["precision"] != "" and r["recall"] != ""
    ]
    whole_period = f"{numbers['period.start']['value']}/{numbers['period.end']['value']}"
    fields = sorted(set(accuracy["field"]), key=list(accuracy["field"]).index) if len(accuracy) else []
    return {
        "edition": {
            "id": edition.edition_id,
            "title": edition.title,
            "subtitle": edition.subtitle,
            "synthetic": edition.synthetic,
            "calibrated_to": edition.calibrated_to,
        },
        "sections": sections,
        "titles": dict(sections),
        "appendix": appendix_numbers([id for id, _ in sections]),
        "shown": {id for id, _ in sections},
        # the calendar years of the period (years.<year>): one year is a sentence, not a chart of one bar
        "years": sorted(key.split(".")[1] for key in numbers if key.startswith("years.")),
        "spec": spec,
        "figure": figure_markup(spec["figures"], svgs),
        "table1": [
            {**row, "interval_key": "uncertainty.type." + row["key"].removeprefix("breaches.type.")}
            for row in table1(numbers, codebook)
        ],
        "type_intervals": any(key.startswith("uncertainty.type.") for key in numbers),
        "top_ten": [
            {**row, "partial": numbers.get(f"forces.{row['force_id']}.covers", {}).get("value") != whole_period}
            for row in top_ten(numbers, register, codebook)
        ],
        "top_by_rate": top_by_rate(numbers, register),
        "breakdown": force_breakdown(numbers, register, codebook),
        "type_columns": category_columns(codebook, "breach_type"),
        # the codebook's decision policy, row by row; a threshold prints from numbers.json
        "decision_policy": [
            {**row, "key": (f"classification.policy.{row['id']}.confidence" if "confidence_at_least" in row else "")}
            for row in codebook.decision_policy
        ],
        "roles": [
            {"id": r, "label": codebook.label("role", r).capitalize(), "short": codebook.short("role", r)}
            for r in drawn
        ],
        "count_parts": [
            "total",
            *(f"type.{t}" for t in codebook.categories("breach_type")),
            *(f"outcome.{o}" for o in codebook.categories("outcome_group")),
        ],
        "residual": {field: codebook.residual(field) for field in ("breach_type", "outcome_group")},
        "outcome_columns": category_columns(codebook, "outcome_group"),
        # a quote not approved yet is not a case study (no placeholder box)
        "case_studies": [c for c in public_case_studies(cases, codebook) if c["approved"]],
        "profiles": profiles(register, public_case_studies(cases, codebook), numbers),
        "force_names": {r["force_id"]: r["name"] for r in register},
        "families": appendix_families(
            spec["tables"]["families"],
            numbers,
            codebook,
            drawn,
        ),
        "role_parts": [f"role.{r}" for r in drawn],
        "units_sentence": units_sentence(register, numbers),
        "part_period": part_period(register, numbers),
        "part_period_ids": {p["force_id"] for p in part_period(register, numbers)},
        "refusals": [
            {  # "Not answered yet" for a body whose deadline had not passed (forces.<id>.status)
                "force": r["name"],
                "status": numbers.get(f"forces.{r['force_id']}.status", {}).get("display") or STATUS_WORDS[r["status"]],
                "exemption": r["exemption"],
            }
            for r in sorted(register, key=lambda r: r["name"])
            if r["status"] not in ("disclosed",)
            # a body not answered yet is in the sentence above the table, not a row of it
            and numbers.get(f"forces.{r['force_id']}.answer_timeliness", {}).get("value") != "not_due"
        ],
        "answers_rule": spec["answers"]["status_rule"],
        "overlap_rule": spec["answers"]["overlap"],
        "set_aside": set_aside_files(register, ledger.to_dict("records"), spec["answers"]),
        **dict(
            zip(
                ("excluded", "warnings"),
                excluded_and_warnings(problems.to_dict("records"), ledger.to_dict("records"), register),
            )
        ),
        "accuracy": accuracy_rows,
        **corpus_context(numbers),
        "accuracy_fields": [
            {"field": FIELD_WORDS.get(f, f), "accuracy": f"accuracy.{f}.overall", "kappa": f"accuracy.{f}.kappa"}
            for f in fields
        ],
        "provisional": provisional,
        "no_figures": no_figures,
        # only the researcher's public excerpt: the request as sent is signed (name, address, e-mail)
        "request_blocks": request_blocks(edition.request_public),
        "fonts_url": fonts_url,
        "change": change,
        "input_files": numbers["breaches.total"]["inputs"],
    }
