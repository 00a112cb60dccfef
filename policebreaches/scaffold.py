"""`make new-edition EDITION=2017 FROM=2016`: a new edition folder with the period moved
on, the request's dates updated and every body of the previous register, unanswered."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import yaml

from .edition import REGISTER_COLUMNS, load_edition, write_manifest
from .problems import UserMistake, raise_if_any
from .review import CODING_COLUMNS
from .settings import edition_id_problem


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _block(key: str, text: str) -> str:
    """`key: |` and `text` indented (a YAML block that reads as the text), or nothing without text."""
    lines = "".join(f"  {line}\n" if line.strip() else "\n" for line in text.splitlines())
    return (
        f"# the request as printed (Appendix 2): its dates moved on like the request's\n{key}: |\n{lines}"
        if text
        else ""
    )


def scaffold_edition(raw: Path, previous_id: str, new_id: str) -> Path:
    """raw/<new_id> from raw/<previous_id>; what it did is told by `scaffold_summary`."""
    named = [edition_id_problem(new_id, "EDITION"), edition_id_problem(previous_id, "FROM")]
    if any(named):  # never a folder outside raw/ (EDITION=../x), never raw/ itself (..)
        raise UserMistake("; ".join(problem for problem in named if problem))
    if not (raw / previous_id).is_dir():
        editions = sorted(p.name for p in raw.iterdir() if (p / "edition.yaml").is_file()) if raw.is_dir() else []
        raise FileNotFoundError(
            f"{raw / previous_id} does not exist: FROM must be an edition folder under {raw}/ "
            f"(here: {', '.join(editions) or 'none'})"
        )
    problems: list = []
    previous = load_edition(raw / previous_id, problems)
    raise_if_any(problems)
    target = raw / new_id
    if target.exists():
        raise FileExistsError(f"{target} exists already: choose another EDITION")
    years = max(1, int(new_id) - int(previous_id)) if new_id.isdigit() and previous_id.isdigit() else 1
    start = previous.period_end + dt.timedelta(days=1)
    end = _shift_year(previous.period_end, years)
    (target / "responses").mkdir(parents=True)
    (target / "transcribed").mkdir()
    (target / "overrides").mkdir()

    def new_dates(text: str) -> str:
        return text.replace(_long(previous.period_start), _long(start)).replace(_long(previous.period_end), _long(end))

    meta = {
        "title": previous.title,
        "subtitle": previous.subtitle.replace(" (synthetic sample edition)", ""),
        "period_start": start,
        "period_end": end,
        "published": _shift_year(previous.published, years),
        "synthetic": False,
        "request_file": "request.txt",
        "previous_edition": previous_id,
    }
    (target / "edition.yaml").write_text(
        "# Scaffolded from edition "
        + previous_id
        + ": check the dates, then fill requests.csv as answers arrive.\n"
        + (
            f"# Edition {previous_id} is a synthetic sample: this one is not (synthetic: false), it is for the real\n"
            "# answers to the request; its title, period and request text are carried over.\n"
            if previous.synthetic
            else ""
        )
        + "# Before a build with answers still missing, add as_of: YYYY-MM-DD, the date the figures stand at.\n"
        + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
        + _block("request_public", new_dates(previous.request_public)),
        encoding="utf-8",
    )
    request = new_dates((raw / previous_id / previous.request_file).read_text(encoding="utf-8"))
    request = re.sub(r"\(synthetic sample request\)", "", request)
    (target / "request.txt").write_text(request, encoding="utf-8")
    with open(raw / previous_id / "requests.csv", encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        bodies = list(dict.fromkeys(row["force"] for row in reader))  # each body once, in order
        # the previous register's optional columns (covers_from, covers_to, counts, ...) are kept, empty
        optional = [c for c in reader.fieldnames or [] if c not in REGISTER_COLUMNS]
    with open(target / "requests.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=REGISTER_COLUMNS + optional, lineterminator="\n", restval="")
        writer.writeheader()
        for body in bodies:
            writer.writerow(
                {
                    "force": body,
                    "reference": "",
                    "requested": "",
                    "responded": "",
                    "status": "no_response",
                    "exemption": "",
                    "files": "",
                    "notes": "",
                }
            )
    (target / "overrides" / "coding.csv").write_text(",".join(CODING_COLUMNS) + "\n", encoding="utf-8")
    write_manifest(target)
    return target


def scaffold_summary(raw: Path, previous_id: str, target: Path) -> str:
    """What `new-edition` did, in words: above all that an edition scaffolded from the
    synthetic sample is not synthetic (it is for real answers)."""
    previous = load_edition(raw / previous_id, [])
    new = load_edition(target, [])
    with open(target / "requests.csv", encoding="utf-8", newline="") as fh:
        bodies = sum(1 for _ in csv.DictReader(fh))
    lines = [
        f"scaffolded {target}: period {_long(new.period_start)} to {_long(new.period_end)},",
        f"  the request's dates moved on; the {bodies} bodies of edition {previous_id} listed in requests.csv,",
        "  each 'no_response' until you record its answer.",
    ]
    if previous.synthetic:
        lines.append(
            f"  Edition {previous_id} is a synthetic sample (invented data); {target.name} is set synthetic: false,"
            " for the real answers: its report will not carry the sample's marks."
        )
    lines.append("  Next steps in README ('Annual rerun'); add as_of to edition.yaml before a provisional build.")
    return "\n".join(lines)


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def write_baseline(edition: Path, results: Path) -> Path:
    """raw/<edition>/baseline/labels.csv from a build's records.csv: the labels later
    builds are compared with (reclassified.csv). A deliberate change to the edition, so
    the manifest is rewritten too."""
    import pandas as pd

    from .stages.classify import BASELINE_FILE, LABEL_COLUMNS

    labels = pd.read_csv(results / "records.csv", dtype=str, keep_default_na=False)[["record_id", *LABEL_COLUMNS]]
    path = edition / BASELINE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    labels.sort_values("record_id").to_csv(path, index=False, lineterminator="\n")
    write_manifest(edition)
    return path
