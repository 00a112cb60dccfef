"""Records every file this Python process opens, for tests/test_declared_reads.py.

Python imports `sitecustomize` at start-up from any folder on PYTHONPATH, so a build run
with PYTHONPATH=tests/audit and POLICEBREACHES_AUDIT_DIR=<dir> records, in every Python
process it starts (Snakemake passes its environment on to shell jobs), one JSON line per
"open" (and "os.mkdir") audit event in <dir>/<pid>.jsonl. The first line says which
process it is (pid, argv, cwd); each further line is one absolute path and whether it was
opened to read, to write, or both. Without POLICEBREACHES_AUDIT_DIR this module does nothing.

What an audit hook cannot see: files opened inside C libraries (fontconfig, Pango,
libxml2) and by programs that are not Python (git, bash).
"""

import json
import os
import sys

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _access(mode, flags):
    """(read, write) from open()'s mode string, or from os.open()'s flags when mode is None."""
    if isinstance(mode, str):
        write = any(c in mode for c in "wax+")
        return "r" in mode or "+" in mode, write
    return flags & os.O_ACCMODE != os.O_WRONLY, bool(flags & WRITE_FLAGS)


def _install(folder):
    log = os.open(os.path.join(folder, f"{os.getpid()}.jsonl"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def record(entry):
        os.write(log, (json.dumps(entry) + "\n").encode())

    def hook(event, args):
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):  # not an open of a file descriptor
            read, write = _access(args[1], args[2] or 0)
        elif event == "os.mkdir":
            read, write = False, True
        else:
            return
        record({"path": os.path.abspath(os.fsdecode(args[0])), "read": read, "write": write})

    record({"pid": os.getpid(), "argv": sys.orig_argv, "cwd": os.getcwd()})
    sys.addaudithook(hook)


if os.environ.get("POLICEBREACHES_AUDIT_DIR"):
    _install(os.environ["POLICEBREACHES_AUDIT_DIR"])
