"""Callbacks a program gives a pool: each call a ``POOL_CALLBACK`` moment, recorded in the parent's
result-handler thread under every start method, with the value or the exception it was handed."""

from __future__ import annotations

from collections import Counter

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
