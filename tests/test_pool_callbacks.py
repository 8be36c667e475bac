"""Callbacks a program gives a pool: each call a ``POOL_CALLBACK`` moment, recorded in the parent's
result-handler thread under every start method, with the value or the exception it was handed;
and each value read from a pool, with the time it was read."""

from __future__ import annotations

from collections import Counter

from pytest_mpkata import checks
from pytest_mpkata.judge.callback_messages import RESULTS_READ_WITH_GET
from pytest_mpkata.judge.central import ACTS, MISSING_ACT, missing_act
from pytest_mpkata.judge.picture import render
from pytest_mpkata.run import records

CALLBACK_PROGRAM = """
    import multiprocessing

    def halve(n):
        if n < 0:
            raise ValueError(f"negative: {n}")
        return n // 2

    def on_result(value):
        print("got", value)

    def on_error(error):
        print("failed", error)

    if __name__ == "__main__":
        pool = multiprocessing.Pool(2)
        for n in (4, 6, -1):
            pool.apply_async(halve, (n,), callback=on_result, error_callback=on_error)
        pool.apply_async(halve, (10,), {}, on_result)
        pool.map_async(halve, [20, 30], 1, on_result)
        pool.close()
        pool.join()
"""


def test_each_callback_call_is_recorded_in_the_parents_result_thread(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(CALLBACK_PROGRAM, start_method)

    assert result.finished_normally, result.stderr
    called = result.moments_of(records.POOL_CALLBACK)
    assert {moment.pid for moment in called} == {result.main.pid}
    assert all(moment.thread not in (None, "MainThread") for moment in called)
    values = Counter(m.get("value") for m in called if m.get("handler") == "callback")
    assert values == Counter({"2": 1, "3": 1, "5": 1, "[10, 15]": 1})
    (failed,) = [m for m in called if m.get("handler") == "error_callback"]
    assert failed.get("error") == "ValueError: negative: -1"
    assert failed.get("func") == "on_error"
    assert all(m.get("called") <= m.time for m in called)


def test_the_picture_tells_the_callbacks_of_each_pool(learner_program) -> None:
    result = learner_program.run(CALLBACK_PROGRAM, "fork")

    picture = render(result)
    assert "callback on_result x4, error_callback on_error" in picture


GET_INSTEAD = """
    import multiprocessing

    def halve(n):
        return n // 2

    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print([pool.apply_async(halve, (n,)).get() for n in (4, 6)])
"""


def test_the_callback_act_needs_a_callback_that_ran_in_the_parent(learner_program) -> None:
    called_back = learner_program.run(CALLBACK_PROGRAM, "fork")
    read_with_get = learner_program.run(GET_INSTEAD, "fork")

    assert ACTS["callback"].done(called_back)
    assert not ACTS["callback"].done(read_with_get)
    assert missing_act(read_with_get, ("pool", "callback")) == MISSING_ACT.found(
        missing=ACTS["callback"].missing, pid=read_with_get.main.pid
    )
    assert not read_with_get.moments_of(records.POOL_CALLBACK)
    assert checks.results_reached_callbacks(read_with_get) == RESULTS_READ_WITH_GET.found(
        pid=read_with_get.main.pid, count=2
    )


IMAP_READ_ONE_BY_ONE = """
    import multiprocessing, time

    def nap(n):
        time.sleep(0.05 * n)
        return n

    if __name__ == "__main__":
        pool = multiprocessing.Pool(2)
        for value in pool.imap_unordered(nap, [1, 2, 3, 4]):
            print("read", value)
        pool.close()
        pool.join()
"""


def test_each_value_read_from_imap_unordered_carries_the_time_it_was_read(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(IMAP_READ_ONE_BY_ONE, start_method)

    assert result.finished_normally, result.stderr
    (pool,) = result.pools
    assert sorted(pool.received) == ["1", "2", "3", "4"]
    assert len(pool.received_at) == len(pool.received)
    assert list(pool.received_at) == sorted(pool.received_at)
    ended = {task.result: task.ended for task in result.tasks}
    assert all(read >= ended[value] for value, read in zip(pool.received, pool.received_at))
