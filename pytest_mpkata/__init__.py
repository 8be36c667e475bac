"""pytest-mpkata: run, trace and check learners' multiprocessing programs.

Public names load on first use, so that loading the plugin costs a pytest run nothing
where no kata is collected.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Kata": "pytest_mpkata.catalogue",
    "KataRun": "pytest_mpkata.runs",
    "RawRun": "pytest_mpkata.runner",
    "RunLimits": "pytest_mpkata.runner",
    "RunRequest": "pytest_mpkata.runner",
    "run_program": "pytest_mpkata.runner",
    "ExceptionInfo": "pytest_mpkata.trace",
    "LogEvent": "pytest_mpkata.trace",
    "LogLine": "pytest_mpkata.trace",
    "PoolInfo": "pytest_mpkata.trace",
    "ProcessInfo": "pytest_mpkata.trace",
    "RunResult": "pytest_mpkata.trace",
    "SharedWrite": "pytest_mpkata.trace",
    "TaskInfo": "pytest_mpkata.trace",
    "ThreadInfo": "pytest_mpkata.trace",
    "build_result": "pytest_mpkata.trace",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'pytest_mpkata' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
