"""Write the synthetic sample edition and its true labels (what `make sample-edition` runs).

    python scripts/make_sample_edition.py raw/2016 tests/truth/2016 [SCALE]

SCALE > 1 writes a larger, uncalibrated edition for benchmarks (bench/run_bench.py)."""

import sys
from pathlib import Path

from sample_edition.generate import generate  # scripts/sample_edition/ (this script's folder is on sys.path)

if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    generate(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) == 4 else 1)
