"""Check one submission (every kata, three start methods) against running its programs bare.

Usage (from the repository root, in the project's virtual environment):

    python bench/one_submission.py            # 5 rounds
    python bench/one_submission.py --quick    # 1 round without -n 2 (what CI runs: the bench still works)

The submission is the reference solutions (``solutions/``: 7 katas x 3 start methods = 21 runs).
Each round times, one after another so that a busy machine disturbs every column alike:

  (a) ``pytest katas --mpkata-submission solutions`` (running ahead, the default);
  (b) the same with ``--mpkata-run-ahead 0`` (one run at a time);
  (c) ``-n 2`` (two xdist workers);
  (s) every program run bare (``python <file>``, start method forced), one after another;
  (p) the same, two at a time.

It prints the median of each column and the ratios a/s (the target: at most 1.0), a/p, b/a and
c/a.  Ratios, not seconds, carry over between machines.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grading import FORCE_METHOD, METHODS, ROOT, bare_runs, katas_to_grade, pytest_command, timed

SUBMISSION = ROOT / "solutions"


def one_round(hook_dir: Path, with_xdist: bool, quick: bool) -> dict[str, float]:
    katas = katas_to_grade(quick)
    check = pytest_command("--mpkata-submission", str(SUBMISSION), katas=katas)
    times = {
        "a": timed(check, ROOT),
        "b": timed([*check, "--mpkata-run-ahead", "0"], ROOT),
        "s": bare_runs([SUBMISSION], katas, hook_dir, at_once=1),
        "p": bare_runs([SUBMISSION], katas, hook_dir, at_once=2),
    }
    times["c"] = timed([*check, "-n", "2"], ROOT) if with_xdist else float("nan")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one round, no (c): proves the bench runs")
    args = parser.parse_args()
    rounds = 1 if args.quick else args.rounds
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mpkata-bench-") as scratch:
        hook_dir = Path(scratch)
        (hook_dir / "sitecustomize.py").write_text(FORCE_METHOD, encoding="utf-8")
        times = [one_round(hook_dir, not args.quick, args.quick) for _ in range(rounds)]
    median = {column: statistics.median(t[column] for t in times) for column in times[0]}
    runs = len(katas_to_grade(args.quick)) * len(METHODS)
    print(f"one submission (the reference solutions, {runs} runs), medians of {rounds} round(s)")
    print(f"  (a) pytest katas --mpkata-submission solutions   {median['a']:6.2f} s")
    print(f"  (b) the same, --mpkata-run-ahead 0               {median['b']:6.2f} s")
    print(f"  (c) the same, -n 2                               {median['c']:6.2f} s")
    print(f"  (s) the programs run bare, one after another     {median['s']:6.2f} s")
    print(f"  (p) the programs run bare, two at a time         {median['p']:6.2f} s")
    a = median["a"]
    print(
        f"  a/s = {a / median['s']:.2f}   a/p = {a / median['p']:.2f}   "
        f"b/a = {median['b'] / a:.2f}   c/a = {median['c'] / a:.2f}"
    )
    print(f"  ({time.perf_counter() - started:.0f} s in all)")


if __name__ == "__main__":
    main()
