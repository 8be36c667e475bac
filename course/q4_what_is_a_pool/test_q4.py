"""Q4: words for the instructor; code, when there is some, is graded like Q5."""

from pytest_mpkata import checks


def test_answered_in_words(kata_run):
    kata_run.expect_answer_in_words()


def test_runs_cleanly(kata_run):
    kata_run.expect_code_if_any(checks.ran_cleanly)


def test_pool_workers_did_the_work(kata_run):
    kata_run.expect_code_if_any(checks.pool_workers_did_the_work)


def test_pool_shut_down(kata_run):
    kata_run.expect_code_if_any(checks.pool_shut_down_by_the_program)
