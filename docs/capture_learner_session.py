"""Re-capture docs/learner-session.txt: a learner's session from 0 to 2 katas solved, for real.

Usage (from the repository root, in the project's virtual environment):

    python docs/capture_learner_session.py

Copies the katas (with their starters) to /tmp/mp-katas, then runs what a learner runs there,
step by step, and writes every command with its real output.  Failure listings longer than
``KEPT_BLOCKS`` blocks are shortened at "[...]".
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path("/tmp/mp-katas")
OUT = ROOT / "docs" / "learner-session.txt"
KATA_02 = "katas/02_four_numbered_processes/four_numbered_processes.py"
MUTANT = ROOT / "katas/02_four_numbered_processes/mutants/started_and_joined_one_at_a_time.py"
"""Kata 2's mutant that joins each child before starting the next: the learner's first attempt."""
HEADER = """A learner's session with pytest-mpkata, from 0 to 2 katas solved.
Real output, captured with `python docs/capture_learner_session.py`.
"""


def pytest(*args: str) -> str:
    command = [str(Path(sys.executable).with_name("pytest")), *args]  # with its cache, as a learner has
    done = subprocess.run(command, cwd=WORK, capture_output=True, text=True, check=False)
    return done.stdout.rstrip("\n")


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.copytree(ROOT / "katas", WORK / "katas", ignore=shutil.ignore_patterns("__pycache__", "test.log"))
    steps = [HEADER]

    def step(comment: str, shown: str, output: str) -> None:
        steps.append(f"# {comment}\n$ {shown}\n{output}\n")

    step(
        "A fresh copy of the katas: every learner file is still its starter.", "pytest katas", pytest("katas")
    )
    shutil.copyfile(
        ROOT / "solutions" / "create_process.py", WORK / "katas/01_create_process/create_process.py"
    )
    step(
        "The learner completes katas/01_create_process/create_process.py,\n"
        "# then checks only the first kata that is not solved yet.",
        "pytest katas --mpkata-next",
        pytest("katas", "--mpkata-next"),
    )
    attempt = "".join(line for line in MUTANT.read_text().splitlines(True) if not line.startswith("# "))
    (WORK / KATA_02).write_text(attempt, encoding="utf-8")
    step(
        "A first attempt at kata 2: each child is joined before the next one starts.",
        f"cat {KATA_02}",
        attempt,
    )
    step(
        "The learner runs the command the progress section suggested.",
        "pytest katas/02_four_numbered_processes",
        pytest("katas/02_four_numbered_processes"),
    )
    step(
        "Stuck: ask for a hint (each run with --mpkata-hint reveals the next one).",
        "pytest katas --mpkata-next --mpkata-hint",
        pytest("katas", "--mpkata-next", "--mpkata-hint"),
    )
    shutil.copyfile(ROOT / "solutions" / "four_numbered_processes.py", WORK / KATA_02)
    step("The learner starts all four children first, then joins them all.", "pytest katas", pytest("katas"))
    OUT.write_text("\n".join(steps), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(OUT.read_text().splitlines())} lines)")


if __name__ == "__main__":
    main()
