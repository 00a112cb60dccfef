"""Rule render_report: report.html from the template, then report.pdf (WeasyPrint),
from numbers.json and the other declared inputs only."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..classify import load_codebook
from ..edition import read_checked_edition
from ..personal_data import PersonalData
from ..publication import gate, page_text, personal_data
from ..render import render_html, write_pdf
from ..report_context import build_context
from ..report_spec import load_report_spec
from .io import read_csv, read_json


def run(
    edition: Path,
    numbers: Path,
    register: Path,
    cases: Path,
    change: Path,
    accuracy: Path,
    problems: list[Path],
    ledger: Path,
    figures: list[Path],
    codebook: Path,
    spec: Path,
    given_names: Path,
    template: Path,
    css: Path,
    fonts: list[Path],
    html_out: Path,
    pdf_out: Path | None,
) -> None:
    """`css` is included by the template (it must sit beside it); `figures` and `fonts`
    are the only files the PDF may fetch. Without `pdf_out`, the HTML only (what the page
    says, for tests that need no layout)."""
    if css.parent.resolve() != template.parent.resolve():
        raise ValueError(f"{css} must sit beside {template}: the template includes it by name")
    checked, book, values = read_checked_edition(edition), load_codebook(codebook), read_json(numbers)
    font_dirs = {font.parent.resolve() for font in fonts}
    if len(font_dirs) != 1:
        raise ValueError(f"the fonts must sit in one folder: {sorted(map(str, font_dirs))}")
    context = build_context(
        edition=checked,
        numbers=values,
        register=read_json(register),
        cases=read_json(cases),
        accuracy=read_csv(accuracy),
        problems=pd.concat([read_csv(p) for p in problems], ignore_index=True),
        ledger=read_csv(ledger),
        fonts_url=os.path.relpath(font_dirs.pop(), html_out.parent.resolve()),
        change=read_json(change),
        spec=load_report_spec(spec),
        codebook=book,
        svgs={figure.stem: figure for figure in figures if figure.suffix == ".svg"},
    )
    page = render_html(template, context, values, book)
    gate(personal_data(PersonalData.load(given_names), [(html_out.name, page_text(page))]))
    html_out.write_text(page, encoding="utf-8")
    if pdf_out is not None:
        write_pdf(html_out, pdf_out, [*figures, *fonts], checked.published)
