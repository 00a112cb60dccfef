"""Personal data in free text: one set of patterns, used to suggest redactions of quotes
and by the publication gate that stops a build before it publishes any of it.

Patterns follow how police answers write these items (tests/corpus/personal_data.csv:
every variant there must be found, every near miss must survive): names after a rank or
title in any spelling, full names with a common given name, collar/warrant/shoulder
numbers in any wording, UK and international phone numbers, e-mail addresses (also
written 'at ... dot'), NI numbers, vehicle registrations, postcodes and dates of birth."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# -- names --------------------------------------------------------------------------------
TITLE = (
    r"(?i:Det(?:ective)?\.?\s+(?:Sgt|Sergeant|Con|Constable|Insp|Inspector|Supt|Superintendent)\.?"
    r"|Ch(?:ief)?\.?\s+Insp(?:ector)?\.?|Ch(?:ief)?\.?\s+Supt\.?|Special\s+Constable"
    r"|P\.?C\.?S\.?O\.?|P\.\s?C\.|PC\.?|P\.?S\.?|D\.?C\.?|D\.?S\.?|DI|DCI|Sgt\.?|Sergeant|Insp\.?|Inspector"
    r"|Supt\.?|Superintendent|Constable|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Dr\.?)"
)
GAP = r"[^\S\n]+"  # a name never runs over a line break (table cells, list items)
SURNAME = r"(?:(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*)"
CAPS_SURNAME = r"(?:[A-Z]{2,}(?:-[A-Z]{2,})?)"
PARTICLE = r"(?:(?:Van|Von|De|Le|La)(?:\s+der|\s+den)?\s+)"
# words that follow a title without being a name: products, anonymised letters, acronyms
NOT_A_NAME = (
    r"(?!(?:World|Word|Excel|Monitor|Magazine|PNC|CCTV|ANPR|DPA|NFA|PSD|ICO|IOPC|FOI|CPS|HMIC|HMICFRS"
    r"|OIC|UK|NHS|IT|ID|PND|SC|MI|Officer|Staff|Police|Constabulary|Constable|Sergeant|Inspector)\b)"
)
NAME_AFTER_TITLE = (
    rf"(?<![\w-]){TITLE}{GAP}{NOT_A_NAME}(?:[A-Z]\.?{GAP})?(?:{PARTICLE}?{SURNAME}(?:{GAP}{SURNAME})?|{CAPS_SURNAME})\b"
)
PLACE_WORDS = r"(?:Street|Road|Lane|Avenue|Close|Drive|Way|Police|Constabulary|House|Centre|Court|Station|Hospital|Act)"

# -- numbers that identify an officer -------------------------------------------------------
COLLAR = (
    r"(?i:\b(?:collar|warrant(?:\s+card)?|shoulder|epaulette|badge|payroll|col\.?)"
    r"\s*(?:number|num\.?|no\.?)?\s*[:#]?\s*#?\d{2,8}\b)"
    rf"|(?<![\w-])(?:PCSO|PC|PS|DC|DS|SC|Sgt|Officer)\.?\s?#?\d{{2,6}}\b(?:\s+{NOT_A_NAME}{CAPS_SURNAME}\b)?"
)

# -- contact details and identifiers --------------------------------------------------------
EMAIL = (
    r"(?i:[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w.+-]+\s*(?:\[at\]|\(at\))\s*[\w-]+(?:\s*(?:\.|\[dot\]|\(dot\))\s*[\w-]+)+"
    r"|\b[\w.+-]+\s+at\s+[\w-]+(?:\s+dot\s+[\w-]+)+\b)"
)
PHONE_CANDIDATE = r"(?<![\w/.,£:-])(?:\+|00)?\(?\d[\d \t\-()]{7,20}\d(?![\w/])|(?<=:)\s?0\d[\d \-()]{7,20}\d(?![\w/])"
NI_NUMBER = r"(?i:\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][\s-]?(?:\d{2}[\s-]?\d{2}[\s-]?\d{2}|\d{6})[\s-]?[A-D]\b)"
VEHICLE = (
    r"(?i:\b[A-Z]{2}\d{2}[\s-]?[A-Z]{3}\b)"  # current format, AB12 CDE
    r"|\b[A-Z]\d{1,3}\s?[A-Z]{3}\b"  # prefix format, A123 BCD (capitals only: 'M62 and' is a road)
    r"|\b[A-Z]{3}\s?\d{1,3}[A-Z]\b"  # suffix format, BCD 123A
)
POSTCODE = r"(?i:\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b)"
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\s+\d{{2,4}})"
)
BIRTH_DATE = rf"(?i:(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth|\bbirth\s*date|\bborn(?:\s+on)?)[\s:,(]*){DATE}"


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str


class PersonalData:
    """The patterns, with the given names that mark a full name read from a file the
    stage declares (policebreaches/resources/given_names.txt)."""

    def __init__(self, given_names: Iterable[str]):
        given = "|".join(sorted(set(given_names), key=len, reverse=True))
        full_name = rf"\b(?:{given}){GAP}(?!{PLACE_WORDS}\b){PARTICLE}?{SURNAME}\b"
        self.patterns = [
            ("email", re.compile(EMAIL)),
            ("date_of_birth", re.compile(BIRTH_DATE)),
            ("ni_number", re.compile(NI_NUMBER)),
            ("collar_number", re.compile(COLLAR)),
            ("name_after_title", re.compile(NAME_AFTER_TITLE)),
            ("person_name", re.compile(full_name)),
            ("vehicle_reg", re.compile(VEHICLE)),
            ("postcode", re.compile(POSTCODE)),
        ]

    @classmethod
    def load(cls, given_names_file: Path) -> PersonalData:
        lines = given_names_file.read_text(encoding="utf-8").splitlines()
        return cls(word for line in lines if not line.startswith("#") for word in line.split())

    def find(self, text: str) -> list[Finding]:
        """Every item of personal data in `text`, left to right; overlaps keep the first kind."""
        found: list[Finding] = []
        for match in re.finditer(PHONE_CANDIDATE, text):
            if _is_phone(match.group()):
                found.append(Finding("phone", match.start(), match.end(), match.group().strip()))
        for kind, pattern in self.patterns:
            for match in pattern.finditer(text):
                if not any(f.start < match.end() and match.start() < f.end for f in found):
                    found.append(Finding(kind, match.start(), match.end(), match.group()))
        return sorted(found, key=lambda f: f.start)

    def redact(self, text: str) -> tuple[str, int]:
        """(text with each item replaced by a fixed mark, [name] for a name and [redacted] for
        anything else, number of items): a suggestion a person checks before the quote is
        approved in edition.yaml, never published unseen. The marks carry no text of their own."""
        findings = self.find(text)
        for f in reversed(findings):
            text = f"{text[: f.start]}{mark_for(f.kind)}{text[f.end :]}"
        return text, len(findings)


NAME_KINDS = ("name_after_title", "person_name")


def mark_for(kind: str) -> str:
    return "[name]" if kind in NAME_KINDS else "[redacted]"


def _is_phone(candidate: str) -> bool:
    """UK numbers: 10-11 digits starting 0 (a '(0)' after +44 dropped); international:
    + or 00, then 10-15 digits. Counts, years and references fail one of the two."""
    compact = re.sub(r"\(0\)", "", candidate) if candidate.lstrip().startswith(("+", "00")) else candidate
    digits = re.sub(r"\D", "", compact)
    if compact.lstrip().startswith("+"):
        return 10 <= len(digits) <= 15
    if digits.startswith("00"):
        return 10 <= len(digits) - 2 <= 15
    return digits.startswith("0") and 10 <= len(digits) <= 11 and digits[1] != "0"
