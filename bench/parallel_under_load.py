"""Check kata 07 (CPU-bound work in parallel) again and again while busy loops load every core.

Usage (from the repository root, in the project's virtual environment):

    python bench/parallel_under_load.py             # 20 checks in a row
    python bench/parallel_under_load.py --quick     # 2 (what CI runs: it proves the bench runs)

Kata 07's ``test_chunks_ran_in_parallel`` needs its pool workers' tasks to overlap in time.  On a
loaded machine that must still hold, with the plugin running ahead (its default): the kata is
marked ``runs_alone``, so no other run of the session shares the cores with it.  Each round
checks kata 07 against the reference solution under the three start methods while two busy-loop
processes (``--busy``) spin beside it, and counts the rounds that were all green.  Exits 1 if
any round failed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = [
    sys.executable,
    "-m",
    "pytest",
    "katas/06_processes_vs_threads",
    "katas/07_cpu_bound_speedup",
    "--mpkata-submission",
    "solutions",
    "-q",
    "-p",
    "no:cacheprovider",
]


def spin() -> None:
    while True:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--busy", type=int, default=2, help="busy-loop processes beside the checks")
    parser.add_argument("--quick", action="store_true", help="2 rounds")
    args = parser.parse_args()
    rounds = 2 if args.quick else args.rounds
    context = multiprocessing.get_context("spawn")
    spinners = [context.Process(target=spin, daemon=True) for _ in range(args.busy)]
    for spinner in spinners:
        spinner.start()
    green = 0
    started = time.perf_counter()
    try:
        for number in range(1, rounds + 1):
            done = subprocess.run(COMMAND, cwd=ROOT, capture_output=True, text=True, check=False)
            green += done.returncode == 0
            last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "(no output)"
            print(f"round {number}: {last}")
            if done.returncode != 0:
                print(done.stdout[-3000:])
    finally:
        for spinner in spinners:
            spinner.terminate()
            spinner.join(timeout=5)
            if spinner.is_alive():
                spinner.kill()
                spinner.join(timeout=5)
    seconds = time.perf_counter() - started
    print(f"{green} of {rounds} rounds green with {args.busy} busy loops beside ({seconds:.0f} s)")
    return 0 if green == rounds else 1


if __name__ == "__main__":
    raise SystemExit(main())
