"""Run a program with coverage.py started in every process, for ``--mpkata-explain``.

The tracer starts coverage in each interpreter of the run (with coverage's fork and
``os._exit`` patches) when ``MPKATA_COVERAGE_RC`` names a config; coverage writes one data
file per process, named with its pid.  This module runs the program so and reads back which
lines of the learner's file each pid ran; ``judge.explain`` draws it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from pytest_mpkata.run.runner import RawRun, RunRequest, run_program

__all__ = ["run_with_coverage"]

RC_TEMPLATE = """[run]
parallel = True
data_file = {data_file}
include = */{script_name}
patch = fork, _exit
"""
PID_IN_NAME = re.compile(r"pid(\d+)")


def run_with_coverage(
    request: RunRequest, base_dir: Path | None = None
) -> tuple[RawRun, dict[int, set[int]]]:
    """Run the program with per-process coverage; return the raw run and the lines each pid ran."""
    data_dir = Path(tempfile.mkdtemp(prefix="mpkata-explain-", dir=base_dir))
    try:
        rc = data_dir / "coveragerc"
        rc.write_text(RC_TEMPLATE.format(data_file=data_dir / ".coverage", script_name=request.name))
        env = {**request.extra_env, "MPKATA_COVERAGE_RC": str(rc)}
        raw = run_program(replace(request, extra_env=env), base_dir)
        return raw, lines_by_pid(data_dir, request.name)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def lines_by_pid(data_dir: Path, script_name: str) -> dict[int, set[int]]:
    from coverage import CoverageData

    found: dict[int, set[int]] = {}
    for path in data_dir.glob(".coverage.*"):
        match = PID_IN_NAME.search(path.name)
        if match is None:
            continue
        data = CoverageData(basename=str(path))
        try:
            data.read()
        except Exception:  # a process killed while saving leaves a partial file: skip it
            continue
        for measured in data.measured_files():
            if measured.endswith(script_name):
                found.setdefault(int(match.group(1)), set()).update(data.lines(measured) or ())
    return found
