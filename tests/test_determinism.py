"""The same hostile class graded again, with or without xdist, gets the same grades and messages."""

from __future__ import annotations

import pytest
from hostile_class import KATA_FOLDERS, REDUCED, read_comparable, write_class
from mpkata_testing import batch_args, copy_katas, hand_made_result

from conftest import ProgramRunner
from pytest_mpkata import checks
from pytest_mpkata.judge.statuses import ERROR, TIMEOUT
from pytest_mpkata.judge.stops import RUNAWAY_GENERATIONS, RUNAWAY_KIND, stop_of
from pytest_mpkata.run.runner import RunLimits
from pytest_mpkata.trace.facts import ProcessInfo
from pytest_mpkata.trace.model import RunResult


def grade(pytester: pytest.Pytester, report: str, *extra: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(
        *batch_args(*(f"katas/{folder}" for folder in KATA_FOLDERS), report=report, time_limit="6"),
        *extra,
        timeout=600,
    )


def test_a_hostile_class_gets_the_same_grades_every_time_with_or_without_xdist(
    pytester: pytest.Pytester,
) -> None:
    copy_katas(pytester.path, KATA_FOLDERS)
    write_class(pytester.path / "class", REDUCED)

    first = grade(pytester, "first")
    second = grade(pytester, "second", "-n", "2")

    assert first.ret == second.ret == pytest.ExitCode.TESTS_FAILED
    assert read_comparable(pytester.path / "first") == read_comparable(pytester.path / "second")


def test_a_missing_guard_is_reported_once_as_the_root_cause_not_as_a_cascade(
    pytester: pytest.Pytester,
) -> None:
    copy_katas(pytester.path, KATA_FOLDERS)
    write_class(pytester.path / "class", ("guard_process",))

    grade(pytester, "grades", "--mpkata-start-methods", "spawn,forkserver")

    grades = read_comparable(pytester.path / "grades")["guard_process"]["katas"]["four_numbered_processes"]
    messages = {message for _, _, _, message in grades["failed"]}
    assert grades["score"] == 0 and grades["status"] == "error"
    assert any("if __name__ ==" in message and "Not judged" not in message for message in messages)
    others = messages - {m for m in messages if "Not judged" not in m}
    assert others and all('no `if __name__ == "__main__":` guard' in message for message in others)
    feedback = (pytester.path / "grades" / "guard_process" / "feedback.md").read_text(encoding="utf-8")
    assert feedback.count("### Not judged under the spawn and forkserver start methods:") == 1
    assert feedback.count("Not judged: your program was stopped") == 1


PROCESS_BOMB = """
    import multiprocessing, time

    def grow():
        for _ in range(3):
            multiprocessing.Process(target=grow).start()
        time.sleep(30)

    if __name__ == "__main__":
        grow()
"""


def test_a_process_bomb_stopped_at_the_process_limit_is_a_runaway(
    learner_program: ProgramRunner, start_method: str
) -> None:
    result = learner_program.run(PROCESS_BOMB, start_method, process_limit=40)

    stop = stop_of(result)

    assert stop is not None and stop.kind == RUNAWAY_KIND and stop.status == ERROR, result.reason
    assert checks.ran_cleanly(result) == stop.explanation


def generations(count: int) -> tuple[ProcessInfo, ...]:
    """A main process (pid 100) and a chain of ``count`` children, each started by the one before."""
    main = ProcessInfo(pid=100, role="main")
    chain = [ProcessInfo(pid=101 + n, role="child", ppid=100 + n, started_by=100 + n) for n in range(count)]
    return (main, *chain)


def stopped(reason: str, processes: tuple[ProcessInfo, ...]) -> RunResult:
    limits = RunLimits(time_limit=2.5, process_limit=40)
    return hand_made_result(reason=reason, exit_code=-15, processes=processes, limits=limits)


def test_a_process_bomb_gets_one_verdict_whichever_limit_stops_it() -> None:
    """How deep a bomb got when the time limit struck is timing; the trace records it as a fact."""
    by_time = stop_of(stopped("timeout", generations(RUNAWAY_GENERATIONS)))
    by_count = stop_of(stopped("process_limit", generations(RUNAWAY_GENERATIONS)))

    assert by_time is not None and by_time == by_count
    assert by_time.kind == RUNAWAY_KIND and by_time.status == ERROR


def test_a_run_stopped_at_its_time_limit_before_its_processes_got_deep_timed_out() -> None:
    stop = stop_of(stopped("timeout", generations(RUNAWAY_GENERATIONS - 1)))

    assert stop is not None and stop.kind == "timeout" and stop.status == TIMEOUT
