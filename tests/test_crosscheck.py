"""The cross-check, rule by rule, on hand-made evidence; and junk on the channel never crashes it.

The real forgeries are run in ``test_tampering.py``; here each rule of
``judge/crosscheck.py`` is pinned down with the smallest evidence that trips it, and the
builder is fed what a hostile program can put in front of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mpkata_testing import hand_made_result

from pytest_mpkata.judge.crosscheck import contradictions, tampered
from pytest_mpkata.run import protocol, records
from pytest_mpkata.run.runner import RawRun, RunRequest
from pytest_mpkata.trace.builder import build_result
from pytest_mpkata.trace.evidence import Evidence, Forgery, KernelProcess, KernelWrite, kernel_processes
from pytest_mpkata.trace.facts import LogEvent, LogLine, ProcessInfo, TaskInfo
from pytest_mpkata.trace.model import RunResult

MAIN, CHILD = 40, 41
NOW = 1_000.0


def seen(pid: int, parent: int | None = MAIN, **fields: Any) -> KernelProcess:
    facts: dict[str, Any] = dict(pid=pid, parent=parent, started=NOW, ended=NOW + 1, exit_code=0, cpu=0.5)
    return KernelProcess(**{**facts, **fields})


def judged(processes: tuple[ProcessInfo, ...], kernel: tuple[KernelProcess, ...], **fields: Any) -> RunResult:
    evidence = Evidence(observer="ptrace", channel="stamped", processes=kernel, **fields)
    return hand_made_result(main_pid=MAIN, processes=processes, evidence=evidence)


MAIN_PROCESS = ProcessInfo(pid=MAIN, role="main", name="MainProcess")


def test_an_honest_run_has_no_contradiction() -> None:
    child = ProcessInfo(
        pid=CHILD, role="child", ppid=MAIN, start_method="fork", started_by=MAIN, cpu_time=0.4
    )
    result = judged((MAIN_PROCESS, child), (seen(MAIN, parent=None), seen(CHILD)))

    assert contradictions(result) == ()
    assert tampered(result) is None


def test_a_process_that_never_ran_is_named() -> None:
    ghost = ProcessInfo(pid=99, role="child", name="Process-1", started_by=MAIN)
    result = judged((MAIN_PROCESS, ghost), (seen(MAIN, parent=None),))

    assert contradictions(result) == ("the trace names process 99 (Process-1), which never ran",)


def test_a_claimed_parent_is_held_to_the_one_that_made_the_process() -> None:
    child = ProcessInfo(pid=CHILD, role="forked", ppid=77)
    result = judged((MAIN_PROCESS, child), (seen(MAIN, parent=None), seen(CHILD)))

    assert contradictions(result) == (f"process {CHILD} says its parent is 77, but {MAIN} made it",)


def test_a_spawned_child_must_have_started_a_new_interpreter() -> None:
    child = ProcessInfo(pid=CHILD, role="child", ppid=MAIN, start_method="spawn", started_by=MAIN)
    result = judged((MAIN_PROCESS, child), (seen(MAIN, parent=None), seen(CHILD)))

    assert contradictions(result) == (
        f"process {CHILD} says multiprocessing spawned it, but no new interpreter started in it",
    )


def test_cpu_claimed_beyond_what_the_kernel_counted() -> None:
    task = TaskInfo("40:1", "map", "square", "(2,)", CHILD, NOW, NOW + 0.5, "4", None, cpu=3.0)
    result = hand_made_result(
        main_pid=MAIN,
        processes=(MAIN_PROCESS,),
        tasks=(task,),
        evidence=Evidence(observer="ptrace", channel="stamped", processes=(seen(MAIN, None), seen(CHILD))),
    )

    assert contradictions(result) == (
        f"process {CHILD} says it used 3.00 s of CPU, but the system counted 0.50 s",
    )


def test_records_outside_their_senders_life() -> None:
    result = judged((MAIN_PROCESS,), (seen(MAIN, None),), spans=((MAIN, NOW - 60, NOW),))

    assert contradictions(result) == (f"process {MAIN} recorded events at times it was not running",)


def test_forgeries_are_summed_up_per_sender() -> None:
    forgeries = tuple(Forgery("log", claimed, MAIN) for claimed in (7, 7, 8))
    result = judged((MAIN_PROCESS,), (seen(MAIN, None),), forgeries=forgeries)

    assert contradictions(result) == (f"process {MAIN} sent 3 record(s) in the name of process(es) 7, 8",)


def test_without_the_kernel_nothing_is_claimed() -> None:
    ghost = ProcessInfo(pid=99, role="child", name="Process-1")
    result = hand_made_result(
        processes=(MAIN_PROCESS, ghost),
        evidence=Evidence(observer="off: this system has no ptrace events", channel="file: not stamped"),
    )

    assert contradictions(result) == ()


def test_malformed_kernel_rows_are_left_out() -> None:
    rows = (
        {protocol.FACT_PID: "x"},
        {protocol.FACT_STARTED: 1.0},
        {protocol.FACT_PID: 5, protocol.FACT_STARTED: 1.0, protocol.FACT_EXECS: ["python -c x"]},
    )

    assert [process.pid for process in kernel_processes(rows)] == [5]


def test_junk_records_never_crash_the_builder() -> None:
    request = RunRequest(script=Path("kata.py"))
    junk: tuple[dict[str, Any], ...] = (
        {records.KIND: records.BEGIN, records.PID: "not a pid", records.SENDER: 3},
        {records.KIND: records.TASK, records.PID: 3, records.SENDER: 3, "cpu": "lots"},
        {records.KIND: records.TAMPERING, records.PID: 3, records.SENDER: 3},
        {records.KIND: "no such kind", records.SENDER: "x", records.TIME: "later"},
        {records.KIND: records.LOG, records.PID: 3, records.SENDER: 4, records.TIME: 1.0},
    )
    raw = RawRun(
        request, "exited", 0, 3, 0.1, "", "", 0, 0, None, 0, junk, (), 0, 0, (), "test.log",
        observer="ptrace", channel="stamped", kernel_processes=({"pid": 3, "started": 0.0},), junk=2,
    )  # fmt: skip

    result = build_result(raw)

    assert result.evidence.junk == 2
    assert [f.sender for f in result.evidence.forgeries] == [3, 4]
    assert (
        contradictions(result)[0] == "2 message(s) on the tracer's channel were not records the tracer writes"
    )


def test_what_a_stopped_program_wrote_while_it_was_killed_is_not_judged() -> None:
    """A join record written after the supervisor decided to stop the run (here: the pool's
    handler seeing a worker die of the kill) would make a verdict depend on how fast the kill
    went; the builder leaves it out, and still holds its sender to the kernel's stamp."""
    request = RunRequest(script=Path("kata.py"))
    trace = (
        {records.KIND: records.BEGIN, records.PID: 3, records.SENDER: 3, records.TIME: 1.0, "ppid": 1},
        {records.KIND: records.JOIN, records.PID: 3, records.SENDER: 3, records.TIME: 2.5, "child": 4}
        | {"exitcode": -15},
        {records.KIND: records.LOG, records.PID: 9, records.SENDER: 3, records.TIME: 2.6},
    )
    raw = RawRun(
        request, "timeout", -15, 3, 2.0, "", "", 0, 0, None, 0, trace, (), 2, 2, (), "test.log",
        observer="ptrace", channel="stamped", stopped_at=2.0,
    )  # fmt: skip

    result = build_result(raw)

    assert all(p.exitcode is None for p in result.processes if p.pid == 4)
    assert [f.sender for f in result.evidence.forgeries] == [3]


def test_a_helper_whose_parent_ended_before_it_asked_names_its_adopter_honestly() -> None:
    """Spawn's resource tracker may ask for its parent only after a quick main ended: it then
    names the sandbox's init (1), as the kernel says; while its parent lives, 1 is a lie."""
    tracker = ProcessInfo(pid=CHILD, role="helper", ppid=1)
    main_ended = seen(MAIN, parent=None, ended=NOW + 0.2)
    spoke = ((CHILD, NOW + 0.3, NOW + 0.4),)
    orphan = (MAIN_PROCESS, tracker), (main_ended, seen(CHILD, started=NOW + 0.1, ended=NOW + 2))
    still_parented = (MAIN_PROCESS, tracker), (seen(MAIN, parent=None, ended=NOW + 3), seen(CHILD))

    assert contradictions(judged(*orphan, spans=spoke)) == ()
    assert contradictions(judged(*still_parented, spans=spoke)) == (
        f"process {CHILD} says its parent is 1, but {MAIN} made it",
    )


def logged_run(claimed_by: int, writes: tuple[KernelWrite, ...]) -> RunResult:
    event = LogEvent(claimed_by, "Process-1", 20, "process 0", NOW, ("/work/test.log",))
    line = LogLine(1, f"{event.asctime} process 0", event.asctime, "process 0")
    evidence = Evidence(
        observer="ptrace",
        channel="stamped",
        processes=(seen(MAIN, parent=None), seen(CHILD)),
        writes_watched="syscalls",
        writes=writes,
    )
    return hand_made_result(
        main_pid=MAIN, processes=(MAIN_PROCESS,), log_lines=(line,), logs=(event,), evidence=evidence
    )


def test_a_logged_line_is_held_to_the_process_the_kernel_saw_write_it() -> None:
    text = logged_run(CHILD, ()).log_lines[0].text

    honest = logged_run(CHILD, (KernelWrite(CHILD, "test.log", text + "\n"),))
    by_main = logged_run(CHILD, (KernelWrite(MAIN, "test.log", text + "\n"),))
    by_nobody = logged_run(CHILD, ())

    assert contradictions(honest) == ()
    assert contradictions(by_main) == (
        f"line 1 of test.log ({text!r}) was written by process {MAIN}, "
        f"but the trace says process {CHILD} logged it",
    )
    assert contradictions(by_nobody)[0].startswith("no process wrote line 1 of test.log")
