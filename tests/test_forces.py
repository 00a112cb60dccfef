import pytest

from policebreaches.forces import force_table, reference_rows, resolve_force


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
    assert resolve_force(written) == force_id


@pytest.mark.parametrize("written", ["Gotham City Police", "", "Police"])
def test_unknown_names_do_not_resolve(written):
    assert resolve_force(written) is None


def test_every_territorial_force_of_england_and_wales_is_known():
    assert (
        len(
            [
                row["force_id"]
                for row in reference_rows()
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
    from policebreaches.forces import use_bodies

    (tmp_path / "bodies.csv").write_text(
        "force_id,name,aliases\n"
        "leeds-city-council,Leeds City Council,Leeds CC|LCC\n"
        "Bad Id,Somewhere Council,\n"
        "kent,Kent Police,\n",
        encoding="utf-8",
    )
    problems = use_bodies(tmp_path)
    assert [p[:2] for p in problems] == [
        ("bodies.csv line 3", "force_id 'Bad Id' is not lower-case words joined by '-'"),
        ("bodies.csv line 4", "'kent' is a UK police force already, or has no name"),
    ]
    assert resolve_force("Leeds City Council") == resolve_force("Leeds CC") == "leeds-city-council"
    assert force_table()["leeds-city-council"] == "Leeds City Council"
    assert resolve_force("Somewhere Council") is None and force_table()["kent"] == "Kent Police"


def test_bodies_csv_with_other_columns_is_reported_not_guessed(tmp_path):
    from policebreaches.forces import use_bodies

    (tmp_path / "bodies.csv").write_text("id,body\nwakefield-council,Wakefield Council\n", encoding="utf-8")
    assert use_bodies(tmp_path) == [("bodies.csv", "columns are ['id', 'body']", "use exactly: force_id,name,aliases")]
    assert resolve_force("Wakefield Council") is None
