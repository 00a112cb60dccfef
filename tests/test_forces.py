import csv

import pytest

from policebreaches.forces import FORCES_CSV, Bodies, uk_forces


@pytest.mark.parametrize(
    "written, force_id",
    [
        ("Met", "metropolitan"),
        ("MPS", "metropolitan"),
        ("Metropolitan Police Service", "metropolitan"),
        ("Avon & Somerset Constabulary", "avon-and-somerset"),
        ("Dyfed Powys Police", "dyfed-powys"),
        ("Dyfed-Powys", "dyfed-powys"),
        ("PSNI", "psni"),
        ("British Transport Police", "british-transport"),
        ("Police Scotland", "police-scotland"),
        ("north yorkshire police", "north-yorkshire"),
        ("  The West Midlands Police ", "west-midlands"),
        ("Devon & Cornwall", "devon-and-cornwall"),
    ],
)
def test_aliases_resolve(written, force_id):
    assert uk_forces().resolve(written) == force_id


@pytest.mark.parametrize("written", ["Gotham City Police", "", "Police"])
def test_unknown_names_do_not_resolve(written):
    assert uk_forces().resolve(written) is None


def test_every_territorial_force_of_england_and_wales_is_known():
    assert (
        len(
            [
                row["force_id"]
                for row in csv.DictReader(FORCES_CSV.open(encoding="utf-8"))
                if row["force_id"]
                not in {
                    "police-scotland",
                    "psni",
                    "british-transport",
                    "civil-nuclear",
                    "ministry-of-defence",
                    "national-crime-agency",
                    "isle-of-man",
                    "jersey",
                    "guernsey",
                }
            ]
        )
        == 43
    )


def test_an_edition_names_its_other_bodies_in_bodies_csv(tmp_path):
    (tmp_path / "bodies.csv").write_text(
        "force_id,name,aliases\n"
        "leeds-city-council,Leeds City Council,Leeds CC|LCC\n"
        "Bad Id,Somewhere Council,\n"
        "kent,Kent Police,\n",
        encoding="utf-8",
    )
    bodies, problems = Bodies.load(FORCES_CSV, tmp_path / "bodies.csv")
    assert [p[:2] for p in problems] == [
        ("bodies.csv line 3", "force_id 'Bad Id' is not lower-case words joined by '-'"),
        ("bodies.csv line 4", "'kent' is a UK police force already, or has no name"),
    ]
    assert bodies.resolve("Leeds City Council") == bodies.resolve("Leeds CC") == "leeds-city-council"
    assert bodies.name("leeds-city-council") == "Leeds City Council"
    assert bodies.resolve("Somewhere Council") is None and bodies.name("kent") == "Kent Police"
    assert uk_forces().resolve("Leeds CC") is None  # an edition's bodies stay in its own registry


def test_bodies_csv_with_other_columns_is_reported_not_guessed(tmp_path):
    (tmp_path / "bodies.csv").write_text("id,body\nwakefield-council,Wakefield Council\n", encoding="utf-8")
    bodies, problems = Bodies.load(FORCES_CSV, tmp_path / "bodies.csv")
    assert problems == [("bodies.csv", "columns are ['id', 'body']", "use exactly: force_id,name,aliases")]
    assert bodies.resolve("Wakefield Council") is None
