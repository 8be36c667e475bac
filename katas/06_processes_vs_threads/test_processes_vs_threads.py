"""Checks for kata 06: a process has its own memory, a thread shares its parent's."""

from pytest_mpkata import checks


def lines_after(increments):
    return ["after process: 0", f"after thread: {increments}"]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, lines_after(1000), ordered=True)


def test_process_ran_in_a_child(kata_run):
    kata_run.expect(checks.process_ran_in_child)


def test_thread_ran_in_the_parent(kata_run):
    kata_run.expect(checks.thread_ran_in_main, same_work_as_process=True)


def test_joined_before_logging(kata_run):
    kata_run.expect(checks.joined_before_logging, r"after process: -?\d+")
    kata_run.expect(checks.thread_joined_before_logging, r"after thread: -?\d+")


def test_thread_line_follows_the_count(kata_run):
    lines = lines_after(kata_run.chosen("INCREMENTS"))
    kata_run.expect_with_chosen_inputs(checks.output_follows_input, lines, stated=lines_after(1000))
