"""Checks for kata 18: the parent reads imap_unordered's results as they complete, logging progress."""

from pytest_mpkata import checks

PAGES = range(1, 13)
PROGRESS = [rf"done {done}/{len(PAGES)}: \d+" for done in range(1, len(PAGES) + 1)]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, PROGRESS, ordered=True, patterns=True)


def test_pages_downloaded_in_workers(kata_run):
    kata_run.expect(checks.tasks_ran_in_workers, len(PAGES), [page * 100 for page in PAGES])


def test_results_read_as_they_complete(kata_run):
    kata_run.expect(checks.results_read_while_tasks_ran)


def test_work_spread_over_workers(kata_run):
    kata_run.expect(checks.work_spread_over_workers)


def test_progress_logged_as_each_result_arrived(kata_run):
    kata_run.expect(checks.progress_logged_as_read, "done 1/12: 300")


def test_pool_shut_down(kata_run):
    kata_run.expect(checks.pool_shut_down)
