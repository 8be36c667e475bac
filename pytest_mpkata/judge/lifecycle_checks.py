"""Checks of a process's life: its name, is_alive() at each stage, its exit code, a daemon's end.

What the parent logged is held to what it really got: the tracer records each ``is_alive()``
the program's own code called and each ``exitcode`` it read, with the answer
(``records.PROCESS_ALIVE``, ``PROCESS_EXITCODE``), so a line written by hand, or an exit code
read before ``join()``, is told apart from an answer.  Exit codes are the kernel's when the run
was observed (the supervisor's account of each process), multiprocessing's otherwise.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Mapping, Sequence

from pytest_mpkata.judge import lifecycle_messages as says
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.judge.log_checks import logged_matching
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import Moment, ProcessInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "ALIVE_PHASES",
    "alive_answers_logged",
    "daemon_ended_with_parent",
    "exit_codes_read_after_join",
    "subclass_children_ran",
]

ALIVE_PHASES = (("before start", False), ("while running", True), ("after join", False))
"""When the parent asks ``is_alive()``, and the answer it must get then."""
_ENDED_YET = " (the child had already ended: ask right after `start()`, while it still works)"


def _named_child(result: RunResult, name: str) -> ProcessInfo | None:
    for process in result.processes:
        if process.role == "child" and process.name == name:
            return process
    return None


def _missing(result: RunResult, name: str) -> Message:
    """No child of that name: say so, or that the parent did its work (it logged the line the
    child's ``run()`` logs, ``"<name> runs"``)."""
    logged = result.logs_to_file
    in_main = [e for e in logged if e.pid == result.main_pid and e.message.startswith(f"{name} runs")]
    if in_main:
        return says.RAN_IN_PARENT.found(name=name, pid=result.main_pid, message=in_main[0].message[:80])
    names = ", ".join(str(p.name) for p in result.processes if p.role == "child") or "none"
    return says.NAMED_CHILD_MISSING.found(name=name, names=names)


def _answers(result: RunResult, kind: str, name: str) -> list[Moment]:
    """The answers of this kind the main process got about the process ``name``, by time."""
    return [m for m in result.moments_of(kind, pid=result.main_pid) if m.get("name") == name]


def _logged_after(result: RunResult, line: str, moment: Moment) -> bool:
    return any(
        e.pid == result.main_pid and e.time >= moment.time for e in logged_matching(result, re.escape(line))
    )


def subclass_children_ran(result: RunResult, names: Sequence[str]) -> Message:
    """A child process of each name ran the ``run()`` method of a Process subclass."""
    for name in names:
        child = _named_child(result, name)
        if child is None:
            return _missing(result, name)
        target = child.target or ""
        if not target.endswith(".run") or target.startswith("multiprocessing."):
            return says.RUN_NOT_OVERRIDDEN.found(label=child.label, target=child.target)
    return None


# --- is_alive() ------------------------------------------------------------------------------


def _phase(moment: Moment, child: ProcessInfo) -> str:
    if child.start_called is None or moment.time < child.start_called:
        return "before start"
    if child.joined_at is None or moment.time < child.joined_at:
        return "while running"
    return "after join"


def alive_answers_logged(result: RunResult, name: str) -> Message:
    """The parent asked the child ``name`` ``is_alive()`` before start, while it ran and after
    join, got False, True, False, and logged each answer it got (``"good alive before start: False"``)."""
    child = _named_child(result, name)
    if child is None:
        return _missing(result, name)
    asked = [
        m for m in result.moments_of(records.PROCESS_ALIVE, pid=result.main_pid) if m.get("name") == name
    ]
    for phase, expected in ALIVE_PHASES:
        answers = [m for m in asked if _phase(m, child) == phase]
        if not answers:
            return says.ALIVE_NOT_ASKED.found(name=name, phase=phase)
        right = [m for m in answers if m.get("alive") is expected]
        if not right:
            why = _ENDED_YET if expected else ""
            return says.ALIVE_ANSWER_WRONG.found(
                name=name, phase=phase, answer=answers[-1].get("alive"), expected=expected, why=why
            )
        line = f"{name} alive {phase}: {expected}"
        if not _logged_after(result, line, right[0]):
            return says.ALIVE_NOT_LOGGED.found(name=name, phase=phase, answer=expected, line=line)
    return None


# --- exit codes --------------------------------------------------------------------------------


def _exit_code(result: RunResult, process: ProcessInfo) -> tuple[int | None, str]:
    """The process's exit code as the kernel saw it, else as multiprocessing reported it."""
    for seen in result.evidence.processes:
        if seen.pid == process.pid and seen.ended is not None:
            return seen.exit_code, "the system saw it"
    return process.exitcode, "multiprocessing reported it"


def _how(expected: int) -> str:
    if expected == 0:
        return "Let its `run()` return normally."
    return f"End its `run()` with `sys.exit({expected})`."


def exit_codes_read_after_join(result: RunResult, exits: Mapping[str, int]) -> Message:
    """Each named child ended with its exit code, and the parent read that code from ``exitcode``
    after joining it and logged it (``"bad exitcode: 3"``)."""
    for name, expected in exits.items():
        child = _named_child(result, name)
        if child is None:
            return _missing(result, name)
        code, seen = _exit_code(result, child)
        if code != expected:
            return says.EXIT_CODE_WRONG.found(
                label=child.label, code=code, seen=seen, expected=expected, how=_how(expected)
            )
        problem = _exitcode_read(result, name, child, expected)
        if problem:
            return problem
    return None


def _exitcode_read(result: RunResult, name: str, child: ProcessInfo, expected: int) -> Message:
    reads = [
        m for m in result.moments_of(records.PROCESS_EXITCODE, pid=result.main_pid) if m.get("name") == name
    ]
    joined = child.joined_at
    after = [m for m in reads if joined is not None and m.time >= joined and m.get("exitcode") == expected]
    if not after:
        if any(m.get("exitcode") is None for m in reads):
            return says.EXITCODE_BEFORE_JOIN.found(name=name)
        return says.EXITCODE_NOT_READ.found(name=name)
    line = f"{name} exitcode: {expected}"
    if not _logged_after(result, line, after[0]):
        return says.EXITCODE_NOT_LOGGED.found(name=name, code=expected, line=line)
    return None


# --- a daemon ------------------------------------------------------------------------------------


def daemon_ended_with_parent(result: RunResult, name: str) -> Message:
    """The child ``name`` was a daemon that ran until the parent's exit terminated it: not
    joined, not terminated by hand, not ended by itself, not left running."""
    child = _named_child(result, name)
    if child is None:
        return _missing(result, name)
    if not child.daemon:
        return says.DAEMON_NOT_DAEMON.found(label=child.label)
    if child.terminated_by is not None:
        return says.DAEMON_TERMINATED_BY_HAND.found(label=child.label)
    if child.joined_by is not None:
        return says.DAEMON_JOINED.found(label=child.label)
    if any(left.get("pid") == child.pid for left in result.alive_at_exit):
        return says.DAEMON_OUTLIVED_PARENT.found(label=child.label)
    code, _ = _exit_code(result, child)
    if code != -signal.SIGTERM or not _outlasted_main_s_work(result, child):
        return says.DAEMON_ENDED_BY_ITSELF.found(label=child.label, code=code)
    return None


def _outlasted_main_s_work(result: RunResult, child: ProcessInfo) -> bool:
    """The child was still running when the main process logged its last line."""
    last = max((e.time for e in result.logs_to_file if e.pid == result.main_pid), default=None)
    ended = next((k.ended for k in result.evidence.processes if k.pid == child.pid), None) or child.ended
    return last is None or ended is None or ended >= last
