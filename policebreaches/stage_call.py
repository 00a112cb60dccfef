"""How a rule calls its stage: the rule's named inputs and outputs (rules/common.smk
`stage_io`) become the keyword arguments of the stage function, so each file is named once,
in its rule. An input `NAME` is the argument `NAME`, an output `NAME` the argument
`NAME_out`; the function's annotations say how many files each takes:

- `Path`: exactly one;  `Path | None`: an optional input (Snakemake passes none when absent);
- `list[Path]`: any number, in the rule's order;
- anything else is a value (`--value NAME=JSON`, or `--item` per element of a list or mapping).

A name the rule gives that the function does not take, or a file the function needs that the
rule does not give, is an error in the pipeline, said before the stage runs."""

from __future__ import annotations

import importlib
import inspect
import json
import typing
from collections import defaultdict
from pathlib import Path


def resolve(target: str):
    """`module[:function]` under policebreaches (run() by default), e.g. stages.clean:check_ledger."""
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(f"policebreaches.{module}"), function or "run")


def arguments(function, inputs: list[str], outputs: list[str], values: list[str], items: list[str]) -> dict:
    """The keyword arguments of `function` from `NAME=...` words (see the module's docstring)."""
    files: dict[str, list[Path]] = defaultdict(list)
    for word in inputs:
        name, path = _split(word)
        files[name].append(Path(path))
    for word in outputs:
        name, path = _split(word)
        files[f"{name}_out"].append(Path(path))
    given = {name: json.loads(text) for name, text in map(_split, values)}
    listed: dict[str, list] = defaultdict(list)
    for name, text in map(_split, items):
        listed[name].append(json.loads(text))
    hints = typing.get_type_hints(function)
    kwargs, problems = {}, []
    parameters = inspect.signature(function).parameters
    for name, parameter in parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        hint = hints.get(name)
        if name in given:  # a value the rule computes (a folder, a setting)
            value = given.pop(name)
            kwargs[name] = Path(value) if hint in (Path, Path | None) and value is not None else value
        elif hint == list[Path]:
            kwargs[name] = files.pop(name, [])
        elif hint in (Path, Path | None):
            paths = files.pop(name, [])
            if len(paths) == 1 or (not paths and hint != Path):
                kwargs[name] = paths[0] if paths else None
            else:
                problems.append(f"{name}: {len(paths)} files given, {'one' if hint == Path else 'at most one'} taken")
        elif name in listed or _origin(hint) in (list, dict):
            elements = listed.pop(name, [])
            kwargs[name] = dict(elements) if _origin(hint) is dict else elements
        elif parameter.default is inspect.Parameter.empty:
            problems.append(f"{name}: not given by the rule")
    if any(p.kind is p.VAR_KEYWORD for p in parameters.values()):  # takes whatever else the rule gives
        kwargs |= files | given | listed
    else:
        problems += [f"{name}: given by the rule, not taken by the stage" for name in [*files, *given, *listed]]
    if problems:
        raise TypeError(f"{function.__module__}.{function.__name__} and its rule disagree: " + "; ".join(problems))
    return kwargs


def _split(word: str) -> tuple[str, str]:
    name, _, text = word.partition("=")
    return name, text


def _origin(hint) -> type | None:
    return typing.get_origin(hint) or (hint if hint in (list, dict) else None)
