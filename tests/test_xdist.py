"""Under pytest-xdist, every check of one run lands on one worker: each program runs once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mpkata_testing import batch_args, copy_katas

pytest.importorskip("xdist")
ROOT = Path(__file__).resolve().parent.parent
KATAS = ("01_create_process", "04_pool_map")


def test_each_program_runs_once_per_start_method_under_xdist(pytester: pytest.Pytester) -> None:
    copy_katas(pytester.path, KATAS)
    runs = pytester.path / "runs"
    result = pytester.runpytest_subprocess(
        "katas",
        "-n",
        "2",
        "--mpkata-submission",
        str(ROOT / "solutions"),
        "--mpkata-keep-runs",
        str(runs),
        "-p",
        "no:cacheprovider",
        timeout=120,
    )
    result.assert_outcomes(passed=27)
    # pool_map also runs once per start method with the numbers the checker chooses
    assert len(list(runs.glob("mpkata-run-*"))) == (len(KATAS) + 1) * 3


def test_a_batch_keeps_each_submission_on_one_worker(pytester: pytest.Pytester) -> None:
    copy_katas(pytester.path, ("01_create_process",))
    klass = pytester.path / "class"
    for student in ("ann", "ben-c", "zoë"):
        (klass / student).mkdir(parents=True)
        shutil.copyfile(ROOT / "solutions" / "create_process.py", klass / student / "create_process.py")
    runs = pytester.path / "runs"
    result = pytester.runpytest_subprocess(
        *batch_args("katas", submissions=klass),
        "-n",
        "2",
        "-v",
        "--mpkata-keep-runs",
        str(runs),
        timeout=120,
    )
    result.assert_outcomes(passed=36)
    assert len(list(runs.glob("mpkata-run-*"))) == 3 * 3
    workers: dict[str, set[str]] = {}
    for line in result.outlines:
        if line.startswith("[gw") and "PASSED" in line:
            student = line.rstrip().rsplit("[", 1)[1].rpartition("-")[0]
            workers.setdefault(student, set()).add(line.split("]")[0])
    assert len(workers) == 3 and all(len(gw) == 1 for gw in workers.values())
