"""Checks for kata 14: six worker processes share one Semaphore(2), two at a time."""

from pytest_mpkata import checks

WORKERS = 6
SLOTS = 2
WORKING = r"worker \d+ working"


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    lines = [f"worker {n} working" for n in range(WORKERS)] + ["all workers done"]
    kata_run.expect(checks.log_has_lines, lines)


def test_each_worker_logged_from_its_own_process(kata_run):
    kata_run.expect(checks.lines_written_by_children, WORKING)


def test_six_workers_share_one_semaphore_of_two(kata_run):
    kata_run.expect(checks.workers_shared_one_semaphore, WORKERS, SLOTS)


def test_one_release_per_acquire(kata_run):
    kata_run.expect(checks.semaphore_released_once)


def test_two_at_once_never_more(kata_run):
    kata_run.expect(checks.slots_filled, SLOTS)


def test_work_done_inside_the_slot(kata_run):
    kata_run.expect(checks.work_inside_slot, WORKING)


def test_all_joined_before_logging(kata_run):
    kata_run.expect(checks.joined_before_logging, "all workers done")
