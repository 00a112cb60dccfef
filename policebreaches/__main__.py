"""`python -m policebreaches stage <module>[:function] --log LOG --input NAME=PATH ...`
(or the installed `policebreaches` command): how every Snakemake rule runs its stage, with
the files its rule declares (policebreaches/stage_call.py). Every stage writes its own log;
a failure there is one message, its traceback in the log.

    python -m policebreaches stage --help
"""

from __future__ import annotations

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


@main.command(name="stage")
@click.argument("target")
@click.option("--log", "log_path", type=FILE, required=True, help="This stage's log file.")
@click.option("--input", "inputs", multiple=True, help="NAME=PATH: a file of the rule's input NAME.")
@click.option("--output", "outputs", multiple=True, help="NAME=PATH: a file of the rule's output NAME.")
@click.option("--value", "values", multiple=True, help="NAME=JSON: a value the rule gives.")
@click.option("--item", "items", multiple=True, help="NAME=JSON: one element of a list or mapping the rule gives.")
def run_stage(target, log_path, inputs, outputs, values, items):
    """Run the stage TARGET (policebreaches.<module>[:function]) on its rule's files, as
    rules/common.smk's stage() and stage_io() call it (policebreaches/stage_call.py)."""
    from .stage_call import arguments, resolve

    log_path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=log_path, filemode="w", level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", force=True
    )
    log.info("stage %s, inputs %s, outputs %s", target, list(inputs), list(outputs))
    try:
        function = resolve(target)
        function(**arguments(function, list(inputs), list(outputs), list(values), list(items)))
    except InputError as exc:
        log.error("%s", exc)
        sys.exit(1)
    except MemoryError:
        named = [word.partition("=")[2] for word in inputs]
        log.error("stage %s ran out of memory working on %s", target, ", ".join(named) or "its inputs")
        sys.exit(1)
    except Exception as exc:
        log.error("stage %s failed: %s: %s (traceback below)", target, type(exc).__name__, exc, exc_info=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
