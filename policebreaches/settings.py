"""The pipeline's configuration (config.yaml + --config), checked strictly and kindly:
a misspelt key is named with the closest valid one, a boolean must say yes or no."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "config.schema.yaml"
TRUE, FALSE = ("true", "yes", "1", "on"), ("false", "no", "0", "off")


def parse_bool(value, key: str) -> bool:
    """true/false/yes/no/1/0 (any case) and YAML booleans; anything else is an error."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE or text in FALSE:
        return text in TRUE
    raise ValueError(f"config {key}={value!r} is not a yes/no value: write {key}=true or {key}=false")


def closest(word: str, choices, prefix: str = "") -> str:
    by_case = {choice.lower(): choice for choice in choices}
    match = [by_case[word.lower()]] if word.lower() in by_case else []
    match = match or difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return f"; did you mean '{prefix}{match[0]}'?" if match else f"; valid keys: {', '.join(sorted(choices))}"


NESTED_HOW = "set a nested key as --config {key}='{{\"{inner}\": ...}}' (JSON), or edit config.yaml"


def parse_number(value, key: str, kind: str, spec: dict):
    """A whole number (kind 'integer') or any number, within the schema's bounds: --config
    values arrive as text, so '10' is read as 10; anything else is a problem naming the key."""
    try:
        number = float(str(value).strip().replace("_", ""))
        if kind == "integer":
            if number != int(number):
                raise ValueError
            number = int(number)
    except ValueError:
        what = "a whole number" if kind == "integer" else "a number"
        raise ValueError(f"config {key}={value!r} is not {what}") from None
    low, above = spec.get("minimum"), spec.get("exclusiveMinimum")
    if (low is not None and number < low) or (above is not None and number <= above):
        bound = f">= {low}" if low is not None else f"> {above}"
        raise ValueError(f"config {key}={value!r} is out of range: it must be {bound}")
    return number


EDITION_ID = re.compile(r"^(?!\.+$)[A-Za-z0-9_.-]+$")  # as the schema's pattern: one folder name under raw/
CORPUS_FOLDER = "corpus"  # results/corpus/: the second opinion and the corpus scores every edition shares


def edition_id_problem(value: str, what: str = "edition") -> str | None:
    """Why `value` cannot name an edition folder (None when it can): one folder name of
    letters, digits, '_', '.' and '-', never '.' or '..' (nothing outside raw/), and not
    the results folder the editions share (CORPUS_FOLDER)."""
    if value == CORPUS_FOLDER:
        return (
            f"{what} {value!r} is not an edition id: results/{CORPUS_FOLDER}/ holds the codebook's corpus scores, "
            "which every edition shares; name the edition otherwise (e.g. 2017)"
        )
    if EDITION_ID.match(value or ""):
        return None
    return (
        f"{what} {value!r} is not an edition id: use one folder name under raw/ made of letters, digits, "
        "'_', '.' and '-' (e.g. 2017)"
    )


def check_value(config: dict, key: str, spec: dict, name: str) -> list[str]:
    """Problems with one value, normalised in place (yes/no to booleans, text to numbers)."""
    kind, value = spec.get("type"), config[key]
    if value is None or value == "":
        default = f" (config.yaml's default: {spec['default']})" if "default" in spec else ""
        return [f"config {name} is empty: give a value{default}"]
    try:
        if kind == "boolean":
            config[key] = parse_bool(value, name)
        elif kind in ("integer", "number"):
            config[key] = parse_number(value, name, kind, spec)
        elif kind == "string":
            config[key] = str(value)  # --config edition=2016 arrives as a number
            if "pattern" in spec and not re.match(spec["pattern"], config[key]):
                return [f"config {name}={config[key]!r}: " + edition_id_problem(config[key]).split(": ", 1)[1]]
        elif kind == "object":
            if not isinstance(value, dict):
                inner = next(iter(spec.get("properties", {})), "name")
                return [f"config {name}={value!r} is not a mapping: " + NESTED_HOW.format(key=name, inner=inner)]
            return check_config(value, spec, prefix=f"{name}.")
    except ValueError as exc:
        return [str(exc)]
    return []


def check_config(config: dict, schema: dict | None = None, prefix: str = "") -> list[str]:
    """Problems with `config` as one line each, values normalised in place; the schema's
    own validation after this finds nothing a user could have typed."""
    schema = schema or yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))
    properties = schema.get("properties", {})
    problems = []
    for key in list(config):
        name = prefix + key
        if key not in properties:
            dotted = "." in key and key.split(".")[0] in properties
            hint = (
                "; " + NESTED_HOW.format(key=key.split(".")[0], inner=key.split(".", 1)[1])
                if dotted
                else closest(key, properties, prefix)
            )
            problems.append(f"unknown config key '{name}'{hint}")
            continue
        problems += check_value(config, key, properties[key], name)
    return problems
