"""The same hostile class graded again, with or without xdist, gets the same grades and messages."""

from __future__ import annotations

import pytest
from hostile_class import KATA_FOLDERS, REDUCED, read_comparable, write_class
from mpkata_testing import batch_args, copy_katas

from conftest import ProgramRunner
from pytest_mpkata import checks
from pytest_mpkata.judge.stops import stop_of


def grade(pytester: pytest.Pytester, report: str, *extra: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(
        *batch_args(*(f"katas/{folder}" for folder in KATA_FOLDERS), report=report, time_limit="3"),
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


@pytest.mark.parametrize(
    "limits", [{"time_limit": 2.5, "process_limit": 500}, {"process_limit": 40}], ids=["time", "processes"]
)
def test_a_process_bomb_gets_one_verdict_whichever_limit_stops_it(
    learner_program: ProgramRunner, start_method: str, limits: dict[str, float]
) -> None:
    result = learner_program.run(PROCESS_BOMB, start_method, **limits)

    stop = stop_of(result)

    assert stop is not None and stop.kind == "runaway_processes" and stop.status == "error", result.reason
    assert checks.ran_cleanly(result) == stop.explanation
