"""Checks for kata 15: four children store word lengths in a manager's dict; the parent reads it."""

from pytest_mpkata import checks

WORDS = ["spawn", "fork", "forkserver", "manager"]
LENGTHS = {word: len(word) for word in sorted(WORDS)}


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [f"lengths: {LENGTHS}"])


def test_each_child_stored_its_result_in_the_managers_dict(kata_run):
    kata_run.expect(checks.children_wrote_manager_dict, len(WORDS), WORDS)


def test_parent_read_the_dict_after_joining(kata_run):
    kata_run.expect(checks.parent_read_after_joining)
    kata_run.expect(checks.joined_before_logging, r"lengths: .*")
