"""Q2 is answered in words: the instructor grades it (status ``manual``)."""


def test_answered_in_words(kata_run):
    kata_run.expect_answer_in_words()
