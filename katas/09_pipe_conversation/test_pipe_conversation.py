"""Checks for kata 09: parent and child talk over a Pipe, both ways, then close their ends."""

from pytest_mpkata import checks

NUMBERS = [1, 2, 3, 4, 5]
REPLIES = [2 * n for n in NUMBERS]


def replies_line(numbers):
    return f"replies: {[2 * n for n in numbers]}"


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [replies_line(NUMBERS)])


def test_messages_crossed_the_pipe_both_ways(kata_run):
    kata_run.expect(checks.created_children, 1)
    kata_run.expect(checks.pipe_carried, NUMBERS, REPLIES)


def test_child_did_the_doubling(kata_run):
    kata_run.expect(checks.pipe_carried, NUMBERS, REPLIES)
    kata_run.expect(checks.child_doubled_each_number)


def test_ends_closed_and_child_joined(kata_run):
    kata_run.expect(checks.pipe_ends_closed)
    kata_run.expect(checks.joined_before_logging, r"replies: .*")


def test_replies_follow_the_numbers_sent(kata_run):
    numbers = kata_run.chosen("NUMBERS")
    kata_run.expect_with_chosen_inputs(checks.child_doubled_each_number)
    kata_run.expect_with_chosen_inputs(checks.pipe_carried, numbers, [2 * n for n in numbers])
    line = replies_line(numbers)
    kata_run.expect_with_chosen_inputs(checks.output_follows_input, [line], stated=[replies_line(NUMBERS)])
