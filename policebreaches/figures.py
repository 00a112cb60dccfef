"""Figures (matplotlib): one sober, greyscale-safe style; SVG for the PDF, PNG
copies, and each figure's data beside it as CSV. Byte-reproducible: fixed svg.hashsalt,
no date metadata. Every value drawn is a numbers.json number, printed on its bar; the
value axis carries no scale of its own, so the figures print no other numbers. The funnel
plot is the exception: its points and limits need both axes' scales."""

from __future__ import annotations

import datetime as dt
import functools
import io
from pathlib import Path

import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from .cells import safe_frame  # noqa: E402
from .personal_data import PersonalData  # noqa: E402
from .publication import frame_problems, gate  # noqa: E402
from .rates import STANDING_WORDS, funnel  # noqa: E402
from .statistics import top_forces  # noqa: E402
from .tables import names_of  # noqa: E402

# Text stays text in the SVG (searchable and selectable in the PDF, and WeasyPrint draws
# ~300 nodes instead of ~2,300 glyph outlines: 0.35 s of the render). matplotlib measures
# it with its own DejaVu Sans; the PDF draws it with the same font bundled as "Report Sans".
STYLE = {
    "svg.hashsalt": "policebreaches",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#333333",
    "axes.titleweight": "bold",
    "axes.titlesize": 10,
    "figure.dpi": 100,
}
MATPLOTLIB_FONT, REPORT_FONT = "font-family: 'DejaVu Sans'", "font-family: 'Report Sans', 'DejaVu Sans', sans-serif"
INK = "#1f3a5f"


def _save(fig, data: pd.DataFrame, name: str, folder: Path, source: str, scanner: PersonalData) -> None:
    gate(frame_problems(scanner, f"figures/{name}.csv", data))  # labels are names: checked before anything is drawn
    fig.text(0.01, 0.01, f"Source: {source}", fontsize=7, color="#555555")
    svg = io.StringIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    (folder / f"{name}.svg").write_text(svg.getvalue().replace(MATPLOTLIB_FONT, REPORT_FONT), encoding="utf-8")
    fig.savefig(folder / f"{name}.png", dpi=150, metadata={"Software": None})
    plt.close(fig)
    safe_frame(data).to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")


def months_in_period(year: int, start: str, end: str) -> int:
    """How many months of `year` the period (ISO dates) covers: a partial first or last
    year is labelled as such, never shown as if it were a full one."""
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    lo = max(first, dt.date(year, 1, 1))
    hi = min(last, dt.date(year, 12, 31))
    return max(0, (hi.year - lo.year) * 12 + hi.month - lo.month + 1) if lo <= hi else 0


def _bars(data: pd.DataFrame, label: str, value: str, title: str, xlabel: str, horizontal: bool = True):
    fig, ax = plt.subplots(figsize=(6.4, 0.32 * len(data) + 1.3 if horizontal else 3.2))
    if horizontal:
        bars = ax.barh(data[label][::-1], data[value][::-1], color=INK)
        ax.set_xlabel(xlabel)
        ax.bar_label(bars, padding=3, fontsize=8, fmt="{:,.0f}")
        ax.tick_params(axis="x", bottom=False, labelbottom=False)
        ax.spines["bottom"].set_visible(False)
    else:
        bars = ax.bar(data[label], data[value], color=INK)
        ax.set_ylabel(xlabel)
        ax.bar_label(bars, padding=2, fontsize=8, fmt="{:,.0f}")
        ax.tick_params(axis="y", left=False, labelleft=False)
        ax.spines["left"].set_visible(False)
        ax.margins(y=0.12)  # room for the tallest bar's label under the title
    ax.set_title(title, loc="left")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def draw_figures(
    numbers: dict, register: list[dict], codebook, spec: dict, folder: Path, source: str, scanner: PersonalData
) -> None:
    """The figures report_spec.yaml declares (`spec`: its `figures`), in the codebook's order."""
    folder.mkdir(parents=True, exist_ok=True)
    types, outcomes = codebook.categories("breach_type"), codebook.categories("outcome_group")
    save = functools.partial(_save, folder=folder, source=source, scanner=scanner)
    with plt.rc_context(STYLE):
        top, names = top_forces(numbers, register), names_of(register)
        data = pd.DataFrame(
            {"force": [names[f] for f in top], "breaches": [numbers[f"forces.{f}.total"]["value"] for f in top]}
        )
        save(_bars(data, "force", "breaches", spec["top_ten"]["title"], "Breaches"), data, "top_ten")
        data = pd.DataFrame(
            {
                "type": [codebook.plain_label("breach_type", t) for t in types],
                "breaches": [numbers[f"breaches.type.{t}"]["value"] for t in types],
            }
        )
        save(_bars(data, "type", "breaches", spec["breach_types"]["title"], "Breaches"), data, "breach_types")
        data = pd.DataFrame(
            {
                "outcome": [codebook.label("outcome_group", o) for o in outcomes],
                "breaches": [numbers[f"outcomes.{o}"]["value"] for o in outcomes],
            }
        )
        save(_bars(data, "outcome", "breaches", spec["outcomes"]["title"], "Breaches"), data, "outcomes")
        years = sorted(key.split(".")[1] for key in numbers if key.startswith("years."))
        months = [
            months_in_period(int(y), numbers["period.start"]["value"], numbers["period.end"]["value"]) for y in years
        ]
        data = pd.DataFrame(
            {
                "year": years,
                "records": [numbers[f"years.{y}"]["value"] for y in years],
                "months_in_period": months,
            }
        )
        save(
            _bars(
                data.assign(year=[y if m == 12 else f"{y}\n({m} months)" for y, m in zip(years, months)]),
                "year",
                "records",
                spec["by_year"]["title"],
                "Incident records",
                horizontal=False,
            ),
            data,
            "by_year",
        )
        data = pd.DataFrame(
            {
                "role": [codebook.label("role", r) for r in codebook.categories("role")],
                "records": [numbers[f"roles.{r}"]["value"] for r in codebook.categories("role")],
            }
        )
        save(_bars(data, "role", "records", spec["roles"]["title"], "Incident records"), data, "roles")
        data, fig = _funnel(numbers, register, spec["funnel"]["title"])
        save(fig, data, "funnel")


def _funnel(numbers: dict, register: list[dict], title: str):
    """Rates per 1,000 against workforce, with the 95% and 99.8% limits around the national
    rate (widened for overdispersion where the forces scatter beyond chance); every body
    outside the limits, high or low, is named on the plot. (data, figure)"""
    rated = [r for r in register if f"forces.{r['force_id']}.rate_per_1000" in numbers]
    data = pd.DataFrame(
        {
            "force": [r["name"] for r in rated],
            "workforce": [r["workforce"]["workforce"] for r in rated],
            "breaches": [numbers[f"forces.{r['force_id']}.total"]["value"] for r in rated],
            "rate_per_1000": [round(numbers[f"forces.{r['force_id']}.rate_per_1000"]["value"], 4) for r in rated],
            "standing": [STANDING_WORDS[numbers[f"forces.{r['force_id']}.funnel"]["value"]] for r in rated],
        }
    )
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.set_title(title, loc="left")
    if not rated:
        ax.axis("off")
        ax.text(0.5, 0.5, "Rates not shown: this edition gives no workforce figures (denominators.csv).", ha="center")
        return data, fig
    rows = [
        {"force_id": r["force_id"], "total": b, "workforce": w} for r, b, w in zip(rated, data.breaches, data.workforce)
    ]
    result = funnel(rows, numbers["period.days"]["value"])
    lines = result["lines"]
    adjusted = " (widened for overdispersion)" if result["method"] == "random_effects" else ""
    for level, style in (("95", "--"), ("99.8", ":")):
        for side in ("upper", "lower"):
            points = lines[f"{side}_{level}"]
            ax.plot([x for x, _ in points], [y for _, y in points], style, color="#555555", linewidth=1,
                    label=f"{level}% limits{adjusted}" if side == "upper" else None)  # fmt: skip
    national = numbers["rates.national_per_1000"]["value"]
    ax.axhline(national, color="#555555", linewidth=1, label="national rate")
    ax.scatter(data.workforce, data.rate_per_1000, s=16, color=INK, zorder=3)
    ax.set_xscale("log")
    thousands = matplotlib.ticker.FuncFormatter(lambda x, _: f"{x:,.0f}")
    ax.xaxis.set_major_formatter(thousands)
    # within one decade the log axis has no major tick to label: label the minor ones, never as "2 x 10^3"
    narrow = data.workforce.max() < 10 * data.workforce.min()
    ax.xaxis.set_minor_formatter(thousands if narrow else matplotlib.ticker.NullFormatter())
    ax.set_xlabel("Workforce (officers and staff), log scale")
    ax.set_ylabel("Breaches a year per 1,000 workforce")
    ax.legend(frameon=False, fontsize=7, loc="upper right")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    outside = data[data.standing != STANDING_WORDS["within"]].sort_values(["workforce", "force"])
    place_labels(fig, ax, [(row.force, row.workforce, row.rate_per_1000) for row in outside.itertuples()])
    return data, fig


# where a label may sit beside its point (offset in points, horizontal alignment): right,
# left, above, below, then further out; the first that touches no other label is used
LABEL_PLACES = [
    ((4, 2), "left"), ((4, -9), "left"), ((-4, 2), "right"), ((-4, -9), "right"),
    ((0, 7), "center"), ((0, -14), "center"), ((6, 12), "left"), ((6, -19), "left"),
    ((-6, 12), "right"), ((-6, -19), "right"), ((0, 20), "center"), ((0, -26), "center"),
]  # fmt: skip


LEADER = {"arrowstyle": "-", "color": "#888888", "linewidth": 0.5}
LABEL_BACKGROUND = {"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.85}  # legible over a limit line


def place_labels(fig, ax, points: list[tuple[str, float, float]]) -> list:
    """Name each point with a label that overlaps no other label, the legend or the axes'
    edge, measured with the renderer's own text extents; a label that finds no free place
    beside its point is drawn further out with a leader line. Call after the layout is fixed."""
    renderer = fig.canvas.get_renderer()
    taken = [ax.get_legend().get_window_extent(renderer)] if ax.get_legend() else []
    frame = ax.get_window_extent(renderer)
    labels = []
    for name, x, y in points:
        label = None
        for offset, align in LABEL_PLACES:
            label = ax.annotate(name, (x, y), xytext=offset, textcoords="offset points", fontsize=7, ha=align,
                                bbox=LABEL_BACKGROUND)  # fmt: skip
            box = label.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in taken):
                break
            label.remove()
            label = None
        if label is None:
            label = _leader_label(ax, renderer, name, (x, y), taken, frame)
        taken.append(label.get_window_extent(renderer))
        labels.append(label)
    return labels


def _leader_label(ax, renderer, name: str, point: tuple[float, float], taken: list, frame):
    """A label moved down the axes' free space, step by step, joined to its point by a line."""
    step = 0
    while True:
        step += 1
        label = ax.annotate(name, point, xytext=(8, -10 - 9 * step), textcoords="offset points", fontsize=7,
                            bbox=LABEL_BACKGROUND, arrowprops=LEADER)  # fmt: skip
        box = label.get_window_extent(renderer)
        if not any(box.overlaps(other) for other in taken) or box.y0 < frame.y0 - 200:
            return label
        label.remove()
