"""Register the reporters an invocation needs (progress for learners, grading for instructors)."""

from __future__ import annotations

import pytest

from pytest_mpkata.settings import Settings


def register(config: pytest.Config, settings: Settings) -> None:
    return None


def unregister(config: pytest.Config) -> None:
    return None
