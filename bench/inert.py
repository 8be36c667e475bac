"""Measure what the plugin costs a test suite that has no kata: installed, loaded, unused.

Usage (from the repository root, in the project's virtual environment):

    python bench/inert.py              # 30 pairs of sessions
    python bench/inert.py --quick      # 3 pairs (what CI runs: the bench still works)

A one-test suite (``def test_one(): pass``) runs in a temporary folder, with the plugin (as
installed: ``pytest_mpkata`` is loaded through its entry point) and without it (``-p no:mpkata``),
one after the other, so that a busy machine disturbs both alike. It measures each session's CPU
time (user + system, as the operating system accounts the finished child: on a loaded machine the
wall clock mostly measures the wait for a core), and prints medians and minimums in milliseconds,
the ratio of the medians (the project's budget: at most 1.03), and which of the plugin's modules
the session imported (only the switchboard's: ``plugin``, ``hookspecs``,
``options``, ``session.keys``).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ONE_TEST = "def test_one():\n    pass\n"
LIST_MODULES = """
import sys

def pytest_unconfigure():
    loaded = sorted(name for name in sys.modules if name.startswith("pytest_mpkata"))
    print("mpkata modules:", " ".join(loaded))
"""
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def session(folder: Path, *extra: str) -> float:
    """The CPU seconds one pytest session spent, start-up included."""
    before = children_cpu()
    done = subprocess.run([*PYTEST, *extra], cwd=folder, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"pytest {' '.join(extra)} failed:\n{done.stdout.decode()[-2000:]}")
    return children_cpu() - before


def loaded_modules(folder: Path) -> str:
    """The plugin's modules a session without katas imported, as its conftest sees them at the end."""
    (folder / "conftest.py").write_text(LIST_MODULES, encoding="utf-8")
    done = subprocess.run([*PYTEST, "-s"], cwd=folder, capture_output=True, text=True, check=False)
    (folder / "conftest.py").unlink()
    found = [line for line in done.stdout.splitlines() if line.startswith("mpkata modules:")]
    return found[0] if found else "mpkata modules: (not reported)"


def line(name: str, values: list[float]) -> str:
    median, low = statistics.median(values) * 1000, min(values) * 1000
    return f"  {name:<16} CPU median {median:7.1f} ms   min {low:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=30, help="sessions with and without the plugin")
    parser.add_argument("--quick", action="store_true", help="3 pairs: proves the bench runs (CI)")
    args = parser.parse_args()
    pairs = 3 if args.quick else args.pairs
    with tempfile.TemporaryDirectory(prefix="mpkata-inert-") as work:
        folder = Path(work)
        (folder / "test_one.py").write_text(ONE_TEST, encoding="utf-8")
        timings: dict[str, list[float]] = {"with plugin": [], "without plugin": []}
        session(folder)  # warm the bytecode caches of both
        for _ in range(pairs):
            timings["with plugin"].append(session(folder))
            timings["without plugin"].append(session(folder, "-p", "no:mpkata"))
        modules = loaded_modules(folder)
    print(f"a one-test suite without katas, {pairs} pairs of sessions:")
    for name, values in timings.items():
        print(line(name, values))
    ratio = statistics.median(timings["with plugin"]) / statistics.median(timings["without plugin"])
    print(f"  ratio of the medians: {ratio:.3f}")
    print(f"  {modules}")


if __name__ == "__main__":
    main()
