"""pytest-mpkata: run, trace and check learners' multiprocessing programs."""

from __future__ import annotations

from pytest_mpkata.catalogue import Kata
from pytest_mpkata.runner import RawRun, RunLimits, RunRequest, run_program
from pytest_mpkata.runs import KataRun
from pytest_mpkata.trace import (
    ExceptionInfo,
    LogEvent,
    LogLine,
    PoolInfo,
    ProcessInfo,
    RunResult,
    TaskInfo,
    ThreadInfo,
    build_result,
)

__all__ = [
    "ExceptionInfo",
    "Kata",
    "KataRun",
    "LogEvent",
    "LogLine",
    "PoolInfo",
    "ProcessInfo",
    "RawRun",
    "RunLimits",
    "RunRequest",
    "RunResult",
    "TaskInfo",
    "ThreadInfo",
    "build_result",
    "run_program",
]
