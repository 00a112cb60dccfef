"""The floor: every stage function of one edition run in ONE Python process, no
workflow engine, one after another (policebreaches.onepass, which `make verify` uses
too). Prints JSON {stage: seconds}.
Usage: python bench/floor.py RAW_EDITION_DIR OUT_DIR [TRUTH_CSV]"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's package, not whichever one is installed (a worktree's own code)


def run_floor(root: Path, out: Path, truth: Path | None = None) -> dict[str, float]:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(timings.get(name, 0.0) + now - clock, 3)
        clock = now

    from policebreaches.onepass import run_stages

    lap("imports")
    limits = {"max_file_mb": 50, "max_unpacked_mb": 200, "max_zip_ratio": 100, "max_rows": 250000}
    run_stages(root, out, limits=limits, corpus_dir=REPO / "tests" / "corpus", truth=truth, lap=lap)
    return timings


if __name__ == "__main__":
    result = run_floor(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
    result["total"] = round(sum(result.values()), 3)
    print(json.dumps(result))
