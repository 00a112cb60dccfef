"""Personal data patterns removed from any free text the report quotes."""

from __future__ import annotations

import re

RANK = r"(?:PC|DC|PS|DS|Sgt|Sergeant|Insp|Inspector|DI|DCI|Supt|Superintendent|PCSO|SC|Constable|Officer)"
PATTERNS = [
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b")),
    ("ni_number", re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")),
    ("phone", re.compile(r"(?<!\d)(?:\+44\s?|0)(?:\d\s?){9,10}(?!\d)")),
    ("rank_and_name_or_number", re.compile(rf"\b{RANK}\.?\s+(?:\d{{2,6}}\b|[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?)")),
]


def redact(text: str) -> tuple[str, int]:
    """(text with personal data replaced by [redacted: kind], number of redactions)."""
    count = 0
    for kind, pattern in PATTERNS:
        text, n = pattern.subn(f"[redacted: {kind.replace('_', ' ')}]", text)
        count += n
    return text, count
