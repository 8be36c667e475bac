"""Which katas a learner has solved, remembered between runs in pytest's cache.

Written by the learner's progress at the end of a run, read by ``--mpkata-next`` when items
are collected (on every xdist worker), so it lives in the session stage both can reach.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from pytest_mpkata.settings import Settings

__all__ = ["LEARNER_SCOPE", "SOLVED_CACHE_KEY", "known_solved", "remember", "solved_scope"]

SOLVED_CACHE_KEY = "mpkata/solved"
LEARNER_SCOPE = "katas"


def solved_scope(settings: Settings) -> str:
    """Whose solved katas these are: the learner files', or a --mpkata-submission folder's."""
    return LEARNER_SCOPE if settings.submission is None else str(settings.submission)


def known_solved(cache: pytest.Cache | None, scope: str) -> set[str]:
    if cache is None:
        return set()
    stored = cache.get(SOLVED_CACHE_KEY, {})
    solved = stored.get(scope, []) if isinstance(stored, dict) else []
    return {str(kata_id) for kata_id in solved} if isinstance(solved, list) else set()


def remember(cache: pytest.Cache | None, scope: str, solved: Iterable[str], failed: Iterable[str]) -> None:
    """Record what a run proved: katas solved now, and katas with a failing check."""
    if cache is None:
        return
    known = (known_solved(cache, scope) | set(solved)) - set(failed)
    stored = cache.get(SOLVED_CACHE_KEY, {})
    stored = stored if isinstance(stored, dict) else {}
    stored[scope] = sorted(known)
    cache.set(SOLVED_CACHE_KEY, stored)
