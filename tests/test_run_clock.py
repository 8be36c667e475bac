"""The time limit counts the time the machine let the run use: a loaded machine does not fail a
correct program, and a hanging one still ends.

The clock reads the kernel's pressure stall information; these tests stand a file in its place
whose ``total=`` they move on, as the kernel would while other work holds the CPUs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_mpkata.run import _watch

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
