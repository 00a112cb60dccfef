"""A warm worker for one Snakemake run, so a job does not pay for starting Python.

Measured on the 2016 sample: a job that extracts one small CSV spends 0.09 s, of which
0.03 s is its work; a tail stage spends about 0.3 s importing pandas, matplotlib or
WeasyPrint before it starts. Snakemake's `onstart` runs `python -m policebreaches.warm`,
which imports those once and listens on a Unix socket; each job's
`python -m policebreaches.jobs ...` hands it the job (arguments, working directory,
environment and the job's own stdin, stdout and stderr) and the worker forks a child
that runs the same stage function and returns its exit code.

Nothing depends on it: with no worker (dry runs, cluster nodes, `warm_worker: false`),
another Python environment, or a worker that will not answer, the job runs in its own
process exactly as before. Outputs are byte-identical either way (tested). A job whose
process is killed takes its forked child with it; when Snakemake exits the worker stops.
"""
from __future__ import annotations

import json
import os
import socket
import sys

# A job process imports only the four modules above (it hands its job over); what the
# worker itself needs is imported inside the functions that run in the worker.

ENV = "POLICEBREACHES_WORKER"  # the socket's path, set for the jobs of one Snakemake run
PRELOAD = [  # in the order a build needs them: extraction first, then the tail
    "policebreaches.jobs", "policebreaches.extract_stage", "openpyxl", "docx", "pdfplumber", "pandas",
    "policebreaches.stages", "policebreaches.buildinfo", "policebreaches.audit", "policebreaches.evaluation",
    "policebreaches.figures", "weasyprint",
]


def _identity() -> list[str]:
    """Jobs may only run in a worker of the same Python environment (a --use-conda job would not)."""
    return [sys.prefix, sys.version]


# --- the job's side ---------------------------------------------------------------

def delegate(argv: list[str]) -> int | None:
    """Run `python -m policebreaches.jobs argv` in the warm worker: its exit code, or
    None when there is no usable worker (the caller then runs the job itself)."""
    path = os.environ.get(ENV)
    if not path:
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
        request = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ),
                              "identity": _identity()}).encode()
        sys.stdout.flush()
        sys.stderr.flush()
        socket.send_fds(conn, [len(request).to_bytes(8, "big") + request], [0, 1, 2])
    except OSError:
        conn.close()
        return None
    reply = _read_all(conn)
    conn.close()
    if not reply:
        print(f"policebreaches: the warm worker ({path}) stopped before the job finished", file=sys.stderr)
        return 1
    answer = json.loads(reply)
    return None if answer.get("refused") else int(answer["exit"])


def _read_all(conn: socket.socket) -> bytes:
    chunks = []
    while chunk := conn.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


# --- the worker's side ------------------------------------------------------------

def serve(path: str, parent_pid: int) -> None:
    """Accept jobs until the Snakemake process that started us is gone or stops us.
    Between jobs, import the next PRELOAD module, so the first jobs need not wait."""
    import importlib
    import select
    import signal

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(128)
    children: set[int] = set()
    pending = list(PRELOAD)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while os.getppid() == parent_pid:
            ready, _, _ = select.select([server], [], [], 0 if pending else 0.2)
            if ready:
                conn, _ = server.accept()
                children.add(_fork_job(server, conn))
            elif pending:
                importlib.import_module(pending.pop(0))
            _reap(children)
    finally:
        server.close()
        for pid in children:
            _signal(pid, signal.SIGTERM)
        while children:
            _reap(children, block=True)


def _fork_job(server: socket.socket, conn: socket.socket) -> int:
    import signal

    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: one job, then exit without running the worker's cleanup
        server.close()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os._exit(_run_job(conn))
    conn.close()
    return pid


def _run_job(conn: socket.socket) -> int:
    import threading
    import traceback

    data, fds, _, _ = socket.recv_fds(conn, 65536, 3)
    size = int.from_bytes(data[:8], "big")
    data = data[8:]
    while len(data) < size:
        data += conn.recv(size - len(data))
    request = json.loads(data)
    if request["identity"] != _identity():
        conn.sendall(json.dumps({"refused": "another Python environment"}).encode())
        return 0
    for fd, target in zip(fds, (0, 1, 2)):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    threading.Thread(target=_exit_if_job_ends, args=(conn,), daemon=True).start()
    try:
        from . import jobs

        code = jobs.run(request["argv"])
    except SystemExit as stop:  # argparse's usage errors
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - reported on the job's stderr, like a failing process
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    conn.sendall(json.dumps({"exit": code}).encode())
    return 0


def _exit_if_job_ends(conn: socket.socket) -> None:
    """The job process never writes after its request: an end of stream means Snakemake
    killed it (failure elsewhere, Ctrl-C), so this child must stop writing outputs too."""
    try:
        conn.recv(1)
    finally:
        os._exit(1)


def _reap(children: set[int], block: bool = False) -> None:
    """Wait for finished children (so their memory use counts in the parent's rusage)."""
    for pid in list(children):
        try:
            done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            children.discard(pid)


def _signal(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except ProcessLookupError:
        pass


# --- Snakemake's onstart / onsuccess / onerror ------------------------------------

def start():
    """Start a worker for this process's jobs and point them at it: the Popen, or None
    where forking a process that loaded Pango and matplotlib is not known to be safe
    (macOS, Windows): there every job runs in its own process."""
    import subprocess
    import tempfile
    from pathlib import Path

    if not sys.platform.startswith("linux"):
        return None
    folder = tempfile.mkdtemp(prefix="policebreaches-worker-")  # mode 0700: no other user can hand it a job
    path = str(Path(folder) / "socket")
    process = subprocess.Popen([sys.executable, "-m", "policebreaches.warm", path, str(os.getpid())],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    os.environ[ENV] = path
    return process


def stop(process) -> None:
    import subprocess
    from pathlib import Path

    os.environ.pop(ENV, None)
    if process is None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    path = Path(process.args[3])
    path.unlink(missing_ok=True)
    path.parent.rmdir()


if __name__ == "__main__":
    try:
        serve(sys.argv[1], int(sys.argv[2]))
    finally:  # children reaped and socket closed: skip tearing down pandas & co (0.25 s at the end of each build)
        os._exit(0)
