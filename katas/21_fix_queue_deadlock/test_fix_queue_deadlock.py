"""Checks for kata 21: the handed-out program joins its producer before draining the queue."""

from pytest_mpkata import checks

ITEMS = 10
SIZE = 1024 * 1024


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_every_block_received(kata_run):
    kata_run.expect(checks.queue_items_all_received, ITEMS, SIZE)


def test_joined_after_the_last_get(kata_run):
    kata_run.expect(checks.joined_after_draining)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [f"received {ITEMS} blocks of {SIZE} bytes"])


def test_logged_after_joining(kata_run):
    kata_run.expect(checks.joined_before_logging, r"received \d+ blocks of \d+ bytes")
