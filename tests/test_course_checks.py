"""The course's question checks judge what the program did, printed or logged, in any wording."""

from __future__ import annotations

from conftest import ProgramRunner
from pytest_mpkata import checks

FOUR_PRINTING = """
    import multiprocessing

    def show(number):
        print("Process", number, "says hello")

    if __name__ == "__main__":
        workers = [multiprocessing.Process(target=show, args=(n,)) for n in range(1, 5)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
"""


def test_four_children_printing_their_numbers_answer_q6(
    learner_program: ProgramRunner, start_method: str
) -> None:
    result = learner_program.run(FOUR_PRINTING, start_method)

    assert checks.four_processes_reported_different_numbers(result) is None
    assert checks.four_started_together_then_joined(result) is None


def test_logging_the_numbers_counts_as_much_as_printing_them(learner_program: ProgramRunner) -> None:
    result = learner_program.run(
        """
        import logging, multiprocessing
        logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

        def show(number):
            logging.info("my number is %d", number)

        if __name__ == "__main__":
            workers = [multiprocessing.Process(target=show, args=(n,)) for n in (7, 8, 9, 10)]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
        """,
        "spawn",
    )

    assert checks.four_processes_reported_different_numbers(result) is None


def test_four_children_printing_the_same_number_are_named(learner_program: ProgramRunner) -> None:
    result = learner_program.run(FOUR_PRINTING.replace("args=(n,)", "args=(3,)"), "fork")

    message = checks.four_processes_reported_different_numbers(result)

    assert message is not None and "all reported the number 3" in message
    assert message.kind == "same_number"  # type: ignore[attr-defined]


def test_a_pool_of_four_printing_is_not_four_processes(learner_program: ProgramRunner) -> None:
    result = learner_program.run(
        """
        from multiprocessing import Pool

        if __name__ == "__main__":
            with Pool(4) as pool:
                pool.map(print, [1, 2, 3, 4])
        """,
        "fork",
    )

    message = checks.four_processes_reported_different_numbers(result)

    assert message is not None and "created 0 child processes" in message
    assert "a pool's workers are not" in message


def test_processes_joined_one_by_one_did_not_run_together(learner_program: ProgramRunner) -> None:
    result = learner_program.run(
        FOUR_PRINTING.replace(
            "worker.start()\n        for worker in workers:\n            worker.join()",
            "worker.start()\n            worker.join()",
        ),
        "fork",
    )

    message = checks.four_started_together_then_joined(result)

    assert message is not None and "ran one after another" in message


def test_a_thread_is_not_accepted_as_a_process(learner_program: ProgramRunner) -> None:
    result = learner_program.run(
        """
        import threading

        def work():
            print("working")

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        """,
    )

    message = checks.a_child_process_ran(result)

    assert message is not None and "created no child process" in message and "in a thread" in message


def test_a_child_that_crashes_did_not_finish_its_work(
    learner_program: ProgramRunner, start_method: str
) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def work():
            raise ValueError("no work today")

        if __name__ == "__main__":
            child = multiprocessing.Process(target=work)
            child.start()
            child.join()
        """,
        start_method,
    )

    message = checks.a_child_process_ran(result)

    assert message is not None and "ValueError: no work today" in message


def test_a_child_left_to_the_interpreter_s_exit_was_never_joined(learner_program: ProgramRunner) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def work():
            print("done")

        if __name__ == "__main__":
            multiprocessing.Process(target=work).start()
        """,
        "fork",
    )

    message = checks.a_child_process_ran(result)

    assert message is not None and "never joined it" in message


def test_a_pool_whose_results_reach_the_parent_answers_q5(
    learner_program: ProgramRunner, start_method: str
) -> None:
    result = learner_program.run(
        """
        import multiprocessing

        def cube(x):
            return x ** 3

        if __name__ == "__main__":
            with multiprocessing.Pool(3) as pool:
                print(pool.map(cube, range(6)))
                print(pool.apply_async(cube, (7,)).get())
        """,
        start_method,
    )

    assert checks.pool_workers_did_the_work(result) is None
    assert checks.pool_shut_down_by_the_program(result) is None


def test_results_the_parent_never_fetched_are_not_received(learner_program: ProgramRunner) -> None:
    result = learner_program.run(
        """
        import multiprocessing, time

        def cube(x):
            return x ** 3

        if __name__ == "__main__":
            pool = multiprocessing.Pool(2)
            pending = [pool.apply_async(cube, (n,)) for n in range(3)]
            time.sleep(0.5)
            pool.close()
            pool.join()
        """,
        "fork",
    )

    message = checks.pool_workers_did_the_work(result)

    assert message is not None and "the parent received nothing" in message


def test_a_thread_pool_and_a_pool_left_open_are_named(learner_program: ProgramRunner) -> None:
    threads = learner_program.run(
        """
        from multiprocessing.pool import ThreadPool

        with ThreadPool(4) as pool:
            print(pool.map(abs, range(-3, 3)))
        """,
    )
    left_open = learner_program.run(
        """
        import multiprocessing

        def cube(x):
            return x ** 3

        if __name__ == "__main__":
            pool = multiprocessing.Pool(2)
            print(pool.map(cube, range(5)))
        """,
        "fork",
    )

    assert "threads inside the main process" in (checks.pool_workers_did_the_work(threads) or "")
    assert "never shut down" in (checks.pool_shut_down_by_the_program(left_open) or "")
