"""Personal data in free text: one set of patterns, used to suggest redactions of quotes
and by the publication gate that stops a build before it publishes any of it.

Patterns follow how police answers write these items (tests/corpus/personal_data.csv:
every variant there must be found, every near miss must survive): names after a rank, title
or "Officer" in any case, with letters of any script (diacritics, apostrophes, hyphens,
Mc/Mac/O'/Ap/Ó/Ní, surnames in capitals), full names with a given name from
resources/given_names.txt, collar/warrant/shoulder numbers in any wording, street addresses
(house number and street), UK and international phone numbers (also with spaces or written in
words), e-mail addresses (also written 'at ... dot'), NI numbers, vehicle registrations,
postcodes and dates of birth. `python -m policebreaches.personal_data` prints the recall and
precision on the corpus."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


# -- names --------------------------------------------------------------------------------
def _letters(test) -> str:
    """A character class body of the letters (Latin with every diacritic, Greek, Cyrillic) that pass `test`."""
    ranges = [(0x41, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x1E00, 0x1EFF)]
    return "".join(
        re.escape(chr(c)) for lo, hi in ranges for c in range(lo, hi + 1) if chr(c).isalpha() and test(chr(c))
    )


UPPER, LOWER = _letters(str.isupper), _letters(str.islower)
U, L = f"[{UPPER}]", f"[{LOWER}]"
TITLE = (
    r"(?i:Det(?:ective)?\.?\s+(?:Sgt|Sergeant|Con|Constable|Insp|Inspector|Supt|Superintendent)\.?"
    r"|Ch(?:ief)?\.?\s+Insp(?:ector)?\.?|Ch(?:ief)?\.?\s+Supt\.?|Special\s+Constable"
    r"|P\.?C\.?S\.?O\.?|P\.\s?C\.|PC\.?|P\.?S\.?|D\.?C\.?|D\.?S\.?|DI|DCI|Sgt\.?|Sergeant|Insp\.?|Inspector"
    r"|Supt\.?|Superintendent|Constable|Officer|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Dr\.?|Cllr\.?|Councillor)"
)
GAP = r"[^\S\n]+"  # a name never runs over a line break (table cells, list items)
# Mc/Mac/O'/D'/Fitz glued to the name; Welsh ap/ab, Irish Ó/Ní/Nic/Mac and Arabic al-/bin before it
GLUED = r"(?:Mc|Mac|O['’]|D['’]|Fitz|Ó|Ní|Nic)"
SURNAME = rf"(?:{GLUED}?{U}{L}+(?:{U}{L}+)?(?:[-'’]{U}{L}+)*)"  # MacIllEathain: a capital inside
CAPS_SURNAME = rf"(?:(?:Mc|Mac|O['’])?{U}{{2,}}(?:[-'’]{U}{{2,}})*)"
PARTICLE = (
    r"(?:(?:Van|Von|De|Le|La|Da|Di|Du|Dos|Del|ap|ab|Ap|Ab|Ó|Ní|Nic|Mac|Mhic|Ua|bin|ibn|Bin|al|Al|el|El)"
    r"(?:\s+der|\s+den)?(?:\s+|-))"
)
# words that follow a title without being a name: products, anonymised letters, acronyms, roles
NOT_A_NAME = (
    r"(?!(?:World|Word|Excel|Monitor|Magazine|PNC|CCTV|ANPR|DPA|NFA|PSD|ICO|IOPC|FOI|CPS|HMIC|HMICFRS"
    r"|OIC|UK|NHS|IT|ID|PND|SC|MI|Officer|Officers|Staff|Police|Constabulary|Constable|Sergeant|Inspector"
    r"|In|Of|For|On|At|The|And|Safety|Training|Manager|Data|Protection|Information|Support|Report|Reports"
    r"|Responsible|Decision|Disclosure|Welfare|Liaison|Case|Cases|Unit|Team|Meeting|Hearing|Panel|Notes?"
    r"|Complaints?|Standards|Misconduct|Investigation|Investigator|Appraisal|Development|Handbook|Guidance)\b)"
)
NAME_AFTER_TITLE = (
    rf"(?<![\w-]){TITLE}{GAP}{NOT_A_NAME}(?:{U}\.?{GAP})?{PARTICLE}?"
    # a given name and a surname with its particle ("Aoife Ní Bhriain", "Máire Nic Giolla Bhríde")
    rf"(?:{SURNAME}(?:{GAP}{PARTICLE}{SURNAME}(?:{GAP}{SURNAME})?|{GAP}{SURNAME})?|{CAPS_SURNAME})\b"
)
# a rank written in lower case before a lower-case surname ("pc smith", "sgt o'neill"): only the
# abbreviated ranks, and never before an ordinary word
COMMON_WORDS = (
    r"world|was|were|is|has|had|did|does|and|or|but|the|a|an|to|of|in|on|at|for|with|by|from|who|which|that"
    r"|this|then|than|also|not|no|been|be|being|would|could|should|will|may|might|must|can|said|says|made"
    r"|took|gave|told|asked|left|used|use|user|users|check|checks|system|systems|access|record|records|data"
    r"|log|logs|screen|game|games|repair|repairs|equipment|number|numbers|officer|officers|staff|team|only"
    r"|again|later|also|both|each|all|any|some|his|her|their|they|he|she|it|its|our|we|you|i|me|him|them"
    r"|up|ok|id|so|do|go|as|if|us|my|out|off|now"
)
LOWER_NAME = (
    rf"(?<![\w-])(?:[Pp]cso|[Pp]c|[Ss]gt|[Dd]s|[Dd]c|[Dd]ci|[Ii]nsp|[Ss]upt|[Dd]et\s+sgt|[Dd]et\s+con)\.?{GAP}"
    rf"(?!(?:{COMMON_WORDS})\b)(?!\w+(?:ed|ing|ly)\b)(?:mc|mac|o['’])?{L}{{2,}}(?:-{L}{{2,}})?\b"
)
PLACE_WORDS = r"(?:Street|Road|Lane|Avenue|Close|Drive|Way|Police|Constabulary|House|Centre|Court|Station|Hospital|Act)"
STREET = (
    r"(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Crescent|Cres|Place|Pl|Gardens|Gdns|Terrace"
    r"|Grove|Mews|Square|Sq|Walk|Row|Hill|Park|View|Rise|Parade|Green|Court|Ct|Heights|Wynd|Brae|Gate)"
)
WELSH_STREET = r"(?:Heol|Ffordd|Stryd|Lôn|Rhodfa|Maes|Cae|Stryt|Sràid|Bóthar|Sráid|Ascaill)"
ADDRESS = (
    rf"(?<![\w/.,£-])(?:Flat|Apartment|Unit)?\s?\d{{1,4}}[A-Za-z]?,?{GAP}"
    rf"(?:(?:{U}[\w'’-]+{GAP}){{1,3}}{STREET}\b\.?|{WELSH_STREET}{GAP}(?:[a-zy]{{1,3}}{GAP})?(?:[a-z]-)?{U}[\w'’-]+)"
)

# -- numbers that identify an officer -------------------------------------------------------
COLLAR = (
    r"(?i:\b(?:collar|warrant(?:\s+card)?|shoulder|epaulette|badge|payroll|col\.?)"
    r"\s*(?:number|num\.?|no\.?)?\s*[:#]?\s*#?\d{2,8}\b)"
    rf"|(?<![\w-])(?:PCSO|PC|PS|DC|DS|SC|Sgt|Officer)\.?\s?#?\d{{2,6}}\b(?:\s+{NOT_A_NAME}{CAPS_SURNAME}\b)?"
)

# -- contact details and identifiers --------------------------------------------------------
TLD = r"(?:com|org|net|uk|gov|police|co|ac|nhs|info|io|me|ie|eu|pl|de|fr)"
EMAIL = (
    r"(?i:[\w.+-]+\s?@\s?[\w-]+(?:\s?\.\s?[\w-]+)+"
    r"|\b[\w.+-]+\s*(?:\[at\]|\(at\)|\{at\})\s*[\w-]+(?:\s*(?:\.|\[dot\]|\(dot\)|\{dot\})\s*[\w-]+)+"
    r"|\b(?:[\w+-]+\s+dot\s+)*[\w.+-]+\s+at\s+[\w-]+(?:\s+dot\s+[\w-]+)+\b"
    rf"|\b[\w.+-]+\s+at\s+[\w-]+(?:\.[\w-]+)*\.{TLD}\b)"
)
DIGIT_WORD = r"(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|double|treble|triple)"
PHONE_IN_WORDS = rf"(?i:\b{DIGIT_WORD}(?:[\s,-]+{DIGIT_WORD}){{8,}}\b)"
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
        given = "|".join(sorted(set(given_names) - {""}, key=len, reverse=True)) or "(?!)"  # none: no full names
        full_name = rf"(?<![\w-])(?:{given}){GAP}(?!{PLACE_WORDS}\b){PARTICLE}?(?:{SURNAME}|{CAPS_SURNAME})(?![\w-])"
        self.patterns = [
            ("email", re.compile(EMAIL)),
            ("date_of_birth", re.compile(BIRTH_DATE)),
            ("ni_number", re.compile(NI_NUMBER)),
            ("collar_number", re.compile(COLLAR)),
            ("phone", re.compile(PHONE_IN_WORDS)),
            ("address", re.compile(ADDRESS)),
            ("name_after_title", re.compile(NAME_AFTER_TITLE)),
            ("name_after_title", re.compile(LOWER_NAME)),
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


NAME_KINDS = ("name_after_title", "person_name")  # the [name] mark; any other item is [redacted]


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


def corpus_scores(rows: list[dict], scanner: PersonalData) -> dict[str, float | int]:
    """Recall (the `flag` rows found) and precision (of the rows found, those that hold personal
    data: a near miss found is a false alarm) on a labelled corpus (tests/corpus/personal_data.csv)."""
    found = [bool(scanner.find(row["text"])) for row in rows]
    flags = [hit for hit, row in zip(found, rows) if row["expect"] == "flag"]
    false_alarms = sum(hit for hit, row in zip(found, rows) if row["expect"] == "keep")
    return {
        "variants": len(flags),
        "near_misses": len(rows) - len(flags),
        "recall": sum(flags) / len(flags),
        "precision": sum(flags) / (sum(flags) + false_alarms) if sum(flags) + false_alarms else 1.0,
    }


def main(corpus: Path, given_names: Path) -> str:
    import csv

    rows = list(csv.DictReader(corpus.open(encoding="utf-8")))
    scanner = PersonalData.load(given_names)
    lines = ["{variants} variants, {near_misses} near misses: recall {recall:.1%}, precision {precision:.1%}"]
    text = lines[0].format(**corpus_scores(rows, scanner))
    origins = sorted({r.get("origin", "") for r in rows} - {""})
    for origin in origins:
        scores = corpus_scores([r for r in rows if r.get("origin") == origin], scanner)
        text += f"\n  names of {origin} origin: {scores['variants']} variants, recall {scores['recall']:.1%}"
    return text


if __name__ == "__main__":  # python -m policebreaches.personal_data [corpus.csv]
    import sys

    here = Path(__file__).resolve().parent
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "tests" / "corpus" / "personal_data.csv"
    print(main(corpus, here / "resources" / "given_names.txt"))
