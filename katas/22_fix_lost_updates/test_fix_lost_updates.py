"""Checks for kata 22: the handed-out counter loses updates; fixed, every write holds its lock."""

from pytest_mpkata import checks

CHILDREN = 4
PER_CHILD = 1000


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_every_increment_held_the_lock(kata_run):
    kata_run.expect(checks.children_incremented_value, CHILDREN, PER_CHILD)
    kata_run.expect(checks.value_writes_held_lock)


def test_four_children_did_the_increments(kata_run):
    kata_run.expect(checks.children_incremented_value, CHILDREN, PER_CHILD)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [f"visits: {CHILDREN * PER_CHILD}"])


def test_all_joined_before_logging(kata_run):
    kata_run.expect(checks.joined_before_logging, r"visits: -?\d+")
