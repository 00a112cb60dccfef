"""What a researcher sees: the system check, the configuration, force names as people
write them, and a quiet build whose last words on bad inputs are the problem list."""

import csv
import re
import subprocess
import sys

import pytest

from policebreaches.forces import FORCES_CSV, _key, uk_forces
from policebreaches.settings import check_config, parse_bool
from policebreaches.syscheck import embedded_fonts, install_line, problems, system_packages

from conftest import REPO, run_pipeline
from editions import make_edition


def test_readme_and_ci_install_exactly_the_checked_system_packages():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert install_line() in readme
    assert "libharfbuzz-subset0" in system_packages()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "envs/system-packages.txt" in ci and "make system-check" in ci


def test_this_machine_passes_the_system_check():
    assert problems() == []


def test_the_report_is_set_in_the_bundled_fonts_only(built):
    """Every font the PDF's pages use is one of report.css's @font-face families (the
    bundled TTFs), never a system font."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    fonts = set()
    with open(built / "report.pdf", "rb") as fh:
        for page in PDFPage.get_pages(fh):
            for font in (resolve1(page.resources.get("Font")) or {}).values():
                fonts.add(resolve1(font)["BaseFont"].name.split("+")[-1])
    assert fonts and all(f.startswith("Report-") for f in fonts), fonts


def test_embedded_fonts_reads_font_names_of_an_uncompressed_pdf():
    pdf = b"<< /Type /Font /BaseFont /ABCDEF+Bundled >> << /BaseFont /Report-Sans-Bold >>"
    assert embedded_fonts(pdf) == {"Bundled", "Report-Sans-Bold"}


@pytest.mark.parametrize(
    "text, value",
    [("true", True), ("Yes", True), ("1", True), (" no ", False), ("FALSE", False), ("0", False), (True, True)],
)
def test_booleans_accept_yes_and_no_words(text, value):
    assert parse_bool(text, "allow_problems") is value


@pytest.mark.parametrize("text", ["ture", "y", "2", "", "none"])
def test_booleans_refuse_anything_else_by_name(text):
    with pytest.raises(ValueError, match="allow_problems"):
        parse_bool(text, "allow_problems")


def test_misspelt_keys_get_the_closest_valid_key():
    config = {"edition": 2016, "allow_problem": "true", "limits": {"max_file_mbs": 3}}
    found = check_config(config)
    assert found == [
        "unknown config key 'allow_problem'; did you mean 'allow_problems'?",
        "unknown config key 'limits.max_file_mbs'; did you mean 'limits.max_file_mb'?",
    ]
    assert config["edition"] == "2016"


USER_MISTAKES = {  # --config given -> what the message must say
    "allow_problems=ture": "config allow_problems='ture' is not a yes/no value",
    "alow_problems=true": "unknown config key 'alow_problems'; did you mean 'allow_problems'?",
    'limits={"max_rows": "ten"}': "config limits.max_rows='ten' is not a whole number",
    'limits={"max_row": 10}': "unknown config key 'limits.max_row'; did you mean 'limits.max_rows'?",
    "limits=10": "config limits=10 is not a mapping: set a nested key as --config limits='{",
    "limits={max_rows: 10": "is not a mapping",
    "edition=2099": "raw/2099/requests.csv not found: '2099' is not an edition folder under raw/ (editions here: 2016",
}
WRAPPER_WORDS = ("Traceback", "Exception", "Error in file", "WorkflowError", "additionalProperties")


@pytest.mark.parametrize("given", sorted(USER_MISTAKES))
def test_a_user_mistake_in_the_configuration_is_one_message_with_exit_status_2(given):
    """Said by the project before Snakemake plans anything, so with any --logger."""
    logger = ["--logger", "brief"] if given.startswith("edition") else []
    done = subprocess.run(
        [sys.executable, "-m", "snakemake", "-n", *logger, "--config", given],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    said = done.stdout + done.stderr
    assert done.returncode == 2, said
    assert USER_MISTAKES[given] in said and "The build cannot start:" in said, said
    assert not [word for word in WRAPPER_WORDS if word in said], said


def test_nested_limits_set_with_json_are_read_as_numbers():
    config = {"limits": {"max_rows": "10", "max_file_mb": "2.5"}}
    assert check_config(config) == [] and config["limits"] == {"max_rows": 10, "max_file_mb": 2.5}


@pytest.mark.parametrize(
    "written, force_id",
    [
        ("West Mids Police", "west-midlands"),
        ("North Yorks Police", "north-yorkshire"),
        ("Notts", "nottinghamshire"),
        ("Leics Police", "leicestershire"),
        ("Lincs", "lincolnshire"),
        ("Herts Constabulary", "hertfordshire"),
        ("Cambs", "cambridgeshire"),
        ("Glos", "gloucestershire"),
        ("Wilts Police", "wiltshire"),
        ("Northants", "northamptonshire"),
        ("Staffs", "staffordshire"),
        ("Warks", "warwickshire"),
        ("Beds Police", "bedfordshire"),
        ("the Met", "metropolitan"),
        ("PSNI", "psni"),
        ("BTP", "british-transport"),
        ("Hants", "hampshire"),
        ("W Yorks Police", "west-yorkshire"),
        ("Police Scotland", "police-scotland"),
    ],
)
def test_short_forms_of_force_names(written, force_id):
    assert uk_forces().resolve(written) == force_id


def test_an_unknown_name_gets_suggestions_never_a_silent_guess():
    forces = uk_forces()
    assert forces.resolve("Surey Police") is None
    assert forces.suggest("Surey Police")[0] == "Surrey Police"
    assert forces.suggest("Thames Vally Police") == ["Thames Valley Police"]
    assert forces.suggest("Nowhere Parish Council") == []


def test_no_alias_names_two_forces():
    owner = {}
    for row in csv.DictReader(FORCES_CSV.open(encoding="utf-8")):
        for name in [row["force_id"], row["name"], *filter(None, row["aliases"].split("|"))]:
            key = _key(name.replace("-", " "))
            assert owner.setdefault(key, row["force_id"]) == row["force_id"], (name, owner[key])


def test_register_problem_suggests_the_force(tmp_path):
    from policebreaches.edition import read_register

    root = make_edition(tmp_path / "2017", [{"force": "Surey Police", "status": "no_response"}], {})
    found = []
    read_register(root, found, uk_forces())
    assert "did you mean 'Surrey Police'" in found[0].fix


def test_a_quiet_build_prints_one_line_per_stage(built_console):
    _, console = built_console
    lines = console.strip().splitlines()
    assert len(lines) < 30, console
    assert re.search(r"done  extract_responses \(\d+ jobs\)", console) and "done  render_report" in console
    assert "Traceback" not in console and "input:" not in console


def test_bad_inputs_end_with_the_problem_list_and_the_old_outputs_are_set_aside(tmp_path):
    raw = tmp_path / "raw"
    make_edition(
        raw / "2017",
        [
            {"force": "Surey Police", "status": "no_response"},
            {"force": "Kent", "status": "disclosed", "files": "kent/a.csv"},
        ],
        {"kent/a.csv": "Date,Details,Outcome\n2013-01-01,Looked up a neighbour on PNC,NFA\n"},
    )
    old = tmp_path / "results" / "2017"
    old.mkdir(parents=True)
    (old / "report.pdf").write_bytes(b"%PDF- an old report")
    (old / "numbers.json").write_text('{"breaches.total": {"value": 7}}', encoding="utf-8")
    (old / "tables").mkdir()
    (old / "tables" / "table1.csv").write_text("old\n", encoding="utf-8")
    done = run_pipeline(tmp_path / "results", "2017", raw, "--logger", "brief", check=False)
    console = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in console
    assert sorted(p.name for p in old.iterdir()) == ["logs", "stale"], "an output of the old build looks current"
    assert (old / "stale" / "report.pdf").read_bytes() == b"%PDF- an old report"
    assert (old / "stale" / "tables" / "table1.csv").is_file() and (old / "stale" / "numbers.json").is_file()
    assert "STALE" in (old / "stale" / "README.txt").read_text(encoding="utf-8")
    tail = console.strip().splitlines()[-2:]
    assert tail[0].startswith("- requests.csv line 2 ('Surey Police'): unknown force name"), console
    assert re.match(r"\s+fix: did you mean 'Surrey Police'", tail[1]), console


def test_the_system_check_names_a_missing_subsetter_and_the_install_line(monkeypatch, capsys):
    import weasyprint.text.ffi

    from policebreaches import syscheck

    monkeypatch.setattr(weasyprint.text.ffi, "harfbuzz_subset", None)  # as without libharfbuzz-subset0
    assert any("subsetter" in p for p in syscheck.problems())
    assert syscheck.main() == 1
    assert install_line() in capsys.readouterr().err
