"""What the checks of a process's life tell a learner, branch by branch.

Hand-built runs pin each message; ``test_process_answers.py`` proves the tracer records the
answers for real, and kata 11's mutants prove each message under every start method.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mpkata_testing import hand_made_result

from pytest_mpkata import checks
from pytest_mpkata.judge import lifecycle_messages as says
from pytest_mpkata.judge.findings import kind_of
from pytest_mpkata.run import records
from pytest_mpkata.trace.evidence import Evidence, KernelProcess
from pytest_mpkata.trace.facts import LogEvent, Moment, ProcessInfo
from pytest_mpkata.trace.model import RunResult

MAIN_PID = 100
MAIN = ProcessInfo(pid=MAIN_PID, role="main", name="MainProcess", exitcode=0)
GOOD = ProcessInfo(
    pid=101, role="child", name="good", target="Worker.run", exitcode=0, started_by=MAIN_PID,
    start_called=1.0, joined_by=MAIN_PID, joined_at=2.0,
)  # fmt: skip
BAD = replace(GOOD, pid=102, name="bad", exitcode=3)
KEEPER = ProcessInfo(
    pid=103, role="child", name="keeper", target="keep_watch", exitcode=-15, started_by=MAIN_PID,
    start_called=0.5, daemon=True,
)  # fmt: skip


def answer(kind: str, time: float, name: str = "good", **fields: Any) -> Moment:
    return Moment(kind, MAIN_PID, time, "MainThread", (("process", "100:1"), ("name", name), *fields.items()))


def logged(*lines: tuple[float, str]) -> tuple[LogEvent, ...]:
    return tuple(
        LogEvent(MAIN_PID, "MainProcess", 20, text, when, ("/work/test.log",)) for when, text in lines
    )


def run_with(*moments: Moment, logs: tuple[LogEvent, ...] = (), **fields: Any) -> RunResult:
    processes = fields.pop("processes", (MAIN, GOOD, BAD, KEEPER))
    return hand_made_result(main_pid=MAIN_PID, processes=processes, moments=moments, logs=logs, **fields)


ALIVE = (
    answer(records.PROCESS_ALIVE, 0.9, alive=False),
    answer(records.PROCESS_ALIVE, 1.1, alive=True),
    answer(records.PROCESS_ALIVE, 2.1, alive=False),
)
ALIVE_LINES = logged(
    (0.91, "good alive before start: False"),
    (1.11, "good alive while running: True"),
    (2.11, "good alive after join: False"),
)


def test_is_alive_asked_and_logged_at_each_stage_passes() -> None:
    assert checks.alive_answers_logged(run_with(*ALIVE, logs=ALIVE_LINES), "good") is None


def test_an_is_alive_line_written_by_hand_is_no_answer() -> None:
    message = checks.alive_answers_logged(run_with(ALIVE[0], ALIVE[2], logs=ALIVE_LINES), "good")

    assert kind_of(message) == says.ALIVE_NOT_ASKED.kind
    assert "never called `good.is_alive()` while running" in str(message)


def test_is_alive_asked_after_the_child_ended_says_ask_sooner() -> None:
    late = answer(records.PROCESS_ALIVE, 1.8, alive=False)

    message = checks.alive_answers_logged(run_with(ALIVE[0], late, ALIVE[2], logs=ALIVE_LINES), "good")

    assert kind_of(message) == says.ALIVE_ANSWER_WRONG.kind
    assert "ask right after `start()`" in str(message)


def test_an_exitcode_read_before_join_is_told_as_none() -> None:
    reads = (answer(records.PROCESS_EXITCODE, 1.5, exitcode=None),)

    message = checks.exit_codes_read_after_join(run_with(*reads), {"good": 0})

    assert kind_of(message) == says.EXITCODE_BEFORE_JOIN.kind


def test_exit_codes_read_after_join_and_logged_pass() -> None:
    reads = (
        answer(records.PROCESS_EXITCODE, 2.2, exitcode=0),
        answer(records.PROCESS_EXITCODE, 2.3, "bad", exitcode=3),
    )
    lines = logged((2.21, "good exitcode: 0"), (2.31, "bad exitcode: 3"))

    assert checks.exit_codes_read_after_join(run_with(*reads, logs=lines), {"good": 0, "bad": 3}) is None


def test_the_kernel_s_exit_code_outweighs_multiprocessing_s() -> None:
    seen = Evidence(
        processes=(KernelProcess(pid=102, parent=MAIN_PID, started=1.0, ended=1.6, exit_code=0, cpu=0.01),)
    )

    message = checks.exit_codes_read_after_join(run_with(evidence=seen), {"bad": 3})

    assert kind_of(message) == says.EXIT_CODE_WRONG.kind
    assert str(message).startswith("bad (pid 102) ended with exit code 0 as the system saw it")


def test_a_daemon_left_to_the_parent_s_exit_passes_and_one_joined_or_terminated_does_not() -> None:
    lines = logged((2.5, "bad exitcode: 3"))
    joined = replace(KEEPER, joined_by=MAIN_PID, joined_at=2.4)
    terminated = replace(joined, terminated_by=MAIN_PID)

    assert checks.daemon_ended_with_parent(run_with(logs=lines), "keeper") is None
    verdicts = [
        checks.daemon_ended_with_parent(run_with(logs=lines, processes=(MAIN, keeper)), "keeper")
        for keeper in (joined, terminated, replace(KEEPER, daemon=False), replace(KEEPER, exitcode=0))
    ]
    assert [kind_of(v) for v in verdicts] == [
        says.DAEMON_JOINED.kind,
        says.DAEMON_TERMINATED_BY_HAND.kind,
        says.DAEMON_NOT_DAEMON.kind,
        says.DAEMON_ENDED_BY_ITSELF.kind,
    ]


def test_work_the_parent_did_itself_is_told_as_run_in_the_parent() -> None:
    lines = logged((0.9, "good alive before start: False"), (1.0, "good runs in pid 100"))

    message = checks.subclass_children_ran(run_with(logs=lines, processes=(MAIN,)), ("good",))

    assert kind_of(message) == says.RAN_IN_PARENT.kind
    assert 'logged "good runs in pid 100": its work ran in the parent' in str(message)


def test_a_target_function_is_not_a_subclass_s_run() -> None:
    plain = replace(GOOD, target="work")

    message = checks.subclass_children_ran(run_with(processes=(MAIN, plain)), ("good",))

    assert kind_of(message) == says.RUN_NOT_OVERRIDDEN.kind


def test_the_exit_codes_a_kata_asks_for_are_not_crashes() -> None:
    result = run_with(processes=(MAIN, GOOD, BAD, KEEPER))

    assert kind_of(checks.ran_cleanly(result)) == "child_exit_code"
    assert checks.ran_cleanly(result, exits={"bad": 3, "keeper": -15}) is None
