"""The pipeline's configuration (config.yaml + --config), checked strictly and kindly:
a misspelt key is named with the closest valid one, a boolean must say yes or no."""

from __future__ import annotations

import difflib
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


def closest(word: str, choices) -> str:
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return f"; did you mean '{match[0]}'?" if match else f"; valid keys: {', '.join(sorted(choices))}"


def check_config(config: dict, schema: dict | None = None, prefix: str = "") -> list[str]:
    """Problems with `config` as one line each; booleans and edition ids are normalised in place."""
    schema = schema or yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))
    properties = schema.get("properties", {})
    problems = []
    for key in list(config):
        name = prefix + key
        if key not in properties:
            problems.append(f"unknown config key '{name}'{closest(key, properties)}")
            continue
        kind = properties[key].get("type")
        try:
            if kind == "boolean":
                config[key] = parse_bool(config[key], name)
            elif kind == "string" and isinstance(config[key], (int, float)):
                config[key] = str(config[key])  # --config edition=2016 arrives as a number
        except ValueError as exc:
            problems.append(str(exc))
        if kind == "object" and isinstance(config[key], dict):
            problems += check_config(config[key], properties[key], prefix=f"{name}.")
    return problems
