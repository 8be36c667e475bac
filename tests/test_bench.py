"""Every benchmark offers the quick mode ``.ci/bench-quick`` runs, so none can rot unseen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


BENCHMARKS = sorted(path for path in BENCH.glob("*.py") if not path.name.startswith("_"))
"""The benchmarks; a name starting with ``_`` is a module they share (programs, helpers)."""


@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda path: path.name)
def test_every_benchmark_has_a_quick_mode(script: Path) -> None:
    shown = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=60, check=False
    )

    assert shown.returncode == 0, shown.stderr
    assert "--quick" in shown.stdout
