"""The "joining processes that use queues" deadlock, told from the run: the parent's join() that
never returned (``JOIN_WAITING``), the child's wait at exit for its queue's feeder
(``QUEUE_FLUSHING``) and the items nobody read, under every start method; and the main-guard
check on real runs."""

from __future__ import annotations

from pytest_mpkata import checks
from pytest_mpkata.judge import deadlock_messages, guard_messages
from pytest_mpkata.judge.picture import render
from pytest_mpkata.run import records

PRODUCER = """
    import multiprocessing

    def produce(queue):
        for number in range(4):
            queue.put(bytes([number]) * 1024 * 1024)

    if __name__ == "__main__":
        queue = multiprocessing.Queue()
        producer = multiprocessing.Process(target=produce, args=(queue,))
        producer.start()
        {body}
"""
JOIN_FIRST = "producer.join()\n        blocks = [queue.get() for _ in range(4)]"
DRAIN_FIRST = "blocks = [queue.get() for _ in range(4)]\n        producer.join()"


def test_a_join_before_draining_is_told_as_the_queue_deadlock_with_the_items_left(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(PRODUCER.format(body=JOIN_FIRST), start_method, time_limit=2.0)

    child = result.children_of(result.main)[0]
    assert [m.get("child") for m in result.moments_of(records.JOIN_WAITING, pid=result.main.pid)] == [
        child.pid
    ]
    assert not result.moments_of(records.JOIN_RETURNED)
    assert len(result.moments_of(records.QUEUE_FLUSHING, pid=child.pid)) == 1
    assert not result.moments_of(records.QUEUE_FLUSHED, pid=child.pid)
    message = checks.ran_cleanly(result)
    assert message is not None and "Deadlock: the parent" in message
    assert f"the parent {result.main.label} waited in join() for {child.label}" in message
    assert "still held 4 item(s) nobody read" in message
    picture = render(result)
    assert "still waiting in join() for Process-1" in picture
    assert "still flushing Queue 1 as it exits" in picture


def test_draining_first_ends_and_leaves_no_open_wait_in_the_picture(
    learner_program, start_method: str
) -> None:
    result = learner_program.run(PRODUCER.format(body=DRAIN_FIRST), start_method)

    assert result.finished_normally, result.stderr
    assert checks.queue_items_all_received(result, 4, 1024 * 1024) is None
    assert checks.joined_after_draining(result) is None
    assert [e.size for e in result.queue_events if e.action == "put"] == [1024 * 1024] * 4
    assert len(result.moments_of(records.JOIN_WAITING)) == len(result.moments_of(records.JOIN_RETURNED))
    assert "still" not in render(result)


def test_blocks_smaller_than_asked_are_named_with_their_size(learner_program) -> None:
    small = PRODUCER.replace("* 1024 * 1024", "* 1024").format(body=DRAIN_FIRST)

    result = learner_program.run(small, "fork")

    message = checks.queue_items_all_received(result, 4, 1024 * 1024)
    assert message is not None and message.kind == deadlock_messages.ITEMS_TOO_SMALL.kind
    assert "4 item(s) of 1024 bytes or less" in message


UNGUARDED_LOG = """
    import logging, multiprocessing

    logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

    def work():
        logging.info("working")

    logging.info("starting")

    if __name__ == "__main__":
        child = multiprocessing.Process(target=work)
        child.start()
        child.join()
"""


def test_top_level_work_a_spawned_child_repeats_is_told_and_fork_shows_nothing(learner_program) -> None:
    spawned = learner_program.run(UNGUARDED_LOG, "spawn")
    forked = learner_program.run(UNGUARDED_LOG, "fork")

    message = checks.started_only_from_the_main_block(spawned)
    assert message is not None and message.kind == guard_messages.TOP_LEVEL_RAN_AGAIN.kind
    assert "Process-1" in message and "'starting'" in message
    assert checks.started_only_from_the_main_block(forked) is None
