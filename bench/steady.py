"""Grade every kata's reference solution and correct variants again and again beside busy loops.

Usage (from the repository root, in the project's virtual environment):

    python bench/steady.py                      # 20 rounds, two busy loops beside, -n 2
    python bench/steady.py --rounds 5 --busy 0  # 5 rounds on a quiet machine
    python bench/steady.py --katas 07,09        # only some katas (their order number or id)
    python bench/steady.py --quick              # 1 round of kata 01 (what CI runs)

A correct program must get full marks under fork, spawn and forkserver every time, however
loaded the machine: a check that depends on the scheduler would fail some round.  Each round
grades one class (a submission for the solutions, one per variant, each holding only its own
kata's file) with ``--mpkata-submissions``, as an instructor does, while ``--busy`` processes
spin beside it; a submission below full marks is printed with its failed checks.  Exits 1 if
any round had one.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pytest_mpkata.kata.catalogue import Kata, load_catalogue  # noqa: E402


def spin() -> None:
    while True:
        pass


def chosen_katas(names: str) -> list[Kata]:
    katas = load_catalogue(ROOT / "katas")
    if not names:
        return list(katas)
    wanted = {name.strip() for name in names.split(",") if name.strip()}
    return [k for k in katas if k.kata_id in wanted or f"{k.order:02d}" in wanted]


def write_class(root: Path, katas: list[Kata]) -> dict[str, str]:
    """One submission holding every solution, one per variant; returns submission -> kata folder."""
    expected = {"solutions": ""}
    (root / "solutions").mkdir(parents=True)
    for kata in katas:
        learner_file = kata.file_name
        shutil.copyfile(ROOT / "solutions" / learner_file, root / "solutions" / learner_file)
        for variant in kata.variants:
            name = f"{kata.kata_id}--{variant.stem}"
            (root / name).mkdir()
            shutil.copyfile(variant, root / name / learner_file)
            expected[name] = kata.folder_name
    return expected


def shortfalls(report: Path, expected: dict[str, str], katas: list[Kata]) -> list[str]:
    """Each submission's kata below full marks, with its failed checks."""
    grades = json.loads((report / "grades.json").read_text(encoding="utf-8"))["submissions"]
    found = []
    for name, kata_folder in expected.items():
        for kata in katas:
            if kata_folder and kata.folder_name != kata_folder:
                continue
            graded = grades.get(name, {}).get("katas", {}).get(kata.kata_id)
            if graded is None or graded["status"] != "passed":
                failed = [
                    f"{f['check']} ({', '.join(f['start_methods'])})"
                    for f in (graded or {}).get("failed", [])
                ]
                found.append(f"{name} / {kata.kata_id}: {graded and graded['status']}: {'; '.join(failed)}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--busy", type=int, default=2, help="busy-loop processes beside the grading")
    parser.add_argument("--katas", default="", help="comma-separated kata ids or numbers (default: all)")
    parser.add_argument("--workers", default="2", help="pytest-xdist workers (-n)")
    parser.add_argument("--quick", action="store_true", help="1 round of kata 01")
    args = parser.parse_args()
    rounds, katas = (1, chosen_katas("01")) if args.quick else (args.rounds, chosen_katas(args.katas))
    context = multiprocessing.get_context("spawn")
    spinners = [context.Process(target=spin, daemon=True) for _ in range(0 if args.quick else args.busy)]
    for spinner in spinners:
        spinner.start()
    green, started = 0, time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="mpkata-steady-") as folder:
            expected = write_class(Path(folder) / "class", katas)
            print(f"{len(expected)} submissions: solutions and variants of {len(katas)} kata(s)")
            for number in range(1, rounds + 1):
                report = Path(folder) / f"report-{number}"
                command = [sys.executable, "-m", "pytest", *(f"katas/{k.folder_name}" for k in katas)]
                command += ["--mpkata-submissions", f"{folder}/class", "--mpkata-report", str(report)]
                command += ["-n", args.workers, "-q", "-p", "no:cacheprovider"]
                done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
                graded = (report / "grades.json").is_file()
                missing = shortfalls(report, expected, katas) if graded else ["no grades.json"]
                green += not missing
                print(f"round {number}: {'green' if not missing else f'{len(missing)} below full marks'}")
                for line in missing:
                    print(f"  {line}")
                if not graded:
                    print(done.stdout[-2000:], done.stderr[-2000:])
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.join(timeout=5)
    seconds = time.perf_counter() - started
    print(f"{green} of {rounds} rounds green with {len(spinners)} busy loops beside ({seconds:.0f} s)")
    return 0 if green == rounds else 1


if __name__ == "__main__":
    raise SystemExit(main())
