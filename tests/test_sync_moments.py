"""Moments of synchronisation: a record kind in three places (schema, tracer patch, ``MOMENTS``),
recorded in the process that made it under every start method, drawn by the picture unaided."""

from __future__ import annotations

from pytest_mpkata.judge.picture import render
from pytest_mpkata.judge.picture_moments import object_labels
from pytest_mpkata.run import records
from pytest_mpkata.trace.builder import HANDLERS
from pytest_mpkata.trace.facts import Moment

SYNC_PROGRAM = """
    import multiprocessing, time

    def worker(go, gate, barrier, n):
        go.wait()
        with gate:
            time.sleep(0.05)
        gate.acquire()
        gate.release()
        barrier.wait()

    if __name__ == "__main__":
        go = multiprocessing.Event()
        gate = multiprocessing.Semaphore(2)
        barrier = multiprocessing.Barrier(3)
        workers = [multiprocessing.Process(target=worker, args=(go, gate, barrier, n)) for n in range(3)]
        for process in workers:
            process.start()
        time.sleep(0.2)
        go.set()
        for process in workers:
            process.join()
"""


def test_every_moment_kind_is_a_schema_kind_with_a_handler_and_a_phrase_of_its_own_fields() -> None:
    for kind, phrase in records.MOMENTS.items():
        fields = records.KINDS[kind]
        assert kind in HANDLERS
        phrase.format(**dict.fromkeys(fields, "x"))  # names no field the record lacks
        named = (*records.MOMENT_OBJECT_FIELDS, *records.MOMENT_PROCESS_FIELDS)
        assert any(field in fields for field in named), kind


def test_events_barriers_and_semaphores_are_recorded_in_the_process_that_used_them(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(SYNC_PROGRAM, start_method)

    assert result.finished_normally, result.stderr
    workers = result.children_of(result.main)
    assert len(workers) == 3
    (set_,) = result.moments_of(records.EVENT_SET)
    assert set_.pid == result.main.pid
    waits = result.moments_of(records.EVENT_WAIT)
    assert {w.pid for w in waits} == {w.pid for w in workers}
    assert all(w.get("flag") is True and w.get("event") == set_.get("event") for w in waits)
    assert all(w.time >= set_.time for w in waits), "no waiter wakes before the recorded set()"
    acquired = result.moments_of(records.LOCK_ACQUIRE)
    released = result.moments_of(records.LOCK_RELEASE)
    assert len(acquired) == len(released) == 6  # a with-block and an acquire()/release() each
    assert {m.get("type") for m in acquired} == {"Semaphore"}
    for worker in workers:
        mine = result.moments_of(records.LOCK_ACQUIRE, records.LOCK_RELEASE, pid=worker.pid)
        assert [m.kind for m in mine] == [records.LOCK_ACQUIRE, records.LOCK_RELEASE] * 2
    (made,) = result.moments_of(records.LOCK_MADE)
    assert (made.pid, made.get("type"), made.get("value")) == (result.main.pid, "Semaphore", 2)
    assert made.get("lock") == acquired[0].get("lock")
    passed = result.moments_of(records.BARRIER_WAIT)
    assert sorted(m.get("index") for m in passed) == [0, 1, 2]
    assert all(m.get("parties") == 3 for m in passed)
    assert min(m.time for m in passed) >= max(m.get("called") for m in passed)


def test_the_primitives_multiprocessing_builds_for_itself_are_not_recorded(
    learner_program, start_method: str
) -> None:
    """Queues, shared Values, Conditions inside Events and Barriers, and pools all use Locks and
    Semaphores: only the program's own are moments."""
    result = learner_program.run(
        """
        import multiprocessing

        def bump(counter, queue):
            with counter.get_lock():
                counter.value += 1
            queue.put(counter.value)

        def square(x):
            return x * x

        if __name__ == "__main__":
            counter = multiprocessing.Value("i", 0)
            queue = multiprocessing.Queue()
            event = multiprocessing.Event()
            child = multiprocessing.Process(target=bump, args=(counter, queue))
            child.start()
            queue.get()
            child.join()
            with multiprocessing.Pool(2) as pool:
                pool.map(square, range(4))
            lock = multiprocessing.Lock()
            with lock:
                pass
        """,
        start_method,
    )

    assert result.finished_normally, result.stderr
    own_queue_and_join = (
        records.QUEUE_FLUSHING,
        records.QUEUE_FLUSHED,
        records.JOIN_WAITING,
        records.JOIN_RETURNED,
    )
    assert [(m.kind, m.get("type")) for m in result.moments_of() if m.kind not in own_queue_and_join] == [
        (records.LOCK_MADE, "Lock"),
        (records.LOCK_ACQUIRE, "Lock"),
        (records.LOCK_RELEASE, "Lock"),
    ]


def test_the_picture_tells_each_process_s_moments_from_the_schema_alone(learner_program) -> None:
    result = learner_program.run(SYNC_PROGRAM, "fork")

    picture = render(result)

    assert "synchronisation:" in picture
    assert f"MainProcess {result.main.pid}: made Semaphore 1 of value 2, set Event 1" in picture
    worker = next(child for child in result.children_of(result.main) if child.name == "Process-1")
    assert f"Process-1 {worker.pid}: waited on Event 1, acquired Semaphore 1 x2" in picture


def test_objects_are_named_by_kind_and_first_use() -> None:
    def moment(kind: str, **fields: object) -> Moment:
        return Moment(kind, 1, 0.0, None, tuple(fields.items()))

    labels = object_labels(
        (
            moment(records.LOCK_ACQUIRE, lock="1:9", type="Lock"),
            moment(records.EVENT_SET, event="1:5"),
            moment(records.LOCK_ACQUIRE, lock="1:7", type="Semaphore"),
            moment(records.LOCK_ACQUIRE, lock="1:8", type="Lock"),
        )
    )

    assert labels == {"1:9": "Lock 1", "1:5": "Event 1", "1:7": "Semaphore 1", "1:8": "Lock 2"}
