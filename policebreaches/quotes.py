"""Text a person signed off for print (a case study's quote, the public request): the
source's own words with spans replaced by fixed marks, checked before anything prints it.

A mark is `[name]` or `[redacted]`, with nothing inside (free text in a mark would be words
the source never said), and hides at most six words, none of which turns the meaning (a
negation, a finding, an allegation: "was cleared of any allegation that he passed details"
must not become "[redacted] passed details"). An ellipsis stands for whole sentences only,
never for words inside one. Every other word is the source's, in the source's order."""

from __future__ import annotations

import re

MARKS = ("[name]", "[redacted]")
ELLIPSES = ("…", "...")
_MARK_OR_ELLIPSIS = re.compile(r"(\[name\]|\[redacted\]|…|\.\.\.)", re.I)
# what looks like a mark with text inside: rejected unless the record itself says it
_FREE_TEXT_MARK = re.compile(r"\[\s*(?:redacted|removed|name|number|details?|withheld)\b[^\]]*\]", re.I)
MARK_WORDS = 6  # a name with its rank, a phone number, an address
MEANING_WORDS = (
    r"not|no|never|nor|neither|none|nothing|without|\w+n['’]t|cannot|cleared|acquitted|exonerated|denied|"
    r"unfounded|unsubstantiated|unproven|false(?:ly)?|alleg\w*|suspected|accused|claimed|reportedly|attempted|"
    r"whether|if|did|was|were|had|has|is"
)
_SPAN_OF_MARK = rf"((?:(?!\b(?:{MEANING_WORDS})\b)[^\n])+?)"


def _folded(text: str) -> str:
    return " ".join(
        text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"').split()
    )


# what an ellipsis may stand for, at the start of a quote, inside it and at its end: whole
# sentences (from a sentence end to a sentence end), or anything (to say why a quote fails)
_SENTENCE_END = r"(?:(?<=[.!?])|[.!?])"
WHOLE_SENTENCES = (r"(?:.*?[.!?]\s+)?", rf"{_SENTENCE_END}\s*(?:.*?[.!?]\s+)?", rf"{_SENTENCE_END}(?:\s+.*)?")
ANY_WORDS = (r".*?", r".*?", r".*")


def _pattern(quote: str, mark: str, ellipsis: tuple[str, str, str]) -> re.Pattern:
    """A regular expression the record's text matches when `quote` is that text with each mark
    standing for a span of whole words (`mark`) and each ellipsis for dropped text."""
    parts = [part for part in _MARK_OR_ELLIPSIS.split(quote) if part.strip()]
    pattern = []
    for number, part in enumerate(parts):
        if part.lower() in MARKS:
            pattern.append(rf"\s*(?<!\w){mark}(?!\w)\s*")
        elif part in ELLIPSES:
            pattern.append(ellipsis[0] if number == 0 else ellipsis[2] if number == len(parts) - 1 else ellipsis[1])
        else:
            pattern.append(r"\s+".join(re.escape(word) for word in part.split()))
    return re.compile("".join(pattern), re.S)


def redaction_problem(quote: str, original: str, source: str = "record") -> str | None:
    """Why `quote` is not `original` with spans replaced by marks, or None when it is. A mark is
    [name] or [redacted] and hides at most six words, none that turns the meaning; an ellipsis
    stands for whole sentences only; every other word is the record's, in its order."""
    quote, text = _folded(quote), _folded(original)
    free = [m for m in _FREE_TEXT_MARK.findall(quote) if m.lower() not in MARKS and m not in text]
    if free:
        return f"the mark {free[0]!r} carries text of its own: marks are [name] or [redacted], with nothing inside"

    def fits(mark: str, ellipsis: tuple[str, str, str]) -> re.Match | None:
        return _pattern(quote, mark, ellipsis).fullmatch(text)

    found = fits(_SPAN_OF_MARK, WHOLE_SENTENCES)
    if found and all(len(span.split()) <= MARK_WORDS for span in found.groups()):
        return None
    if fits(r"(.+?)", ANY_WORDS):
        if not fits(r"(.+?)", WHOLE_SENTENCES):
            return "an ellipsis drops words inside a sentence: drop whole sentences only, or none"
        return (
            f"a mark hides more than {MARK_WORDS} words or a word that turns the meaning "
            "(not, no, never, cleared, alleged ...): a mark stands for personal data only"
        )
    return f"its words are not the {source}'s, in the {source}'s order (a word added, changed, dropped or moved)"


def is_redaction_of(quote: str, original: str) -> bool:
    """True when `quote` is `original` with some spans of personal data replaced by [name] or
    [redacted] (and at most whole sentences dropped at an ellipsis)."""
    return redaction_problem(quote, original) is None


def count_marks(quote: str) -> int:
    return sum(1 for part in _MARK_OR_ELLIPSIS.findall(quote) if part.lower() in MARKS)


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def excerpt_problem(public: str, source: str) -> str | None:
    """Why `public` is not an excerpt of `source` (the public request of the request as sent),
    or None when it is: each of its paragraphs a redaction of one of the source's, in order;
    whole paragraphs (a greeting, the signature block) may be left out."""
    remaining = paragraphs(source)
    for number, paragraph in enumerate(paragraphs(public), start=1):
        match = next((i for i, p in enumerate(remaining) if redaction_problem(paragraph, p) is None), None)
        if match is None:
            closest = min((redaction_problem(paragraph, p, "request") or "" for p in remaining), key=len, default="")
            return f"paragraph {number} ({paragraph[:40]!r}...) is not a paragraph of the request as sent" + (
                f": {closest}" if closest else ""
            )
        remaining = remaining[match + 1 :]
    return None
