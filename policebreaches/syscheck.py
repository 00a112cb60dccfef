"""`make system-check`: the system libraries report.pdf's bytes depend on.

WeasyPrint draws text with Pango and subsets the embedded fonts with HarfBuzz's
subsetter (libharfbuzz-subset); without the subsetter it falls back to fontTools and
the PDF comes out with other bytes. The report's text must be set in the bundled
fonts (report/fonts/), never in whatever fonts the machine happens to have."""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES_FILE = REPO / "envs" / "system-packages.txt"
FONT = REPO / "report" / "fonts" / "DejaVuSans.ttf"


def system_packages(path: Path = PACKAGES_FILE) -> list[str]:
    """Debian package names from envs/system-packages.txt (comments and blanks skipped)."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def install_line() -> str:
    return "apt-get install -y " + " ".join(system_packages())


def embedded_fonts(pdf: bytes) -> set[str]:
    """Names of the fonts a PDF embeds, without the subset prefix (ABCDEF+)."""
    return {name.decode().split("+", 1)[-1] for name in re.findall(rb"/BaseFont\s*/([^\s/>\]]+)", pdf)}


def problems() -> list[str]:
    """What is missing, as sentences; empty when the machine can build byte-identical PDFs."""
    try:
        from weasyprint import HTML
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except OSError as exc:  # Pango not found
        return [f"WeasyPrint cannot load Pango ({exc})"]
    found = []
    if harfbuzz_subset is None or not harfbuzz.hb_version_atleast(4, 1, 0):
        found.append("HarfBuzz's font subsetter (libharfbuzz-subset, HarfBuzz >= 4.1) is missing")
    page = (
        f'<style>@font-face{{font-family:Bundled;src:url("{FONT.as_uri()}")}}'
        "body{font-family:Bundled}</style><p>Safe in Police Hands? 2,315</p>"
    )
    fonts = embedded_fonts(HTML(string=page).write_pdf(uncompressed_pdf=True))
    if fonts != {"Bundled"}:  # WeasyPrint names an @font-face font after its family
        found.append(f"the bundled font was not used: the test page embeds {sorted(fonts) or 'no font'}")
    return found


def main() -> int:
    found = problems()
    if not found:
        print("system check passed: Pango, HarfBuzz subsetting and the bundled fonts are in use")
        return 0
    print("The system libraries report.pdf depends on are not all installed:", file=sys.stderr)
    for problem in found:
        print(f"  - {problem}", file=sys.stderr)
    print(
        f"Install them (Debian/Ubuntu, as root; with sudo as a normal user):\n  {install_line()}\n"
        "macOS (Homebrew): brew install pango harfbuzz",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
