"""Jinja2 -> report.html -> WeasyPrint -> report.pdf, safely and reproducibly.

Every number reaches the template through `n(key)` (numbers.json display string,
linked to its entry in Appendix 3). Free text is auto-escaped. WeasyPrint may fetch
exactly the files the render rule declares (figures, fonts) and data: URLs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .edition import DATA_STATUSES, exemption_words
from .tables import common_definition, measure_tables


class FetchRefused(ValueError):
    pass


def make_url_fetcher(allowed_files: list[Path]):
    """A WeasyPrint fetcher that serves data: URLs and exactly the files named (the render
    rule's declared inputs: figures and fonts), and refuses everything else: no network,
    no redirects, no other file."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {path.resolve() for path in allowed_files}

    class SafeURLFetcher(URLFetcher):
        def __init__(self):
            # fail_on_errors: a figure or font that cannot be loaded stops the build, never a silent gap
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path in allowed and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(path)})
            raise FetchRefused(f"refused to fetch {url!r}: only the render rule's declared inputs may be read")

    return SafeURLFetcher()


def _mime(path: Path) -> str:
    return {".svg": "image/svg+xml", ".png": "image/png", ".css": "text/css", ".ttf": "font/ttf"}.get(
        path.suffix.lower(), "application/octet-stream"
    )


def anchor(key: str) -> str:
    """The id of a number's entry in Appendix 3, which every printed number links to."""
    return "n-" + key.replace(".", "-")


def template_environment(template_dir: Path, numbers: dict, codebook) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(template_dir)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )

    used: dict[str, None] = {}  # keys in order of first use, for Appendix 3

    def n(key: str) -> Markup:
        """The one way a number enters the report: its display string, linked to its derivation."""
        entry = numbers[key]  # KeyError: a template asked for a number nobody defined
        used.setdefault(key)
        return Markup('<a class="num" href="#{}">{}</a>').format(anchor(key), entry["display"])

    def counted(key: str, one: str, many: str) -> Markup:
        """The number and its noun in the right form: '1 case', '2 cases', '0 cases'."""
        return n(key) + Markup(" ") + (one if numbers[key]["value"] == 1 else many)

    def per_week(key: str) -> Markup:
        """'about 9 a week', or 'fewer than one a week' where the rate rounds to nothing."""
        if numbers[key]["value"] < 1:
            return Markup("fewer than one a week")
        return Markup("about ") + n(key) + Markup(" a week")

    def derivation_keys() -> list[str]:
        return list(used)

    def breakable(key: str) -> Markup:
        """A number's name that may wrap after each dot (a long name in a narrow column)."""
        return Markup(".<wbr>").join(key.split("."))

    def tabled(key: str, families: list[dict]) -> bool:
        """Numbers Appendix 3 gives as cells of a table, not one entry each: the codebook's
        measures (corpus.*, accuracy.*) and the national numbers that come in families."""
        return key.startswith(("corpus.", "accuracy.")) or any(
            key in row["cells"] for f in families for row in f["rows"]
        )

    def measures() -> tuple[list[dict], list[dict]]:
        """The codebook's measures the report printed: tables of families, and single rows."""
        return measure_tables([k for k in used if k.startswith(("corpus.", "accuracy."))], numbers)

    def derivation_forces(parts: list[str] | None = None) -> list[tuple[str, list[str | None]]]:
        """Per force, the keys forces.<id>.<part> (None where the force has none): the compact
        tables of Appendix 3. Default parts: total, types and outcome groups."""
        forces = sorted({k.split(".")[1] for k in used if k.startswith("forces.")})
        types, outcomes = codebook.categories("breach_type"), codebook.categories("outcome_group")
        parts = parts or ["total", *(f"type.{t}" for t in types), *(f"outcome.{o}" for o in outcomes)]
        return [(f, [_cell(f, p) for p in parts]) for f in forces]

    def _cell(force: str, part: str) -> str | None:
        """A body that gave no figures has no counts (a blank, never 0); nor a number it lacks,
        nor a breakdown it did not give (a total only: its type, outcome and role cells are
        blank, except the remainder its total leaves, counted as other or unknown)."""
        key = f"forces.{force}.{part}"
        no_figures = numbers[f"forces.{force}.status"]["value"] not in DATA_STATUSES
        counts = part == "total" or part.startswith(("type.", "outcome.", "role."))
        return None if key not in numbers or (counts and no_figures) or not _given(force, part) else key

    def _given(force: str, part: str) -> bool:
        field = {"type": "breach_type", "outcome": "outcome_group", "role": "role"}.get(part.split(".")[0])
        if field is None or numbers.get(f"forces.{force}.given.{field}", {"value": True})["value"]:
            return True
        return field != "role" and part.split(".")[1] == codebook.residual(field)

    def behind(entry: dict) -> str:
        """What stands behind a counted number, in words."""
        records, rows = entry["n_records"], len(entry["aggregate_rows"])
        parts = [f"{records:,} incident record{'s' * (records != 1)}"]
        if rows or entry["filter"].startswith("aggregates["):
            parts.append(f"{rows:,} row{'s' * (rows != 1)} of counts-only answers")
        return "Counted from " + " and ".join(parts) + "."

    def kind_definition(part: str, prefix: str = "forces.") -> str:
        """A per-force number's definition (<prefix><force>.<part>), said once for every force:
        the words the forces' definitions share, the force's name as "the force" and its own
        figures as "…"."""
        depth = prefix.count(".")  # forces.<id>.<part>, change.forces.<id>.<part>
        forces = sorted({k.split(".")[depth] for k in used if k.startswith(prefix)})
        having = [f for f in forces if f"{prefix}{f}.{part}" in numbers]
        found = {numbers[f"{prefix}{f}.{part}"]["definition"] for f in having}
        if len(found) == 1:  # one force, or all alike: its name (as its status entry begins) made general
            name = numbers[f"forces.{having[0]}.status"]["definition"].split(":")[0]
            return found.pop().replace(name, "The force")
        return common_definition(sorted(found), "the force") if found else ""

    def change_forces() -> tuple[list[str], list[tuple[str, list[str | None]]]]:
        """The change since the previous edition, per force (change.forces.<id>.<part>): its
        parts in the order of first use and, per force, the key of each (None where it has none)."""
        keys = [k for k in used if k.startswith("change.forces.")]
        parts = list(dict.fromkeys(".".join(k.split(".")[3:]) for k in keys))
        forces = sorted({k.split(".")[2] for k in keys})
        rows = [(f, [k if (k := f"change.forces.{f}.{part}") in numbers else None for part in parts]) for f in forces]
        return parts, rows

    def force_cell(key: str | None, numeric: bool) -> Markup:
        """A cell of Appendix 3's force tables: the value, linked to its kind's definition."""
        css = ' class="num"' if numeric else ""
        if not key:
            return Markup("<td{}>–</td>").format(Markup(css))
        skip = 3 if key.startswith("change.forces.") else 2  # forces.<id>.<part>, change.forces.<id>.<part>
        kind = ("kind-change-" if skip == 3 else "kind-") + ".".join(key.split(".")[skip:]).replace(".", "-")
        return Markup('<td{} id="{}"><a href="#{}">{}</a></td>').format(
            Markup(css), anchor(key), kind, numbers[key]["display"]
        )

    def family_cell(key: str | None, kind: str) -> Markup:
        """A cell of Appendix 3's family tables: the value, linked to its column's definition."""
        if not key:
            return Markup('<td class="num">–</td>')
        return Markup('<td class="num" id="{}"><a href="#kind-{}">{}</a></td>').format(
            anchor(key), kind, numbers[key]["display"]
        )

    def printed(family: dict) -> bool:
        """Whether the report printed any number of a family (Appendix 3 lists what it printed)."""
        return any(key in used for row in family["rows"] for key in row["cells"] if key)

    def held_by_a_force(column: tuple) -> bool:
        """Whether any force printed has the number (column[0]: its part): a provisional
        edition rates no force, so Appendix 3 has no rate columns of dashes."""
        forces = {k.split(".")[1] for k in used if k.startswith("forces.")}
        return any(f"forces.{f}.{column[0]}" in numbers for f in forces)

    env.filters["exemption"] = exemption_words
    env.tests["printed"] = printed  # families | select("printed")
    env.tests["held_by_a_force"] = held_by_a_force
    env.globals.update(
        family_cell=family_cell,
        change_forces=change_forces,
        n=n,
        counted=counted,
        per_week=per_week,
        anchor=anchor,
        numbers=numbers,
        derivation_keys=derivation_keys,
        derivation_forces=derivation_forces,
        tabled=tabled,
        breakable=breakable,
        measures=measures,
        behind=behind,
        kind_definition=kind_definition,
        force_cell=force_cell,
    )
    return env


def render_html(template: Path, context: dict, numbers: dict, codebook) -> str:
    """Rendered twice: the first pass learns every number the report prints, so that Appendix 3
    (which comes before the annex) lists the numbers printed after it too."""
    env = template_environment(template.parent, numbers, codebook)
    env.get_template(template.name).render(**context)
    return env.get_template(template.name).render(**context)


def write_pdf(html_path: Path, pdf_path: Path, allowed_files: list[Path], published: dt.date) -> None:
    """PDF with dates fixed to the edition's publication date (SOURCE_DATE_EPOCH)."""
    from weasyprint import HTML

    epoch = int(dt.datetime.combine(published, dt.time(), tzinfo=dt.UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    fetcher = make_url_fetcher(allowed_files)
    HTML(filename=str(html_path), url_fetcher=fetcher, base_url=str(html_path.parent) + "/").write_pdf(
        str(pdf_path), pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )
