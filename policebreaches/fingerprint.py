"""Per-stage code fingerprints: sha256 over the source of a stage's module and every
module of this package it imports, directly or not. A rule carries its stage's
fingerprint as a parameter, so Snakemake reruns exactly the rules whose code changed."""

from __future__ import annotations

import ast
import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ENTRY = "policebreaches.__main__"  # every stage runs through the command line


def module_path(module: str) -> Path | None:
    parts = module.split(".")[1:]
    for candidate in (PACKAGE.joinpath(*parts).with_suffix(".py"), PACKAGE.joinpath(*parts, "__init__.py")):
        if candidate.is_file():
            return candidate
    return None


@cache
def imported_modules(module: str) -> frozenset[str]:
    """policebreaches.* modules `module` imports (absolute or relative), anywhere in its code;
    for the command line (ENTRY) only at module level: each subcommand imports its own
    stage inside its function."""
    path = module_path(module)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module == ENTRY else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}  # `from . import x` may name a module
    return frozenset(name for name in found if name.startswith("policebreaches") and module_path(name))


def closure(module: str) -> list[str]:
    """`module` and everything of this package it reaches through imports, sorted."""
    seen, todo = set(), [module, ENTRY]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += sorted(imported_modules(name) - seen)
            parent = name.rsplit(".", 1)[0]
            if parent != name and module_path(parent):  # importing a.b runs a/__init__.py first
                todo.append(parent)
    return sorted(seen)


@cache
def fingerprint(module: str) -> str:
    digest = hashlib.sha256()
    for name in closure(module):
        path = module_path(name)
        for part in (path.relative_to(PACKAGE).as_posix().encode(), path.read_bytes()):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()
