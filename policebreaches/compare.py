"""Change since the previous edition: headline and per-force deltas, bodies that moved
in or out of the top ten, and the response rate. Every delta becomes a numbers.json
entry (change.<key>.previous / change.<key>.delta), so it is traced like any number."""

from __future__ import annotations


def headline(codebook) -> list[tuple[str, str]]:
    """(key, label) of the headline numbers compared, in the codebook's order."""
    types = [(f"breaches.type.{t}", codebook.plain_label("breach_type", t)) for t in codebook.categories("breach_type")]
    outcomes = [(f"outcomes.{o}", codebook.label("outcome_group", o)) for o in codebook.categories("outcome_group")]
    return [
        ("breaches.total", "All breaches"),
        *((key, label.capitalize()) for key, label in types),
        ("breaches.pnc", "Police National Computer"),
        *((key, label.capitalize()) for key, label in outcomes if not key.endswith(codebook.residual("outcome_group"))),
        ("requests.response_rate", "Response rate"),
    ]


def _delta_display(key: str, delta: float) -> str:
    if key == "requests.response_rate":
        points = round(delta * 100)
        return f"{points:+d} pts" if points else "0 pts"
    return f"{int(delta):+,}".replace("+0", "0") if delta == 0 else f"{int(delta):+,}"


def change_entries(
    current: dict, previous: dict, previous_id: str, names: dict[str, str], codebook
) -> tuple[dict, dict, list[dict]]:
    """(numbers.json entries, change summary for the report, rows for change.csv);
    `names`: force_id -> name for this edition's register."""
    entries, rows, table = {}, [], []
    force_keys = sorted(
        {k for k in current.keys() | previous.keys() if k.startswith("forces.") and k.endswith(".total")}
    )
    forces = [(k, names.get(k.split(".")[1], k.split(".")[1])) for k in force_keys]
    for key, label in headline(codebook) + forces:
        if key not in current or key not in previous:
            continue
        before, after = previous[key]["value"], current[key]["value"]
        delta = after - before
        entries[f"change.{key}.previous"] = (
            before,
            previous[key]["display"],
            f"{label}: the value in edition {previous_id}.",
        )
        entries[f"change.{key}.delta"] = (
            delta,
            _delta_display(key, delta),
            f"{label}: this edition minus edition {previous_id}.",
        )
        rows.append({"label": label, "before": f"change.{key}.previous", "after": key, "delta": f"change.{key}.delta"})
        table.append(
            {"key": key, "label": label, "previous": _plain(before), "current": _plain(after), "delta": _plain(delta)}
        )
    top_now, top_before = _top_ten(current), _top_ten(previous)
    summary = {
        "previous": previous_id,
        "rows": rows,
        "entered": [names.get(f, f) for f in top_now if f not in top_before],
        "left": [names.get(f, f) for f in top_before if f not in top_now],
    }
    return entries, summary, table


def _plain(value) -> str:
    """Counts as whole numbers, rates to four decimals (a CSV column mixes both)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}"


def _top_ten(numbers: dict) -> list[str]:
    totals = {
        k.split(".")[1]: e["value"] for k, e in numbers.items() if k.startswith("forces.") and k.endswith(".total")
    }
    return sorted(totals, key=lambda f: (-totals[f], f))[:10]
