"""The publication gate: personal data in any spelling is found (tests/corpus/personal_data.csv:
every variant flagged, every near miss kept), quotes are printed only as approved, and a
build that would publish personal data stops before writing, naming the record."""

from __future__ import annotations

import csv

import pytest

from policebreaches.edition import write_manifest
from policebreaches.personal_data import PersonalData
from policebreaches.quotes import is_redaction_of

from conftest import REPO

CORPUS = list(csv.DictReader(open(REPO / "tests" / "corpus" / "personal_data.csv", encoding="utf-8")))
# the corpus's kinds as the detector names them: a full name after a rank is one name, whichever pattern finds it
KIND = {"phone_uk": "phone", "phone_intl": "phone", "person_name": "name", "name_after_title": "name"}
GIVEN_NAMES = REPO / "policebreaches" / "resources" / "given_names.txt"
SCANNER = PersonalData.load(GIVEN_NAMES)
find, redact = SCANNER.find, SCANNER.redact


def test_the_corpus_is_large_enough():
    flagged = [r for r in CORPUS if r["expect"] == "flag"]
    assert len(flagged) >= 300 and len(CORPUS) - len(flagged) >= 100
    assert len({r["origin"] for r in flagged} - {""}) >= 10
    kinds = {"name_after_title", "person_name", "collar_number", "phone_uk", "phone_intl", "email", "address"}
    assert {r["kind"] for r in flagged} >= kinds


def test_recall_and_precision_are_what_the_docs_print():
    from policebreaches.personal_data import corpus_scores, main

    scores = corpus_scores(CORPUS, SCANNER)
    assert scores["recall"] == 1 and scores["precision"] == 1  # every variant found, no near miss
    docs = (REPO / "tests" / "corpus" / "personal_data.md").read_text(encoding="utf-8")
    assert main(REPO / "tests" / "corpus" / "personal_data.csv", GIVEN_NAMES).splitlines()[0] in docs


@pytest.mark.parametrize("row", [r for r in CORPUS if r["expect"] == "flag"], ids=lambda r: r["text"][:40])
def test_every_variant_is_found_as_its_kind(row):
    kinds = {KIND.get(f.kind, f.kind) for f in find(row["text"])}
    assert KIND.get(row["kind"], row["kind"]) in kinds, (row["text"], kinds)


@pytest.mark.parametrize("row", [r for r in CORPUS if r["expect"] == "keep"], ids=lambda r: r["text"][:40])
def test_every_near_miss_survives(row):
    assert not find(row["text"]), (row["text"], find(row["text"]))


def test_redaction_suggests_text_a_person_can_approve():
    original = "PC 4512 SMITH gave 07700 900123 and jo.bloggs@mail.example to a friend"
    suggested, count = redact(original)
    assert count == 3 and not find(suggested)
    assert suggested == "[redacted] gave [redacted] and [redacted] to a friend"
    assert is_redaction_of(suggested, original)


@pytest.mark.parametrize(
    "quote, ok",
    [
        ("Officer passed information to a relative", True),
        ("[redacted] passed information to a relative", True),
        ("[name] passed information to a relative", True),
        ("Officer passed information … a relative", False),  # an ellipsis inside a sentence
        ("Officer passed information to a journalist", False),  # changed words
        ("a relative passed information to Officer", False),  # reordered
        ("Officer passed information to a relative and the press", False),  # added words
        ("[redacted: and the press] passed information to a relative", False),  # free text in a mark
        ("[details withheld] passed information to a relative", False),
        ("passed information to a relative", False),  # dropped words
        ("Officer passed info[redacted]", False),  # a mark cuts a word
    ],
)
def test_an_approved_quote_must_be_a_redaction_of_the_record(quote, ok):
    assert is_redaction_of(quote, "Officer passed information to a relative") is ok


NEGATED = "The officer was cleared of any allegation that he passed details of a victim to his brother. No action."


@pytest.mark.parametrize(
    "quote, ok",
    [
        ("[name] was cleared of any allegation that he passed details of a victim to his brother. No action.", True),
        ("The officer was cleared of any allegation that he passed details of a victim to [name]. …", True),
        ("… No action.", True),  # a whole sentence dropped
        ("[redacted] passed details of a victim to his brother. No action.", False),  # the mark hides 'cleared'
        ("… passed details of a victim to his brother. No action.", False),  # the ellipsis drops 'cleared'
        ("The officer was [redacted] passed details of a victim to his brother. No action.", False),
        ("The officer was cleared of any allegation that he passed details of a victim to his brother.", False),
    ],
)
def test_marks_and_ellipses_never_drop_a_negation(quote, ok):
    assert is_redaction_of(quote, NEGATED) is ok


REQUEST = (REPO / "raw" / "2016" / "request.txt").read_text(encoding="utf-8")
PUBLIC = "\n\n".join(REQUEST.strip().split("\n\n")[1:-1])
SIGNATURE = "\nYours faithfully,\nSiân Llewelyn-Jones\n14 Heol y Bont, Aberystwyth\nsian.lj@example.org\n"


@pytest.mark.parametrize(
    "public, why",
    [
        (PUBLIC, None),
        (PUBLIC.split("\n\n", 1)[1], None),  # a whole paragraph left out
        (PUBLIC.replace("in a spreadsheet", "[redacted]"), None),
        (PUBLIC + "\n\nYours faithfully,\nMr Daniel Cartwright", "paragraph 5"),  # a paragraph added
        (PUBLIC.replace("electronically", "electronically and free of charge"), "a word added"),
        (PUBLIC.replace("in a spreadsheet", "[redacted: by post]"), "carries text of its own"),
        (PUBLIC.replace("police officers, police", "police … police"), "drops words inside a sentence"),
    ],
)
def test_the_public_request_is_checked_like_a_quote(public, why):
    from policebreaches.quotes import excerpt_problem

    found = excerpt_problem(public, REQUEST + SIGNATURE)
    assert found is None if why is None else why in found, found


def test_a_public_request_that_is_not_the_request_stops_the_input_check(tmp_path):
    from policebreaches.checks import check_inputs
    from policebreaches.forces import FORCES_CSV

    from editions import make_edition

    root = make_edition(tmp_path / "2099", [{"force": "Kent", "status": "refused"}], {}, bless=False)
    with open(root / "edition.yaml", "a", encoding="utf-8") as fh:
        fh.write("request_public: |\n  Please send the number of data protection breaches and the names.\n")
    write_manifest(root)
    problems, _, edition = check_inputs(root, {}, FORCES_CSV)
    [problem] = [p for p in problems if p.file == "edition.yaml request_public"]
    assert "not an excerpt of the request as sent" in problem.what and "a word added" in problem.what


@pytest.mark.parametrize("synthetic", ["true", "false"])
def test_only_a_synthetic_sample_may_say_it_is_calibrated(tmp_path, synthetic):
    """The cover's "calibrated to reproduce the published figures" comes from edition.yaml
    calibrated_to, which a real edition may not carry."""
    from policebreaches.checks import check_inputs
    from policebreaches.forces import FORCES_CSV

    from editions import make_edition

    root = make_edition(tmp_path / "2099", [{"force": "Kent", "status": "refused"}], {}, bless=False)
    text = (root / "edition.yaml").read_text(encoding="utf-8").replace("synthetic: true", f"synthetic: {synthetic}")
    (root / "edition.yaml").write_text(text + 'calibrated_to: "the 2016 report"\n', encoding="utf-8")
    write_manifest(root)
    problems, _, edition = check_inputs(root, {}, FORCES_CSV)
    found = [p for p in problems if "calibrated_to" in p.what]
    if synthetic == "true":
        assert not found and edition.calibrated_to == "the 2016 report"
    else:
        assert len(found) == 1 and "not synthetic" in found[0].what and edition.calibrated_to == ""


@pytest.mark.parametrize(
    "name",
    ["Sgt Aoife Ní Bhriain", "PC Seán Ó Briain", "DC Máire Nic Giolla Bhríde", "PC Dafydd ap Gwilym", "PC John Smith"],
)
def test_the_suggested_redaction_takes_the_whole_name_particle_and_all(name):
    """A surname after its particle (Irish Ní, Ó, Nic; Welsh ap) is part of the name: a
    suggestion that kept "Bhriain" would publish the surname."""
    suggested, count = redact(f"{name} looked up a record")
    assert (suggested, count) == ("[name] looked up a record", 1)
