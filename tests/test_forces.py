import pytest

from policebreaches.forces import force_table, resolve_force


@pytest.mark.parametrize("written, force_id", [
    ("Met", "metropolitan"), ("MPS", "metropolitan"), ("Metropolitan Police Service", "metropolitan"),
    ("Avon & Somerset Constabulary", "avon-and-somerset"), ("Dyfed Powys Police", "dyfed-powys"),
    ("Dyfed-Powys", "dyfed-powys"), ("PSNI", "psni"), ("British Transport Police", "british-transport"),
    ("Police Scotland", "police-scotland"), ("north yorkshire police", "north-yorkshire"),
    ("  The West Midlands Police ", "west-midlands"), ("Devon & Cornwall", "devon-and-cornwall"),
])
def test_aliases_resolve(written, force_id):
    assert resolve_force(written) == force_id


@pytest.mark.parametrize("written", ["Gotham City Police", "", "Police"])
def test_unknown_names_do_not_resolve(written):
    assert resolve_force(written) is None


def test_every_territorial_force_of_england_and_wales_is_known():
    assert len([f for f in force_table() if f not in {
        "police-scotland", "psni", "british-transport", "civil-nuclear", "ministry-of-defence",
        "national-crime-agency", "isle-of-man", "jersey", "guernsey"}]) == 43
