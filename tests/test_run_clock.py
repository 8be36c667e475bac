"""The time limit counts the time the machine let the run use: a loaded machine does not fail a
correct program, a program asleep in a deadlock ends at its plain limit, and a busy hang still
ends.

The clock reads the kernel's pressure stall information; these tests stand a file in its place
whose ``total=`` they move on, as the kernel would while other work holds the CPUs, and say how
much CPU the run used meanwhile.  The last tests read a real process's CPU time.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from pytest_mpkata.run import _tree, _watch

LIMIT = 10.0


def pressure(path: Path, stalled_us: int) -> None:
    path.write_text(
        f"some avg10=0.00 avg60=0.00 avg300=0.00 total={stalled_us}\n"
        "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
    )


@pytest.fixture
def pressure_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cpu"
    pressure(path, 1_000_000)
    monkeypatch.setattr(_watch, "CPU_PRESSURE", str(path))
    return path


class Seconds:
    """A clock the test moves on by hand: the verdicts do not depend on how fast this machine is."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def wait_past(clock: _watch.RunClock, seconds: float) -> None:
    assert isinstance(clock.now, Seconds)
    clock.now.now = clock.started + seconds + 0.001


def test_on_an_idle_machine_the_limit_is_wall_clock_time(pressure_file: Path) -> None:
    clock = _watch.RunClock(LIMIT, Seconds())
    assert not clock.out_of_time()
    wait_past(clock, LIMIT)
    assert clock.out_of_time()


def test_time_spent_waiting_for_a_cpu_is_given_back(pressure_file: Path) -> None:
    clock = _watch.RunClock(LIMIT, Seconds())
    pressure(pressure_file, 1_000_000 + int(LIMIT * 1e6))  # the run's tasks waited as long as its limit
    wait_past(clock, LIMIT)
    assert not clock.out_of_time()
    wait_past(clock, 2 * LIMIT)
    assert clock.out_of_time()


def test_however_loaded_the_machine_a_run_ends_at_its_last_resort(pressure_file: Path) -> None:
    clock = _watch.RunClock(LIMIT, Seconds())
    pressure(pressure_file, 1_000_000 + 3600 * 1_000_000)  # an hour of waiting
    wait_past(clock, (_watch.STALL_ALLOWANCE - 0.5) * LIMIT)
    assert not clock.out_of_time()
    wait_past(clock, _watch.STALL_ALLOWANCE * LIMIT)
    assert clock.out_of_time()


def test_where_the_kernel_does_not_say_the_limit_is_wall_clock_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_watch, "CPU_PRESSURE", str(tmp_path / "absent"))
    assert _watch.stalled_seconds() is None
    clock = _watch.RunClock(LIMIT, Seconds())
    wait_past(clock, LIMIT)
    assert clock.out_of_time()


def test_a_run_asleep_is_not_given_the_machines_stalls(pressure_file: Path) -> None:
    """A deadlocked program waits on a lock, not for a CPU: the load does not lengthen its limit."""
    clock = _watch.RunClock(LIMIT, Seconds(), cpu_used=lambda: 0.0)
    pressure(pressure_file, 1_000_000 + int(LIMIT * 1e6))
    wait_past(clock, LIMIT)
    assert clock.out_of_time()


def test_a_run_that_used_a_cpu_is_given_the_stalls_back(pressure_file: Path) -> None:
    clock = _watch.RunClock(LIMIT, Seconds(), cpu_used=lambda: 0.05)
    pressure(pressure_file, 1_000_000 + int(LIMIT * 1e6))
    wait_past(clock, LIMIT)
    assert not clock.out_of_time()
    wait_past(clock, 2 * LIMIT)
    assert clock.out_of_time()


LINUX_PROC = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux)")


SPIN_THEN_SLEEP = """
import sys, time
sys.stdin.readline()
end = time.process_time() + 0.3
while time.process_time() < end:
    pass
print("asleep", flush=True)
time.sleep(60)
"""


@LINUX_PROC
def test_the_cpu_a_busy_process_uses_is_seen_and_a_sleeping_ones_is_not() -> None:
    """``CpuUse`` reads the real /proc: a descendant spinning for 0.3 s of CPU, then asleep."""
    starter = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {SPIN_THEN_SLEEP!r}])"
    parent = subprocess.Popen(
        [sys.executable, "-c", starter],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        while not _tree.descendants(parent.pid):
            time.sleep(0.01)
        use = _tree.CpuUse(parent.pid)
        use.since_last_look()  # the child's start-up, before the test
        assert parent.stdin is not None and parent.stdout is not None
        parent.stdin.write("go\n")
        parent.stdin.flush()
        assert parent.stdout.readline().strip() == "asleep"
        spun = use.since_last_look()
        assert spun is not None and spun >= 0.25
        time.sleep(0.3)
        asleep = use.since_last_look()
        assert asleep is not None and asleep <= 0.01
    finally:
        for pid in _tree.descendants(parent.pid):
            _tree.kill(pid)
        parent.kill()
        parent.wait()
