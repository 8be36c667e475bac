"""The tracer's records, as the model reads them, under every start method.

Each test runs a small learner program for real (runner, supervisor and tracer)
and reads the ``RunResult``: which process ran what, who started and joined it,
what pools, threads, shared arrays and log calls did.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

from pytest_mpkata.run import records
from pytest_mpkata.trace.builder import HANDLERS
from pytest_mpkata.trace.facts import ProcessInfo
from pytest_mpkata.trace.model import RunResult

PLAIN_PROCESS = """
    import multiprocessing, os

    def work(n, tag="x"):
        print("work", n, tag, os.getpid())

    if __name__ == "__main__":
        child = multiprocessing.Process(
            target=work, args=(3,), kwargs={"tag": "y"}, name="Worker-A"
        )
        child.start()
        child.join()
"""


def the_only_child(result: RunResult) -> ProcessInfo:
    children = result.children_of(result.main)
    assert len(children) == 1, result.processes
    return children[0]


def assert_parent_is_main(result: RunResult, process: ProcessInfo, method: str) -> None:
    """The child's OS parent is main, except under forkserver, where it is main's forkserver."""
    if method == "forkserver":
        server = result.process(process.ppid or 0)
        assert server is not None and server.role == "helper" and server.ppid == result.main.pid
    else:
        assert process.ppid == result.main.pid


def test_a_plain_process_is_recorded_with_its_parent_target_args_and_exit_code(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(PLAIN_PROCESS, start_method)

    assert result.finished_normally and result.exit_code == 0
    child = the_only_child(result)
    assert child.pid != result.main.pid
    assert child.role == "child"
    assert child.name == "Worker-A"
    assert child.target == "work"
    assert child.args == "(3,) {'tag': 'y'}"
    assert child.start_method == start_method
    assert child.exitcode == 0
    assert child.started_by == result.main.pid
    assert child.joined_by == result.main.pid
    assert_parent_is_main(result, child, start_method)
    assert child.start_called is not None and child.joined_at is not None
    assert child.began is not None and child.ended is not None
    assert child.start_called <= child.began <= child.ended
    assert child.start_called <= child.joined_at
    assert f"work 3 y {child.pid}" in result.stdout


def test_the_start_record_names_the_target_the_parent_gave(learner_program, start_method: str) -> None:
    learner_program.run(PLAIN_PROCESS, start_method)

    assert learner_program.last_raw is not None
    starts = [r for r in learner_program.last_raw.trace if r.get(records.KIND) == records.START]
    assert [(r["target"], r["args"]) for r in starts] == [("__main__.work", "(3,) {'tag': 'y'}")]


def test_a_process_subclass_is_recorded_with_its_run_method(learner_program, start_method: str) -> None:
    result = learner_program.run(
        """
        import multiprocessing, os

        class Greeter(multiprocessing.Process):
            def __init__(self, number):
                super().__init__()
                self.number = number

            def run(self):
                print("greeter", self.number, os.getpid())

        if __name__ == "__main__":
            greeter = Greeter(5)
            greeter.start()
            greeter.join()
        """,
        start_method,
    )

    child = the_only_child(result)
    assert child.target == "Greeter.run"
    assert child.name == "Greeter-1"
    assert child.exitcode == 0 and child.joined_by == result.main.pid
    assert result.processes_running("run") == (child,)
    assert f"greeter 5 {child.pid}" in result.stdout


POOL_PROGRAM = """
    import multiprocessing

    def square(x):
        return x * x

    def add(a, b):
        return a + b

    if __name__ == "__main__":
        pool = multiprocessing.Pool(processes=2)
        print(pool.map(square, [1, 2, 3]))
        print(list(pool.imap(square, [4, 5])))
        print(pool.apply_async(add, (2, 3)).get(timeout=5))
        print(pool.starmap(add, [(1, 1), (2, 2)]))
        pool.close()
        pool.join()
"""


def test_a_pool_records_its_workers_and_every_task(learner_program, start_method: str) -> None:
    result = learner_program.run(POOL_PROGRAM, start_method)

    assert result.finished_normally and result.exit_code == 0
    (pool,) = result.pools
    assert pool.kind == "Pool" and pool.uses_processes
    assert pool.size == 2 and len(set(pool.workers)) == 2
    assert result.main.pid not in pool.workers
    assert pool.owner == result.main.pid
    assert pool.calls == ("map", "imap", "apply_async", "starmap")
    assert pool.shutdown == "close_join"
    workers = {p.pid for p in result.processes if p.role == "pool_worker"}
    assert workers == set(pool.workers)
    assert result.children_of(result.main) == ()
    calls = sorted((t.method, t.func, t.args, t.result) for t in result.tasks)
    assert calls == [
        ("apply_async", "add", "(2, 3)", "5"),
        ("imap", "square", "(4,)", "16"),
        ("imap", "square", "(5,)", "25"),
        ("map", "square", "(1,)", "1"),
        ("map", "square", "(2,)", "4"),
        ("map", "square", "(3,)", "9"),
        ("starmap", "add", "(1, 1)", "2"),
        ("starmap", "add", "(2, 2)", "4"),
    ]
    for task in result.tasks:
        assert task.pid in pool.workers and task.pool == pool.key
        assert task.started <= task.ended and task.error is None
    assert result.pids_that_ran("square") <= set(pool.workers)


def test_a_pool_records_how_it_was_shut_down(learner_program, start_method: str) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def closed_and_joined(x):
            return x

        def in_a_with_block(x):
            return x

        def terminated(x):
            return x

        def never_shut_down(x):
            return x

        if __name__ == "__main__":
            first = multiprocessing.Pool(2)
            first.map(closed_and_joined, [1])
            first.close()
            first.join()
            with multiprocessing.Pool(2) as second:
                second.map(in_a_with_block, [1])
            third = multiprocessing.Pool(2)
            third.map(terminated, [1])
            third.terminate()
            fourth = multiprocessing.Pool(2)
            fourth.map(never_shut_down, [1])
        """,
        start_method,
    )

    shutdown_by_function = {}
    for function in ("closed_and_joined", "in_a_with_block", "terminated", "never_shut_down"):
        (task,) = result.tasks_running(function)
        pool = result.pool(task.pool)
        assert pool is not None
        shutdown_by_function[function] = pool.shutdown
    assert shutdown_by_function == {
        "closed_and_joined": "close_join",
        "in_a_with_block": "context_manager",
        "terminated": "terminate",
        "never_shut_down": "never",
    }


def test_a_process_pool_executor_records_map_and_submit(learner_program, start_method: str) -> None:
    result = learner_program.run(
        """
        from concurrent.futures import ProcessPoolExecutor

        def square(x):
            return x * x

        if __name__ == "__main__":
            with ProcessPoolExecutor(max_workers=2) as executor:
                print(list(executor.map(square, [1, 2, 3])))
                print(executor.submit(square, 7).result(timeout=5))
        """,
        start_method,
    )

    assert result.finished_normally and result.exit_code == 0
    (pool,) = result.pools
    assert pool.kind == "ProcessPoolExecutor" and pool.uses_processes
    assert pool.size == 2 and pool.workers
    assert result.main.pid not in pool.workers
    assert pool.calls == ("map", "submit")
    assert pool.shutdown == "context_manager"
    for worker in pool.workers:
        process = result.process(worker)
        assert process is not None and process.role == "pool_worker" and process.pool == pool.key
    calls = sorted((t.method, t.args, t.result) for t in result.tasks)
    assert calls == [
        ("map", "(1,)", "1"),
        ("map", "(2,)", "4"),
        ("map", "(3,)", "9"),
        ("submit", "(7,)", "49"),
    ]
    assert all(t.func == "square" and t.pid in pool.workers for t in result.tasks)


def test_a_thread_pool_runs_its_tasks_in_the_main_process(learner_program, start_method: str) -> None:
    result = learner_program.run(
        """
        from multiprocessing.pool import ThreadPool

        def square(x):
            return x * x

        if __name__ == "__main__":
            with ThreadPool(2) as pool:
                print(pool.map(square, [1, 2, 3]))
        """,
        start_method,
    )

    (pool,) = result.pools
    assert pool.kind == "ThreadPool" and not pool.uses_processes
    assert result.process_pools == ()
    assert len(result.tasks) == 3
    assert {t.pid for t in result.tasks} == {result.main.pid}
    assert [p.role for p in result.processes if p.role != "helper"] == ["main"]


def test_a_thread_is_recorded_in_the_main_process_not_as_a_process(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(
        """
        import threading

        def count(limit):
            return sum(range(limit))

        if __name__ == "__main__":
            thread = threading.Thread(target=count, args=(10,), name="Counter")
            thread.start()
            thread.join()
        """,
        start_method,
    )

    (thread,) = result.learner_threads
    assert thread.pid == result.main.pid
    assert (thread.name, thread.target, thread.args) == ("Counter", "count", "(10,)")
    assert thread.ended is not None and thread.began <= thread.ended
    assert result.threads_running("count") == (thread,)
    assert result.children_of(result.main) == ()
    assert result.processes_running("count") == ()


def test_a_shared_array_is_snapshotted_in_the_child_and_each_write_is_attributed(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def square_one(numbers, index):
            numbers[index] = numbers[index] ** 2

        if __name__ == "__main__":
            numbers = multiprocessing.Array("i", [1, 2, 3])
            child = multiprocessing.Process(target=square_one, args=(numbers, 1))
            child.start()
            child.join()
            print(list(numbers))
        """,
        start_method,
    )

    child = the_only_child(result)
    assert [(s.arg, s.kind, s.value) for s in child.shared_before] == [(0, "Array", (1, 2, 3))]
    assert [(s.arg, s.kind, s.value) for s in child.shared_after] == [(0, "Array", (1, 4, 3))]
    (write,) = result.shared_writes
    assert (write.pid, write.index, write.old, write.new) == (child.pid, 1, 2, 4)
    assert result.shared_writes_by(result.main.pid) == ()
    assert "[1, 4, 3]" in result.stdout


def test_a_child_s_log_line_is_traced_back_to_the_child(learner_program, start_method: str) -> None:
    result = learner_program.run(
        """
        import logging, multiprocessing, os

        FORMAT = "%(asctime)s %(message)s"
        logging.basicConfig(filename="test.log", level=logging.INFO, format=FORMAT)

        def say_hello():
            logging.info("hello from process %d", os.getpid())

        if __name__ == "__main__":
            child = multiprocessing.Process(target=say_hello)
            child.start()
            child.join()
            logging.info("child exited with code %d", child.exitcode)
        """,
        start_method,
    )

    child = the_only_child(result)
    assert result.log_messages == (f"hello from process {child.pid}", "child exited with code 0")
    hello, exited = result.log_lines
    hello_writer, exited_writer = result.writer_of(hello), result.writer_of(exited)
    assert hello_writer is not None and exited_writer is not None
    assert (hello_writer.pid, hello_writer.process_name) == (child.pid, child.name)
    assert exited_writer.pid == result.main.pid
    assert result.log_path in hello_writer.destinations
    assert hello_writer.asctime == hello.asctime and not hello_writer.dropped
    assert result.dropped_logs == ()


def test_a_log_call_in_a_child_without_logging_configured_is_recorded_as_dropped(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(
        """
        import logging, multiprocessing

        def say_hello():
            logging.info("hello from the child")

        if __name__ == "__main__":
            FORMAT = "%(asctime)s %(message)s"
            logging.basicConfig(filename="test.log", level=logging.INFO, format=FORMAT)
            logging.info("main starts")
            child = multiprocessing.Process(target=say_hello)
            child.start()
            child.join()
        """,
        start_method,
    )

    child = the_only_child(result)
    (event,) = [e for e in result.logs if e.pid == child.pid]
    assert (event.message, event.process_name, event.level) == (
        "hello from the child",
        child.name,
        20,
    )
    if start_method == "fork":
        assert not event.dropped and result.log_path in event.destinations
        assert result.log_messages == ("main starts", "hello from the child")
    else:
        assert event.dropped and event.destinations == ()
        assert result.dropped_logs == (event,)
        assert result.log_messages == ("main starts",)


def test_os_fork_children_are_recorded_as_forked_not_as_multiprocessing_children(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(
        """
        import logging, os

        FORMAT = "%(asctime)s %(message)s"
        logging.basicConfig(filename="test.log", level=logging.INFO, format=FORMAT)

        if __name__ == "__main__":
            pid = os.fork()
            if pid == 0:
                logging.info("forked %d", os.getpid())
                os._exit(0)
            os.waitpid(pid, 0)
        """,
        start_method,
    )

    (forked,) = result.forked_processes
    assert forked.role == "forked" and forked.ppid == result.main.pid
    assert result.children_of(result.main) == ()
    (line,) = result.log_lines
    writer = result.writer_of(line)
    assert writer is not None and writer.pid == forked.pid
    assert line.message == f"forked {forked.pid}"


def test_an_exception_in_a_child_is_recorded_with_the_child_s_pid(learner_program, start_method: str) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def fail():
            raise ValueError("bad value 42")

        if __name__ == "__main__":
            child = multiprocessing.Process(target=fail)
            child.start()
            child.join()
        """,
        start_method,
    )

    assert result.finished_normally and result.exit_code == 0
    child = the_only_child(result)
    assert child.exitcode == 1
    (error,) = result.exceptions
    assert error.pid == child.pid and error.where == "run"
    assert (error.type, error.message, error.summary) == (
        "ValueError",
        "bad value 42",
        "ValueError: bad value 42",
    )
    assert error.line is not None and error.line.endswith("learner.py:5")
    assert error.fatal is None
    assert result.exceptions_in(result.main.pid) == ()
    assert result.crashed_processes == (child,)


# --- the record schema: one definition for tracer, supervisor and builder ----------------

TRACER_PACKAGE = Path(records.__file__).resolve().parent.parent / "run" / "_tracer" / "_mpkata_tracer"


def test_the_builder_handles_exactly_the_kinds_the_schema_defines() -> None:
    assert set(HANDLERS) == set(records.KINDS)


def test_the_tracer_writes_only_kinds_the_schema_defines() -> None:
    named, literal = set(), []
    for source in TRACER_PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "records"
            ):
                named.add(node.attr)
            emits = isinstance(node, ast.Call) and getattr(node.func, "id", None) == "emit"
            if emits and node.args and isinstance(node.args[0], ast.Constant):
                literal.append(f"{source.name}: emit({node.args[0].value!r})")
    assert not literal, "the tracer spells a kind itself instead of naming the schema's constant"
    assert named <= set(dir(records))
    written = {getattr(records, name) for name in named} & set(records.KINDS)
    assert written == set(records.KINDS)


def test_the_supervisor_watches_for_the_fatal_field_the_schema_spells(tmp_path: Path) -> None:
    from pytest_mpkata.run import _supervisor

    assert Path(_supervisor.records.__file__).resolve() == Path(records.__file__).resolve()
    assert _supervisor.FATAL_MARKER == records.FATAL_MARKER
    trace = tmp_path / "trace.jsonl"
    watch = _supervisor.watching.Watch({"trace_path": str(trace)})
    trace.write_bytes(records.encode({records.KIND: records.EXCEPTION, records.FATAL_FIELD: None}))
    assert not watch.fatal_error()
    with trace.open("ab") as handle:
        handle.write(records.encode({records.KIND: records.EXCEPTION, records.FATAL_FIELD: "bootstrap"}))
    assert watch.fatal_error()


def test_renaming_the_fatal_field_in_the_schema_alone_renames_it_for_the_supervisor(tmp_path: Path) -> None:
    package = Path(records.__file__).resolve().parent.parent
    (tmp_path / "run").mkdir()
    schema = Path(records.__file__).read_text(encoding="utf-8")
    renamed = schema.replace('FATAL_FIELD = "fatal"', 'FATAL_FIELD = "deadly"')
    assert renamed != schema
    (tmp_path / "run" / "records.py").write_text(renamed, encoding="utf-8")
    for sibling in ("_supervisor.py", "protocol.py", "_kernel.py", "_tree.py", "_writes.py", "_watch.py"):
        shutil.copyfile(package / "run" / sibling, tmp_path / "run" / sibling)
    supervisor = _load(tmp_path / "run" / "_supervisor.py", "renamed_supervisor")

    assert supervisor.records.FATAL_FIELD == "deadly"
    assert supervisor.FATAL_MARKER == b'"deadly":"'
    trace = tmp_path / "trace.jsonl"
    trace.write_bytes(supervisor.records.encode({records.KIND: records.EXCEPTION, "deadly": "bootstrap"}))
    assert supervisor.watching.Watch({"trace_path": str(trace)}).fatal_error()


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


QUEUE_PIPE_VALUE = """
    import multiprocessing, threading

    def consume(tasks, conn, counter):
        while (n := tasks.get()) is not None:
            conn.send(n * 2)
        conn.close()
        for _ in range(10):
            with counter.get_lock():
                counter.value += 1
        counter.value += 1

    if __name__ == "__main__":
        tasks = multiprocessing.Queue()
        here, there = multiprocessing.Pipe()
        counter = multiprocessing.Value("i", 0)
        child = multiprocessing.Process(target=consume, args=(tasks, there, counter))
        child.start()
        for n in (1, 2, None):
            tasks.put(n)
        print([here.recv(), here.recv()])
        here.close()
        child.join()
        with multiprocessing.Pool(2) as pool:
            pool.map(abs, range(4))
        thread = threading.Thread(target=print, args=("thread",))
        thread.start()
        thread.join()
"""


def test_queues_pipes_and_value_writes_are_recorded_with_their_processes(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(QUEUE_PIPE_VALUE, start_method)

    assert result.finished_normally and result.exit_code == 0, result.stderr
    main, child = result.main.pid, the_only_child(result).pid
    assert [e.item for e in result.queue_puts(main)] == ["1", "2", "None"]
    assert [e.item for e in result.queue_gets(child)] == ["1", "2", "None"]
    assert {e.pid for e in result.queue_events} == {main, child}, "the pool's own queues are not recorded"
    sends = result.pipe_sends(child)
    assert [e.item for e in sends] == ["2", "4"]
    assert all(result.received_from(send, {main}) is not None for send in sends)
    assert {(pid, end) for pid, _, end in result.pipe_ends_closed()} == {(main, 0), (child, 1)}
    [writes] = result.value_writes
    assert (writes.pid, writes.writes, writes.unlocked, writes.last) == (child, 11, 1, (10, 11))


def test_cpu_time_is_recorded_per_process_per_task_and_at_the_first_pool_call(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(QUEUE_PIPE_VALUE, start_method)

    assert result.main.cpu_time is not None and the_only_child(result).cpu_time is not None
    assert result.tasks and all(task.cpu is not None for task in result.tasks)
    around = result.main_cpu_around_pool()
    assert around is not None and around[0] > 0 and around[1] >= 0


def test_a_thread_join_is_recorded(learner_program, start_method: str) -> None:
    result = learner_program.run(QUEUE_PIPE_VALUE, start_method)

    [thread] = result.learner_threads
    assert thread.joined_at is not None and thread.ended is not None
