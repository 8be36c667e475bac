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
    "ExceptionInfo": "pytest_mpkata.trace.model",
    "LogEvent": "pytest_mpkata.trace.model",
    "LogLine": "pytest_mpkata.trace.model",
    "OutputLine": "pytest_mpkata.trace.model",
    "PoolInfo": "pytest_mpkata.trace.model",
    "ProcessInfo": "pytest_mpkata.trace.model",
    "RunResult": "pytest_mpkata.trace.model",
    "SharedWrite": "pytest_mpkata.trace.model",
    "TaskInfo": "pytest_mpkata.trace.model",
    "ThreadInfo": "pytest_mpkata.trace.model",
    "build_result": "pytest_mpkata.trace.builder",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'pytest_mpkata' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
