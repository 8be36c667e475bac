"""Checks for kata 11: a process from birth to exit code, and a daemon that ends with its parent."""

from pytest_mpkata import checks

WORKERS = ("good", "bad")
EXITS = {"good": 0, "bad": 3}
DAEMON = "keeper"
ENDINGS = {**EXITS, DAEMON: -15}  # a daemon ends on the SIGTERM of the parent's exit


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly, exits=ENDINGS)


def test_log_file(kata_run):
    lines = [
        r"good runs in pid \d+",
        r"bad runs in pid \d+",
        "good alive before start: False",
        "good alive while running: True",
        "good alive after join: False",
        "good exitcode: 0",
        "bad exitcode: 3",
    ]
    kata_run.expect(checks.log_has_lines, lines, patterns=True)


def test_each_worker_is_a_process_subclass_with_its_own_run(kata_run):
    kata_run.expect(checks.subclass_children_ran, WORKERS)


def test_each_worker_logged_its_own_pid(kata_run):
    kata_run.expect(checks.lines_written_by_children, r"(?:good|bad) runs in pid (\d+)", pid_in_line=True)


def test_is_alive_asked_before_during_and_after(kata_run):
    kata_run.expect(checks.alive_answers_logged, "good")


def test_exit_codes_read_after_join(kata_run):
    kata_run.expect(checks.exit_codes_read_after_join, EXITS)


def test_daemon_ended_by_the_parent_s_exit(kata_run):
    kata_run.expect(checks.daemon_ended_with_parent, DAEMON)
