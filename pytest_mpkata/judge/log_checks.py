"""Checks of test.log: the lines a kata asks for, and which process logged each of them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pytest_mpkata.judge import messages as says
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.trace.facts import LogEvent, LogLine
from pytest_mpkata.trace.model import RunResult

__all__ = ["lines_written_by_children", "log_has_lines", "output_follows_input"]


# --- test.log ------------------------------------------------------------------


def log_has_lines(
    result: RunResult,
    expected: Sequence[str],
    *,
    ordered: bool = False,
    patterns: bool = False,
    exact: bool = False,
) -> Message:
    """test.log holds the expected messages (regexes if ``patterns``), each once.

    Other lines are allowed, unless ``exact``: then the expected lines are all it may hold
    (a kata that asks for that says so in its rules, ``exact_log = true`` in its kata.toml).
    """
    if not result.log_exists or not result.log_lines:
        return _missing_log(result, expected, patterns)
    unstamped = [line for line in result.log_lines if line.asctime is None]
    if unstamped:
        return says.NO_TIMESTAMP.found(number=unstamped[0].number, text=unstamped[0].text[:80])
    found = list(result.log_messages)
    return _compare_lines(result, found, list(expected), ordered, patterns, exact)


def output_follows_input(
    result: RunResult, expected: Sequence[str], *, stated: Sequence[str] = ()
) -> Message:
    """test.log holds the lines a run with other input data gives (``expected``), not the stated ones.

    For ``kata_run.expect_with_chosen_inputs``: the run's input constants held other values, so a
    program that still logs ``stated`` (what the README's data gives) ignores its input.
    """
    if not result.log_exists or not result.log_lines:
        return _missing_log(result, expected, False)
    found = list(result.log_messages)
    missing = [line for line in expected if line not in found]
    if not missing:
        return None
    others = [line for line in found if line not in expected]
    template = says.OUTPUT_NOT_FROM_INPUT
    if stated and all(line in found for line in stated):
        template, others = says.OUTPUT_IGNORES_INPUT, list(stated)
    return template.found(expected=_quoted(missing, False), logged=_quoted(others, False) or "no other line")


def _missing_log(result: RunResult, expected: Sequence[str], patterns: bool) -> str:
    for line in result.stdout.splitlines():
        if any(_matches(line.strip(), want, patterns) for want in expected):
            return says.PRINTED_NOT_LOGGED.found(line=line.strip())
    lost = _lost_child_log(result)
    return lost or says.NO_LOG_FILE


def _lost_child_log(result: RunResult) -> Message:
    for event in result.dropped_logs:
        process = result.process(event.pid)
        if process is not None and process.role != "main" and event.level >= 20:
            return says.LOST_CHILD_LOGS.found(
                label=process.label,
                message=event.message,
                method=result.start_method,
            )
    return None


def _matches(message: str, wanted: str, patterns: bool) -> bool:
    return re.fullmatch(wanted, message) is not None if patterns else message == wanted


def _compare_lines(
    result: RunResult, found: list[str], expected: list[str], ordered: bool, patterns: bool, exact: bool
) -> Message:
    unmatched = list(found)
    missing = []
    for want in expected:
        hit = next((m for m in unmatched if _matches(m, want, patterns)), None)
        if hit is None:
            missing.append(want)
        else:
            unmatched.remove(hit)
    if missing:
        return _report_missing(result, missing, found, patterns)
    if unmatched:
        problem = _report_extra(unmatched, expected, patterns, exact)
        if problem:
            return problem
    asked = [m for m in found if any(_matches(m, want, patterns) for want in expected)]
    if ordered and not all(_matches(m, w, patterns) for m, w in zip(asked, expected)):
        return says.WRONG_ORDER.found(expected=_quoted(expected, patterns), found=_quoted(asked, False))
    return None


def _report_missing(result: RunResult, missing: list[str], found: list[str], patterns: bool) -> str:
    lost = _lost_child_log(result)
    if lost:
        return lost
    return says.MISSING_LINES.found(
        missing=_quoted(missing, patterns), found=_quoted(found, False) or "no lines"
    )


def _report_extra(unmatched: list[str], expected: list[str], patterns: bool, exact: bool) -> Message:
    """A line asked for once but logged again; with ``exact``, any line not asked for."""
    for line in unmatched:
        if any(_matches(line, want, patterns) for want in expected):
            count = 1 + sum(1 for other in expected if _matches(line, other, patterns))
            return says.DUPLICATE_LINES.found(line=line, count=count)
    return says.UNEXPECTED_LINES.found(extra=_quoted(unmatched, False)) if exact else None


def _quoted(lines: Sequence[str], patterns: bool) -> str:
    shown = [_readable_pattern(line) if patterns else repr(line) for line in lines[:6]]
    more = f" and {len(lines) - 6} more" if len(lines) > 6 else ""
    return ", ".join(shown) + more


def _readable_pattern(pattern: str) -> str:
    return repr(pattern.replace(r"(\d+)", "<pid>").replace(r"\d+", "<n>").replace("\\", ""))


# --- which process wrote which line -------------------------------------------------


def lines_written_by_children(
    result: RunResult, pattern: str, pid_in_line: bool = False, distinct: bool = True
) -> Message:
    """Each test.log line matching ``pattern`` was logged by a child process (distinct ones,
    unless ``distinct`` is False: then a child may log several)."""
    lines = [line for line in result.log_lines if re.fullmatch(pattern, line.message)]
    writers = []
    for line in lines:
        problem = _writer_problem(result, line, pattern if pid_in_line else None)
        if problem is not None:
            return problem
        event = result.writer_of(line)
        writers.append((line.message, event.pid if event else 0))
    return _same_writer(result, writers) if distinct else None


def _writer_problem(result: RunResult, line: LogLine, pid_pattern: str | None) -> Message:
    event = result.writer_of(line)
    if event is None:
        return says.NOT_BY_LOGGING.found(number=line.number, message=line.message)
    process = result.process(event.pid)
    if process is None or process.role == "main":
        return _written_in_main(result, line.message, event.process_name)
    if process.role == "forked":
        return says.WRITTEN_BY_FORK.found(message=line.message, pid=event.pid)
    if pid_pattern is not None:
        named = int(re.fullmatch(pid_pattern, line.message).group(1))  # type: ignore[union-attr]
        if named != event.pid:
            return says.WRONG_PID_IN_LINE.found(message=line.message, label=process.label, named=named)
    return None


def _written_in_main(result: RunResult, message: str, process_name: str) -> str:
    threads = [t for t in result.learner_threads if t.pid == result.main.pid]
    if threads:
        return says.WRITTEN_BY_THREAD.found(message=message, thread=threads[0].name, pid=result.main.pid)
    return says.WRITTEN_BY_MAIN.found(message=message, label=result.main.label)


def _same_writer(result: RunResult, writers: list[tuple[str, int]]) -> Message:
    counts = Counter(pid for _, pid in writers)
    for pid, count in counts.items():
        if count > 1:
            messages = ", ".join(repr(m) for m, p in writers if p == pid)
            process = result.process(pid)
            return says.SAME_WRITER.found(messages=messages, label=process.label if process else pid)
    return None


def logged_matching(result: RunResult, message_pattern: str) -> list[LogEvent]:
    """The events that logged a test.log line matching the pattern, in the order they were logged."""
    return [e for e in result.logs_to_file if re.fullmatch(message_pattern, e.message)]
