"""What ``checks`` and ``diagnose`` tell a learner: the run's pids and names, and what to change.

The multiprocessing classics are run for real; edge cases use hand-built
``RunResult`` objects, so each branch of a message is pinned down.
"""

from __future__ import annotations

import re
from typing import Any

from mpkata_testing import hand_made_result

from pytest_mpkata import checks
from pytest_mpkata.judge import diagnose, stops
from pytest_mpkata.judge import messages as says
from pytest_mpkata.run.runner import RunLimits
from pytest_mpkata.trace.facts import ExceptionInfo, LogEvent, ProcessInfo
from pytest_mpkata.trace.model import RunResult

MAIN_PID = 4000
MAIN = ProcessInfo(pid=MAIN_PID, role="main", name="MainProcess", exitcode=0)


def make_result(**fields: Any) -> RunResult:
    """A run that ended cleanly with only a main process, changed by ``fields``."""
    defaults: dict[str, Any] = dict(
        start_method="spawn",
        duration=0.4,
        main_pid=MAIN_PID,
        log_path="/runs/work/test.log",
        processes=(MAIN,),
        limits=RunLimits(time_limit=5.0),
    )
    return hand_made_result(**{**defaults, **fields})


def child(
    pid: int, name: str, role: str = "child", exitcode: int | None = None, target: str = "work"
) -> ProcessInfo:
    return ProcessInfo(pid=pid, role=role, name=name, target=target, exitcode=exitcode, started_by=MAIN_PID)


# --- the classics, run for real ------------------------------------------------------


def test_a_missing_main_guard_names_the_child_that_failed_and_the_fix(learner_program) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def work():
            print("work")

        child = multiprocessing.Process(target=work)
        child.start()
        child.join()
        """,
        "spawn",
    )

    message = checks.ran_cleanly(result)

    bootstrap = result.fatal_exceptions[0]
    assert bootstrap.pid != result.main.pid
    assert message == diagnose.MISSING_MAIN_GUARD.format(method="spawn", process=f"pid {bootstrap.pid}")
    assert "Under spawn, each child process re-imports your file" in message
    assert 'under `if __name__ == "__main__":`' in message


def test_an_unpicklable_pool_function_is_named_and_a_top_level_def_suggested(
    learner_program,
) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                print(pool.map(lambda x: x * x, [1, 2, 3]))
        """,
        "fork",
    )

    message = checks.ran_cleanly(result)

    assert message is not None
    assert message.startswith("Python could not send your function to the child process under fork")
    assert "Can't pickle <function <lambda>" in message
    assert "use a function defined with `def` at the top level of your file" in message


def test_a_function_defined_under_the_main_guard_is_named_with_the_child_that_missed_it(
    learner_program,
) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        if __name__ == "__main__":
            def work():
                print("work")

            child = multiprocessing.Process(target=work)
            child.start()
            child.join()
        """,
        "spawn",
    )

    message = checks.ran_cleanly(result)

    (process,) = result.children_of(result.main)
    assert process.target == "work"
    assert message is not None
    assert message.startswith(
        f"A child process (pid {process.pid}) could not find `work` in your "
        "program under spawn: AttributeError: Can't get attribute 'work'"
    )
    assert "Define `work` at the top level of your file" in message


def test_a_broken_process_pool_names_the_worker_that_died_and_its_exit_code(
    learner_program,
) -> None:
    result = learner_program.run(
        """
        import os
        from concurrent.futures import ProcessPoolExecutor

        def die(x):
            os._exit(7)

        if __name__ == "__main__":
            with ProcessPoolExecutor(max_workers=2) as executor:
                print(list(executor.map(die, [1, 2])))
        """,
        "fork",
    )

    message = checks.ran_cleanly(result)

    dead = [p for p in result.processes if p.role == "pool_worker" and p.exitcode == 7]
    assert dead, "no worker of the executor is on record with exit code 7"
    assert message is not None
    assert message.startswith(diagnose.BROKEN_POOL_WORKER.format(label=dead[0].label, code=7))
    assert f"(pid {dead[0].pid})" in message
    # CPython words it two ways, depending on whether a task was still pending when the worker died.
    assert re.search(
        r"so the pool broke \(BrokenProcessPool: A (process in the process pool was terminated|"
        r"child process terminated) abruptly",
        message,
    )
    assert ".)" not in message and ".." not in message
    assert "Look for `os._exit`" in message


def test_a_pool_used_after_close_names_the_process_and_the_order_to_use(learner_program) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def square(x):
            return x * x

        if __name__ == "__main__":
            pool = multiprocessing.Pool(2)
            pool.close()
            print(pool.map(square, [1, 2]))
            pool.join()
        """,
        "fork",
    )

    message = checks.ran_cleanly(result)

    assert message == diagnose.POOL_USED_AFTER_CLOSE.format(pid=result.main.pid, message="Pool not running")
    assert f"Your program (pid {result.main.pid}) used a pool after it was closed" in message
    assert "before `pool.close()`" in message


def test_a_join_before_close_names_the_process_and_says_close_first(learner_program) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def square(x):
            return x * x

        if __name__ == "__main__":
            pool = multiprocessing.Pool(2)
            print(pool.map(square, [1, 2]))
            pool.join()
        """,
        "fork",
    )

    message = checks.ran_cleanly(result)

    assert message == diagnose.JOIN_BEFORE_CLOSE.format(pid=result.main.pid, message="Pool is still running")
    assert "Call `pool.close()` first, then `pool.join()`." in message


def test_a_deadlock_at_the_time_limit_lists_every_unfinished_process(learner_program) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def relay(inbox, outbox):
            outbox.put(inbox.get())

        if __name__ == "__main__":
            a, b = multiprocessing.Queue(), multiprocessing.Queue()
            first = multiprocessing.Process(target=relay, args=(a, b), name="First")
            second = multiprocessing.Process(target=relay, args=(b, a), name="Second")
            first.start()
            second.start()
            first.join()
            second.join()
        """,
        "fork",
        time_limit=1.5,
    )

    message = checks.ran_cleanly(result)

    assert result.timed_out
    children = result.children_of(result.main)
    assert sorted(p.name for p in children) == ["First", "Second"]
    assert all(p.exitcode is None for p in children)
    unfinished = ", ".join(p.label for p in (result.main, *children))
    assert unfinished.startswith(f"MainProcess (pid {result.main.pid}), ")
    assert message == diagnose.TIMEOUT.format(
        limit=1.5, detail=diagnose.TIMEOUT_DEADLOCK.format(alive=unfinished)
    )
    assert "time limit of 1.5 s" in message


# --- edge cases, on hand-built results -----------------------------------------------


def test_a_timeout_with_no_unfinished_child_points_at_an_endless_loop() -> None:
    finished = child(4001, "Process-1", exitcode=0)
    result = make_result(reason="timeout", exit_code=-15, duration=5.01, processes=(MAIN, finished))

    assert checks.ran_cleanly(result) == diagnose.TIMEOUT.format(limit=5.0, detail=diagnose.TIMEOUT_LOOP)


def test_a_timeout_after_pool_workers_died_names_the_first_dead_worker() -> None:
    workers = (
        child(4001, "SpawnPoolWorker-1", "pool_worker", exitcode=1, target="worker"),
        child(4002, "SpawnPoolWorker-2", "pool_worker", exitcode=1, target="worker"),
    )
    result = make_result(reason="timeout", exit_code=-15, processes=(MAIN, *workers))

    message = checks.ran_cleanly(result)

    assert message is not None
    assert "2 pool workers died (e.g. SpawnPoolWorker-1 (pid 4001), exit code 1)" in message
    assert "`map()` waited forever" in message


def test_the_unfinished_list_stops_at_six_processes() -> None:
    stuck = tuple(child(4001 + n, f"Process-{n + 1}") for n in range(8))
    result = make_result(reason="timeout", exit_code=-9, processes=(MAIN, *stuck))

    message = checks.ran_cleanly(result)

    assert message is not None
    assert "MainProcess (pid 4000), Process-1 (pid 4001)" in message
    assert "Process-5 (pid 4005)." in message and "Process-6" not in message


def test_without_recorded_limits_a_timeout_reports_how_long_the_run_took() -> None:
    result = make_result(reason="timeout", exit_code=-15, duration=2.5, limits=None)

    assert diagnose.explain_stop(result) == diagnose.TIMEOUT.format(limit=2.5, detail=diagnose.TIMEOUT_LOOP)


def test_the_process_limit_message_gives_the_limit_not_the_peak_of_that_instant() -> None:
    result = make_result(
        reason="process_limit", exit_code=-15, peak_processes=70, limits=RunLimits(process_limit=64)
    )

    message = checks.ran_cleanly(result)

    assert message == stops.RUNAWAY.format(limit=64)
    assert "70" not in message  # how many ran when the limit tripped is timing: the grade must not hold it


def test_a_main_process_killed_by_a_signal_names_the_signal() -> None:
    result = make_result(exit_code=-11)

    assert checks.ran_cleanly(result) == "Your program was killed by signal SIGSEGV (exit code -11)."


def test_stdout_at_the_file_size_limit_is_explained() -> None:
    result = make_result(stdout_size=1000, limits=RunLimits(file_limit=1000))

    assert checks.ran_cleanly(result) == diagnose.FILE_LIMIT_REACHED.format(file="stdout", limit=1000)


def test_a_child_that_exits_with_a_code_is_named_with_its_target() -> None:
    failed = child(4001, "Process-1", exitcode=3, target="count")
    result = make_result(processes=(MAIN, failed))

    assert checks.ran_cleanly(result) == (
        "Process-1 (pid 4001) running `count` ended with exit code 3 instead of 0."
    )


def test_a_child_error_is_named_with_the_child_and_its_target() -> None:
    failed = child(4001, "Process-1", exitcode=1, target="count")
    error = ExceptionInfo(
        pid=4001,
        where="run",
        type="ZeroDivisionError",
        message="division by zero",
        line="learner.py:4",
        fatal=None,
    )
    result = make_result(processes=(MAIN, failed), exceptions=(error,))

    assert checks.ran_cleanly(result) == says.CHILD_CRASHED.format(
        label="Process-1 (pid 4001)", target="count", error="ZeroDivisionError: division by zero"
    )


def test_a_process_left_running_and_unknown_to_the_trace_is_named_by_pid_and_command() -> None:
    result = make_result(leftovers=({"pid": 4321, "ppid": 1, "cmdline": "python learner.py"},))

    message = checks.ran_cleanly(result)

    assert message == says.LEFT_RUNNING.format(alive="pid 4321 (python learner.py)")


def test_multiprocessings_own_resource_tracker_still_ending_is_no_leftover_of_the_learner() -> None:
    """On a loaded machine the tracker ends a moment after main: never the learner's doing."""
    tracker = {
        "pid": 4322,
        "ppid": 1,
        "cmdline": "python -c from multiprocessing.resource_tracker import main;main(5)",
    }

    assert checks.ran_cleanly(make_result(leftovers=(tracker,))) is None


def test_a_fork_server_child_left_running_is_a_leftover_though_it_shares_the_servers_command_line() -> None:
    command = "python -c from multiprocessing.forkserver import main; main(7, 8, ['__main__'])"
    stray = child(4001, "Process-1", exitcode=None, target="log_number")
    result = make_result(processes=(MAIN, stray), leftovers=({"pid": 4001, "ppid": 1, "cmdline": command},))

    assert checks.ran_cleanly(result) == says.LEFT_RUNNING.format(alive="Process-1 (pid 4001)")


def test_a_lost_child_log_names_the_child_and_the_start_method() -> None:
    sayer = child(4001, "Process-1", exitcode=0, target="say_hello")
    dropped = LogEvent(
        pid=4001,
        process_name="Process-1",
        level=20,
        message="hello",
        time=0.0,
        destinations=(),
        dropped=True,
    )
    result = make_result(start_method="forkserver", processes=(MAIN, sayer), logs=(dropped,))

    message = checks.log_has_lines(result, ["hello"])

    assert message == says.LOST_CHILD_LOGS.format(
        label="Process-1 (pid 4001)", message="hello", method="forkserver"
    )
    assert "call `logging.basicConfig(...)` at the top of the file" in message


def test_a_broken_pool_without_a_dead_worker_on_record_still_explains_the_break() -> None:
    error = ExceptionInfo(
        pid=MAIN_PID,
        where="main",
        type="BrokenProcessPool",
        message="A child process terminated abruptly.",
        line=None,
        fatal=None,
    )
    result = make_result(exit_code=1, exceptions=(error,))

    message = checks.ran_cleanly(result)

    assert message is not None
    assert message.startswith(
        "A worker process of your ProcessPoolExecutor died abruptly, so the "
        "pool broke (BrokenProcessPool: A child process terminated abruptly)."
    )


def test_a_bootstrap_error_seen_only_on_stderr_is_still_explained() -> None:
    stderr = "RuntimeError: An attempt has been made ... its bootstrapping phase."
    result = make_result(exit_code=1, stderr=stderr)

    message = checks.ran_cleanly(result)

    assert message == diagnose.MISSING_MAIN_GUARD.format(method="spawn", process="a child process")
    assert "pid a child" not in message


def test_a_program_with_no_pool_task_is_not_told_its_zero_chunks_ran_in_one_worker() -> None:
    main = ProcessInfo(pid=100, role="main", name="MainProcess", began=0.0, ended=1.0, exitcode=0)
    message = checks.tasks_overlapped(hand_made_result(processes=(main,)))
    assert message is not None
    assert "0 chunks" not in message and "no process pool" in message
