"""`python -m policebreaches <stage> ...` (or the installed `policebreaches` command):
one subcommand per Snakemake rule, each option a file the rule declares. Every stage
writes its own log (--log); a failure there is one message, its traceback in the log.

    python -m policebreaches --help
    python -m policebreaches classify --help
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from pathlib import Path

import click

from .problems import InputError

log = logging.getLogger("policebreaches")
FILE = click.Path(path_type=Path)  # a path; `multiple=True` options take it once per file


@click.group()
def main() -> None:
    """The pipeline's stages, as the rules in rules/*.smk run them."""


def _files(options: dict) -> str:
    """The input files a stage was given, for a message that names them."""
    paths = [v for v in options.values() if isinstance(v, Path)]
    paths += [p for v in options.values() if isinstance(v, tuple | list) for p in v if isinstance(p, Path)]
    return ", ".join(str(p) for p in paths if "out" not in p.name) or "its inputs"


def stage(function):
    """A subcommand that logs to --log and fails with exit code 1 without a traceback on
    the console: input problems are the researcher's to fix (the list is in the log and
    shown by Snakemake); anything else is ours (the traceback is in the log)."""

    @click.option("--log", "log_path", type=FILE, required=True, help="This stage's log file.")
    @functools.wraps(function)
    def wrapper(log_path: Path, **options):
        log_path.parent.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(
            filename=log_path,
            filemode="w",
            level=logging.INFO,
            format="%(levelname)s %(name)s: %(message)s",
            force=True,
        )
        log.info("stage %s, options %s", function.__name__, {k: str(v) for k, v in options.items()})
        try:
            function(**options)
        except InputError as exc:
            log.error("%s", exc)
            sys.exit(1)
        except MemoryError:
            log.error("stage %s ran out of memory working on %s", function.__name__, _files(options))
            sys.exit(1)
        except Exception as exc:
            log.error(
                "stage %s failed: %s: %s (traceback below)", function.__name__, type(exc).__name__, exc, exc_info=True
            )
            sys.exit(1)

    return main.command(name=function.__name__.replace("_", "-"))(wrapper)


def optional(paths: tuple[Path, ...]) -> Path | None:
    """An optional input: Snakemake passes an empty list when the file does not exist."""
    return paths[0] if paths else None


@stage
@click.option("--edition-dir", type=FILE, required=True, help="raw/<edition>/: every file in it is an input.")
@click.option("--forces", type=FILE, required=True, help="The UK police forces (resources/forces.csv).")
@click.option("--limits", required=True, help="JSON: config.yaml's limits (schemas/config.schema.yaml).")
@click.option("--allow-problems", type=bool, default=False, help="Write the register despite problems.")
@click.option("--register-out", type=FILE, required=True)
@click.option("--edition-out", type=FILE, required=True)
@click.option("--problems-out", type=FILE, required=True)
def check_inputs(edition_dir, forces, limits, allow_problems, register_out, edition_out, problems_out):
    """Check the edition folder: manifest, register, files, limits."""
    from .stages import check_inputs as stage_module

    stage_module.run(edition_dir, forces, json.loads(limits), allow_problems, register_out, edition_out, problems_out)


@stage
@click.option("--force-id", required=True)
@click.option("--responses-dir", type=FILE, required=True, help="raw/<edition>/responses (names the files only).")
@click.option("--name", "names", multiple=True, help="A file the register lists for this body.")
@click.option("--response", "responses", type=FILE, multiple=True, help="A response file of this body that exists.")
@click.option("--manifest", default="{}", help="JSON: SHA256SUMS entries of this body's files (or --pinned).")
@click.option("--pinned", multiple=True, help="<sha256>:responses/<name>, a SHA256SUMS entry ('-': none).")
@click.option("--limits", required=True, help="JSON: config.yaml's limits (schemas/config.schema.yaml).")
@click.option("--transcription", "transcriptions", type=FILE, multiple=True, help="transcribed/*.csv")
@click.option("--hints", type=FILE, multiple=True, help="overrides/extraction.yaml, if the edition has one.")
@click.option("--rows-out", type=FILE, required=True)
@click.option("--counts-out", type=FILE, required=True)
@click.option("--status-out", type=FILE, required=True)
@click.option("--problems-out", type=FILE, required=True)
def extract(force_id, responses_dir, names, responses, manifest, pinned, limits, transcriptions, hints, **outs):
    """Check one body's response files, then extract rows and counts from those that pass."""
    from .stages import extract as stage_module

    entries = json.loads(manifest)
    for item in pinned:
        digest, _, name = item.partition(":")
        entries[name] = "" if digest == "-" else digest
    stage_module.run(
        force_id,
        responses_dir,
        list(names),
        list(responses),
        entries,
        json.loads(limits),
        list(transcriptions),
        optional(hints),
        **outs,
    )


@stage
@click.option("--edition", type=FILE, required=True, help="check/edition.json")
@click.option("--rows", "rows_files", type=FILE, multiple=True)
@click.option("--status", "status_files", type=FILE, multiple=True)
@click.option("--problems", "problem_files", type=FILE, multiple=True)
@click.option("--allow-problems", type=bool, default=False)
@click.option("--cleaned-out", type=FILE, required=True)
@click.option("--ledger-out", type=FILE, required=True)
@click.option("--repairs-out", type=FILE, required=True)
@click.option("--problems-out", type=FILE, required=True)
def clean(edition, rows_files, status_files, problem_files, allow_problems, **outs):
    """Normalise dates and roles, mark exclusions, balance the ledger."""
    from .stages import clean as stage_module

    stage_module.run(edition, list(rows_files), list(status_files), list(problem_files), allow_problems, **outs)


@stage
@click.option("--ledger", type=FILE, required=True)
@click.option("--ok-out", type=FILE, required=True)
def check_ledger(ledger, ok_out):
    """Fail when any file's rows in != rows out."""
    from .stages import clean as stage_module

    stage_module.check_ledger(ledger, ok_out)


@stage
@click.option("--cleaned", type=FILE, required=True, help="clean/records.csv")
@click.option("--counts", "count_files", type=FILE, multiple=True, help="extract/<force>.counts.csv")
@click.option("--codebook", type=FILE, required=True)
@click.option("--model", type=FILE, required=True, help="The second opinion (train-model).")
@click.option("--coding", type=FILE, multiple=True, help="overrides/coding.csv, if the edition has one.")
@click.option("--baseline", type=FILE, multiple=True, help="baseline/labels.csv, if the edition has one.")
@click.option("--records-out", type=FILE, required=True)
@click.option("--review-out", type=FILE, required=True)
@click.option("--aggregates-out", type=FILE, required=True)
@click.option("--exclusions-out", type=FILE, required=True)
@click.option("--reclassified-out", type=FILE, required=True)
def classify(cleaned, count_files, codebook, model, coding, baseline, **outs):
    """Label every kept record by the codebook; apply manual codings and the decision policy."""
    from .stages import classify as stage_module

    stage_module.run(cleaned, list(count_files), codebook, model, optional(coding), optional(baseline), **outs)


@stage
@click.option(
    "--corpus", type=FILE, multiple=True, required=True, help="Corpus incidents (dev rows train the second opinion)."
)
@click.option("--codebook", type=FILE, required=True)
@click.option("--model-out", type=FILE, required=True)
def train_model(corpus, codebook, model_out):
    """Train the statistical second opinion once; classify and score-corpus read it."""
    from .stages import train_model as stage_module

    stage_module.run(list(corpus), codebook, model_out)


@stage
@click.option("--records", type=FILE, required=True)
@click.option("--truth", type=FILE, multiple=True, help="True labels, where the edition has them.")
@click.option("--codebook", type=FILE, required=True)
@click.option("--accuracy-out", type=FILE, required=True)
@click.option("--confusion-out", type=FILE, required=True)
def score(records, truth, codebook, accuracy_out, confusion_out):
    """Score the labels against true labels."""
    from .stages import score as stage_module

    stage_module.run(records, optional(truth), codebook, accuracy_out, confusion_out)


@stage
@click.option("--incidents", type=FILE, required=True, help="tests/corpus/incidents.csv")
@click.option("--outcomes", type=FILE, required=True, help="tests/corpus/outcomes.csv")
@click.option(
    "--test-set", "test_sets", type=FILE, multiple=True, help="A later frozen test set (test2_incidents.csv)."
)
@click.option("--codebook", type=FILE, required=True)
@click.option("--model", type=FILE, help="The second opinion (train-model): score with the decision policy.")
@click.option("--out", type=FILE, required=True)
def score_corpus(incidents, outcomes, test_sets, codebook, model, out):
    """Score the codebook and its decision policy on the labelled corpus and its frozen test sets."""
    from .stages import score_corpus as stage_module

    stage_module.run(incidents, outcomes, codebook, out, test_sets=list(test_sets), model=model)


@stage
@click.option("--edition", type=FILE, required=True, help="check/edition.json")
@click.option("--register", type=FILE, required=True, help="check/register.json")
@click.option("--records", type=FILE, required=True)
@click.option("--aggregates", type=FILE, required=True)
@click.option("--ledger", type=FILE, required=True)
@click.option("--exclusions", type=FILE, required=True)
@click.option("--accuracy", type=FILE, required=True)
@click.option("--corpus-accuracy", type=FILE, required=True, help="corpus_accuracy.csv (score-corpus)")
@click.option("--codebook", type=FILE, required=True)
@click.option("--spec", type=FILE, required=True, help="resources/report_spec.yaml")
@click.option("--given-names", type=FILE, required=True, help="resources/given_names.txt (publication gate)")
@click.option("--previous-numbers", type=FILE, multiple=True, help="The previous edition's numbers.json.")
@click.option("--numbers-out", type=FILE, required=True)
@click.option("--cases-out", type=FILE, required=True)
@click.option("--change-out", type=FILE, required=True)
@click.option("--change-table-out", type=FILE, required=True)
@click.option("--table1-out", type=FILE, required=True)
@click.option("--top-ten-out", type=FILE, required=True)
@click.option("--breakdown-out", type=FILE, required=True)
@click.option("--xlsx-out", type=FILE, required=True)
@click.option("--top-by-rate-out", type=FILE, required=True, help="tables/top_ten_by_rate.csv")
@click.option(
    "--tables-readme-out", type=FILE, required=True, help="tables/README.txt (what the tables are; synthetic?)"
)
@click.option("--coded", type=FILE, multiple=True, help="raw/<edition>/coding/coded.csv (make coding-import), if any.")
def statistics(previous_numbers, coded, table1_out, top_ten_out, breakdown_out, xlsx_out, top_by_rate_out, **paths):
    """numbers.json, case studies, change since the previous edition, tables."""
    from .stages import statistics as stage_module

    tables = {
        "table1": table1_out,
        "top_ten": top_ten_out,
        "force_breakdown": breakdown_out,
        "top_ten_by_rate": top_by_rate_out,
        "xlsx": xlsx_out,
    }
    stage_module.run(previous_numbers=optional(previous_numbers), coded=optional(coded), table_outs=tables, **paths)


@stage
@click.option("--numbers", type=FILE, required=True)
@click.option("--register", type=FILE, required=True)
@click.option("--codebook", type=FILE, required=True)
@click.option("--spec", type=FILE, required=True)
@click.option("--given-names", type=FILE, required=True, help="resources/given_names.txt (publication gate)")
@click.option("--folder", type=FILE, required=True, help="Where <figure>.svg/.png/.csv are written.")
@click.option("--readme-out", type=FILE, required=True, help="figures/README.txt")
def figures(numbers, register, codebook, spec, given_names, folder, readme_out):
    """The report's figures (SVG, PNG, data as CSV)."""
    from .stages import figures as stage_module

    stage_module.run(numbers, register, codebook, spec, given_names, folder, readme_out)


@stage
@click.option("--edition", type=FILE, required=True)
@click.option("--numbers", type=FILE, required=True)
@click.option("--register", type=FILE, required=True)
@click.option("--cases", type=FILE, required=True)
@click.option("--change", type=FILE, required=True)
@click.option("--accuracy", type=FILE, required=True)
@click.option("--problems", type=FILE, multiple=True, required=True)
@click.option("--ledger", type=FILE, required=True, help="Which files were used: splits excluded files from warnings.")
@click.option("--figure", "figures", type=FILE, multiple=True, required=True)
@click.option("--codebook", type=FILE, required=True)
@click.option("--spec", type=FILE, required=True)
@click.option("--given-names", type=FILE, required=True, help="resources/given_names.txt (publication gate)")
@click.option("--template", type=FILE, required=True)
@click.option("--css", type=FILE, required=True)
@click.option("--font", "fonts", type=FILE, multiple=True, required=True)
@click.option("--html-out", type=FILE, required=True)
@click.option("--pdf-out", type=FILE, required=True)
def render(problems, figures, fonts, **paths):
    """report.html and report.pdf."""
    from .stages import render as stage_module

    stage_module.run(problems=list(problems), figures=list(figures), fonts=list(fonts), **paths)


@stage
@click.option("--manifest", type=FILE, required=True, help="raw/<edition>/SHA256SUMS")
@click.option("--edition-id", required=True)
@click.option("--config-json", required=True)
@click.option("--out", type=FILE, required=True)
def record_build(manifest, edition_id, config_json, out):
    """build_info.json: versions and configuration of this build."""
    from .stages import record_build as stage_module

    stage_module.run(manifest, edition_id, json.loads(config_json), out)


@stage
@click.option("--build-info", type=FILE, required=True, help="build_info.json (versions, configuration)")
@click.option("--manifest", type=FILE, required=True, help="raw/<edition>/SHA256SUMS")
@click.option("--edition", type=FILE, required=True, help="check/edition.json")
@click.option(
    "--workflow-file", "workflow", type=FILE, multiple=True, required=True, help="Snakefile, then rules/*.smk."
)
@click.option(
    "--workflow-copy",
    "workflow_copies",
    type=FILE,
    multiple=True,
    required=True,
    help="results/<edition>/workflow/<file>: the crate's copy of each --workflow-file, in the same order.",
)
@click.option("--numbers", type=FILE, required=True)
@click.option("--public", type=FILE, multiple=True, required=True, help="A public output (publication.PUBLIC).")
@click.option("--out", type=FILE, required=True, help="results/<edition>/ro-crate-metadata.json")
@click.option("--given-names", type=FILE, required=True, help="resources/given_names.txt (publication gate)")
def describe_run(build_info, manifest, edition, workflow, workflow_copies, numbers, public, out, given_names):
    """ro-crate-metadata.json and workflow/: the build's provenance crate (Workflow Run RO-Crate)."""
    from .stages import describe_run as stage_module

    stage_module.run(
        build_info, manifest, edition, list(workflow), list(workflow_copies), numbers, list(public), out, given_names
    )


@stage
@click.option("--edition-id", required=True)
@click.option("--readme", "readmes", type=FILE, multiple=True, required=True, help="README of an internal folder.")
@click.option("--publishing-out", type=FILE, required=True)
def label_internal(edition_id, readmes, publishing_out):
    """A README in each internal folder (do not publish) and PUBLISHING.txt."""
    from .stages import label_internal as stage_module

    stage_module.run(edition_id, list(readmes), publishing_out)


@stage
@click.option("--numbers", type=FILE, required=True)
@click.option("--records", type=FILE, required=True)
@click.option("--ledger", type=FILE, required=True)
@click.option("--review", type=FILE, required=True)
@click.option("--exclusions", type=FILE, required=True)
@click.option("--codebook", type=FILE, required=True)
@click.option("--template", type=FILE, required=True)
@click.option("--out", type=FILE, required=True)
@click.option("--data-dir", type=FILE, required=True, help="Where the page's data shards are written (audit/data).")
def audit_page(numbers, records, ledger, review, exclusions, codebook, template, out, data_dir):
    """The static audit page (audit/index.html) and its data shards."""
    from .audit import write_audit_page

    write_audit_page(numbers, records, ledger, review, exclusions, codebook, template, out, data_dir)


if __name__ == "__main__":
    main()
