"""Who printed what: every line a learner's program prints, with the process and thread that printed it.

Each test runs a small learner program for real (runner, supervisor and tracer) under
every start method, and reads ``RunResult.output_lines`` and its queries.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from pytest_mpkata.run import records

FOUR_CHILDREN = """
    import multiprocessing

    def shout(number):
        print("number", number)

    if __name__ == "__main__":
        print("number 0")
        children = [
            multiprocessing.Process(target=shout, args=(n,), name=f"Shouter-{n}") for n in range(1, 5)
        ]
        for child in children:
            child.start()
        for child in children:
            child.join()
"""


def test_main_and_four_children_each_own_the_number_they_printed(learner_program, start_method: str) -> None:
    result = learner_program.run(FOUR_CHILDREN, start_method)

    assert result.finished_normally and result.exit_code == 0
    assert [line.text for line in result.output_of(result.main.pid)] == ["number 0"]
    assert result.output_of(result.main.pid)[0].process_name == "MainProcess"
    for number in range(1, 5):
        (process,) = result.processes_that_printed(rf"^number {number}$")
        assert process.role == "child" and process.name == f"Shouter-{number}"
        (line,) = result.output_of(process.pid)
        assert (line.stream, line.text, line.process_name, line.thread) == (
            "stdout",
            f"number {number}",
            f"Shouter-{number}",
            "MainThread",
        )
        assert result.printed_by(line) == "child"
    assert len(result.lines_printed_by("child")) == 4
    assert result.pids_that_printed("number") == {
        p.pid for p in result.processes if p.role in ("main", "child")
    }


def test_what_pool_workers_print_belongs_to_the_worker_that_ran_the_task(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(
        """
        import concurrent.futures, multiprocessing, os

        def square(x):
            print("square of", x, "in", os.getpid())
            return x * x

        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                pool.map(square, range(4))
            with concurrent.futures.ProcessPoolExecutor(2) as executor:
                list(executor.map(square, range(4, 8)))
        """,
        start_method,
    )

    assert result.finished_normally and result.exit_code == 0
    workers = {pid for pool in result.process_pools for pid in pool.workers}
    printed = result.lines_printed_by("pool_worker")
    assert len(printed) == 8
    for line in printed:
        assert line.pid in workers and line.text.endswith(f" in {line.pid}")
    assert {line.pid for line in printed} == {t.pid for t in result.tasks}
    assert all(result.process(line.pid).role == "pool_worker" for line in printed)  # type: ignore[union-attr]


def test_a_threads_print_belongs_to_its_process_and_names_the_thread(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(
        """
        import multiprocessing, threading

        def child():
            thread = threading.Thread(target=print, args=("from a thread in the child",), name="Helper")
            thread.start()
            thread.join()

        if __name__ == "__main__":
            thread = threading.Thread(target=print, args=("from a thread",), name="Printer")
            thread.start()
            thread.join()
            process = multiprocessing.Process(target=child)
            process.start()
            process.join()
        """,
        start_method,
    )

    (line,) = result.output_of(result.main.pid)
    assert (line.text, line.thread, line.process_name) == ("from a thread", "Printer", "MainProcess")
    assert line.from_thread and result.printed_by(line) == "thread"
    (child,) = result.learner_processes
    (in_child,) = result.output_of(child.pid)
    assert (in_child.text, in_child.thread) == ("from a thread in the child", "Helper")
    assert len(result.lines_printed_by("thread")) == 2


def test_stderr_writes_and_a_crash_traceback_are_recorded_as_stderr(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(
        """
        import multiprocessing, sys

        def fail():
            print("child warns", file=sys.stderr)
            raise ValueError("bad input")

        if __name__ == "__main__":
            sys.stderr.write("main warns\\n")
            process = multiprocessing.Process(target=fail)
            process.start()
            process.join()
            raise SystemExit("main gives up")
        """,
        start_method,
    )

    (child,) = result.learner_processes
    assert [line.text for line in result.output_of(result.main.pid, "stderr")] == [
        "main warns",
        "main gives up",
    ]
    child_errors = [line.text for line in result.output_of(child.pid, "stderr")]
    assert child_errors[0] == "child warns"
    assert "Traceback (most recent call last):" in child_errors
    assert child_errors[-1] == "ValueError: bad input"
    assert result.output_of(child.pid, "stdout") == ()
    assert "ValueError: bad input" in result.stderr and "main warns" in result.stderr


def test_a_line_without_newline_at_exit_is_recorded(learner_program, start_method: str) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def work():
            print("child", end="")
            print(" done", end="")

        if __name__ == "__main__":
            process = multiprocessing.Process(target=work)
            process.start()
            process.join()
            print("main", end="")
        """,
        start_method,
    )

    (child,) = result.learner_processes
    assert [line.text for line in result.output_of(child.pid)] == ["child done"]
    assert [line.text for line in result.output_of(result.main.pid)] == ["main"]
    assert result.stdout == "child donemain"


def test_a_flood_of_lines_is_recorded_up_to_the_bound_and_the_rest_counted(learner_program) -> None:
    result = learner_program.run(
        """
        for number in range(100_000):
            print("line", number)
        """,
        time_limit=30.0,
    )

    expected = "".join(f"line {number}\n" for number in range(100_000))
    printed = result.output_of(result.main.pid)
    assert len(printed) == records.OUTPUT_LINES_LIMIT
    assert [line.text for line in printed[:2]] == ["line 0", "line 1"]
    assert result.output_dropped_by(result.main.pid) == 100_000 - records.OUTPUT_LINES_LIMIT
    assert result.stdout_size == len(expected) < result.limits.output_limit  # type: ignore[union-attr]
    assert result.stdout.endswith("line 99999\n")
    assert not result.trace_truncated


VISIBLE_OUTPUT = """
    import multiprocessing, sys

    def child(word):
        print("child says", word)
        sys.stdout.writelines(["a\\n", "b"])
        sys.stdout.flush()

    if __name__ == "__main__":
        count = sys.stdout.write("caf\\u00e9 ")
        print(count, sys.stdout.encoding, sys.stdout.isatty(), sys.stdout.fileno())
        print("tab\\there", flush=True)
        sys.stdout.buffer.write(b"raw bytes\\n")
        sys.stdout.buffer.flush()
        process = multiprocessing.Process(target=child, args=("hi",))
        process.start()
        process.join()
        print("", repr(sys.stdout)[:14], end="")
"""


def test_the_learners_visible_output_is_the_same_with_and_without_the_tracer(
    learner_program, start_method: str, tmp_path: Path
) -> None:
    result = learner_program.run(VISIBLE_OUTPUT, start_method)
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "learner.py").write_text(
        "import multiprocessing\n"
        f"multiprocessing.set_start_method({start_method!r}, force=True)\n" + textwrap.dedent(VISIBLE_OUTPUT),
        encoding="utf-8",
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MPKATA_", "PYTEST_", "COV"))}
    environment.update(PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
    expected = subprocess.run(
        [sys.executable, "learner.py"], cwd=bare, env=environment, capture_output=True, timeout=30, check=True
    ).stdout

    assert result.exit_code == 0, result.stderr
    assert result.stdout.encode("utf-8") == expected
    assert result.stdout_size == len(expected)
    assert [line.text for line in result.output_of(result.main.pid)][:2] == [
        "café 5 utf-8 False 1",
        "tab\there",
    ]
