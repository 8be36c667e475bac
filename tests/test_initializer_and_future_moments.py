"""A Pool's initializer in each worker, and the moments of ProcessPoolExecutor futures.

Each test runs a learner program for real under every start method and reads the moments the
tracer recorded (``POOL_INIT`` in the worker that ran the initializer, with the globals it set;
``FUTURE_DONE`` and ``FUTURE_WAIT`` in the parent) and the verdicts of the checks resting on them.
"""

from __future__ import annotations

from collections import Counter

from pytest_mpkata import checks
from pytest_mpkata.judge import future_messages, initializer_messages
from pytest_mpkata.judge.picture import render
from pytest_mpkata.run import records
from pytest_mpkata.trace.model import RunResult

RECYCLED_POOL = """
    import logging
    import multiprocessing
    import os

    logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

    connection = None

    def connect(database):
        global connection
        connection = f"{database}@{os.getpid()}"

    def lookup(key):
        logging.info("key %d through %s", key, connection)
        return key

    if __name__ == "__main__":
        with multiprocessing.Pool(2, initializer=connect, initargs=("stock",), maxtasksperchild=2) as pool:
            print(pool.map(lookup, range(6), chunksize=1))
"""

STATE_RETURNED = RECYCLED_POOL.replace(
    """        global connection
        connection = f"{database}@{os.getpid()}"
""",
    """        return f"{database}@{os.getpid()}"
""",
)

FUTURES = """
    import time
    from concurrent.futures import ProcessPoolExecutor, as_completed

    def slow_square(n):
        time.sleep(n / 10)
        if n == 4:
            raise ValueError("unlucky")
        return n * n

    if __name__ == "__main__":
        with ProcessPoolExecutor(max_workers=2) as executor:
            futures = [executor.submit(slow_square, n) for n in (5, 1, 4, 2)]
            for future in READ:
                print(future.exception() or future.result())
"""


def ran_to_its_end(learner_program, source: str, start_method: str) -> RunResult:
    result: RunResult = learner_program.run(source, start_method)
    assert result.finished_normally and result.exit_code == 0, result.stderr
    return result


def test_the_initializer_is_recorded_once_in_each_recycled_worker_with_the_global_it_set(
    learner_program, start_method: str
) -> None:
    result = ran_to_its_end(learner_program, RECYCLED_POOL, start_method)

    workers = {task.pid for task in result.tasks}
    inits = result.moments_of(records.POOL_INIT)
    assert len(workers) >= 3
    assert Counter(m.pid for m in inits if m.pid in workers) == dict.fromkeys(workers, 1)
    for init in inits:
        assert init.get("args") == "('stock',)" and init.get("returned") == "None"
        assert dict(init.get("set")) == {"connection": f"'stock@{init.pid}'"}
    assert checks.initializer_ran_once_per_worker(result, "connect", r"never logged") is None
    assert checks.workers_recycled(result, 6, 2) is None
    assert checks.tasks_used_worker_state(result, r"key \d+ through (?P<state>\S+)") is None
    assert "connect" in render(result).split("synchronisation:")[1]


def test_a_worker_running_more_tasks_than_its_limit_is_named_with_its_calls(learner_program) -> None:
    result = ran_to_its_end(learner_program, RECYCLED_POOL.replace(", maxtasksperchild=2", ""), "spawn")

    busiest = Counter(task.pid for task in result.tasks).most_common(1)[0]
    message = checks.workers_recycled(result, 6, 2)
    assert message is not None and message.kind == initializer_messages.TOO_MANY_TASKS.kind
    assert message.startswith(f"Worker pid {busiest[0]} ran {busiest[1]} tasks (")


def test_an_initializer_that_returns_its_state_is_told_the_pool_drops_it(learner_program) -> None:
    result = ran_to_its_end(learner_program, STATE_RETURNED, "forkserver")

    message = checks.tasks_used_worker_state(result, r"key \d+ through (?P<state>\S+)")
    assert message is not None and message.kind == initializer_messages.INIT_RETURNED_STATE.kind
    assert "a `Pool` throws an initializer's return value away" in message


def test_futures_read_as_they_complete_never_wait_and_every_outcome_arrives_in_the_parent(
    learner_program, start_method: str
) -> None:
    result = ran_to_its_end(learner_program, FUTURES.replace("READ", "as_completed(futures)"), start_method)

    done = result.moments_of(records.FUTURE_DONE)
    assert {m.pid for m in done} == {result.main.pid}
    assert Counter(m.get("value") or m.get("error") for m in done) == Counter(
        ["25", "1", "4", "ValueError: unlucky"]
    )
    assert result.moments_of(records.FUTURE_WAIT) == ()
    assert checks.every_future_read(result) is None
    assert checks.futures_read_as_completed(result) is None
    assert checks.executor_shut_down(result) is None


def test_futures_read_in_submission_order_show_a_wait_while_another_finished(learner_program) -> None:
    result = ran_to_its_end(learner_program, FUTURES.replace("READ", "futures"), "fork")

    (first_wait, *_) = result.moments_of(records.FUTURE_WAIT)
    assert first_wait.pid == result.main.pid and first_wait.get("submitted") == 4
    assert "waited on an unfinished future" in render(result)
    assert checks.futures_read_as_completed(result) == future_messages.NOT_COMPLETION_ORDER.format(
        main=result.main.pid, waited="slow_square(5)", finished="slow_square(1)"
    )


STATE_FROM_THE_PARENT = """
    import logging
    import multiprocessing
    import os

    logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

    connection = None

    def lookup(key):
        logging.info("key %d through %s", key, connection)
        return key

    if __name__ == "__main__":
        connection = f"stock@{os.getpid()}"
        with multiprocessing.Pool(2, maxtasksperchild=2) as pool:
            print(pool.map(lookup, range(4), chunksize=1))
"""


def test_state_the_parent_set_before_the_pool_is_a_fork_only_accident_under_every_method(
    learner_program, start_method: str
) -> None:
    result = ran_to_its_end(learner_program, STATE_FROM_THE_PARENT, start_method)

    message = checks.tasks_used_worker_state(result, r"key \d+ through (?P<state>\S+)")
    expected = {"fork": initializer_messages.STATE_FROM_PARENT}
    kind = expected.get(start_method, initializer_messages.STATE_WITHOUT_INITIALIZER).kind
    assert message is not None and message.kind == kind
    assert initializer_messages.FORK_ONLY in message
    assert checks.initializer_ran_once_per_worker(result, "connect", "never").kind == "no_initializer"


def test_a_result_read_right_after_each_submit_is_a_wait_before_the_rest_were_submitted(
    learner_program,
) -> None:
    serialised = FUTURES.replace(
        "futures = [executor.submit(slow_square, n) for n in (5, 1, 4, 2)]",
        "futures = (executor.submit(slow_square, n) for n in (5, 1, 4, 2))",
    ).replace("READ", "futures")
    result = ran_to_its_end(learner_program, serialised, "forkserver")

    assert [m.get("submitted") for m in result.moments_of(records.FUTURE_WAIT)] == [1, 2, 3, 4]
    assert checks.futures_read_as_completed(result) == future_messages.SERIALISED.format(
        main=result.main.pid, call="slow_square(5)", submitted=1, total=4
    )
