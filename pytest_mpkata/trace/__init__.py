"""Stage 2, trace: the record schema, the builder (records -> ``RunResult``), the facts and the model.

Names load on first use: the supervisor and tracer read ``records`` by path, and the
model should not cost an import to a process that only needs the schema.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "build_result": "pytest_mpkata.trace.builder",
    "parse_log": "pytest_mpkata.trace.assembly",
}
_FACTS = (
    "DroppedOutput",
    "ExceptionInfo",
    "LogEvent",
    "LogLine",
    "OutputLine",
    "PoolInfo",
    "Moment",
    "ProcessInfo",
    "SharedValue",
    "SharedWrite",
    "TaskInfo",
    "ThreadInfo",
    "short_name",
)
_EXPORTS.update((name, "pytest_mpkata.trace.facts") for name in _FACTS)
_EXPORTS["RunResult"] = "pytest_mpkata.trace.model"

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'pytest_mpkata.trace' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
