"""Benchmark batch grading against the naive loop and the floor of bare runs, side by side.

Usage (from the repository root, in the project's virtual environment):

    python bench/grading.py                 # a class of 60 submissions
    python bench/grading.py --submissions 12 --skip-naive
    python bench/grading.py --quick         # a class of 2, no naive loop, no single submission (CI)

It builds a class of synthetic submissions (reference solutions mixed with mutants that end
by themselves), then times, in one run on this machine:

  (a) batch grading with ``-n 2``;
  (b) the same without xdist;
  (c) the naive way: one ``pytest katas --mpkata-submission S`` per submission, in a loop;
  (d) the floor: every submission's files run bare (``python <file>``), under the same start
      methods, two at a time, with no tracing and no checks;

and prints the ratios a/d, a/b and c/a, the grader's peak memory, and the same comparison for
one submission (the reference solutions). Ratios, not seconds, are what carries over between
machines; run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pytest_mpkata.kata.catalogue import Kata, load_catalogue  # noqa: E402

METHODS = ("fork", "spawn", "forkserver")
ENDLESS = re.compile(r"forever|deadlock|endless|never (ends|returns|fed)|hang|waits", re.I)
FORCE_METHOD = (
    "import os, multiprocessing.context as c\n"
    "c._default_context._default_context = c._concrete_contexts[os.environ['MPKATA_BENCH_METHOD']]\n"
)


def mutants_that_end(kata: Kata) -> list[Path]:
    """Mutants of this kata that finish by themselves (a hang costs the same time everywhere)."""
    found = []
    for path in kata.mutants:
        header = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if not ENDLESS.search(header):
            found.append(path)
    return found


def build_class(root: Path, katas: tuple[Kata, ...], count: int, seed: int = 7) -> None:
    """Each submission: for every kata, the reference solution (70%) or a mutant (30%)."""
    chooser = random.Random(seed)
    for number in range(count):
        folder = root / f"student-{number:03d}"
        folder.mkdir(parents=True)
        for kata in katas:
            mutants = mutants_that_end(kata)
            source = ROOT / "solutions" / kata.file_name
            if mutants and chooser.random() < 0.3:
                source = chooser.choice(mutants)
            shutil.copyfile(source, folder / kata.file_name)


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


QUICK_KATAS = 3
"""A quick mode grades the first three katas: enough to prove a bench still runs, at a fraction of
the cost of all of them (CI runs every bench's quick mode)."""


def katas_to_grade(quick: bool) -> tuple[Kata, ...]:
    katas = load_catalogue(ROOT / "katas")
    return katas[:QUICK_KATAS] if quick else katas


def pytest_command(*args: str, katas: tuple[Kata, ...] = ()) -> list[str]:
    """``pytest katas`` with ``args``; only the folders of ``katas`` when some are named."""
    folders = [str(kata.directory) for kata in katas] or ["katas"]
    return [sys.executable, "-m", "pytest", *folders, "-q", "-p", "no:cacheprovider", *args]


def run_bare(script: Path, method: str, limit: float, hook_dir: Path) -> None:
    """Run one program as a learner would, in an empty folder, with the start method forced."""
    with tempfile.TemporaryDirectory() as work:
        shutil.copyfile(script, Path(work) / script.name)
        env = {**os.environ, "PYTHONPATH": str(hook_dir), "MPKATA_BENCH_METHOD": method}
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(
                [sys.executable, script.name],
                cwd=work,
                env=env,
                timeout=limit,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )


def bare_runs(folders: list[Path], katas: tuple[Kata, ...], hook_dir: Path, at_once: int = 2) -> float:
    """Run every submission's files bare, ``at_once`` at a time; return the wall time."""
    jobs = [
        (folder / kata.file_name, method, kata.time_limit)
        for folder in folders
        for kata in katas
        for method in METHODS
        if (folder / kata.file_name).is_file()
    ]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        list(pool.map(lambda job: run_bare(job[0], job[1], job[2], hook_dir), jobs))
    return time.perf_counter() - started


def peak_memory_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def compare_class(work: Path, katas: tuple[Kata, ...], count: int, naive: bool, hook_dir: Path) -> None:
    klass = work / "class"
    build_class(klass, katas, count)
    folders = sorted(klass.iterdir())
    report = [
        "--mpkata-submissions",
        str(klass),
        "--mpkata-report",
        str(work / "out"),
        "--mpkata-regrade",
    ]
    a = timed(pytest_command(*report, "-n", "2", katas=katas), ROOT)
    peak = peak_memory_mib()
    b = timed(pytest_command(*report, katas=katas), ROOT)
    c = (
        sum(timed(pytest_command("--mpkata-submission", str(f), katas=katas), ROOT) for f in folders)
        if naive
        else None
    )
    d = bare_runs(folders, katas, hook_dir)
    print(f"class of {count} submissions x {len(katas)} katas x {len(METHODS)} start methods")
    print(f"  (a) batch -n 2      {a:8.1f} s")
    print(f"  (b) batch, 1 proc   {b:8.1f} s")
    print(f"  (c) naive loop      {c:8.1f} s" if c is not None else "  (c) naive loop      skipped")
    print(f"  (d) bare runs, x2   {d:8.1f} s")
    print(
        f"  a/d = {a / d:.2f}   a/b = {a / b:.2f} (b is {b / a:.2f}x a)"
        + (f"   c/a = {c / a:.2f}" if c else "")
    )
    print(f"  peak memory of the largest process in the grading runs: {peak:.0f} MiB")


def compare_one(katas: tuple[Kata, ...], hook_dir: Path) -> None:
    graded = timed(pytest_command("--mpkata-submission", "solutions", "-n", "2"), ROOT)
    bare = bare_runs([ROOT / "solutions"], katas, hook_dir)
    print("one submission (the reference solutions), three start methods")
    print(f"  pytest katas --mpkata-submission solutions -n 2   {graded:6.2f} s")
    print(f"  the same programs run bare, two at a time         {bare:6.2f} s   ratio {graded / bare:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=60)
    parser.add_argument("--skip-naive", action="store_true", help="leave out (c), the slowest")
    parser.add_argument("--quick", action="store_true", help="a class of 2, only (a), (b), (d): CI")
    args = parser.parse_args()
    if args.quick:
        args.submissions, args.skip_naive = 2, True
    katas = katas_to_grade(args.quick)
    with tempfile.TemporaryDirectory(prefix="mpkata-bench-") as scratch:
        work = Path(scratch)
        hook_dir = work / "hook"
        hook_dir.mkdir()
        (hook_dir / "sitecustomize.py").write_text(FORCE_METHOD, encoding="utf-8")
        if not args.quick:  # bench/one_submission.py measures one submission in full
            compare_one(katas, hook_dir)
        compare_class(work, katas, args.submissions, not args.skip_naive, hook_dir)


if __name__ == "__main__":
    main()
