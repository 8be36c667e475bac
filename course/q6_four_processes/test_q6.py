"""Q6: four child processes, each printing (or logging) its own, different number, all joined.

The question asks for four processes that print; starting and joining them one at a time does
that, so it earns full marks, with advice that starting all four first lets them run together.
"""

from pytest_mpkata import checks


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_four_processes_each_reported_a_different_number(kata_run):
    kata_run.expect(checks.four_processes_reported_different_numbers)


def test_all_four_joined(kata_run):
    kata_run.expect(checks.four_processes_joined)
    kata_run.advise(checks.four_started_together_then_joined)
