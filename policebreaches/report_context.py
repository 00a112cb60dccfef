"""Everything the template shows, gathered in one place (no numbers computed here:
they come from numbers.json by key)."""

from __future__ import annotations

from markupsafe import Markup

from .classify import BREACH_TYPES, OUTCOME_SEVERITY
from .forces import force_name
from .report_spec import report_spec
from .statistics import OUTCOME_WORDS, TYPE_WORDS
from .tables import STATUS_WORDS, force_breakdown, table1, top_ten

SECTIONS = [
    ("summary", "Executive summary"),
    ("findings", "Key findings"),
    ("table1", "Table 1"),
    ("recommendations", "Policy recommendations"),
    ("top-ten", "The top ten forces"),
    ("cases", "Data protection and the police"),
    ("breakdown", "Full force breakdown"),
    ("methodology", "Appendix 1: Methodology"),
    ("request", "Appendix 2: The FOI request"),
    ("derivations", "Appendix 3: How each number was derived"),
]
TYPE_SHORT = {"unauthorised_access": "Access", "third_party_disclosure": "Discl.", "other": "Other"}
OUTCOME_SHORT = {
    "conviction_or_caution": "Conv.",
    "resignation_or_dismissal": "Res./dis.",
    "written_or_verbal_warning": "Warn.",
    "no_formal_action": "No action",
    "other_or_unknown": "Unknown",
}


def figure_markup(figure_id: str) -> Markup:
    spec = report_spec()["figures"][figure_id]
    return Markup(
        '<figure id="fig-{id}"><img src="figures/{id}.svg" alt="{alt}">'
        "<figcaption><strong>{title}.</strong> {caption}</figcaption></figure>"
    ).format(id=figure_id, alt=spec["alt"], title=spec["title"], caption=spec["caption"])


def build_context(*, edition, numbers, register, cases, accuracy, problems, request_text, fonts_url, change) -> dict:
    sections = list(SECTIONS)
    if change:
        sections.insert(7, ("change", f"Change since {change['previous']}"))
    accuracy_rows = [
        {
            "field": r["field"].replace("_", " "),
            "label": r["class"].replace("_", " "),
            "precision": f"accuracy.{r['field']}.{r['class']}.precision",
            "recall": f"accuracy.{r['field']}.{r['class']}.recall",
            "support": f"accuracy.{r['field']}.{r['class']}.support",
        }
        for r in accuracy.to_dict("records")
        if r["precision"] != "" and r["recall"] != ""
    ]
    fields = sorted(set(accuracy["field"]), key=list(accuracy["field"]).index) if len(accuracy) else []
    return {
        "edition": {
            "id": edition.edition_id,
            "title": edition.title,
            "subtitle": edition.subtitle,
            "synthetic": edition.synthetic,
        },
        "sections": sections,
        "spec": report_spec(),
        "figure": figure_markup,
        "table1": table1(numbers),
        "top_ten": top_ten(numbers, register),
        "breakdown": force_breakdown(numbers, register),
        "type_columns": [{"id": t, "short": TYPE_SHORT[t], "long": TYPE_WORDS[t]} for t in BREACH_TYPES],
        "outcome_columns": [{"id": o, "short": OUTCOME_SHORT[o], "long": OUTCOME_WORDS[o]} for o in OUTCOME_SEVERITY],
        "case_studies": cases,
        "refusals": [
            {"force": force_name(r["force_id"]), "status": STATUS_WORDS[r["status"]], "exemption": r["exemption"]}
            for r in sorted(register, key=lambda r: force_name(r["force_id"]))
            if r["status"] not in ("disclosed",)
        ],
        "problems": problems.to_dict("records"),
        "accuracy": accuracy_rows,
        "accuracy_fields": [
            {"field": f.replace("_", " "), "accuracy": f"accuracy.{f}.overall", "kappa": f"accuracy.{f}.kappa"}
            for f in fields
        ],
        "request_text": request_text,
        "fonts_url": fonts_url,
        "change": change,
        "input_files": numbers["breaches.total"]["inputs"],
    }
