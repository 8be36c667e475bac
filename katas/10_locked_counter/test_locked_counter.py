"""Checks for kata 10: four children add to a shared Value, every increment under its lock."""

from pytest_mpkata import checks

CHILDREN = 4
PER_CHILD = 1000


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [f"counter: {CHILDREN * PER_CHILD}"])


def test_four_children_did_the_increments(kata_run):
    kata_run.expect(checks.children_incremented_value, CHILDREN, PER_CHILD)


def test_every_increment_held_the_lock(kata_run):
    kata_run.expect(checks.children_incremented_value, CHILDREN, PER_CHILD)
    kata_run.expect(checks.value_writes_held_lock)


def test_all_joined_before_logging(kata_run):
    kata_run.expect(checks.joined_before_logging, r"counter: -?\d+")


def test_logged_value_follows_the_count(kata_run):
    increments = kata_run.chosen("INCREMENTS")
    stated = [f"counter: {CHILDREN * PER_CHILD}"]
    line = f"counter: {CHILDREN * increments}"
    kata_run.expect_with_chosen_inputs(checks.children_incremented_value, CHILDREN, increments)
    kata_run.expect_with_chosen_inputs(checks.output_follows_input, [line], stated=stated)
