"""Waits begun and Events polled: a run that hangs on an Event or a Barrier still names who waited
on what, and a worker that polls ``is_set()`` is told from one that waits."""

from __future__ import annotations

from pytest_mpkata import checks
from pytest_mpkata.judge.picture import render
from pytest_mpkata.judge.stops import stop_of
from pytest_mpkata.run import records

WAITING_WORKERS = """
    import multiprocessing

    def worker(primitive):
        primitive.wait()

    if __name__ == "__main__":
        primitive = multiprocessing.{made}
        workers = [multiprocessing.Process(target=worker, args=(primitive,)) for _ in range(2)]
        for process in workers:
            process.start()
        for process in workers:
            process.join()
"""
EVENT_NEVER_SET = WAITING_WORKERS.format(made="Event()")
BARRIER_TOO_BIG = WAITING_WORKERS.format(made="Barrier(3)")

POLLING = """
    import multiprocessing, time

    def worker(go):
        while not go.is_set():
            time.sleep(0.01)

    if __name__ == "__main__":
        go = multiprocessing.Event()
        workers = [multiprocessing.Process(target=worker, args=(go,)) for _ in range(2)]
        for process in workers:
            process.start()
        time.sleep(0.2)
        go.set()
        for process in workers:
            process.join()
"""


def test_workers_hung_on_an_event_never_set_are_named_with_the_event(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(EVENT_NEVER_SET, start_method, time_limit=3.0)

    workers = result.children_of(result.main)
    assert len(workers) == 2
    waiting = result.moments_of(records.EVENT_WAITING)
    assert {m.pid for m in waiting} == {w.pid for w in workers}
    assert not result.moments_of(records.EVENT_WAIT)
    stop = stop_of(result)
    assert stop is not None and stop.kind == "timeout"
    assert "on Event 1, which no process ever set" in stop.explanation
    assert all(w.label in stop.explanation for w in workers)
    picture = render(result)
    assert all(f"{w.name} {w.pid}: still waiting on Event 1" in picture for w in workers)


def test_a_barrier_with_more_parties_than_comers_names_its_parties_and_who_reached_it(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(BARRIER_TOO_BIG, start_method, time_limit=3.0)

    reached = result.moments_of(records.BARRIER_WAITING)
    assert len(reached) == 2 and all(m.get("parties") == 3 for m in reached)
    message = checks.ran_cleanly(result)
    assert message is not None
    assert "Barrier 1 has 3 parties, but only 2 process(es) reached it" in message
    assert "multiprocessing.Barrier(2)" in message


def test_polling_is_set_is_recorded_once_per_process_and_told_from_waiting(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(POLLING, start_method)

    assert result.finished_normally, result.stderr
    workers = result.children_of(result.main)
    polled = result.moments_of(records.EVENT_POLLED)
    assert sorted(m.pid for m in polled) == sorted(w.pid for w in workers)
    message = checks.workers_waited_on_one_event(result, 2)
    assert message is not None and "polled Event 1 with `is_set()`" in message
