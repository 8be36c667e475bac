"""Ctrl-C in a terminal stops pytest at once, kills the run's whole tree and leaves nothing running.

Each test drives pytest in a real terminal (a pty), with a kata whose program sleeps as long as
its time limit allows (60 s): a Ctrl-C that waited for the run would take a minute, and these
tests give pytest 15 s to exit.  Every process of the session carries a marker in its
environment, so whatever is left is found by it.
"""

from __future__ import annotations

import json
import os
import select
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mpkata_testing import batch_args

from pytest_mpkata.grade.reports import SORTED_FOLDER

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pty and /proc")

MARKER_VARIABLE = "MPKATA_TEST_MARKER"
CTRL_C = b"\x03"
EXIT_PATIENCE = 15.0
"""Far below the program's 60 s: pytest must exit long before its run would have ended."""
START_PATIENCE = 120.0
HANGING_PROGRAM = """\
import time

if __name__ == "__main__":
    time.sleep(60)
"""
QUICK_PROGRAM = """\
if __name__ == "__main__":
    pass
"""


class Terminal:
    """A command running in a pseudo-terminal, as a learner's shell would run it."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str]) -> None:
        import pty

        self.output = b""
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the command, in the terminal's foreground group
            os.chdir(cwd)
            os.execve(command[0], command, env)
        self.status: int | None = None

    def read(self, seconds: float) -> None:
        """Collect output for ``seconds`` (or until the terminal closes)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def press_ctrl_c(self) -> None:
        os.write(self.fd, CTRL_C)

    def exited_within(self, seconds: float) -> bool:
        """Whether the command ended within ``seconds``; its exit code is then in ``status``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return True
            self.read(0.1)
        return False

    def close(self) -> None:
        if self.status is None:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        os.close(self.fd)

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


@pytest.fixture
def sleepy_kata(pytester: pytest.Pytester) -> Path:
    """A kata whose learner program sleeps 60 s, with a time limit of 60 s."""
    folder = pytester.path / "katas" / "01_sleepy"
    folder.mkdir(parents=True)
    (folder / "kata.toml").write_text('id = "sleepy"\ntitle = "Sleepy"\norder = 1\ntime_limit = 60.0\n')
    (folder / "sleepy.py").write_text(HANGING_PROGRAM)
    (folder / "test_sleepy.py").write_text(
        textwrap.dedent(
            """
            from pytest_mpkata import checks

            def test_runs_cleanly(kata_run):
                kata_run.expect(checks.ran_cleanly)
            """
        )
    )
    return folder


class MarkedProcesses:
    """The processes of the session under test: each inherits a marker in its environment."""

    def __init__(self, marker: str, find: Callable[[str], set[int]]) -> None:
        self.marker = marker
        self.find = find

    def alive(self) -> set[int]:
        return self.find(self.marker)

    def sleeping_programs(self) -> list[int]:
        """Learner programs of the session that are running ``sleepy.py``."""
        found = []
        for pid in self.alive():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    if b"sleepy.py" in handle.read():
                        found.append(pid)
            except OSError:
                continue
        return found

    def left_after_a_moment(self, patience: float = 5.0) -> set[int]:
        """Processes still alive after a short grace (a zombie needs its parent to reap it)."""
        deadline = time.monotonic() + patience
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.alive()


@pytest.fixture
def marked(
    pytester: pytest.Pytester, processes_naming: Callable[[str], set[int]]
) -> Iterator[MarkedProcesses]:
    """Finds the processes of the session under test; none may outlive the test."""
    processes = MarkedProcesses(f"mpkata-interrupt-{os.getpid()}-{pytester.path.name}", processes_naming)
    yield processes
    leftover = processes.alive()
    for pid in leftover:
        os.kill(pid, 9)
    assert leftover == set()


def in_terminal(pytester: pytest.Pytester, marked: MarkedProcesses, *args: str) -> Terminal:
    env = {**os.environ, MARKER_VARIABLE: marked.marker, "COLUMNS": "80"}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args]
    return Terminal(command, pytester.path, env)


def wait_for(condition: Callable[[], object], terminal: Terminal, patience: float = START_PATIENCE) -> None:
    deadline = time.monotonic() + patience
    while not condition() and time.monotonic() < deadline:
        terminal.read(0.1)
    assert condition(), terminal.text[-3000:]


def test_ctrl_c_stops_a_hanging_run_at_once(
    pytester: pytest.Pytester, sleepy_kata: Path, marked: MarkedProcesses
) -> None:
    terminal = in_terminal(pytester, marked, "katas", "--mpkata-start-methods", "fork")
    try:
        wait_for(lambda: marked.sleeping_programs(), terminal)
        terminal.press_ctrl_c()
        assert terminal.exited_within(EXIT_PATIENCE), terminal.text[-3000:]
        terminal.read(0.5)
    finally:
        terminal.close()
    assert terminal.status == pytest.ExitCode.INTERRUPTED
    assert "KeyboardInterrupt" in terminal.text
    assert marked.left_after_a_moment() == set()


def test_ctrl_c_stops_run_ahead_too(
    pytester: pytest.Pytester, sleepy_kata: Path, marked: MarkedProcesses
) -> None:
    terminal = in_terminal(pytester, marked, "katas", "--mpkata-run-ahead", "3")
    try:
        wait_for(lambda: len(marked.sleeping_programs()) == 3, terminal)
        terminal.press_ctrl_c()
        assert terminal.exited_within(EXIT_PATIENCE), terminal.text[-3000:]
    finally:
        terminal.close()
    assert terminal.status == pytest.ExitCode.INTERRUPTED
    assert marked.left_after_a_moment() == set()


def graded(out: Path) -> list[str]:
    try:
        return sorted(json.loads((out / "grades.json").read_text("utf-8"))["submissions"])
    except (OSError, ValueError, KeyError):
        return []


def test_ctrl_c_stops_batch_grading_and_the_report_resumes(
    pytester: pytest.Pytester, sleepy_kata: Path, marked: MarkedProcesses
) -> None:
    klass = pytester.path / "class"
    programs = {"a-quick": QUICK_PROGRAM, "b-quick": QUICK_PROGRAM}
    programs.update({"c-hangs": HANGING_PROGRAM, "d-hangs": HANGING_PROGRAM})
    for name, program in programs.items():
        (klass / name).mkdir(parents=True)
        (klass / name / "sleepy.py").write_text(program)
    out = pytester.path / "out"
    grading = [*batch_args("katas"), "-n", "2"]
    terminal = in_terminal(pytester, marked, *grading)
    try:
        wait_for(lambda: graded(out) == ["a-quick", "b-quick"] and marked.sleeping_programs(), terminal)
        terminal.press_ctrl_c()
        assert terminal.exited_within(EXIT_PATIENCE), terminal.text[-3000:]
    finally:
        terminal.close()
    assert terminal.status == pytest.ExitCode.INTERRUPTED
    assert marked.left_after_a_moment() == set()
    assert graded(out) == ["a-quick", "b-quick"]
    folders = sorted(path.name for path in out.iterdir() if path.is_dir() and path.name != SORTED_FOLDER)
    assert folders == ["a-quick", "b-quick"]
    assert not list(out.rglob("*.tmp"))

    resumed = pytester.runpytest_subprocess(
        *grading, "--mpkata-time-limit", "1", "-p", "no:cacheprovider", "-rA", timeout=300
    )
    resumed.assert_outcomes(failed=6)
    resumed.stdout.fnmatch_lines(["*2 unchanged since the last report*"])
    resumed.stdout.no_fnmatch_line("*a-quick-*")
    assert graded(out) == ["a-quick", "b-quick", "c-hangs", "d-hangs"]
