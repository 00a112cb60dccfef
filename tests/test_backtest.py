"""Backtest: a clean build of raw/2016 must reproduce the figures published in July 2016."""

import json

import pytest

from conftest import REPO, read

PUBLISHED = {  # "Safe in Police Hands?", July 2016
    "breaches.total": (2315, "2,315"),
    "breaches.type.unauthorised_access": (869, "869"),
    "breaches.type.unauthorised_access.share": (None, "38%"),
    "breaches.type.third_party_disclosure": (877, "877"),
    "breaches.type.third_party_disclosure.share": (None, "38%"),
    "breaches.pnc": (25, "25"),
    "outcomes.no_formal_action": (1283, "1,283"),
    "outcomes.no_formal_action.share": (None, "55%"),
    "outcomes.resignation_or_dismissal": (297, "297"),
    "outcomes.resignation_or_dismissal.share": (None, "13%"),
    "outcomes.written_or_verbal_warning": (258, "258"),
    "outcomes.written_or_verbal_warning.share": (None, "11%"),
    "outcomes.conviction_or_caution": (70, "70"),
    "outcomes.conviction_or_caution.share": (None, "3%"),
    "breaches.per_week": (None, "10"),
    "requests.response_rate": (None, "95%"),
    "period.start": ("2011-06-01", "1 June 2011"),
    "period.end": ("2015-12-31", "31 December 2015"),
    "forces.west-midlands.total": (488, "488"),
    "forces.surrey.total": (202, "202"),
    "forces.humberside.total": (168, "168"),
    "forces.avon-and-somerset.total": (163, "163"),
    "forces.north-yorkshire.total": (98, "98"),
    "forces.cleveland.total": (17, "17"),
    "forces.humberside.outcome.resignation_or_dismissal": (5, "5"),
    "forces.humberside.outcome.conviction_or_caution": (0, "0"),
    "forces.north-yorkshire.outcome.resignation_or_dismissal": (3, "3"),
    "forces.cleveland.outcome.resignation_or_dismissal": (6, "6"),
}


@pytest.fixture(scope="module")
def numbers(built):
    return json.loads((built / "numbers.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", sorted(PUBLISHED))
def test_published_figure(numbers, key):
    value, display = PUBLISHED[key]
    assert numbers[key]["display"] == display
    if value is not None:
        assert numbers[key]["value"] == value


def test_north_yorkshire_in_top_ten_and_its_three_are_dismissals(numbers, built):
    top = read(built / "tables" / "top_ten.csv")
    assert "north-yorkshire" in list(top["force_id"])
    records = read(built / "records.csv")
    ny = records[(records.force_id == "north-yorkshire") & (records.outcome_group == "resignation_or_dismissal")]
    assert len(ny) == 3 and ny["outcome_raw"].str.contains("ismiss").all()


def test_cleveland_five_resignations_one_dismissal(built):
    records = read(built / "records.csv")
    c = records[(records.force_id == "cleveland") & (records.outcome_group == "resignation_or_dismissal")]
    outcomes = c["outcome_raw"].str.lower()
    assert outcomes.str.contains("dismiss").sum() == 1
    assert (outcomes.str.contains("resign") | outcomes.str.contains("retire")).sum() == 5


def test_the_three_press_cases_are_records_with_lineage(built):
    records = read(built / "records.csv")
    for force, words in [
        ("cleveland", "detainee to a relative"),
        ("metropolitan", "Snapchat"),
        ("dyfed-powys", "USB device"),
    ]:
        hit = records[(records.force_id == force) & records.description_raw.str.contains(words)]
        assert len(hit) == 1, (force, words)
        assert hit.iloc[0]["breach_type"] == "third_party_disclosure"
        assert hit.iloc[0]["source_sha256"] and hit.iloc[0]["source_locator"]


def test_headline_values_equal_an_independent_recount_of_records_and_aggregates(numbers, built):
    records = read(built / "records.csv")
    aggs = read(built / "aggregates.csv")
    aggs["count"] = aggs["count"].astype(int)

    def margin(dim, cat):
        return int(aggs[(aggs.dimension == dim) & (aggs.category == cat)]["count"].sum())

    assert numbers["breaches.total"]["value"] == len(records) + margin("total", "total")
    for t in ("unauthorised_access", "third_party_disclosure", "other"):
        assert numbers[f"breaches.type.{t}"]["value"] == (records.breach_type == t).sum() + margin("breach_type", t)
    for o in (
        "conviction_or_caution",
        "resignation_or_dismissal",
        "written_or_verbal_warning",
        "no_formal_action",
        "other_or_unknown",
    ):
        assert numbers[f"outcomes.{o}"]["value"] == (records.outcome_group == o).sum() + margin("outcome_group", o)


def test_every_number_has_definition_inputs_and_record_ids(numbers):
    for key, entry in numbers.items():
        assert entry["definition"] and entry["display"] != "", key
        assert {"value", "display", "definition", "filter", "inputs", "record_ids"} <= set(entry), key
    assert len(numbers["breaches.pnc"]["record_ids"]) == 25


def test_numbers_are_the_ones_the_spec_declares(numbers, built):
    from policebreaches.classify import default_codebook
    from policebreaches.edition import load_edition
    from policebreaches.report_spec import load_report_spec
    from policebreaches.statistics import for_each_values

    spec = load_report_spec()["numbers"]
    values = for_each_values(load_edition(REPO / "raw" / "2016", []), default_codebook())
    assert values["year"] == ["2011", "2012", "2013", "2014", "2015"]

    def keys(entries):
        for entry in entries:
            fields = entry.get("for_each") or []
            fields = [fields] if isinstance(fields, str) else fields
            pairs = [{}] if not fields else [{"category": c} for c in values[fields[0]]]
            if len(fields) == 2:
                pairs = [{**p, "category2": d} for p in pairs for d in values[fields[1]]]
            for fill in pairs:
                key = entry["key"].format(**fill) if fill else entry["key"]
                yield key
                if entry.get("share"):
                    yield f"{key}.share"

    forces = {r["force_id"] for r in json.loads((built / "check" / "register.json").read_text(encoding="utf-8"))}
    declared = set(keys(spec["counts"])) | set(keys(spec["derived"]))
    declared |= {f"forces.{f}.{k}" for f in forces for k in keys(spec["per_force"])}
    computed_by_stages = (
        "records.",
        "aggregates.",
        "accuracy.",
        "corpus.",
        "classification.",
        "redactions.",
        "edition.",
        "pipeline.",
        "rates.",
        "claims.",  # claims.py: comparative sentences with their tests
        "uncertainty.",  # misclassification.py: type counts' intervals
    )
    found = {k for k in numbers if not k.startswith(computed_by_stages)}
    # a body's derived values exist only where they mean something: no rate without figures,
    # no working days without an answer; every body has its answer (status)
    per_body = {f"forces.{f}.{e['key']}" for f in forces for e in spec["per_force_derived"]}
    per_body |= {
        f"forces.{f}.{k}" for f in forces for k in ("workforce", "rate_per_1000", "funnel", "funnel.z")
    }  # rates.py
    assert declared <= found <= declared | per_body
    assert {f"forces.{f}.status" for f in forces} <= found
    assert "forces.bedfordshire.per_year" not in found and "forces.bedfordshire.working_days" not in found


def test_roles_add_up_to_the_records_and_their_outcomes_to_each_role(numbers, built):
    from policebreaches.classify import default_codebook

    book = default_codebook()
    roles, outcomes = book.categories("role"), book.categories("outcome_group")
    assert sum(numbers[f"roles.{r}"]["value"] for r in roles) == numbers["records.kept"]["value"] == 2260
    for role in roles:
        by_outcome = sum(numbers[f"roles.{role}.outcome.{o}"]["value"] for o in outcomes)
        assert by_outcome == numbers[f"roles.{role}"]["value"], role
    # the role table's counts-only row completes each outcome column to Table 1's count
    for o in outcomes:
        by_role = sum(numbers[f"roles.{r}.outcome.{o}"]["value"] for r in roles)
        assert by_role + numbers[f"counts_only.outcome.{o}"]["value"] == numbers[f"outcomes.{o}"]["value"], o
    assert sum(numbers[f"counts_only.outcome.{o}"]["value"] for o in outcomes) == numbers["aggregates.total"]["value"]
    records = read(built / "records.csv")
    assert numbers["roles.officer"]["value"] == (records["role"] == "officer").sum() > 1000
    assert numbers["roles.unknown"]["value"] >= (records["role_raw"] == "").sum()  # no role column: unknown
