"""What the program asked of its processes: each ``is_alive()`` and ``exitcode`` the program's own
code read, with the answer it got, recorded as moments in the parent under every start method."""

from __future__ import annotations

from pytest_mpkata.judge.picture import render
from pytest_mpkata.run import records

LIFECYCLE_PROGRAM = """
    import multiprocessing, sys, time

    class Worker(multiprocessing.Process):
        def __init__(self, name, code):
            super().__init__(name=name)
            self.code = code

        def run(self):
            time.sleep(0.3)
            sys.exit(self.code)

    if __name__ == "__main__":
        worker = Worker("bad", 3)
        before = worker.is_alive()
        worker.start()
        during = worker.is_alive()
        worker.join()
        print(before, during, worker.is_alive(), worker.exitcode)
"""


def test_each_answer_the_program_got_is_a_moment_of_the_parent(learner_program, start_method: str) -> None:
    result = learner_program.run(LIFECYCLE_PROGRAM, start_method)

    assert result.finished_normally, result.stderr
    (child,) = result.children_of(result.main)
    alive = result.moments_of(records.PROCESS_ALIVE)
    assert [m.get("alive") for m in alive] == [False, True, False]
    assert [m.get("child") for m in alive] == [None, child.pid, child.pid]
    assert {m.pid for m in alive} == {result.main.pid}
    assert {m.get("name") for m in alive} == {"bad"}
    (read,) = result.moments_of(records.PROCESS_EXITCODE)
    assert (read.get("exitcode"), read.get("process")) == (3, alive[0].get("process"))
    assert read.time > child.joined_at


def test_the_tracer_s_and_multiprocessing_s_own_reads_are_not_answers(learner_program) -> None:
    """The tracer's join reads ``exitcode`` and multiprocessing's exit handler asks ``is_alive()``
    of every child: neither is the program asking."""
    result = learner_program.run(
        """
        import multiprocessing

        def nothing():
            pass

        if __name__ == "__main__":
            child = multiprocessing.Process(target=nothing)
            child.start()
            child.join()
            multiprocessing.active_children()
        """,
        "fork",
    )

    assert result.finished_normally, result.stderr
    assert result.moments_of(records.PROCESS_ALIVE, records.PROCESS_EXITCODE) == ()


def test_the_picture_tells_the_answers_by_the_process_s_name(learner_program) -> None:
    result = learner_program.run(LIFECYCLE_PROGRAM, "fork")

    picture = render(result)

    assert f"MainProcess {result.main.pid}: asked bad is_alive(): False x2, asked bad is_ali" in picture
