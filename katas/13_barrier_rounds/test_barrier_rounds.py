"""Checks for kata 13: four workers log phase 1, meet at one Barrier of 4 parties, then log phase 2."""

from pytest_mpkata import checks

WORKERS = 4
PHASE_1 = r"worker \d+ phase 1"
PHASE_2 = r"worker \d+ phase 2"
DONE_LINE = "all rounds done"


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    lines = [f"worker {n} phase {phase}" for phase in (1, 2) for n in range(WORKERS)]
    kata_run.expect(checks.log_has_lines, [*lines, DONE_LINE])


def test_each_worker_is_a_process(kata_run):
    kata_run.expect(checks.created_children, WORKERS)
    kata_run.expect(checks.lines_written_by_children, PHASE_1)
    kata_run.expect(checks.lines_written_by_children, PHASE_2)


def test_workers_wait_at_one_barrier(kata_run):
    kata_run.expect(checks.workers_passed_one_barrier, WORKERS)


def test_no_phase_2_before_every_phase_1(kata_run):
    kata_run.expect(checks.phases_split_by_the_barrier, PHASE_1, PHASE_2)


def test_all_joined_before_logging(kata_run):
    kata_run.expect(checks.joined_before_logging, DONE_LINE)
