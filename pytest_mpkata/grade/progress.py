"""Progress of a batch: submissions done out of the total, and an estimate of the time left.

pytest's per-item dots tell an instructor with sixty students nothing; one line now and then,
"mpkata: 12/60 submissions graded, about 4 min left", does, with or without xdist (the
controller hears every finished submission).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Optional

__all__ = ["PROGRESS_LINE", "BatchProgress"]

PROGRESS_LINE = "mpkata: {done}/{total} submissions graded, {left}"
EVERY_SECONDS = 5.0
"""At most one line per this many seconds, but always the last one."""


def time_left(seconds: float) -> str:
    """``about 40 s left``, ``about 3 min left``, ``done``."""
    if seconds <= 0:
        return "done"
    if seconds < 90:
        return f"about {max(1, round(seconds))} s left"
    return f"about {round(seconds / 60)} min left"


class BatchProgress:
    """Count finished submissions and say, now and then, how many and how long is left."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.last_said: Optional[float] = None

    def finished(self, total: int) -> Optional[str]:
        """One more submission is graded: the line to show, or None when one was shown just now."""
        self.done += 1
        now = self.clock()
        if self.done < total and self.last_said is not None and now - self.last_said < EVERY_SECONDS:
            return None
        self.last_said = now
        elapsed = now - self.started
        left = elapsed / self.done * (total - self.done) if self.done < total else 0.0
        return PROGRESS_LINE.format(done=self.done, total=total, left=time_left(left))
