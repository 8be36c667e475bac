"""Checks for kata 08: a producer, three consumers fed by a Queue, one sentinel per consumer."""

from pytest_mpkata import checks

NUMBERS = list(range(1, 21))
SQUARES = [n * n for n in NUMBERS]
WORKER_LINE = r"worker \S+ squared (\d+) = \d+"
CONSUMERS = 3


def total_line(numbers):
    return f"total: {sum(n * n for n in numbers)}"


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    lines = [rf"worker \S+ squared {n} = {n * n}" for n in NUMBERS]
    kata_run.expect(checks.log_has_lines, [*lines, total_line(NUMBERS)], patterns=True)


def test_each_number_consumed_once_by_a_child(kata_run):
    kata_run.expect(checks.created_children, CONSUMERS)
    kata_run.expect(checks.queue_items_consumed_once, NUMBERS)
    kata_run.expect(checks.lines_written_by_children, WORKER_LINE, distinct=False)


def test_three_consumers_did_work(kata_run):
    kata_run.expect(checks.queue_consumers_worked, NUMBERS, CONSUMERS)


def test_one_sentinel_per_consumer(kata_run):
    kata_run.expect(checks.one_sentinel_per_consumer, NUMBERS, CONSUMERS)


def test_parent_adds_up_the_squares_after_joining(kata_run):
    kata_run.expect(checks.results_came_back, SQUARES)
    kata_run.expect(checks.joined_before_logging, r"total: -?\d+")


def test_squares_and_total_follow_the_numbers(kata_run):
    numbers = kata_run.chosen("NUMBERS")
    kata_run.expect_with_chosen_inputs(checks.queue_items_consumed_once, numbers)
    kata_run.expect_with_chosen_inputs(checks.results_came_back, [n * n for n in numbers])
    line, stated = total_line(numbers), total_line(NUMBERS)
    kata_run.expect_with_chosen_inputs(checks.output_follows_input, [line], stated=[stated])
