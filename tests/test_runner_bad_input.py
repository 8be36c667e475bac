"""Programs that go wrong on purpose: each run ends, says what happened, and leaves nothing alive.

Every test ends in a failed ``ran_cleanly`` check whose message names the problem,
and compares the processes of the run found in /proc before and after it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from pytest_mpkata import checks
from pytest_mpkata.judge import diagnose
from pytest_mpkata.run.runner import OUTPUT_HEAD, OUTPUT_TAIL
from pytest_mpkata.session.runs import NOT_SUBMITTED

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="counts the run's processes in /proc and relies on Linux process control",
)

KATAS = Path(__file__).resolve().parent.parent / "katas"


def run_and_check(learner_program, source: str, method: str | None = "fork", **limits):
    """Run a program, assert no process of it exists before or after, return its failed check."""
    assert learner_program.survivors() == set()
    result = learner_program.run(source, method, **limits)
    assert learner_program.survivors() == set()
    message = checks.ran_cleanly(result)
    assert message is not None, "the run was reported clean"
    return result, message


def test_a_missing_learner_file_is_reported_as_not_submitted(
    pytester: pytest.Pytester, processes_naming
) -> None:
    shutil.copytree(KATAS / "01_create_process", pytester.path / "katas" / "01_create_process")
    submission = pytester.mkdir("submission")
    marker = f"{pytester.path}/"
    assert processes_naming(marker) == set()

    run = pytester.runpytest_subprocess(
        "katas",
        "--mpkata-submission",
        str(submission),
        "--mpkata-start-methods",
        "spawn",
        "-p",
        "no:cacheprovider",
        timeout=60,
    )

    assert processes_naming(marker) == set()
    run.assert_outcomes(failed=4)
    expected = NOT_SUBMITTED.format(
        kata_id="create_process", file_name="create_process.py", folder=f"{submission.name}/"
    )
    run.stdout.fnmatch_lines([f"*{expected}*"])
    run.stdout.no_fnmatch_line("*Traceback*")


def test_a_syntax_error_is_reported_as_unreadable(learner_program) -> None:
    result, message = run_and_check(learner_program, "def broken(:\n    pass\n")

    assert result.finished_normally and result.exit_code == 1
    assert "Python could not read your file: SyntaxError: invalid syntax" in message
    assert "Fix the syntax error" in message


def test_an_exception_at_import_names_the_main_process(learner_program) -> None:
    result, message = run_and_check(learner_program, 'raise KeyError("missing at import")\n')

    assert result.exit_code == 1
    assert message == diagnose.CRASHED.format(pid=result.main.pid, message="KeyError: 'missing at import'")


def test_sys_exit_with_a_code_is_reported_with_that_code(learner_program) -> None:
    result, message = run_and_check(learner_program, "import sys\nsys.exit(3)\n")

    assert result.exit_code == 3
    assert message == diagnose.NONZERO_EXIT.format(code=3)


def test_os_exit_with_a_code_is_reported_with_that_code(learner_program) -> None:
    result, message = run_and_check(learner_program, "import os\nos._exit(4)\n")

    assert result.exit_code == 4
    assert message == diagnose.NONZERO_EXIT.format(code=4)


def test_a_program_that_never_ends_is_stopped_at_its_time_limit(learner_program) -> None:
    result, message = run_and_check(learner_program, "while True:\n    pass\n", time_limit=1.0)

    assert result.reason == "timeout"
    assert "did not finish within its time limit of 1 s" in message
    assert diagnose.TIMEOUT_LOOP in message


def test_a_pool_whose_tasks_wait_forever_is_stopped_and_its_workers_named(learner_program) -> None:
    result, message = run_and_check(
        learner_program,
        """
        import multiprocessing

        def keep(event):
            global GO
            GO = event

        def wait_for_go(x):
            GO.wait()
            return x

        if __name__ == "__main__":
            go = multiprocessing.Event()
            with multiprocessing.Pool(2, initializer=keep, initargs=(go,)) as pool:
                print(pool.map(wait_for_go, [1, 2]))
        """,
        time_limit=2.0,
    )

    assert result.reason == "timeout"
    assert "did not finish within its time limit of 2 s" in message
    workers = [p for p in result.processes if p.role == "pool_worker"]
    assert len(workers) == 2
    for process in workers:
        assert process.label in message
    assert "waited in `wait()` on Event 1, which no process ever set" in message


def test_a_child_waiting_on_a_queue_nobody_feeds_is_named_when_stopped(learner_program) -> None:
    result, message = run_and_check(
        learner_program,
        """
        import multiprocessing

        def consume(queue):
            print(queue.get())

        if __name__ == "__main__":
            queue = multiprocessing.Queue()
            child = multiprocessing.Process(target=consume, args=(queue,))
            child.start()
            child.join()
        """,
        time_limit=2.0,
    )

    assert result.reason == "timeout"
    (child,) = result.children_of(result.main)
    assert f"had not finished: MainProcess (pid {result.main.pid}), Process-1 (pid {child.pid})" in message


FORK_BOMB = """
    import os, time
    while True:
        try:
            os.fork()
        except OSError:
            time.sleep(0.01)
"""
PROCESS_BOMB = """
    import multiprocessing, time

    def grow():
        while True:
            try:
                multiprocessing.Process(target=grow).start()
            except Exception:
                time.sleep(0.01)

    if __name__ == "__main__":
        grow()
"""


@pytest.mark.parametrize(
    "bomb",
    [pytest.param(FORK_BOMB, id="os_fork"), pytest.param(PROCESS_BOMB, id="multiprocessing")],
)
def test_a_program_that_forks_without_end_is_stopped_at_the_process_limit(learner_program, bomb: str) -> None:
    result, message = run_and_check(learner_program, bomb, time_limit=3.0, process_limit=16)

    assert result.reason == "process_limit"
    assert result.peak_processes > 16
    assert "generations below the main process" in message  # the same whichever limit stops it
    assert "forks without end" in message


def test_a_program_that_prints_megabytes_is_stopped_at_the_output_limit(learner_program) -> None:
    result, message = run_and_check(
        learner_program,
        """
        import sys
        line = "x" * 1023 + "\\n"
        for _ in range(50 * 1024):
            sys.stdout.write(line)
        """,
        time_limit=3.0,
    )

    assert result.reason == "output_limit"
    assert message == diagnose.OUTPUT_LIMIT.format(limit=2_000_000)
    assert "bytes omitted" in result.stdout
    assert len(result.stdout) < OUTPUT_HEAD + OUTPUT_TAIL + 100


def test_a_program_that_fills_its_log_file_is_told_the_size_limit(learner_program) -> None:
    result, message = run_and_check(
        learner_program,
        """
        import logging
        FORMAT = "%(asctime)s %(message)s"
        logging.basicConfig(filename="test.log", level=logging.INFO, format=FORMAT)
        for number in range(2000):
            logging.info("line %d %s", number, "y" * 200)
        """,
        time_limit=10.0,
        file_limit=64 * 1024,
    )

    assert result.log_size == 64 * 1024
    assert message == diagnose.FILE_LIMIT_REACHED.format(file="test.log", limit=64 * 1024)


DELETES_ITS_FILES = """
    import multiprocessing, os

    def work():
        print("work ran in", os.getpid())

    if __name__ == "__main__":
        for name in os.listdir("."):
            os.remove(name)
        child = multiprocessing.Process(target=work)
        child.start()
        child.join()
        print("main done, child exit code", child.exitcode)
"""


def test_a_program_that_deletes_its_own_file_still_runs_to_the_end_and_is_reported(
    learner_program,
) -> None:
    result, message = run_and_check(learner_program, DELETES_ITS_FILES, "spawn")

    assert result.finished_normally and result.exit_code == 0
    assert result.workdir_files == ()
    (child,) = result.children_of(result.main)
    assert "main done, child exit code 1" in result.stdout
    assert message.startswith(f"Process-1 (pid {child.pid}) running `work` failed: FileNotFoundError")
    assert "learner.py" in message


def test_a_program_that_deletes_its_own_file_under_fork_is_reported_normally(
    learner_program,
) -> None:
    result = learner_program.run(DELETES_ITS_FILES, "fork")

    assert checks.ran_cleanly(result) is None
    assert result.workdir_files == ()
    (child,) = result.children_of(result.main)
    assert f"work ran in {child.pid}" in result.stdout


def test_processes_that_ignore_sigterm_are_killed(learner_program) -> None:
    result, message = run_and_check(
        learner_program,
        """
        import multiprocessing, signal, time

        def stubborn():
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(60)

        if __name__ == "__main__":
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            children = [multiprocessing.Process(target=stubborn) for _ in range(2)]
            for child in children:
                child.start()
            time.sleep(60)
        """,
        time_limit=1.0,
    )

    assert result.reason == "timeout" and result.exit_code == -9
    children = result.children_of(result.main)
    assert len(children) == 2
    for process in [result.main, *children]:
        assert process.label in message


def test_a_daemon_that_escapes_the_process_group_is_caught_and_named(learner_program) -> None:
    result, message = run_and_check(
        learner_program,
        """
        import os, time

        reader, writer = os.pipe()
        first = os.fork()
        if first == 0:
            os.setsid()
            second = os.fork()
            if second == 0:
                os.close(writer)
                time.sleep(60)
                os._exit(0)
            os.write(writer, str(second).encode())
            os._exit(0)
        os.close(writer)
        os.waitpid(first, 0)
        print("daemon", os.read(reader, 32).decode())
        """,
    )

    assert result.finished_normally and result.exit_code == 0
    daemon = int(result.stdout.split()[-1])
    assert [left["pid"] for left in result.leftovers] == [daemon]
    assert result.killed >= 1
    assert message.startswith("When your program exited, these processes were still running:")
    assert f"(pid {daemon})" in message


NO_MAIN_GUARD_POOL = """
    import multiprocessing

    def square(x):
        return x * x

    with multiprocessing.Pool(2) as pool:
        print(pool.map(square, [1, 2, 3]))
"""


def test_a_missing_main_guard_under_spawn_stops_the_run_early(learner_program) -> None:
    result, message = run_and_check(learner_program, NO_MAIN_GUARD_POOL, "spawn", time_limit=10.0)

    assert result.reason == "fatal_error"
    bootstrap = result.fatal_exceptions[0]
    assert bootstrap.fatal == "bootstrap" and bootstrap.pid != result.main.pid
    expected = diagnose.MISSING_MAIN_GUARD.format(method="spawn", process=f"pid {bootstrap.pid}")
    assert message.startswith(expected)
    assert '"bootstrapping phase"' in message


LAMBDA_TARGET = """
    import multiprocessing

    if __name__ == "__main__":
        child = multiprocessing.Process(target=lambda: print("hi"))
        child.start()
        child.join()
"""
NESTED_TARGET = """
    import multiprocessing

    def main():
        def inner():
            print("inner")
        child = multiprocessing.Process(target=inner)
        child.start()
        child.join()

    if __name__ == "__main__":
        main()
"""


@pytest.mark.parametrize(
    "target",
    [pytest.param(LAMBDA_TARGET, id="lambda"), pytest.param(NESTED_TARGET, id="nested_function")],
)
def test_an_unpicklable_target_under_spawn_is_explained(learner_program, target: str) -> None:
    result, message = run_and_check(learner_program, target, "spawn")

    assert result.exit_code == 1
    assert "could not send your function to the child process under spawn" in message
    assert "cannot be pickled" in message
    (failure,) = result.start_failures
    assert failure["name"] == "Process-1"


def test_a_pool_task_defined_under_the_main_guard_is_not_found_under_spawn(learner_program) -> None:
    result, message = run_and_check(
        learner_program,
        """
        import multiprocessing

        if __name__ == "__main__":
            def square(x):
                return x * x

            with multiprocessing.Pool(2) as pool:
                print(pool.map(square, [1, 2, 3]))
        """,
        "spawn",
        time_limit=10.0,
    )

    assert result.reason == "fatal_error"
    error = result.fatal_exceptions[0]
    assert "Can't get attribute 'square'" in error.message
    assert message.startswith(f"A child process (pid {error.pid}) could not find `square`")
    assert "Define `square` at the top level of your file" in message


HUNG_POOL = """
    import multiprocessing
    import time

    def square(x):
        time.sleep(60)
        return x * x

    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            pool.map(square, range(10))
"""


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_hung_pool_is_judged_as_it_was_when_stopped(learner_program, method: str) -> None:
    """While the supervisor kills a stopped run, the pool's handler may still see its workers die
    and say so; nothing said after the stop counts, so the verdict names the waiting workers
    however fast the kill went."""
    result, message = run_and_check(learner_program, HUNG_POOL, method, time_limit=2.0)

    assert result.reason == "timeout"
    workers = [p for p in result.processes if p.role == "pool_worker"]
    assert len(workers) == 2 and all(p.exitcode is None for p in workers)
    assert "these processes had not finished: MainProcess" in message
    assert all(f"(pid {p.pid})" in message for p in workers)
