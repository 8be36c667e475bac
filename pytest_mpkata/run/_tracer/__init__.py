"""The tracer that runs inside learner processes (stdlib only, no pytest)."""

from __future__ import annotations

from pathlib import Path

TRACER_DIR = Path(__file__).resolve().parent
"""The folder the runner puts first on the learner's ``PYTHONPATH``."""
