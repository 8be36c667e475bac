"""Put check items in a useful order, and narrow them for ``--mpkata-next``."""

from __future__ import annotations

from typing import Mapping

import pytest

from pytest_mpkata.runs import KataTarget
from pytest_mpkata.settings import Settings


def arrange(config: pytest.Config, settings: Settings, items: list[pytest.Item],
            targets: Mapping[int, KataTarget | None]) -> None:
    """Batch mode: one submission's items together, so its reports are written as it finishes."""
    if settings.batch:
        position = {id(item): index for index, item in enumerate(items)}

        def key(item: pytest.Item) -> tuple[int, str, int, str, int]:
            target = targets.get(id(item))
            if target is None:
                return (1, "", 0, "", position[id(item)])
            return (0, target.submission, target.kata.order, target.start_method, position[id(item)])

        items.sort(key=key)
