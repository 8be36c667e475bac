"""Draw what a run did as plain text: process tree, lifetimes, pool tasks, log lines."""

from __future__ import annotations

from pytest_mpkata.trace import RunResult


def render(result: RunResult) -> str:
    lines = [f"{p.label} {p.role} target={p.target} exit={p.exitcode}" for p in result.processes]
    return "\n".join(lines)
