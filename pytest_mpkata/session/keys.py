"""Where a check item keeps its target and its run: the stash keys the plugin and the session share.

A module of its own, importing nothing of the session, so that the plugin can ask any item
"are you a kata check?" without loading what runs programs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections import Counter

    from pytest_mpkata.session.runs import KataRun, KataTarget

__all__ = ["EXPLANATIONS_KEY", "KATA_RUN_KEY", "SUBMISSION_CHECKS_KEY", "TARGET_KEY"]

TARGET_KEY: pytest.StashKey[KataTarget] = pytest.StashKey()
"""The program a kata check item runs, set at collection."""
KATA_RUN_KEY: pytest.StashKey[KataRun] = pytest.StashKey()
"""The run a kata check item used, set by the ``kata_run`` fixture."""
EXPLANATIONS_KEY = pytest.StashKey["list[str]"]()
"""On the config: the session's ``--mpkata-explain`` texts, shown again at its end."""
SUBMISSION_CHECKS_KEY: pytest.StashKey[Counter[str]] = pytest.StashKey()
"""On the config: check items of each submission this session runs (its outcomes are complete
at that count)."""
