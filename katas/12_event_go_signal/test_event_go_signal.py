"""Checks for kata 12: four workers wait on one Event, which the parent sets once all are started."""

from pytest_mpkata import checks

WORKERS = 4
WORK_LINE = r"worker \d+ working"
DONE_LINE = "all workers done"


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [*(f"worker {n} working" for n in range(WORKERS)), DONE_LINE])


def test_each_worker_is_a_process(kata_run):
    kata_run.expect(checks.created_children, WORKERS)
    kata_run.expect(checks.lines_written_by_children, WORK_LINE)


def test_workers_wait_on_one_event(kata_run):
    kata_run.expect(checks.workers_waited_on_one_event, WORKERS)


def test_parent_sets_it_after_starting_all(kata_run):
    kata_run.expect(checks.event_set_after_workers_started)


def test_no_work_before_the_go(kata_run):
    kata_run.expect(checks.work_waited_for_the_event, WORK_LINE)


def test_all_joined_before_logging(kata_run):
    kata_run.expect(checks.joined_before_logging, DONE_LINE)
