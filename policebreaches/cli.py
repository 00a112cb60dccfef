"""Command line for the Makefile targets: bless, trace, new-edition, check-reproducible."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .edition import write_manifest


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
    p = sub.add_parser("new-edition", help="scaffold raw/<edition> from a previous one")
    p.add_argument("edition")
    p.add_argument("--from", dest="previous", required=True)
    p.add_argument("--raw", default="raw")
    p = sub.add_parser("baseline", help="commit a build's labels as raw/<edition>/baseline/labels.csv")
    p.add_argument("edition")
    p.add_argument("--raw", default="raw")
    p.add_argument("--results", default="results")
    p = sub.add_parser("data-log", help="write docs/data_log.md from raw/")
    p.add_argument("--raw", default="raw")
    p.add_argument("--out", default="docs/data_log.md")
    p = sub.add_parser("check-reproducible", help="two clean builds, compare every output's sha256")
    p.add_argument("--edition", default="2016")
    p.add_argument("--cores", default="2")
    args = parser.parse_args(argv)
    try:
        if args.command == "bless":
            print(f"wrote {write_manifest(Path(args.raw) / args.edition)}")
        elif args.command == "trace":
            from .trace import trace_key, trace_record_id

            results, raw = Path(args.results) / args.edition, Path(args.raw) / args.edition
            if not (args.key or args.record):
                parser.error("give KEY=<number key> or RECORD=<record id>")
            print(
                trace_key(args.key, results, raw, None if args.all else 20)
                if args.key
                else trace_record_id(args.record, results, raw)
            )
        elif args.command == "new-edition":
            from .scaffold import scaffold_edition

            print(
                f"scaffolded {scaffold_edition(Path(args.raw), args.previous, args.edition)}; next steps in README "
                "('Annual rerun')"
            )
        elif args.command == "baseline":
            from .scaffold import write_baseline

            print(f"wrote {write_baseline(Path(args.raw) / args.edition, Path(args.results) / args.edition)}")
        elif args.command == "data-log":
            from .datalog import data_log

            Path(args.out).write_text(data_log(Path(args.raw)), encoding="utf-8")
            print(f"wrote {args.out}")
        elif args.command == "check-reproducible":
            from .reproducible import check_reproducible

            return check_reproducible(args.edition, args.cores)
    except (KeyError, FileNotFoundError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
