"""Checks for kata 19: a Pool whose initializer sets each worker up once, workers recycled."""

from pytest_mpkata import checks

TASKS = 6
PER_WORKER = 2
LOOKUP = r"key (?P<key>\d+) looked up through (?P<state>.+)"
CONNECTED = r"worker \d+ connected to inventory"


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [f"results: {[key * 10 for key in range(TASKS)]}"])


def test_pool_of_two_processes(kata_run):
    kata_run.expect(checks.used_process_pool, exact=2)


def test_initializer_ran_once_per_worker(kata_run):
    kata_run.expect(checks.initializer_ran_once_per_worker, "connect", CONNECTED)


def test_workers_recycled_after_two_tasks(kata_run):
    kata_run.expect(checks.workers_recycled, TASKS, PER_WORKER)


def test_tasks_used_their_workers_connection(kata_run):
    kata_run.expect(checks.lines_written_by_children, LOOKUP, distinct=False)
    kata_run.expect(checks.tasks_used_worker_state, LOOKUP)
