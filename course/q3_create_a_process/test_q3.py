"""Q3: a child process created with multiprocessing ran its target, started and joined by the parent."""

from pytest_mpkata import checks


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_a_child_process_ran_its_target(kata_run):
    kata_run.expect(checks.a_child_process_ran)
