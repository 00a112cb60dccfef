"""Every Snakemake rule runs `python -m policebreaches.jobs <stage> --<parameter> ...`.

The options are the stage function's own parameters (lists take several values, bools
take true/false, dicts take JSON), so a rule's shell line reads like the call it makes.
Why not `script:`: Snakemake spends about a second of its own per script job
(measured: 44 extraction jobs, 31.6 s as script: against 10.7 s as module entry
points), and most of a build is such jobs; see bench/RESULTS.md."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .problems import InputError

STAGES = {  # stage name -> (module, function)
    "check_inputs": ("policebreaches.stages", "stage_check_inputs"),
    "extract": ("policebreaches.extract_stage", "stage_extract"),
    "clean": ("policebreaches.stages", "stage_clean"),
    "check_ledger": ("policebreaches.stages", "stage_check_ledger"),
    "classify": ("policebreaches.stages", "stage_classify"),
    "score": ("policebreaches.stages", "stage_score"),
    "statistics": ("policebreaches.stages", "stage_statistics"),
    "figures": ("policebreaches.stages", "stage_figures"),
    "render": ("policebreaches.stages", "stage_render"),
    "record_build": ("policebreaches.buildinfo", "stage_record_build"),
    "audit_page": ("policebreaches.audit", "write_audit_page"),
}


def _converter(annotation: str):
    if annotation.startswith("bool"):
        return lambda text: text.strip().lower() in ("true", "1", "yes")
    if annotation.startswith("dict"):
        return json.loads
    if annotation.startswith("str"):
        return str
    return Path


def _parser_for(name: str, function):
    import argparse
    import inspect

    parser = argparse.ArgumentParser(prog=f"python -m policebreaches.jobs {name}", description=function.__doc__)
    parser.add_argument("--log", type=Path, required=True)
    for parameter in inspect.signature(function).parameters.values():
        annotation = str(parameter.annotation)
        many = annotation.startswith(("list", "tuple"))
        inner = annotation[annotation.find("[") + 1 :] if many else annotation
        parser.add_argument(
            f"--{parameter.name.replace('_', '-')}",
            dest=parameter.name,
            type=_converter(inner),
            nargs="*" if many else None,
            required=parameter.default is inspect.Parameter.empty,
            default=None if parameter.default is inspect.Parameter.empty else parameter.default,
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    return run(argv)


def run(argv: list[str]) -> int:
    """Run one stage in this process."""
    import importlib
    import logging

    if not argv or argv[0] not in STAGES:
        print(
            f"usage: python -m policebreaches.jobs {{{','.join(STAGES)}}} --log LOG --<parameter> ...", file=sys.stderr
        )
        return 2
    module, attribute = STAGES[argv[0]]
    function = getattr(importlib.import_module(module), attribute)
    args = vars(_parser_for(argv[0], function).parse_args(argv[1:]))
    log_path = args.pop("log")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=log_path, filemode="w", level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", force=True
    )
    log = logging.getLogger("policebreaches")
    log.info("stage %s, arguments %s", argv[0], {k: str(v) for k, v in args.items()})
    try:
        function(**args)
    except InputError as exc:  # the researcher's to fix: the list of problems, no traceback
        log.error("%s", exc)
        return 1
    except Exception as exc:  # ours to fix: the traceback stays in the log
        log.error("stage %s failed: %s: %s (traceback below)", argv[0], type(exc).__name__, exc, exc_info=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
