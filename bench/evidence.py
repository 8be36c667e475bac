"""Measure what following every process through the kernel costs a grade.

Usage (from the repository root, in the project's virtual environment):

    python bench/evidence.py            # 5 sessions per column, interleaved
    python bench/evidence.py --sessions 9
    python bench/evidence.py --quick    # 1 session per column: proves it runs, figures too few to quote

One session is ``pytest katas --mpkata-submission solutions -n 0``: every kata's reference
solution under fork, spawn and forkserver, each run followed with ptrace, its records
stamped by the kernel and its writes to test.log watched through seccomp (column
``followed``), against the same session with ``MPKATA_NO_WRITE_WATCH=1`` (column
``no writes``: processes followed, writes not watched) and with ``MPKATA_NO_PTRACE=1``
(column ``unfollowed``: the stamped channel stays, no process event is asked for).  Columns
alternate, so a drift of the shared machine's speed touches all; it prints medians and
minimums in seconds and the ratios of the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = {
    "followed": {},
    "no writes": {"MPKATA_NO_WRITE_WATCH": "1"},
    "unfollowed": {"MPKATA_NO_PTRACE": "1"},
}


def session(extra_env: dict[str, str], folders: list[str]) -> float:
    command = [sys.executable, "-m", "pytest", *folders, "-q", "-p", "no:cacheprovider"]
    command += ["--mpkata-submission", "solutions", "-p", "no:xdist"]
    env = {**os.environ, **extra_env}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the reference solutions failed ({extra_env}):\n{done.stdout[-3000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one session per column")
    args = parser.parse_args()
    sessions = 1 if args.quick else args.sessions
    # the quick mode proves the bench runs: the first three katas are enough
    folders = sorted(str(path) for path in (ROOT / "katas").glob("0[1-3]_*")) if args.quick else ["katas"]
    timings: dict[str, list[float]] = {column: [] for column in COLUMNS}
    for _ in range(sessions):
        for column, env in COLUMNS.items():
            timings[column].append(session(env, folders))
    for column, values in timings.items():
        print(f"{column:>11}: median {statistics.median(values):6.2f} s   min {min(values):6.2f} s")
    medians = {column: statistics.median(values) for column, values in timings.items()}
    for column in ("no writes", "unfollowed"):
        ratio = medians["followed"] / medians[column]
        print(f"followed / {column}: {ratio:.3f}x over {sessions} session(s) each")


if __name__ == "__main__":
    main()
