"""What the parent reads from a pool, as it reads it: futures, ``executor.map``, ``imap`` iterators.

Each test runs a learner program for real under every start method and reads both the
``RunResult`` (which values reached the parent, which tasks ran where) and the verdict of the
course's Q5 check on it: results that reached the parent from the workers earn it; results never
read, or recomputed by the parent, do not.
"""

from __future__ import annotations

from collections import Counter

from pytest_mpkata import checks
from pytest_mpkata.judge.course import EXECUTOR_LEFT_OPEN, READ_FUTURES, READ_IMAP
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import PoolInfo
from pytest_mpkata.trace.model import RunResult

EXECUTOR_READ_EVERY_WAY = """
    from concurrent.futures import ProcessPoolExecutor, as_completed

    def square(x):
        if x == 9:
            raise ValueError("nine is not welcome")
        return x * x

    if __name__ == "__main__":
        with ProcessPoolExecutor(max_workers=2) as executor:
            print(list(executor.map(square, [1, 2, 3], chunksize=2)))
            futures = [executor.submit(square, n) for n in (7, 8)]
            for future in as_completed(futures):
                print(future.result())
            print(executor.submit(square, 9).exception())
"""

IMAP_READ_EVERY_WAY = """
    import multiprocessing

    def square(x):
        return x * x

    def twice(x):
        return [x, x]

    if __name__ == "__main__":
        pool = multiprocessing.Pool(2)
        print(list(pool.imap(square, [4, 5])))
        print(sorted(pool.imap_unordered(twice, [6, 7], chunksize=2)))
        print(pool.map(twice, [1]))
        first_only = pool.imap(square, [10, 11])
        print(first_only.next(timeout=10))
        pool.close()
        pool.join()
"""

NEVER_READ = """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    def cube(x):
        return x ** 3

    if __name__ == "__main__":
        executor = ProcessPoolExecutor(max_workers=2)
        pending = [executor.submit(cube, n) for n in range(3)]
        executor.shutdown(wait=True)
        print("cubes, recomputed here:", [cube(n) for n in range(3)])
        pool = multiprocessing.Pool(2)
        lazy = pool.imap(cube, range(3, 5))
        pool.close()
        pool.join()
"""


def ran_to_its_end(learner_program, source: str, start_method: str) -> RunResult:
    """Run ``source`` and make sure it ended normally, so what it read is all it meant to read."""
    result: RunResult = learner_program.run(source, start_method)
    assert result.finished_normally and result.exit_code == 0, result.stderr
    return result


def the_pool(result: RunResult, kind: str) -> PoolInfo:
    (pool,) = [p for p in result.pools if p.kind == kind]
    return pool


def received_records(learner_program) -> list[dict]:
    trace = learner_program.last_raw.trace
    return [r for r in trace if r.get(records.KIND) == records.POOL_RESULT]


def test_each_value_read_from_an_executor_is_recorded_in_the_parent_as_it_is_read(
    learner_program, start_method: str
) -> None:
    result = ran_to_its_end(learner_program, EXECUTOR_READ_EVERY_WAY, start_method)

    pool = the_pool(result, "ProcessPoolExecutor")
    assert Counter(pool.received) == Counter(["1", "4", "9", "49", "64"])
    assert pool.received[:3] == ("1", "4", "9"), "executor.map's values in the order the program read them"
    assert pool.received_errors == ("ValueError: nine is not welcome",)
    assert {r["pid"] for r in received_records(learner_program)} == {result.main.pid}
    assert {(t.method, t.args, t.pid in pool.workers) for t in result.tasks} == {
        ("map", "(1,)", True),
        ("map", "(2,)", True),
        ("map", "(3,)", True),
        ("submit", "(7,)", True),
        ("submit", "(8,)", True),
        ("submit", "(9,)", True),
    }
    assert all(result.process(pid).role == "pool_worker" for pid in pool.workers)
    assert pool.shutdown == "context_manager" and result.learner_threads == ()
    (failed,) = [t for t in result.tasks if t.error]
    assert checks.pool_workers_did_the_work(result) == (
        f"`square(9)` raised ValueError: nine is not welcome in worker pid {failed.pid}. Fix `square`."
    )


def test_each_next_of_an_imap_iterator_is_recorded_and_a_chunk_is_read_value_by_value(
    learner_program, start_method: str
) -> None:
    result = ran_to_its_end(learner_program, IMAP_READ_EVERY_WAY, start_method)

    pool = the_pool(result, "Pool")
    read = sorted((r["method"], r["value"]) for r in received_records(learner_program))
    assert read == [
        ("imap", "100"),
        ("imap", "16"),
        ("imap", "25"),
        ("imap_unordered", "[6, 6]"),
        ("imap_unordered", "[7, 7]"),
        ("map", "[1, 1]"),
    ]
    assert "121" not in pool.received, "the iterator's second value was never read"
    assert len(result.tasks) == 7 and {t.pid for t in result.tasks} <= set(pool.workers)
    assert checks.pool_workers_did_the_work(result) == (
        "The pool's workers computed [100, 121, 16, 25, [1, 1], [6, 6], [7, 7]], but the parent "
        f"received [100, 16, 25, [1, 1], [6, 6], [7, 7]]. {READ_IMAP.format(method='imap')}"
    )


def test_futures_handed_back_by_wait_and_read_in_a_done_callback_are_received(
    learner_program, start_method: str
) -> None:
    result = ran_to_its_end(
        learner_program,
        """
        from concurrent.futures import ProcessPoolExecutor, wait

        def square(x):
            return x * x

        if __name__ == "__main__":
            got = []
            with ProcessPoolExecutor(max_workers=2) as executor:
                done, _ = wait([executor.submit(square, n) for n in (2, 3)])
                print(sorted(future.result() for future in done))
                executor.submit(square, 5).add_done_callback(lambda future: got.append(future.result()))
            print(got)
        """,
        start_method,
    )

    pool = the_pool(result, "ProcessPoolExecutor")
    assert sorted(pool.received) == ["25", "4", "9"]
    assert {r["pid"] for r in received_records(learner_program)} == {result.main.pid}
    assert checks.pool_workers_did_the_work(result) is None


def test_results_never_read_or_recomputed_by_the_parent_are_not_received(
    learner_program, start_method: str
) -> None:
    result = ran_to_its_end(learner_program, NEVER_READ, start_method)

    executor, pool = the_pool(result, "ProcessPoolExecutor"), the_pool(result, "Pool")
    assert len([t for t in result.tasks if t.pool == executor.key]) == 3
    assert len([t for t in result.tasks if t.pool == pool.key]) == 2
    assert executor.received == () and pool.received == ()
    assert executor.shutdown == "shutdown" and pool.shutdown == "close_join"
    message = checks.pool_workers_did_the_work(result)
    assert message == (
        f"The pool's workers computed [0, 1, 8], but the parent received nothing. {READ_FUTURES}"
    )
    assert checks.pool_shut_down_by_the_program(result) is None


def test_an_executor_whose_futures_are_read_answers_q5_and_one_left_open_is_told_to_shut_down(
    learner_program,
) -> None:
    result = learner_program.run(
        """
        from concurrent.futures import ProcessPoolExecutor

        def cube(x):
            return x ** 3

        if __name__ == "__main__":
            executor = ProcessPoolExecutor(max_workers=2)
            futures = [executor.submit(cube, n) for n in range(4)]
            print([future.result() for future in futures])
        """,
        "forkserver",
    )

    assert result.finished_normally, result.stderr
    assert checks.pool_workers_did_the_work(result) is None
    assert checks.pool_shut_down_by_the_program(result) == EXECUTOR_LEFT_OPEN
    assert result.learner_threads == () and result.leftovers == ()


def test_values_read_past_the_tracer_s_bound_are_counted_and_still_earn_q5(learner_program) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def square(x):
            return x * x

        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                print(sum(pool.imap(square, range(1500), chunksize=50)))
        """,
        "fork",
    )

    assert result.finished_normally, result.stderr
    (pool,) = result.pools
    assert len(pool.received) == records.MESSAGES_LIMIT
    assert result.messages_dropped == 1500 - records.MESSAGES_LIMIT
    assert checks.pool_workers_did_the_work(result) is None
