"""Appendix 3's family tables: one definition per column, in words that fit every row."""

from policebreaches.tables import common_definition, measure_tables


def test_a_column_definition_keeps_the_shared_words_and_names_what_differs():
    definitions = [
        "Breaches whose most severe outcome was resignation or dismissal.",
        "Breaches whose most severe outcome was no formal disciplinary action: not upheld or not proven.",
    ]
    assert (
        common_definition(definitions, "the row's outcome")
        == "Breaches whose most severe outcome was the row's outcome."
    )
    interval = [
        "95% interval of breaches truly unauthorised access, allowing for error.",
        "95% interval of breaches truly other, allowing for error.",
    ]
    assert (
        common_definition(interval, "the row's type")
        == "95% interval of breaches truly the row's type, allowing for error."
    )
    assert common_definition(["Bodies asked.", "Bodies asked."], "x") == "Bodies asked."


def test_measures_of_one_kind_become_one_table_and_the_rest_single_rows():
    numbers = {
        "corpus.test5.breach_type.right": {
            "display": "91%",
            "definition": "Set 5 (breach_type): right.",
        },
        "corpus.test5.breach_type.wrong": {
            "display": "3%",
            "definition": "Set 5 (breach_type): wrong.",
        },
        "corpus.test5.outcome_group.right": {
            "display": "93%",
            "definition": "Set 5 (outcome_group): right.",
        },
        "corpus.test5.outcome_group.wrong": {
            "display": "3%",
            "definition": "Set 5 (outcome_group): wrong.",
        },
        "corpus.test_sets": {"display": "5", "definition": "Frozen test sets."},
        "accuracy.pnc.True.recall": {
            "display": "100%",
            "definition": "Recall of True.",
        },
        "accuracy.pnc.False.recall": {
            "display": "100%",
            "definition": "Recall of False.",
        },
    }
    tables, singles = measure_tables(list(numbers), numbers)
    assert [s["key"] for s in singles] == ["corpus.test_sets"]
    corpus, accuracy = tables
    assert [c["name"] for c in corpus["columns"]] == ["right", "wrong"]
    assert [r["label"] for r in corpus["rows"]] == [
        "test5 · breach type",
        "test5 · outcome group",
    ]
    assert corpus["rows"][1]["cells"] == [
        "corpus.test5.outcome_group.right",
        "corpus.test5.outcome_group.wrong",
    ]
    # what every column shares is said once for the table, each column then only its own part
    assert corpus["about"] == "Set 5 ([the row])"
    assert [c["definition"] for c in corpus["columns"]] == ["Right.", "Wrong."]
    # a self-test row (accuracy.*) is never in a table with the corpus's rows
    assert accuracy["rows"][0]["cells"] == ["accuracy.pnc.True.recall"]
