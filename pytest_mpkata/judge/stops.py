"""The rule for runs that were stopped early: one root cause, the same verdict every time.

When the supervisor stops a program (a classic fatal error, too many processes, too much
output, a file at its size limit, the time limit), what the trace holds depends on how far
the program got in that instant: one grading would see two log lines, the next four.  So a
stopped run is judged by its root cause alone:

- the checks marked ``@judges_the_stop`` (``ran_cleanly``) explain the cause;
- every other check of that run fails with ``NOT_REACHED``, naming the cause, whatever the
  partial trace shows;
- the item's status is fixed by the cause: ``timeout`` for the time limit with no classic
  error behind it, ``grader error`` for a run the supervisor could not supervise (twice: the
  grader's failure, never the learner's), ``error`` for everything else.

A classic error (a missing ``__main__`` guard, a function a child cannot find...) outranks
the limit that happened to stop the run first, because which limit trips first is timing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Optional, TypeVar

from pytest_mpkata.judge import diagnose
from pytest_mpkata.judge.findings import Finding
from pytest_mpkata.judge.statuses import ERROR, GRADER_ERROR, TIMEOUT
from pytest_mpkata.run import protocol
from pytest_mpkata.trace.facts import ProcessInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "CAUSES",
    "FILE_LIMIT_KIND",
    "LEARNER_MADE",
    "NOT_REACHED",
    "NOT_REACHED_KIND",
    "RUNAWAY",
    "RUNAWAY_GENERATIONS",
    "RUNAWAY_KIND",
    "STOPPED_REASONS",
    "Stop",
    "judges_the_stop",
    "speaks_after_stop",
    "stop_of",
]

STOPPED_REASONS = protocol.STOPPED_REASONS
NOT_REACHED = (
    "Not judged: your program was stopped before it finished, because {cause}. Fix that first "
    "(see test_runs_cleanly); then this check can judge what your program does."
)
CAUSES = {
    "missing_main_guard": (
        "each child process re-imported your file and tried to start processes again "
        '(no `if __name__ == "__main__":` guard)'
    ),
    "cant_find_function": "a child process could not find the function it was given",
    "unpicklable": "a function or argument could not be sent to a child process",
    "broken_pool": "a pool's worker processes died",
    "pool_after_close": "the program used a pool after closing it",
    "join_before_close": "the program joined a pool before closing it",
    "syntax_error": "the file does not compile",
    **{
        reason: protocol.REASONS[reason]
        for reason in protocol.STOPPED_REASONS
        if reason != protocol.FATAL_ERROR
    },
    "file_limit": "a file it wrote reached the size limit",
    "runaway_processes": "its processes kept starting more processes",
}
RUNAWAY = (
    "Your program forks without end: its processes start processes, which start more, "
    "generations below the main process, so it was stopped (a run may have at most {limit} "
    "processes at once). Start a fixed number of processes, from the main process only."
)
RUNAWAY_GENERATIONS = 3
"""Learner processes this many generations below the main one: no task asks for it, every
process bomb shows it early, whether the process limit or the time limit then stops it."""
LEARNER_MADE = ("child", "forked")
NOT_REACHED_KIND = "not_reached"
"""The kind of every finding that says a check could not judge a stopped run."""
RUNAWAY_KIND = "runaway_processes"
FILE_LIMIT_KIND = "file_limit"

CheckFunction = TypeVar("CheckFunction", bound=Callable[..., Any])


@dataclass(frozen=True)
class Stop:
    """Why a run was stopped early, reduced to what does not depend on timing."""

    kind: str
    status: str
    explanation: Finding

    @property
    def not_reached(self) -> Finding:
        """The finding every check that cannot judge a stopped run reports."""
        return Finding(
            NOT_REACHED.format(cause=CAUSES.get(self.kind, self.kind.replace("_", " "))), NOT_REACHED_KIND
        )


def stop_of(result: RunResult) -> Optional[Stop]:
    """The run's stop, or None if the program ended by itself within every limit."""
    file_limit = diagnose.explain_file_limit(result)
    if result.reason not in STOPPED_REASONS and file_limit is None:
        return None
    if result.reason == protocol.SUPERVISOR_FAILED:  # twice (the runner retries): the grader's failure
        failure = diagnose.explain_stop(result) or result.reason
        return Stop(result.reason, GRADER_ERROR, Finding(failure, protocol.SUPERVISOR_FAILED))
    classic = diagnose.classic_error(result)
    if classic is not None:
        return Stop(classic.kind, ERROR, Finding(classic.explanation, classic.kind))
    if result.reason not in STOPPED_REASONS:
        return Stop(FILE_LIMIT_KIND, ERROR, Finding(file_limit or "", FILE_LIMIT_KIND))
    runaway = _runaway(result)
    if runaway is not None:
        return runaway
    explanation = diagnose.explain_stop(result) or result.reason
    status = TIMEOUT if result.reason == protocol.TIMEOUT else ERROR
    return Stop(result.reason, status, Finding(explanation, result.reason))


def _runaway(result: RunResult) -> Optional[Stop]:
    """A process bomb, told by its shape (generations of processes), not by which limit it hit first.

    Reaching the process limit is a bomb by itself; a run stopped at its time limit is one when
    a process stands ``RUNAWAY_GENERATIONS`` below the main one.  The finding names neither the
    limit nor a process: which limit tripped first, and how deep the bomb got, is timing.
    """
    by_pid = {process.pid: process for process in result.processes}

    def generation(process: ProcessInfo) -> int:
        count, current = 0, process
        while current.role in LEARNER_MADE and count <= len(by_pid):
            count += 1
            parent = by_pid.get(current.started_by or current.ppid or 0)
            if parent is None:
                break
            current = parent
        return count

    deep = any(generation(p) >= RUNAWAY_GENERATIONS for p in result.processes)
    if result.reason != protocol.PROCESS_LIMIT and not deep:
        return None
    limit = result.limits.process_limit if result.limits is not None else "a fixed number of"
    return Stop(RUNAWAY_KIND, ERROR, Finding(RUNAWAY.format(limit=limit), RUNAWAY_KIND))


def judges_the_stop(check: CheckFunction) -> CheckFunction:
    """Mark a check that explains a stopped run itself, instead of reporting ``NOT_REACHED``."""
    check.judges_the_stop = True  # type: ignore[attr-defined]
    return check


def speaks_after_stop(check: Callable[..., Any]) -> bool:
    return bool(getattr(check, "judges_the_stop", False))
