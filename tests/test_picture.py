"""The picture of a run: a learner sees which processes ran what, when, and who wrote each log line.

It is plain ASCII, at most 72 columns and capped in rows, whatever the run did:
a reference solution, a syntax error, a hang, a fork bomb, a thread pool, os.fork().
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mpkata_testing import hand_made_result

from pytest_mpkata.judge import picture, picture_text, picture_tree
from pytest_mpkata.run.runner import RunLimits, RunRequest, run_program
from pytest_mpkata.settings import unavailable_reason
from pytest_mpkata.trace import DroppedOutput, LogLine, OutputLine, ProcessInfo, RunResult, build_result

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
LOGGING = 'logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")'


def needs(method: str) -> pytest.MarkDecorator:
    reason = unavailable_reason(method)
    return pytest.mark.skipif(reason is not None, reason=reason or "")


def run_solution(kata_id: str, method: str, base: Path) -> RunResult:
    """Run a reference solution for real, under one start method."""
    request = RunRequest(
        script=SOLUTIONS / f"{kata_id}.py", start_method=method, limits=RunLimits(time_limit=20.0)
    )
    return build_result(run_program(request, base_dir=base))


def drawn(result: RunResult) -> pytest.LineMatcher:
    """Render and check what every picture promises: ASCII, 72 columns, no trailing blanks."""
    text = picture.render(result)
    for line in text.splitlines():
        assert len(line) <= picture_text.WIDTH, line
        assert line == line.rstrip(), line
    assert text.isascii(), text
    return pytest.LineMatcher(text.splitlines())


def fake_result(processes: tuple[ProcessInfo, ...] = (), **fields: object) -> RunResult:
    """A RunResult built by hand, for runs too wild to start for real (hundreds of processes)."""
    return hand_made_result(start_method="fork", processes=processes, **fields)


# --- reference solutions, run for real ------------------------------------------------------


@pytest.mark.parametrize(
    "method",
    [pytest.param("spawn", marks=needs("spawn")), pytest.param("fork", marks=needs("fork"))],
)
def test_a_child_process_is_drawn_under_main_with_its_target_and_its_log_line(
    tmp_path: Path, method: str
) -> None:
    result = run_solution("create_process", method, tmp_path)
    child = result.learner_processes[0]

    lines = drawn(result)

    lines.fnmatch_lines(
        [
            f"create_process.py under {method}: exited with code 0 after *",
            "process pid target(args) *|0 *| exit",
            f"MainProcess {result.main.pid} *|=*| 0",
            f"+- Process-1 {child.pid} say_hello() *|*=*| 0",
            "test.log, 2 lines, and who wrote each:",
            f"  1 Process-1 {child.pid} * hello from process {child.pid}",
            f"  2 MainProcess {result.main.pid} * child exited with code 0",
        ]
    )
    lines.no_fnmatch_line("*not by logging*")


@needs("spawn")
def test_helpers_of_multiprocessing_take_one_line_instead_of_a_row(tmp_path: Path) -> None:
    result = run_solution("create_process", "spawn", tmp_path)

    drawn(result).fnmatch_lines(["(not drawn: resource tracker *)"])


@needs("fork")
def test_pool_workers_are_grouped_under_their_pool_with_the_tasks_each_ran(tmp_path: Path) -> None:
    result = run_solution("worker_pool", "fork", tmp_path)
    busiest = max(
        result.process_pools[0].workers,
        key=lambda pid: len([t for t in result.tasks if t.pid == pid]),
    )

    lines = drawn(result)

    lines.fnmatch_lines(
        [
            "MainProcess *",
            "+- Pool(5) map: 10 tasks, 10 results read, close()+join()",
            f"|  +- worker {busiest}: times_ten(*) *|*=*| 0",
        ]
    )
    assert len(lines.str().split("|  +- worker ")) - 1 == 5


@needs("fork")
def test_a_learner_thread_is_drawn_inside_its_process(tmp_path: Path) -> None:
    result = run_solution("processes_vs_threads", "fork", tmp_path)

    drawn(result).fnmatch_lines(
        [
            "MainProcess *",
            "+- Process-1 * increment() *|*=*| 0",
            "+- thread Thread-1 (increment) *|*=*|",
        ]
    )


# --- odd runs, run for real -----------------------------------------------------------------


def test_a_syntax_error_shows_the_error_under_the_main_process(learner_program) -> None:
    result = learner_program.run("def main(:\n    pass\n")

    drawn(result).fnmatch_lines(
        [
            "learner.py: exited with code 1 after *",
            "MainProcess * 1",
            "! MainProcess * raised SyntaxError: *",
            "test.log: not written",
        ]
    )


@needs("fork")
def test_a_timed_out_run_draws_processes_alive_to_the_end_and_killed(learner_program) -> None:
    result = learner_program.run(
        """
        import multiprocessing, time
        def sleeper():
            time.sleep(60)
        if __name__ == "__main__":
            child = multiprocessing.Process(target=sleeper)
            child.start()
            child.join()
    """,
        start_method="fork",
        time_limit=1.5,
    )

    drawn(result).fnmatch_lines(
        [
            "learner.py under fork: stopped at its time limit, after * s",
            "MainProcess * |=*>| -15 TERM",
            "+- Process-1 * sleeper() *|*=>| killed",
            picture_tree.NO_END_LEGEND,
        ]
    )


@needs("fork")
def test_a_thread_pool_says_its_tasks_ran_in_threads(learner_program) -> None:
    result = learner_program.run(
        """
        from multiprocessing.pool import ThreadPool
        def square(x):
            return x * x
        if __name__ == "__main__":
            with ThreadPool(3) as pool:
                pool.map(square, range(6))
    """,
        start_method="fork",
    )

    lines = drawn(result)

    lines.fnmatch_lines(
        ["MainProcess *", "+- ThreadPool(3) map: 6 tasks in threads, 6 results read, with-block"]
    )
    lines.no_fnmatch_line("*worker*")


@needs("fork")
def test_an_os_fork_child_and_a_line_written_without_logging_are_flagged(learner_program) -> None:
    result = learner_program.run(
        f"""
        import logging, os
        {LOGGING}
        if __name__ == "__main__":
            pid = os.fork()
            if pid == 0:
                logging.info("child %d", os.getpid())
                os._exit(0)
            os.waitpid(pid, 0)
            with open("test.log", "a") as log:
                log.write("written by hand\\n")
    """,
        start_method="fork",
    )
    child = result.forked_processes[0]

    drawn(result).fnmatch_lines(
        [
            f"+- os.fork() child {child.pid} *",
            f"  1 os.fork child {child.pid} * child {child.pid}",
            f"  2 {picture.NOT_BY_LOGGING} * written by hand",
            picture.NOT_BY_LOGGING_NOTE,
        ]
    )


@needs("spawn")
def test_a_crash_and_a_log_call_that_reached_no_file_are_noted(learner_program) -> None:
    result = learner_program.run(
        f"""
        import logging, multiprocessing
        def work(n):
            logging.info("work %d", n)
            raise ValueError("bad input %d" % n)
        if __name__ == "__main__":
            {LOGGING}
            child = multiprocessing.Process(target=work, args=(7,))
            child.start()
            child.join()
    """,
        start_method="spawn",
    )

    drawn(result).fnmatch_lines(
        [
            "+- Process-1 * work(7) *| 1",
            "! Process-1 * raised ValueError: bad input 7 (learner.py:*)",
            '! Process-1 * logged "work 7": it never reached test.log',
            "test.log: empty",
        ]
    )


# --- runs built by hand -------------------------------------------------------------------


def test_no_trace_at_all_still_says_what_happened() -> None:
    result = fake_result(exit_code=1, stderr="Traceback...\nModuleNotFoundError: No module named x")

    drawn(result).fnmatch_lines(
        [
            "learner.py under fork: exited with code 1 after 500 ms",
            picture.NO_TRACE,
            "stderr: ModuleNotFoundError: No module named x",
            "test.log: not written",
        ]
    )


def test_a_fork_bomb_is_capped_to_a_few_rows_with_a_count_of_the_rest() -> None:
    main = ProcessInfo(pid=100, role="main", name="MainProcess", began=0.0, exitcode=-15)
    bomb = tuple(
        ProcessInfo(
            pid=101 + n,
            role="child",
            name=f"Process-{n}",
            target="boom",
            args=f"({n},)",
            started_by=100 + (n // 2 if n > 1 else 0),
            began=0.001 * n,
        )
        for n in range(400)
    )
    log = tuple(LogLine(n, f"boom {n}", None, f"boom {n}") for n in range(1, 41))
    result = fake_result(
        (main, *bomb),
        reason="process_limit",
        exit_code=-15,
        peak_processes=65,
        log_exists=True,
        log_lines=log,
    )

    lines = drawn(result)

    lines.fnmatch_lines(
        [
            "learner.py under fork: stopped: too many processes (65 at once)",
            f"... and {401 - picture_tree.MAX_ROWS} more processes",
            f"    ... and {40 - picture.MAX_LOG_LINES} more lines",
        ]
    )
    rows = [line for line in lines.lines if "|" in line and "boom(" in line]
    assert len(rows) == picture_tree.MAX_ROWS - 1


def test_deep_trees_stop_indenting_so_labels_stay_readable() -> None:
    main = ProcessInfo(pid=100, role="main", name="MainProcess", began=0.0, ended=1.0, exitcode=0)
    chain = [main]
    for depth in range(1, 11):
        chain.append(
            ProcessInfo(
                pid=100 + depth,
                role="child",
                name=f"Deep-{depth}",
                target="dig",
                args="()",
                started_by=99 + depth,
                began=depth / 20,
                ended=1.0,
                exitcode=0,
            )
        )

    lines = drawn(fake_result(tuple(chain)))

    lines.fnmatch_lines(["*+- Deep-10 110 dig() *| 0"])


# --- under a failing check ------------------------------------------------------------------

THREAD_INSTEAD_OF_PROCESS = """\
import logging
import os
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info("hello from process %d", os.getpid())


if __name__ == "__main__":
    worker = threading.Thread(target=say_hello)
    worker.start()
    worker.join()
    logging.info("child exited with code 0")
"""


def test_a_failing_check_shows_the_picture_under_its_message_and_no_traceback(
    pytester: pytest.Pytester,
) -> None:
    kata = pytester.path / "katas" / "01_create_process"
    shutil.copytree(ROOT / "katas" / "01_create_process", kata)
    (kata / "create_process.py").write_text(THREAD_INSTEAD_OF_PROCESS, encoding="utf-8")

    result = pytester.runpytest_subprocess("katas", "--mpkata-start-methods", "fork", timeout=120)

    result.assert_outcomes(failed=4)  # no child process: no check of kata 01 gives points
    result.stdout.fnmatch_lines(
        [
            "*_ create_process::test_work_in_child_process under fork _*",
            "Your program created no child process with `multiprocessing`*",
            "*- what your program did -*",
            "create_process.py under fork: exited with code 0 after *",
            "MainProcess * |=*| 0",
            "+- thread Thread-1 (say_hello) *|*=*|",
            "test.log, 2 lines, and who wrote each:",
            "  1 MainProcess * hello from process *",
        ]
    )
    result.stdout.no_fnmatch_line("Traceback*")
    result.stdout.no_fnmatch_line("E  *")


# --- who printed what ------------------------------------------------------------------------


def test_each_process_output_is_drawn_under_it_first_lines_first(learner_program) -> None:
    result = learner_program.run(
        """
        import multiprocessing, sys, threading

        def chatty():
            for number in range(5):
                print("chatty line", number)

        if __name__ == "__main__":
            print("main starts")
            child = multiprocessing.Process(target=chatty, name="Chatty")
            child.start()
            child.join()
            thread = threading.Thread(target=print, args=("caf\\u00e9\\tau lait",), name="Waiter")
            thread.start()
            thread.join()
            print("main warns", file=sys.stderr)
        """,
        "spawn",
    )
    (child,) = result.learner_processes

    lines = drawn(result)

    lines.fnmatch_lines(
        [
            "printed, 8 lines, by process:",
            f"MainProcess {result.main.pid}:",
            "  main starts",
            "  [[]Waiter] caf?    au lait",
            "  err: main warns",
            f"Chatty {child.pid}:",
            "  chatty line 0",
            "  chatty line 1",
            "  chatty line 2",
            "  ... 2 more lines",
            "test.log: not written",
        ]
    )


def test_output_from_many_processes_is_capped_and_counts_what_was_cut() -> None:
    processes = tuple(ProcessInfo(pid=200 + n, role="child", name=f"Process-{n}") for n in range(6))
    printed = tuple(
        OutputLine(pid=p.pid, stream="stdout", text="x" * 100, time=1.0, process_name=p.name, thread=None)
        for p in processes
    )
    dropped = (DroppedOutput(pid=200, lines=1000, chars=9000),)

    lines = drawn(fake_result(processes, output_lines=printed, dropped_output=dropped))

    lines.fnmatch_lines(
        [
            "printed, 1006 lines, by process:",
            "Process-0 200:",
            "  xxxx*...",
            "  ... 1000 more lines",
            "Process-3 203:",
            "  xxxx*...",
            "... and 2 more processes printed",
        ]
    )
    lines.no_fnmatch_line("Process-4 204:")


def test_the_picture_shows_who_put_and_took_what_and_who_sent_over_a_pipe(learner_program) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def consume(tasks, conn):
            while (n := tasks.get()) is not None:
                conn.send(n)
            conn.close()

        if __name__ == "__main__":
            tasks = multiprocessing.Queue()
            here, there = multiprocessing.Pipe()
            child = multiprocessing.Process(target=consume, args=(tasks, there))
            child.start()
            for n in (1, 2, None):
                tasks.put(n)
            here.recv(), here.recv()
            child.join()
        """,
        "fork",
    )

    drawn = picture.render(result)

    child = result.children_of(result.main)[0]
    assert "queues, pipes and shared values:" in drawn
    assert f"  MainProcess {result.main.pid} put 2 items + 1 None" in drawn
    assert f"  Process-1 {child.pid} took 2 items + 1 None" in drawn
    assert f"  Process-1 {child.pid} end 1: sent 2, received 0, closed" in drawn
    assert f"  MainProcess {result.main.pid} end 0: sent 0, received 2, not closed" in drawn
