"""The input contract: raw/<edition>/ with edition.yaml, request.txt, requests.csv,
responses/, optional transcribed/ and overrides/, and SHA256SUMS."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from .cells import is_live
from .forces import BODIES_FILE, Bodies
from .problems import Problem
from .strict import load_yaml, read_csv

EDITION_KEYS = {
    "title",
    "subtitle",
    "period_start",
    "period_end",
    "published",
    "synthetic",
    "request_file",
    "request_public",
    "previous_edition",
    "case_studies",
    "as_of",
    "calibrated_to",
}
REQUIRED_EDITION_KEYS = EDITION_KEYS - {"previous_edition", "case_studies", "request_public", "as_of", "calibrated_to"}
REGISTER_COLUMNS = ["force", "reference", "requested", "responded", "status", "exemption", "files", "notes"]
# optional, after the others: the part of the period an answer covers (empty: the whole
# period), what its figures count, as the answer states it (empty: unknown), what kind of
# answer the row is (empty: reply) and the reference of an answer of the same body whose
# status, figures and files it replaces (empty: none)
OPTIONAL_REGISTER_COLUMNS = ["covers_from", "covers_to", "counts", "answer", "replaces"]
# a body may answer more than once: one register row per answer. `reply`: an answer to the
# request; `internal_review`: the body's review of an earlier answer; `follow_up`: a further
# answer (the rest of a partial answer, a clarified or a second request)
ANSWER_KINDS = {"reply": "reply", "internal_review": "internal review", "follow_up": "follow-up"}
COUNTING_UNITS = ("incidents", "allegations", "people", "cases", "unknown")
UNIT_WORDS = {unit: unit for unit in COUNTING_UNITS} | {"unknown": "unit not stated"}  # as the report prints them
STATUS_WORDS = {  # the register's statuses, in report order, as the report names them
    "disclosed": "Disclosed",
    "partial": "Partial answer",
    "refused": "Refused",
    "nil_return": "No information held",
    "no_response": "No response",
}
STATUSES = set(STATUS_WORDS)
# sections of the Freedom of Information Act 2000 a refusal cites, as the report writes them out
FOI_SECTIONS = {
    "12": "cost of compliance over the limit",
    "14": "vexatious or repeated request",
    "21": "accessible by other means",
    "22": "intended for future publication",
    "23": "security bodies",
    "24": "national security",
    "30": "investigations and proceedings",
    "31": "law enforcement",
    "38": "health and safety",
    "40": "personal information",
    "41": "provided in confidence",
    "42": "legal professional privilege",
    "43": "commercial interests",
    "44": "prohibitions on disclosure",
}
FOI_SECTION = re.compile(r"\bs(?:ection)?\.?\s?(\d+)((?:\(\d+\))*)", re.IGNORECASE)


def exemption_words(text: str) -> str:
    """'s40(2)' -> 'section 40(2) (personal information)': a register's exemption written out."""

    def written(match: re.Match) -> str:
        words = FOI_SECTIONS.get(match[1])
        return f"section {match[1]}{match[2]}" + (f" ({words})" if words else "")

    return FOI_SECTION.sub(written, text)


DATA_STATUSES = {"disclosed", "partial"}  # only these carry figures to extract
RESPONDED_STATUSES = {"disclosed", "partial", "refused", "nil_return"}
TRANSCRIPTION_COLUMNS = ["source_file", "source_page", "date", "role", "force_category", "description", "outcome"]
# a response file with one of these statuses (ledger.csv file_status) is used, or set aside
# on purpose by a hint; any other status means not a single row or count of it was used
# a file of an answer that a later answer of the same body replaces (requests.csv `replaces`):
# set aside on purpose, never opened, its rows and counts never counted
SET_ASIDE = "set aside: replaced by a later answer"
USED_STATUSES = ("extracted", "partly_unrecognised", "transcribed", "ignored by hint", SET_ASIDE)
SUPPORTED_SUFFIXES = {".xlsx", ".xls", ".ods", ".csv", ".docx", ".pdf", ".html", ".htm", ".eml", ".txt", ".zip"}


@dataclass(frozen=True)
class Edition:
    edition_id: str
    root: Path | None  # the raw folder; None once checked (stages read check/edition.json)
    title: str
    subtitle: str
    period_start: dt.date
    period_end: dt.date
    published: dt.date
    synthetic: bool
    request_file: str
    previous_edition: str | None
    # optional [{force, contains, quote, approved_by}]: the records to quote, and the text a
    # person approved for print (force resolved to force_id once checked)
    case_studies: tuple = ()
    request_text: str = ""  # the request as sent (filled in by the input check; internal: it is signed)
    # the request as the report prints it (Appendix 2): the researcher's excerpt of the request
    # as sent, without the signature block; checked like a quote (policebreaches/quotes.py)
    request_public: str = ""
    manifest_sha256: str = ""  # sha256 of SHA256SUMS (filled in by the input check)
    # the date the figures stand at (edition.yaml as_of; else the publication date): printed on
    # the cover and the day timeliness is judged at, never the clock, so a rebuild is identical
    as_of: dt.date | None = None
    # a synthetic sample only: what its generator calibrated it to reproduce (edition.yaml
    # calibrated_to), which the cover says; a real edition never claims it
    calibrated_to: str = ""

    @property
    def figures_as_of(self) -> dt.date:
        return self.as_of or self.published

    @property
    def days_in_period(self) -> int:
        return (self.period_end - self.period_start).days + 1


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _as_date(value, key: str, problems: list[Problem], where: str):
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(Problem(where, f"{key} '{value}' is not a date", f"write {key} as YYYY-MM-DD"))
        return None


def load_edition(root: Path, problems: list[Problem]) -> Edition | None:
    """Read and check edition.yaml; problems are appended, not raised."""
    where = "edition.yaml"
    path = root / where
    if not path.is_file():
        problems.append(Problem(where, "missing", "create edition.yaml (see README, 'Input contract')"))
        return None
    meta = load_yaml(path, where, problems)
    if meta is None:
        return None
    if not isinstance(meta, dict):
        problems.append(
            Problem(where, f"holds a {type(meta).__name__}, not 'key: value' lines", "write one key per line")
        )
        return None
    unknown = set(meta) - EDITION_KEYS
    missing = REQUIRED_EDITION_KEYS - set(meta)
    if unknown:
        problems.append(Problem(where, f"unknown key(s) {sorted(unknown)}", f"use only {sorted(EDITION_KEYS)}"))
    if missing:
        problems.append(Problem(where, f"missing key(s) {sorted(missing)}", "add them"))
        return None
    dates = {k: _as_date(meta[k], k, problems, where) for k in ("period_start", "period_end", "published")}
    if meta.get("as_of") is not None:
        dates["as_of"] = _as_date(meta["as_of"], "as_of", problems, where)
    if None in dates.values():
        return None
    if dates["period_start"] > dates["period_end"]:
        problems.append(Problem(where, "period_start is after period_end", "swap them"))
    previous = str(meta["previous_edition"]) if meta.get("previous_edition") else None
    if previous and not is_sibling_edition(root, previous):
        problems.append(
            Problem(
                where,
                f"previous_edition {previous!r} is not an edition folder beside this one (never read)",
                f"name the previous edition's folder under {root.parent.name}/, e.g. 2016",
            )
        )
        previous = None
    calibrated_to = str(meta.get("calibrated_to") or "").strip()
    if calibrated_to and meta["synthetic"] is not True:
        problems.append(
            Problem(
                where,
                "calibrated_to is set but the edition is not synthetic: only a generated sample is calibrated",
                "remove calibrated_to (real answers are reported as they are), or set synthetic: true for a sample",
            )
        )
        calibrated_to = ""
    return Edition(
        edition_id=root.name,
        root=root,
        calibrated_to=calibrated_to,
        title=str(meta["title"]),
        subtitle=str(meta["subtitle"]),
        synthetic=bool(meta["synthetic"]),
        request_file=str(meta["request_file"]),
        request_public=str(meta.get("request_public") or "").strip(),
        previous_edition=previous,
        case_studies=tuple(meta.get("case_studies") or ()),
        **dates,
    )


EDITION_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*")  # a folder name: no path, no leading dot


def is_sibling_edition(root: Path, name: str) -> bool:
    """`name` is an edition id whose folder sits beside `root` (a real folder, not a link)."""
    folder = root.parent / name
    return bool(EDITION_ID.fullmatch(name)) and folder.is_dir() and not folder.is_symlink() and folder != root


def edition_bodies(root: Path, forces_csv: Path, problems: list[Problem]) -> Bodies:
    """The UK forces plus the edition's own bodies.csv; its problems appended."""
    bodies, found = Bodies.load(forces_csv, root / BODIES_FILE)
    problems += [Problem(*p) for p in found]
    return bodies


def read_answers(root: Path, problems: list[Problem], bodies: Bodies) -> list[dict]:
    """requests.csv rows, one per answer, with force_id and official name resolved, files
    split and the kind of answer read; problems appended. A body may have any number of rows."""
    where = "requests.csv"
    path = root / where
    if not path.is_file():
        problems.append(Problem(where, "missing", "create requests.csv with columns " + ",".join(REGISTER_COLUMNS)))
        return []
    columns, rows = read_csv(path, where, problems)
    if columns is None:
        return []
    extra = columns[len(REGISTER_COLUMNS) :]
    if columns[: len(REGISTER_COLUMNS)] != REGISTER_COLUMNS or not set(extra) <= set(OPTIONAL_REGISTER_COLUMNS):
        fix = f"use exactly: {','.join(REGISTER_COLUMNS)}, then any of {','.join(OPTIONAL_REGISTER_COLUMNS)}"
        problems.append(Problem(where, f"columns are {columns}", fix))
        return []
    answers = []
    for line_no, row in enumerate(rows, start=2):
        here = f"requests.csv line {line_no} ({row['force']!r})"
        force_id = bodies.resolve(row["force"])
        if force_id is None:
            suggestions = bodies.suggest(row["force"])
            did_you_mean = (
                f"did you mean {' or '.join(repr(s) for s in suggestions)}? Otherwise " if suggestions else ""
            )
            problems.append(
                Problem(
                    here,
                    f"unknown force name {row['force']!r}",
                    f"{did_you_mean}use a UK force name, add an alias to "
                    "policebreaches/resources/forces.csv, or list the body in bodies.csv "
                    "(force_id,name,aliases)",
                )
            )
            continue
        status = row["status"].strip()
        if status not in STATUSES:
            problems.append(Problem(here, f"status {status!r} is not one of {sorted(STATUSES)}", "correct the status"))
            continue
        kind = (row.get("answer") or "").strip().lower() or "reply"
        if kind not in ANSWER_KINDS:
            problems.append(
                Problem(here, f"answer {kind!r} is not one of {list(ANSWER_KINDS)}", "correct it, or leave it empty")
            )
            continue
        problems += register_date_problems(row, here) + coverage_problems(row, here)
        files = register_files(root / "responses", row["files"])
        for entry in unmatched_entries(root / "responses", row["files"]):
            problems.append(
                Problem(
                    here,
                    f"files entry {entry!r} matches no file under responses/",
                    "correct the folder or pattern, or add the files",
                )
            )
        if status in DATA_STATUSES and not files:
            problems.append(
                Problem(
                    here,
                    f"status {status} but no files listed",
                    "list the response files, ';'-separated, relative to responses/",
                )
            )
        answers.append(
            {
                **row,
                "force_id": force_id,
                "name": bodies.name(force_id),
                "status": status,
                "files": files,
                "line": line_no,
                "reference": (row.get("reference") or "").strip(),
                "covers_from": (row.get("covers_from") or "").strip(),
                "covers_to": (row.get("covers_to") or "").strip(),
                "counts": (row.get("counts") or "").strip().lower() or "unknown",
                "answer": kind,
                "replaces": (row.get("replaces") or "").strip(),
            }
        )
    return answers


def read_register(root: Path, problems: list[Problem], bodies: Bodies, edition: Edition | None = None) -> list[dict]:
    """One row per body asked, derived from its answers (`body_register`); problems appended.
    With the edition, each answer's covered period is resolved first (`resolve_coverage`)."""
    answers = read_answers(root, problems, bodies)
    if edition is not None:
        resolve_coverage(answers, edition, problems)
    return body_register(answers, problems, edition)


def replaced_answers(answers: list[dict]) -> tuple[dict[int, int], list[tuple[dict, str, str]]]:
    """({line of an answer another replaces: line of the answer replacing it}, problems as
    (answer, what, fix)). `replaces` names the reference of another answer of the same body;
    a reference no other answer of the body has, or two have, replaces nothing and is a
    problem, as is an answer replacing itself or a circle of replacements. Rows need only
    force_id, reference, replaces and line, so the workflow plans the extraction jobs with it."""
    replaced, problems = {}, []
    for answer in answers:
        target = answer.get("replaces") or ""
        if not target:
            continue
        same = [
            other
            for other in answers
            if other["force_id"] == answer["force_id"] and other["line"] != answer["line"]
            and (other.get("reference") or "").strip() == target
        ]  # fmt: skip
        if len(same) != 1:
            found = "no other answer of the body" if not same else f"{len(same)} answers of the body"
            problems.append(
                (
                    answer,
                    f"replaces {target!r}, the reference of {found}",
                    "name in 'replaces' the reference of the one answer this one replaces, and give each "
                    "answer of a body its own reference",
                )
            )
            continue
        replaced[same[0]["line"]] = answer["line"]
    for line in list(replaced):  # a circle: each answer replaced by another, none standing
        seen, at = {line}, replaced[line]
        while at in replaced and at not in seen:
            seen.add(at)
            at = replaced[at]
        if at in seen:
            answer = next(a for a in answers if a["line"] == line)
            problems.append(
                (answer, "its answers replace one another in a circle", "only a later answer replaces an earlier one")
            )
            for circle_line in seen:
                replaced.pop(circle_line, None)
    return replaced, problems


def body_status(answers: list[dict]) -> tuple[str, list[dict]]:
    """The rule (report_spec.yaml `answers.status_rule` says it in words): a body gave figures
    if any of its answers did (disclosed if any of those disclosed, partial otherwise);
    otherwise its status is that of its latest answer (by responded date, then register
    order) among those that answered (refused, no information held); otherwise no response.
    `answers`: the body's answers that no other replaces. Returns (status, the answers that
    decide it). With one answer, its own status."""
    figures = [a for a in answers if a["status"] in DATA_STATUSES]
    if figures:
        return ("disclosed" if any(a["status"] == "disclosed" for a in figures) else "partial"), figures
    answered = [a for a in answers if a["status"] in RESPONDED_STATUSES]
    if answered:
        latest = max(answered, key=lambda a: (a.get("responded") or "", a["line"]))
        return latest["status"], [latest]
    return "no_response", answers


def first_answer(answers: list[dict]) -> dict:
    """The answer timeliness is judged on: the earliest answered (responded date, then
    register order), replaced or not; a body none of whose answers is dated, its earliest request."""
    dated = [a for a in answers if a.get("responded")]
    if dated:
        return min(dated, key=lambda a: (a["responded"], a["line"]))
    return min(answers, key=lambda a: (a.get("requested") or "9999", a["line"]))


ANSWER_FIELDS = (
    "line", "answer", "reference", "requested", "responded", "status", "exemption",
    "covers_from", "covers_to", "counts", "files", "replaces", "notes",
)  # fmt: skip


def _period(answer: dict, edition: Edition | None) -> tuple[dt.date, dt.date] | None:
    """The part of the period an answer covers (empty covers: the whole period); None when
    its dates do not read (coverage_problems reports them)."""
    try:
        start = dt.date.fromisoformat(answer["covers_from"]) if answer["covers_from"] else None
        end = dt.date.fromisoformat(answer["covers_to"]) if answer["covers_to"] else None
    except ValueError:
        return None
    if start is None or end is None:
        start, end = (edition.period_start, edition.period_end) if edition else (dt.date.min, dt.date.max)
    return start, end


def _described(answer: dict, span: tuple[dt.date, dt.date] | None) -> str:
    """'line 3 (reference FOI 12, reply, 2011-06-01 to 2015-12-31)' for a problem's message."""
    words = [f"reference {answer['reference']}"] if answer["reference"] else []
    words.append(ANSWER_KINDS[answer["answer"]])
    if not answer["covers_from"]:
        words.append("no period given, so the whole period")
    elif span:
        words.append(f"{span[0]} to {span[1]}")
    return f"line {answer['line']} ({', '.join(words)})"


def union(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Periods joined where they overlap or meet (31 March and 1 April), in order."""
    joined: list[list[dt.date]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1] + dt.timedelta(days=1):
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    return [(start, end) for start, end in joined]


def body_register(answers: list[dict], problems: list[Problem], edition: Edition | None = None) -> list[dict]:
    """One row per body, in the register's order, from its answers (requests.csv rows):
    - an answer another replaces (`replaces`) is set aside: its status, period and files do
      not count, and its files are listed as set aside (`set_aside`) unless a standing answer
      names them too;
    - the status follows `body_status`; the dates (timeliness) are `first_answer`'s;
    - the period covered is the union of the periods of the answers that gave figures
      (`covered_parts` lists its pieces when there is a gap); two such answers whose periods
      overlap would count the same months twice: a problem naming both rows, unless one
      replaces the other;
    - files: every standing answer's; references, exemptions and notes of the answers that
      decide the status, in register order; counts: the unit they state (two units: a problem).
    A body with one answer is that answer's row, as a register of one row per body always read."""
    by_body: dict[str, list[dict]] = {}
    for answer in answers:
        by_body.setdefault(answer["force_id"], []).append(answer)
    replaced, found = replaced_answers(answers)
    for answer, what, fix in found:
        problems.append(Problem(f"requests.csv line {answer['line']} ({answer['force']!r})", what, fix))
    register = []
    for own in by_body.values():
        summaries = [{field: a.get(field, "") for field in ANSWER_FIELDS} for a in own]
        standing = [a for a in own if a["line"] not in replaced] or own
        status, deciding = body_status(standing)
        used = list(dict.fromkeys(name for a in standing for name in a["files"]))
        set_aside = [
            {
                "file": name,
                "line": a["line"],
                "answer": a["answer"],
                "replaced_by": replaced[a["line"]],
                "replaced_by_answer": next(b["answer"] for b in own if b["line"] == replaced[a["line"]]),
            }
            for a in own
            if a["line"] in replaced and a["status"] in DATA_STATUSES
            for name in a["files"]
            if name not in used
        ]
        if len(own) == 1:
            register.append({**own[0], "answers": summaries, "set_aside": set_aside})
            continue
        first = first_answer(own)
        body = {
            **own[0],
            "requested": first.get("requested", ""),
            "responded": first.get("responded", ""),
            "status": status,
            "files": used,
            "file_sha256": {k: v for a in own for k, v in (a.get("file_sha256") or {}).items()},
            "reference": "; ".join(dict.fromkeys(a["reference"] for a in deciding if a["reference"])),
            "exemption": "; ".join(dict.fromkeys(a["exemption"].strip() for a in deciding if a["exemption"].strip())),
            "notes": "; ".join(a["notes"].strip() for a in own if (a.get("notes") or "").strip()),
            "answers": summaries,
            "set_aside": set_aside,
        }
        where = f"requests.csv lines {', '.join(str(a['line']) for a in own)} ({own[0]['force']!r})"
        figures = [a for a in standing if a["status"] in DATA_STATUSES]
        units = sorted({a["counts"] for a in figures} - {"unknown"})
        if len(units) > 1:
            problems.append(
                Problem(
                    where,
                    "its answers count different things ("
                    + ", ".join(f"line {a['line']}: {a['counts']}" for a in figures if a["counts"] != "unknown")
                    + "): their figures cannot be added",
                    "check what each answer counts; if one replaces the other, name its reference in 'replaces'",
                )
            )
        body["counts"] = units[0] if len(units) == 1 else "unknown"
        spans = {a["line"]: _period(a, edition) for a in figures}
        for i, a in enumerate(figures):
            for b in figures[i + 1 :]:
                one, two = spans[a["line"]], spans[b["line"]]
                if one is None or two is None or one[0] > two[1] or two[0] > one[1]:
                    continue
                common = (max(one[0], two[0]), min(one[1], two[1]))
                shared = f" ({common[0]} to {common[1]})" if common[0] != dt.date.min else ""
                problems.append(
                    Problem(
                        where,
                        f"two answers gave figures for overlapping periods{shared}, which would be counted twice: "
                        f"{_described(a, one)} and {_described(b, two)}",
                        "if the later answer replaces the earlier one (an internal review's or a corrected "
                        "answer's figures), write the earlier one's reference in the later one's 'replaces'; "
                        "if they cover different months, give each its covers_from, covers_to",
                    )
                )
        stated = [a for a in figures if coverage_stated(a)]
        if figures and len(stated) == len(figures) and all(spans[a["line"]] for a in figures):
            parts = union([spans[a["line"]] for a in figures])
            if parts[0][0] != dt.date.min:
                body["covers_from"], body["covers_to"] = parts[0][0].isoformat(), parts[-1][1].isoformat()
                if len(parts) > 1:
                    body["covered_parts"] = [[start.isoformat(), end.isoformat()] for start, end in parts]
            else:
                body["covers_from"] = body["covers_to"] = ""
        elif figures:
            body["covers_from"] = body["covers_to"] = ""  # a partial answer whose part is not stated
        register.append(body)
    return register


DENOMINATORS_FILE = "denominators.csv"
DENOMINATOR_COLUMNS = ["force_id", "officers", "staff", "as_of", "source"]
MAX_WORKFORCE = 100_000  # the largest UK force (the Met) has about 45,000 officers and staff


def read_denominators(root: Path, problems: list[Problem], bodies: Bodies) -> dict[str, dict]:
    """The optional denominators.csv: each body's workforce (officers and staff, head count
    or full-time equivalent as its source states), the date it describes and where it was
    published. {force_id: {officers, staff, workforce, as_of, source}}; problems appended."""
    path = root / DENOMINATORS_FILE
    if not path.is_file():
        return {}
    columns, rows = read_csv(path, DENOMINATORS_FILE, problems)
    if columns is None:
        return {}
    if columns != DENOMINATOR_COLUMNS:
        fix = "use exactly: " + ",".join(DENOMINATOR_COLUMNS)
        problems.append(Problem(DENOMINATORS_FILE, f"columns are {columns}", fix))
        return {}
    found: dict[str, dict] = {}
    for line_no, row in enumerate(rows, start=2):
        here = f"{DENOMINATORS_FILE} line {line_no} ({row['force_id']!r})"
        row_problems = []
        force_id = bodies.resolve(row["force_id"])
        if force_id is None:
            row_problems.append(("unknown body", "use a force_id of forces.csv or bodies.csv (or a known name)"))
        elif force_id in found:
            row_problems.append(("the body is listed twice", "keep one row per body"))
        counts = {}
        for column in ("officers", "staff"):
            text = row[column].strip().replace(",", "")
            if not text.isdigit():
                row_problems.append((f"{column} {row[column]!r} is not a whole number", "write a count such as 1234"))
            elif int(text) > MAX_WORKFORCE:
                row_problems.append(
                    (f"{column} {int(text):,} is more than any UK police workforce", "correct the count")
                )
            else:
                counts[column] = int(text)
        if len(counts) == 2 and not sum(counts.values()):
            row_problems.append(("officers and staff are both 0", "give the workforce, or leave the body out"))
        try:
            as_of = dt.date.fromisoformat(row["as_of"].strip())
        except ValueError:
            as_of = None
            row_problems.append((f"as_of {row['as_of']!r} is not a date", "write it as YYYY-MM-DD"))
        source = row["source"].strip()
        if not source:
            row_problems.append(("no source", "name the publication the figures come from"))
        elif is_live(source) or re.search(r"[<>]", source):
            # the source is printed in the report and numbers.json: plain words only
            row_problems.append((f"source {source[:40]!r} is not plain text", "write the publication's name as text"))
        problems += [Problem(here, what, fix) for what, fix in row_problems]
        if not row_problems:
            found[force_id] = {
                **counts,
                "workforce": sum(counts.values()),
                "as_of": as_of.isoformat(),
                "source": source,
            }
    return found


GLOB_CHARACTERS = set("*?[")


def file_entries(cell: str) -> list[str]:
    """The ';'-separated entries of a register's `files` cell."""
    return [entry.strip() for entry in (cell or "").split(";") if entry.strip()]


def _entry_files(responses: Path, entry: str) -> list[str] | None:
    """What one entry names, relative to responses/: a file (named even when missing: the
    input check says so), every regular file of a folder (`kent/` or `kent`), or every
    regular file a glob pattern matches (`kent/*.pdf`, `kent/**/*`); None when a folder
    or pattern names nothing. Nothing outside responses/ and no link is ever listed."""
    if GLOB_CHARACTERS & set(entry) or entry.endswith("/") or (responses / entry).is_dir():
        if Path(entry).is_absolute() or ".." in Path(entry).parts or not responses.is_dir():
            return [entry] if not GLOB_CHARACTERS & set(entry) else None
        folder = responses / entry.rstrip("/")
        if folder.is_dir() and not folder.is_symlink():
            paths = regular_files(folder)
        else:
            paths = [p for p in responses.glob(entry) if p.is_file() and not p.is_symlink()]
        inside = responses.resolve()
        names = sorted(p.relative_to(responses).as_posix() for p in paths if p.resolve().is_relative_to(inside))
        return names or None
    return [entry]


def register_files(responses: Path, cell: str) -> list[str]:
    """Every file a `files` cell names, in the order given, each once."""
    names = []
    for entry in file_entries(cell):
        names += _entry_files(responses, entry) or []
    return list(dict.fromkeys(names))


def unmatched_entries(responses: Path, cell: str) -> list[str]:
    """The folder and pattern entries of a `files` cell that name no file."""
    return [entry for entry in file_entries(cell) if _entry_files(responses, entry) is None]


def register_date_problems(row: dict, here: str) -> list[Problem]:
    """`requested` and `responded` are empty or ISO dates, and no answer comes before its request
    (timeliness counts working days between them)."""
    problems, dates = [], {}
    for column in ("requested", "responded"):
        text = (row[column] or "").strip()
        if not text:
            continue
        try:
            dates[column] = dt.date.fromisoformat(text)
        except ValueError:
            problems.append(
                Problem(here, f"{column} {text!r} is not a date", "write it as YYYY-MM-DD, or leave it empty")
            )
    if len(dates) == 2 and dates["responded"] < dates["requested"]:
        problems.append(
            Problem(
                here, f"responded {dates['responded']} is before requested {dates['requested']}", "correct the dates"
            )
        )
    if "responded" in dates and row["status"].strip() == "no_response":
        problems.append(
            Problem(here, "status no_response but a responded date is given", "correct the status or clear the date")
        )
    return problems


def coverage_problems(row: dict, here: str) -> list[Problem]:
    """covers_from and covers_to: both empty or both ISO dates, in order; counts: a known unit."""
    problems, dates = [], []
    given = [(row.get(c) or "").strip() for c in ("covers_from", "covers_to")]
    if any(given) and not all(given):
        problems.append(Problem(here, "only one of covers_from, covers_to given", "give both dates, or neither"))
    for column, text in zip(("covers_from", "covers_to"), given):
        if text:
            try:
                dates.append(dt.date.fromisoformat(text))
            except ValueError:
                problems.append(
                    Problem(here, f"{column} {text!r} is not a date", "write it as YYYY-MM-DD, or leave it empty")
                )
    if len(dates) == 2 and dates[1] < dates[0]:
        problems.append(Problem(here, f"covers_to {dates[1]} is before covers_from {dates[0]}", "correct the dates"))
    unit = (row.get("counts") or "").strip().lower()
    if unit and unit not in COUNTING_UNITS:
        problems.append(Problem(here, f"counts {unit!r} is not one of {list(COUNTING_UNITS)}", "correct it"))
    return problems


def coverage_stated(row: dict) -> bool:
    """Whether the register says what part of the period a body's answer covers: a partial
    answer with no covers_from, covers_to does not (what it leaves out may be months), so it
    is never taken for an answer over the whole period; any other answer with no dates covers it."""
    return row.get("status") != "partial" or bool(row.get("covers_from"))


def resolve_coverage(register: list[dict], edition: Edition, problems: list[Problem]) -> None:
    """Fill each row's covered period (the whole period when not given, except for a partial
    answer, whose period stays unstated); a period reaching outside the edition's is a
    problem, because figures outside it are not counted."""
    for row in register:
        if not coverage_stated(row):
            continue
        if not row["covers_from"]:
            row["covers_from"], row["covers_to"] = edition.period_start.isoformat(), edition.period_end.isoformat()
            continue
        try:
            start, end = dt.date.fromisoformat(row["covers_from"]), dt.date.fromisoformat(row["covers_to"])
        except ValueError:
            continue  # reported by coverage_problems
        if start < edition.period_start or end > edition.period_end:
            problems.append(
                Problem(
                    f"requests.csv line {row['line']} ({row['force']!r})",
                    f"covers {start} to {end}, outside the period {edition.period_start} to {edition.period_end}",
                    "give the part of the edition's period the answer covers",
                )
            )


def read_manifest(root: Path, problems: list[Problem]) -> dict[str, str]:
    path = root / "SHA256SUMS"
    if not path.is_file():
        problems.append(Problem("SHA256SUMS", "missing", f"run 'make bless EDITION={root.name}'"))
        return {}
    manifest, found = parse_manifest(path.read_text(encoding="utf-8", errors="replace"))  # a bad line is named
    problems += found
    return manifest


def parse_manifest(text: str) -> tuple[dict[str, str], list[Problem]]:
    """`sha256sum` lines (64 hex digits, space, name) -> {name: digest}; a malformed line is a problem."""
    manifest, problems = {}, []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        digest, _, name = line.partition(" ")
        name = name.strip().lstrip("*")
        if not re.fullmatch(r"[0-9a-f]{64}", digest) or not name:
            problems.append(
                Problem(
                    f"SHA256SUMS line {number}",
                    f"not '<sha256> <file>': {line[:60]!r}",
                    "restore the line, or rewrite the manifest with 'make bless'",
                )
            )
            continue
        manifest[name] = digest
    return manifest, problems


def regular_files(root: Path) -> list[Path]:
    """Every regular file under `root`, sorted; symbolic links are neither listed nor
    followed (the input check reports them)."""
    found = []
    for folder, _, files in os.walk(root, followlinks=False):
        found += [Path(folder) / name for name in files if not (Path(folder) / name).is_symlink()]
    return sorted(found)


def edition_files(root: Path) -> list[str]:
    """Every file under the edition folder but the manifest, relative, sorted."""
    return [p.relative_to(root).as_posix() for p in regular_files(root) if p.name != "SHA256SUMS"]


def write_manifest(root: Path) -> Path:
    """What `make bless` runs after a deliberate change to raw/<edition>/."""
    lines = [f"{sha256_file(root / name)}  {name}\n" for name in edition_files(root)]
    path = root / "SHA256SUMS"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def resolve_case_studies(edition: Edition, bodies: Bodies, problems: list[Problem]) -> tuple:
    """edition.yaml's case_studies with each force resolved to its force_id."""
    resolved = []
    for number, case in enumerate(edition.case_studies, start=1):
        force_id = bodies.resolve(str(case.get("force", "")))
        if force_id is None or not str(case.get("contains", "")).strip():
            problems.append(
                Problem(
                    "edition.yaml",
                    f"case_studies item {number} ({case!r}) names no known force or no text",
                    "write each as {force: <force name>, contains: <words of its description>, "
                    "quote: <the description as approved for print>, approved_by: <who checked it>}",
                )
            )
            continue
        quote, approved_by = str(case.get("quote") or "").strip(), str(case.get("approved_by") or "").strip()
        if bool(quote) != bool(approved_by):
            problems.append(
                Problem(
                    "edition.yaml",
                    f"case_studies item {number} ({case.get('force')}) has a quote without approved_by, or the reverse",
                    "a quote is printed only with the name or initials of the person who checked it (approved_by)",
                )
            )
            quote = approved_by = ""
        resolved.append(
            {"force_id": force_id, "contains": str(case["contains"]), "quote": quote, "approved_by": approved_by}
        )
    return tuple(resolved)


def write_checked_edition(edition: Edition, path: Path) -> None:
    """check/edition.json: the edition as the input check validated it. Later stages read
    this file, never edition.yaml, request.txt or SHA256SUMS themselves."""
    record = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in asdict(edition).items() if k != "root"}
    path.write_text(json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def read_checked_edition(path: Path) -> Edition:
    record = json.loads(path.read_text(encoding="utf-8"))
    dates = {k: dt.date.fromisoformat(record.pop(k)) for k in ("period_start", "period_end", "published")}
    as_of = record.pop("as_of", None)
    dates["as_of"] = dt.date.fromisoformat(as_of) if as_of else None
    case_studies = tuple(record.pop("case_studies"))
    return Edition(root=None, case_studies=case_studies, **dates, **record)
