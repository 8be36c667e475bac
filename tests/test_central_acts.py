"""No points for nothing: a program that skips what a kata is about passes none of its checks.

A learner's session first (a kata 01 answer that logs the right lines from the main process),
then a class graded in batch, then each act on the smallest hand-made run that shows it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mpkata_testing import batch_args, copy_katas, hand_made_result

from pytest_mpkata.judge.central import ACTS, MISSING_ACT, missing_act
from pytest_mpkata.kata.catalogue import load_catalogue
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import (
    Moment,
    PipeEvent,
    PoolInfo,
    ProcessInfo,
    QueueEvent,
    SharedWrite,
    TaskInfo,
    ThreadInfo,
    ValueWrites,
)

ROOT = Path(__file__).resolve().parent.parent
MAIN = 100
LOGS_THE_LINES_ITSELF = """\
import logging
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

if __name__ == "__main__":
    logging.info("hello from process %d", os.getpid() + 1)
    logging.info("child exited with code 0")
"""
THREAD_POOL = """\
import logging
from multiprocessing.pool import ThreadPool

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    with ThreadPool(4) as pool:
        logging.info("squares: %s", pool.map(square, range(1, 11)))
"""


def test_a_program_that_only_writes_the_log_passes_no_check_of_a_process_kata(
    pytester: pytest.Pytester,
) -> None:
    copy_katas(pytester.path, ("01_create_process",))
    pytester.path.joinpath("katas/01_create_process/create_process.py").write_text(LOGS_THE_LINES_ITSELF)

    result = pytester.runpytest_subprocess(
        "katas", "-p", "no:cacheprovider", "--mpkata-start-methods", "fork", timeout=120
    )

    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines(
        ["*started no child process with `multiprocessing.Process`, and that is what this kata is about*"]
    )


def test_a_class_that_skips_the_central_act_scores_zero_and_the_reference_full_marks(
    pytester: pytest.Pytester,
) -> None:
    copy_katas(pytester.path, ("01_create_process", "04_pool_map"))
    klass = pytester.path / "class"
    (klass / "mallory").mkdir(parents=True)
    (klass / "mallory" / "create_process.py").write_text(LOGS_THE_LINES_ITSELF)
    (klass / "mallory" / "pool_map.py").write_text(THREAD_POOL)
    (klass / "reference").mkdir()
    for kata_id in ("create_process", "pool_map"):
        shutil.copyfile(ROOT / "solutions" / f"{kata_id}.py", klass / "reference" / f"{kata_id}.py")

    pytester.runpytest_subprocess(*batch_args("katas", methods="fork,spawn"), timeout=300)

    grades = json.loads((pytester.path / "out" / "grades.json").read_text())["submissions"]
    assert {kata: grade["score"] for kata, grade in grades["mallory"]["katas"].items()} == {
        "create_process": 0,
        "pool_map": 0,
    }
    assert all(grade["status"] == "passed" for grade in grades["reference"]["katas"].values())


def test_every_kata_names_acts_the_judge_knows() -> None:
    katas = load_catalogue(ROOT / "katas")

    assert all(kata.central for kata in katas)
    assert {act for kata in katas for act in kata.central} <= set(ACTS)


# --- each act, on the smallest run that shows it --------------------------------------------------

MAIN_PROCESS = ProcessInfo(pid=MAIN, role="main", name="MainProcess")
CHILD = ProcessInfo(pid=201, role="child", name="Process-1", started_by=MAIN)


def run_with(**fields: object) -> object:
    return hand_made_result(main_pid=MAIN, processes=(MAIN_PROCESS, *fields.pop("children", ())), **fields)


def pool(kind: str, workers: tuple[int, ...]) -> PoolInfo:
    return PoolInfo("100:1", kind, len(workers), MAIN, 0.0, workers, ("map",), ("exit",))


def task(pid: int) -> TaskInfo:
    return TaskInfo("100:1", "map", "square", "(2,)", pid, 0.0, 0.1, "4", None, 0.01)


def event_set(pid: int) -> Moment:
    return Moment(records.EVENT_SET, pid, 1.0, "MainThread", (("event", "100:7"), ("thread", "MainThread")))


def event_waited(pid: int) -> Moment:
    fields = (("event", "100:7"), ("thread", "MainThread"), ("called", 0.5), ("flag", True))
    return Moment(records.EVENT_WAIT, pid, 2.0, "MainThread", fields)


def barrier_passed(pid: int) -> Moment:
    fields = (("barrier", "100:8"), ("thread", "MainThread"), ("called", 0.5), ("parties", 2), ("index", 0))
    return Moment(records.BARRIER_WAIT, pid, 2.0, "MainThread", fields)


def moment(kind: str, pid: int, **fields: object) -> Moment:
    return Moment(kind, pid, 1.0, "MainThread", tuple(fields.items()))


DONE_AND_NOT_DONE = {
    "process": (dict(children=(CHILD,)), dict()),
    "pool": (
        dict(pools=(pool("Pool", (201, 202)),), tasks=(task(201),)),
        dict(pools=(pool("ThreadPool", (MAIN,)),), tasks=(task(MAIN),)),
    ),
    "queue": (
        dict(queue_events=(QueueEvent("q", MAIN, "put", "1", 1.0), QueueEvent("q", 201, "get", "1", 2.0))),
        dict(queue_events=(QueueEvent("q", MAIN, "put", "1", 1.0), QueueEvent("q", MAIN, "get", "1", 2.0))),
    ),
    "pipe": (
        dict(
            pipe_events=(PipeEvent("p", 0, MAIN, "send", "1", 1.0), PipeEvent("p", 1, 201, "recv", "1", 2.0))
        ),
        dict(
            pipe_events=(PipeEvent("p", 0, MAIN, "send", "1", 1.0), PipeEvent("p", 1, MAIN, "recv", "1", 2.0))
        ),
    ),
    "shared_array": (
        dict(shared_writes=(SharedWrite(201, 0, 2, 4, 1.0),)),
        dict(shared_writes=(SharedWrite(MAIN, 0, 2, 4, 1.0),)),
    ),
    "shared_value": (
        dict(value_writes=(ValueWrites("v", 201, 1000, 0, 0, None, None, 1.0),)),
        dict(value_writes=(ValueWrites("v", MAIN, 1000, 0, 0, None, None, 1.0),)),
    ),
    "thread": (dict(threads=(ThreadInfo(MAIN, "Thread-1", "add", "()", 1.0, 2.0),)), dict()),
    "event": (
        dict(moments=(event_set(MAIN), event_waited(201))),
        dict(moments=(event_set(201), event_waited(201))),
    ),
    "barrier": (
        dict(moments=(barrier_passed(201), barrier_passed(202))),
        dict(moments=(barrier_passed(MAIN), barrier_passed(201))),
    ),
    "manager": (
        dict(moments=(moment(records.PROXY_WRITE, 201, key="'a'"),)),
        dict(
            moments=(
                moment(records.PROXY_WRITE, MAIN, key="'a'"),
                moment(records.PROXY_WRITE, 201, error="EOFError"),
            )
        ),
    ),
    "shared_memory": (
        dict(moments=(moment(records.SHM_ATTACH, 201, block="psm_1"),)),
        dict(
            moments=(
                moment(records.SHM_CREATE, MAIN, block="psm_1"),
                moment(records.SHM_CREATE, 201, block="psm_2"),
            )
        ),
    ),
}


@pytest.mark.parametrize("act", sorted(DONE_AND_NOT_DONE))
def test_an_act_is_seen_only_where_a_process_other_than_main_did_it(act: str) -> None:
    done, not_done = DONE_AND_NOT_DONE[act]

    assert missing_act(run_with(**done), (act,)) is None
    message = missing_act(run_with(**not_done), (act,))
    assert message is not None and message.kind == MISSING_ACT.kind
    assert ACTS[act].missing in message and f"pid {MAIN}" in message
