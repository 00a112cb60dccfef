"""A role as forces write it ("PC", "INSP & Above", "civilian employees") -> the
codebook's role. Kept free of pandas: counts-only labels ("Total number of breaches by
police officers") are read with it too."""

from __future__ import annotations

import re

ROLE_PATTERNS = [  # order matters: "Special Constable" and "PCSO" contain officer words
    ("special_constable", r"\bspecial(s| constable)?\b|^sc$|^s/c\b|\bspec\.? ?con"),
    ("pcso", r"\bpcso\b|community support officer"),
    ("volunteer", r"volunteer|cadet"),
    (
        "unknown",
        r"officer ?(/|or|and) ?(a member of )?(civilian )?staff|^(redacted|not (known|recorded)|unknown|n/?a|-*)$",
    ),
    (
        "police_staff",
        r"\bstaff\b|civilian|employee|\bcivvy\b|\bpse\b|\bdetention officer|\binvestigat\w+ officer|"
        r"call handler|analyst|clerk|administrat|\boperator\b|contractor|agency",
    ),
    (
        "officer",
        r"\b(pc|dc|ps|sgt|ds|di|dci|dsupt|supt|insp|ch ?insp|c/insp|t/?sgt|a/?sgt|constable|sergeant|"
        r"inspector|superintendent|chief|officer|det|detective|inspr?|rank|acc|dcc)\b",
    ),
]


def normalise_role(text: str) -> str:
    value = " ".join((text or "").lower().replace("&", " and ").split())
    if not value:
        return "unknown"
    for role, pattern in ROLE_PATTERNS:
        if re.search(pattern, value):
            return role
    return "unknown"
