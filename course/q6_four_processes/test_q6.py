"""Q6: four child processes, each printing (or logging) its own, different number."""

from pytest_mpkata import checks


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_four_processes_each_reported_a_different_number(kata_run):
    kata_run.expect(checks.four_processes_reported_different_numbers)


def test_started_together_then_joined(kata_run):
    kata_run.expect(checks.four_started_together_then_joined)
