"""``--mpkata-explain``: the learner's source, with the processes that ran each line.

The program is run once more with coverage.py started in every process (through the
tracer's ``sitecustomize``, with coverage's fork and ``os._exit`` patches); coverage writes one
data file per process, named with its pid, and the trace says which pid was the main
process, a child or a pool worker.  This is how a learner sees that under ``spawn`` the
module-level code runs again in every child, and that a line they thought ran in a
child ran in the parent.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from pytest_mpkata.run.runner import RunRequest, run_program
from pytest_mpkata.trace.builder import build_result
from pytest_mpkata.trace.model import RunResult

RC_TEMPLATE = """[run]
parallel = True
data_file = {data_file}
include = */{script_name}
patch = fork, _exit
"""
PID_IN_NAME = re.compile(r"pid(\d+)")
NO_COVERAGE = '(install coverage to see which process ran each line: pip install -e ".[explain]")'
WIDTH = 24


def explained_run(request: RunRequest, base_dir: Path | None = None) -> tuple[RunResult, dict[int, set[int]]]:
    """Run the program with per-process coverage; return its result and the lines each pid ran."""
    data_dir = Path(tempfile.mkdtemp(prefix="mpkata-explain-", dir=base_dir))
    try:
        rc = data_dir / "coveragerc"
        rc.write_text(RC_TEMPLATE.format(data_file=data_dir / ".coverage", script_name=request.name))
        env = {**request.extra_env, "MPKATA_COVERAGE_RC": str(rc)}
        result = build_result(run_program(replace(request, extra_env=env), base_dir))
        return result, lines_by_pid(data_dir, request.name)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def lines_by_pid(data_dir: Path, script_name: str) -> dict[int, set[int]]:
    from coverage import CoverageData

    found: dict[int, set[int]] = {}
    for path in data_dir.glob(".coverage.*"):
        match = PID_IN_NAME.search(path.name)
        if match is None:
            continue
        data = CoverageData(basename=str(path))
        try:
            data.read()
        except Exception:  # a process killed while saving leaves a partial file: skip it
            continue
        for measured in data.measured_files():
            if measured.endswith(script_name):
                found.setdefault(int(match.group(1)), set()).update(data.lines(measured) or ())
    return found


def process_labels(result: RunResult, pids: set[int]) -> dict[int, str]:
    """Short column labels: M for main, C1.. for children, W1.. for pool workers."""
    labels: dict[int, str] = {}
    counters = {"child": 0, "pool_worker": 0, "forked": 0}
    prefixes = {"child": "C", "pool_worker": "W", "forked": "F"}
    for process in result.processes:
        if process.pid not in pids:
            continue
        if process.role == "main":
            labels[process.pid] = "M"
        elif process.role in counters:
            counters[process.role] += 1
            labels[process.pid] = f"{prefixes[process.role]}{counters[process.role]}"
    return labels


def without_inherited_lines(result: RunResult, lines: dict[int, set[int]]) -> dict[int, set[int]]:
    """A forked child inherits its parent's record of lines run before the fork: drop those."""
    main = lines.get(result.main.pid, set())
    kept = {}
    for pid, ran in lines.items():
        process = result.process(pid)
        forked = process is not None and process.role != "main" and process.start_method == "fork"
        kept[pid] = ran - main if forked else ran
    return kept


def render(source: str, result: RunResult, lines: dict[int, set[int]]) -> str:
    """The source, each line prefixed with the processes that executed it."""
    lines = without_inherited_lines(result, lines)
    labels = process_labels(result, set(lines))
    order = sorted(labels, key=lambda pid: (labels[pid][0] != "M", labels[pid]))
    legend = ", ".join(f"{labels[pid]} = {_describe(result, pid)}" for pid in order)
    rows = [f"{result.script_name} under {result.start_method}: {legend}"]
    for number, text in enumerate(source.splitlines(), start=1):
        ran = " ".join(labels[pid] for pid in order if number in lines[pid])
        rows.append(f"{ran[:WIDTH]:<{WIDTH}} {number:3d} | {text}")
    return "\n".join(rows)


def _describe(result: RunResult, pid: int) -> str:
    process = result.process(pid)
    if process is None:
        return f"pid {pid}"
    target = f" running {process.target}" if process.target and process.role != "main" else ""
    return f"{process.name or process.role} (pid {pid}){target}"


def explain(request: RunRequest, source: str, base_dir: Path | None = None) -> str:
    """Run and render, or say how to get coverage if it is not installed."""
    try:
        import coverage  # noqa: F401
    except ImportError:
        return NO_COVERAGE
    result, lines = explained_run(request, base_dir)
    return render(source, result, lines)
