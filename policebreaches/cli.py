"""Command line for the Makefile targets: bless, trace, verify, new-edition, check-reproducible, validate-crate."""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from .edition import write_manifest
from .problems import InputError, UserMistake, raise_if_any
from .staleness import NoCurrentBuild, require_build


def review_command(args) -> str:
    """make review / review-sheet / review-import, on the last build's review.csv."""
    import datetime as dt

    from .classify import default_codebook
    from .edition import read_checked_edition
    from .review import append_decisions, decision_problems, import_review_sheet, walk_queue, write_review_sheet
    from .stages.io import read_csv

    results, edition_dir = Path(args.results) / args.edition, Path(args.raw) / args.edition
    require_build(results, args.edition)
    review, codebook, today = read_csv(results / "review.csv"), default_codebook(), dt.date.today()
    if args.command == "review-sheet":
        out = Path(args.file) if args.file else results / "review-sheet.xlsx"
        published = read_checked_edition(results / "check" / "edition.json").published
        waiting = write_review_sheet(review, codebook, out, published)
        return f"wrote {out} ({waiting} records waiting; internal: unredacted text, do not publish)"
    if args.command == "review-import":
        if not args.file:
            raise SystemExit("give FILE=<the filled review sheet>")
        from openpyxl.utils.exceptions import InvalidFileException

        unreadable = (OSError, KeyError, ValueError, zipfile.BadZipFile, InvalidFileException)  # not an xlsx it wrote
        try:
            written = import_review_sheet(Path(args.file), review, codebook, edition_dir, today)
        except unreadable as exc:
            raise UserMistake(
                f"{args.file} is not a review sheet ({type(exc).__name__}: {exc}); give FILE=<the .xlsx "
                f"'make review-sheet' wrote, filled in>, e.g. FILE=results/{args.edition}/review-sheet.xlsx"
            ) from None
        if not written:
            return f"{args.file} holds no decision: overrides/coding.csv is unchanged"
        return f"{written} decisions added to {edition_dir}/overrides/coding.csv; rebuild to apply them"
    from .review import queue

    if queue(review).empty:
        return f"the review queue of {args.edition} is empty: no record waits for a decision ({results / 'review.csv'})"
    coder = args.coder or input("coder (your name or initials): ").strip()
    decisions = walk_queue(review, codebook, coder, today)
    raise_if_any(decision_problems(decisions, review, codebook, "make review"), "review")
    if not decisions:
        return "no decision made: overrides/coding.csv is unchanged"
    append_decisions(edition_dir, decisions)
    return f"{len(decisions)} decisions added to {edition_dir}/overrides/coding.csv; rebuild to apply them"


def verify_command(args) -> int:
    """make verify: results/<edition>/ against a recomputation from raw/<edition>/ alone."""
    import json

    import yaml

    from .settings import check_config
    from .verify import Settings, verify

    config = yaml.safe_load(Path(args.config).read_text(encoding="utf-8"))
    problems = check_config(config)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    settings = Settings.from_config(config)
    if args.raw:
        settings.raw_dir = Path(args.raw)
    if args.results:
        settings.results_dir = Path(args.results)
    settings.allow_problems |= args.allow_problems
    require_build(settings.results_dir / args.edition, args.edition)  # nothing to verify, nothing to record
    result = verify(settings, args.edition, args.key)
    if result.reason.startswith("no number"):  # a misspelt KEY: said, and no record to send
        print("\n".join(result.lines))
        return 2
    out = Path(args.out) if args.out else settings.results_dir / args.edition / verification_name(args.key)
    if args.out:
        out.parent.mkdir(parents=True, exist_ok=True)
    if out.parent.is_dir():  # by default beside the results checked, when there are any
        out.write_text(json.dumps(result.record(), indent=1) + "\n", encoding="utf-8")
        result.lines.append(f"verification record: {out} (send it with the report)")
    print("\n".join(result.lines))
    return 0 if result.ok else 1


def verification_name(key: str | None) -> str:
    """verification.json records a whole build's check (the file sent with the report); a
    check of one number goes beside it and never overwrites it."""
    return f"verification.{key}.json" if key else "verification.json"


def validate_crate_command(folder: Path) -> int:
    """make validate-crate: roc-validator's verdict on a build's provenance crate, offline."""
    from importlib.metadata import version

    from .crate import CRATE_FILE
    from .crate_check import CONTEXTS, PROFILE, validate_crate

    require_build(folder, folder.name)
    if not (folder / CRATE_FILE).is_file():
        raise FileNotFoundError(f"{folder / CRATE_FILE} not found: build the edition first (make report)")
    result = validate_crate(folder)
    valid = result.passed and not result.skipped  # every required check ran, none was skipped
    verdict = "valid" if valid else "NOT valid"
    print(
        f"{folder / CRATE_FILE}: {verdict} (roc-validator {version('roc-validator')}, profile {PROFILE}, "
        "required checks)"
    )
    for issue in result.issues:
        print(f"  problem: {issue}")
    for skipped in result.skipped:
        print(f"  skipped by the validator (not checked): {skipped}")
    served = ", ".join(f"{url} from {CONTEXTS[url].name}" for url in result.fetched) or "nothing"
    print(f"  no network used: served {served} (policebreaches/contexts/)")
    return 0 if valid else 1


def coding_command(args) -> str:
    """make coding-sample / coding-import: this edition's own accuracy, coded blind by a person."""
    import datetime as dt

    from .classify import default_codebook
    from .coding import agreement, draw_sample, read_sheet, write_coded, write_sheet
    from .edition import read_checked_edition
    from .problems import Problem
    from .stages.io import read_csv

    results, edition_dir = Path(args.results) / args.edition, Path(args.raw) / args.edition
    records, codebook = read_csv(results / "records.csv"), default_codebook()
    if args.command == "coding-sample":
        out = Path(args.file) if args.file else results / "coding-sample.xlsx"
        published = read_checked_edition(results / "check" / "edition.json").published
        written = write_sheet(draw_sample(records, int(args.n)), codebook, out, published)
        return f"wrote {out} ({written} records, text only; internal: unredacted text, do not publish)"
    if not args.file:
        raise SystemExit("give FILE=<the filled coding sheet>")
    coded, problems = read_sheet(Path(args.file), codebook, dt.date.today())
    known = set(records["record_id"])
    problems += [
        Problem(args.file, f"record {rid} is not a record of this edition's last build", "code the current sample")
        for rid in coded["record_id"]
        if rid not in known
    ]
    raise_if_any(problems, "coding")
    path = write_coded(edition_dir, coded)
    scores = agreement(coded, records)
    lines = [f"{len(coded)} coded records written to {path}; rebuild to print them in the methodology"]
    for field, group in scores.groupby("field", sort=False):
        measure = group.set_index("measure")
        lines.append(
            f"  {field}: right {measure.at['right', 'value']:.1%}, review {measure.at['review', 'value']:.1%}, "
            f"wrong {measure.at['wrong', 'value']:.1%}; kappa {measure.at['kappa', 'value']:.2f} "
            f"({measure.at['kappa', 'low']:.2f}-{measure.at['kappa', 'high']:.2f}), alpha "
            f"{measure.at['alpha', 'value']:.2f} ({measure.at['alpha', 'low']:.2f}-{measure.at['alpha', 'high']:.2f})"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policebreaches.cli")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("bless", help="rewrite raw/<edition>/SHA256SUMS after a deliberate change")
    p.add_argument("edition")
    p.add_argument("--raw", default="raw")
    p = sub.add_parser("trace", help="trace a number (--key) or a record (--record) to its raw rows")
    p.add_argument("--edition", default="2016")
    p.add_argument("--key")
    p.add_argument("--record")
    p.add_argument("--all", action="store_true", help="list every record, not the first 20")
    p.add_argument("--raw", default="raw")
    p.add_argument("--results", default="results")
    p = sub.add_parser("verify", help="recompute the numbers from raw/<edition> alone; compare with results/")
    p.add_argument("--edition", default="2016")
    p.add_argument("--key", help="verify this one number and print its whole chain")
    p.add_argument("--config", default="config.yaml", help="the build's configuration (raw, results, limits)")
    p.add_argument("--raw", help="the folder of raw editions (default: config.yaml's raw_dir)")
    p.add_argument("--results", help="the folder of results (default: config.yaml's results_dir)")
    p.add_argument("--out", help="the verification record (default: results/<edition>/verification.json)")
    p.add_argument("--allow-problems", action="store_true", help="as a build with --config allow_problems=true")
    p = sub.add_parser("new-edition", help="scaffold raw/<edition> from a previous one")
    p.add_argument("edition")
    p.add_argument("--from", dest="previous", default="")
    p.add_argument("--raw", default="raw")
    p = sub.add_parser("baseline", help="commit a build's labels as raw/<edition>/baseline/labels.csv")
    p.add_argument("edition")
    p.add_argument("--raw", default="raw")
    p.add_argument("--results", default="results")
    p = sub.add_parser("data-log", help="write docs/data_log.md from raw/")
    p.add_argument("--raw", default="raw")
    p.add_argument("--out", default="docs/data_log.md")
    for name, text in (
        ("review", "walk the review queue in the terminal; decisions go to overrides/coding.csv"),
        ("review-sheet", "write the review queue as an xlsx with a drop-down per decision"),
        ("review-import", "read a filled review sheet back into overrides/coding.csv"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--edition", default="2016")
        p.add_argument("--raw", default="raw")
        p.add_argument("--results", default="results")
        p.add_argument("--coder", default="")
        p.add_argument("--file", help="review-import: the filled sheet; review-sheet: where to write it")
    for name, text in (
        ("coding-sample", "draw a seeded, stratified blind sample of the edition's records for a person to code"),
        ("coding-import", "read a filled coding sheet into raw/<edition>/coding/coded.csv and score the agreement"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--edition", default="2016")
        p.add_argument("--raw", default="raw")
        p.add_argument("--results", default="results")
        p.add_argument("--n", default="200", help="coding-sample: how many records")
        p.add_argument("--file", help="coding-import: the filled sheet; coding-sample: where to write it")
    p = sub.add_parser("crossval", help="leave-one-writer-out cross-validation of second opinions and policies")
    p.add_argument("--out", default="docs/crossval", help="where the tables go")
    p = sub.add_parser("check-reproducible", help="two clean builds, compare every output's sha256")
    p.add_argument("--edition", default="2016")
    p.add_argument("--cores", default="2")
    p = sub.add_parser("validate-crate", help="validate results/<edition>/ro-crate-metadata.json (roc-validator)")
    p.add_argument("--edition", default="2016")
    p.add_argument("--results", default="results")
    args = parser.parse_args(argv)
    try:
        if args.command == "bless":
            print(f"wrote {write_manifest(Path(args.raw) / args.edition)}")
        elif args.command == "trace":
            from .trace import trace_key, trace_record_id

            results, raw = Path(args.results) / args.edition, Path(args.raw) / args.edition
            if not (args.key or args.record):
                parser.error("give KEY=<number key> or RECORD=<record id>")
            require_build(results, args.edition)
            print(
                trace_key(args.key, results, raw, None if args.all else 20)
                if args.key
                else trace_record_id(args.record, results, raw)
            )
        elif args.command == "verify":
            return verify_command(args)
        elif args.command in ("review", "review-sheet", "review-import"):
            print(review_command(args))
        elif args.command == "new-edition":
            from .scaffold import scaffold_edition, scaffold_summary

            if not args.previous:
                raise UserMistake("give FROM=<the previous edition>, e.g. make new-edition EDITION=2017 FROM=2016")
            target = scaffold_edition(Path(args.raw), args.previous, args.edition)
            print(scaffold_summary(Path(args.raw), args.previous, target))
        elif args.command == "baseline":
            from .scaffold import write_baseline

            print(f"wrote {write_baseline(Path(args.raw) / args.edition, Path(args.results) / args.edition)}")
        elif args.command == "data-log":
            from .datalog import data_log

            Path(args.out).write_text(data_log(Path(args.raw)), encoding="utf-8")
            print(f"wrote {args.out}")
        elif args.command in ("coding-sample", "coding-import"):
            print(coding_command(args))
        elif args.command == "crossval":
            from .crossval import run

            print(run(Path.cwd(), Path(args.out)))
        elif args.command == "check-reproducible":
            from .reproducible import check_reproducible

            return check_reproducible(args.edition, args.cores)
        elif args.command == "validate-crate":
            return validate_crate_command(Path(args.results) / args.edition)
    except EOFError:  # make review with no terminal to answer
        print("error: make review needs a terminal to answer its questions", file=sys.stderr)
        return 2
    except InputError as exc:  # a decision or a sheet that does not pass its checks
        print(exc, file=sys.stderr)
        return 1
    except (NoCurrentBuild, UserMistake, KeyError, FileNotFoundError, FileExistsError) as exc:
        said = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc  # a KeyError's str() is a repr
        print(f"error: {said}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
