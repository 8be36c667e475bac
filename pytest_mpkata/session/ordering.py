"""Put check items in a useful order, and narrow them for ``--mpkata-next``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pytest

from pytest_mpkata.session.solved import known_solved, solved_scope
from pytest_mpkata.settings import Settings

if TYPE_CHECKING:
    from pytest_mpkata.kata.catalogue import Kata
    from pytest_mpkata.session.runs import KataTarget

__all__ = ["arrange", "first_unsolved", "keep_next_kata"]


def arrange(
    config: pytest.Config,
    settings: Settings,
    items: list[pytest.Item],
    targets: Mapping[int, KataTarget | None],
) -> None:
    """Narrow to the next kata (``--mpkata-next``); in batch mode, group items by submission."""
    if settings.next_only and not settings.batch:
        keep_next_kata(config, settings, items, targets)
    if settings.batch:
        _group_by_submission(items, targets)


def keep_next_kata(
    config: pytest.Config,
    settings: Settings,
    items: list[pytest.Item],
    targets: Mapping[int, KataTarget | None],
) -> None:
    """Deselect the checks of every kata but the first one not known to be solved.

    Items that are not kata checks stay.  When every selected kata is known solved,
    all stay, so the run confirms they still pass.
    """
    solved = known_solved(getattr(config, "cache", None), solved_scope(settings))
    upcoming = first_unsolved(_katas_of(items, targets), solved)
    if upcoming is None:
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        target = targets.get(id(item))
        other_kata = target is not None and target.kata.kata_id != upcoming.kata_id
        (dropped if other_kata else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def first_unsolved(katas: list[Kata], solved: set[str]) -> Kata | None:
    """The first kata, in kata order, that is not among the solved ones."""
    ordered = sorted(katas, key=lambda kata: (kata.order, kata.kata_id))
    return next((kata for kata in ordered if kata.kata_id not in solved), None)


def _katas_of(items: list[pytest.Item], targets: Mapping[int, KataTarget | None]) -> list[Kata]:
    katas: dict[str, Kata] = {}
    for item in items:
        target = targets.get(id(item))
        if target is not None:
            katas.setdefault(target.kata.kata_id, target.kata)
    return list(katas.values())


def _group_by_submission(items: list[pytest.Item], targets: Mapping[int, KataTarget | None]) -> None:
    """Batch mode: one submission's items together, so its reports are written as it finishes."""
    position = {id(item): index for index, item in enumerate(items)}

    def key(item: pytest.Item) -> tuple[int, str, int, str, int]:
        target = targets.get(id(item))
        if target is None:
            return (1, "", 0, "", position[id(item)])
        return (0, target.submission, target.kata.order, target.start_method, position[id(item)])

    items.sort(key=key)
