"""``--mpkata-explain``: the learner's source, with the processes that ran each line.

The program is run once more with coverage.py in every process (``run.coverage_run``); the
trace says which pid was the main process, a child or a pool worker.  This is how a learner
sees that under ``spawn`` the module-level code runs again in every child, and that a line
they thought ran in a child ran in the parent.  Pure: lines per pid in, text out.
"""

from __future__ import annotations

from pytest_mpkata.trace.model import RunResult

__all__ = ["WIDTH", "process_labels", "render", "without_inherited_lines"]

WIDTH = 24


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
