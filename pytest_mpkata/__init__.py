"""pytest-mpkata: run, trace and check learners' multiprocessing programs.

Public names load on first use, so that loading the plugin costs a pytest run nothing
where no kata is collected.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Kata": "pytest_mpkata.kata.catalogue",
    "KataRun": "pytest_mpkata.session.runs",
    "RawRun": "pytest_mpkata.run.runner",
    "RunLimits": "pytest_mpkata.run.runner",
    "RunRequest": "pytest_mpkata.run.runner",
    "run_program": "pytest_mpkata.run.runner",
    "ExceptionInfo": "pytest_mpkata.trace.facts",
    "LogEvent": "pytest_mpkata.trace.facts",
    "LogLine": "pytest_mpkata.trace.facts",
    "OutputLine": "pytest_mpkata.trace.facts",
    "PoolInfo": "pytest_mpkata.trace.facts",
    "ProcessInfo": "pytest_mpkata.trace.facts",
    "RunResult": "pytest_mpkata.trace.model",
    "SharedWrite": "pytest_mpkata.trace.facts",
    "TaskInfo": "pytest_mpkata.trace.facts",
    "ThreadInfo": "pytest_mpkata.trace.facts",
    "Moment": "pytest_mpkata.trace.facts",
    "build_result": "pytest_mpkata.trace.builder",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'pytest_mpkata' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
