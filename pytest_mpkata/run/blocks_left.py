"""Shared memory blocks a run left in ``/dev/shm``: found from the trace, removed by the grader.

A block the program never unlinked outlives every process of the run.  A run in its own
namespaces has a ``/dev/shm`` of its own, gone with its world, and the host's is not looked at;
any other run shares the host's, and the grader removes what it left, so that no run leaves
memory behind, and tells the checks which blocks it found.
Names come from the trace, which the program can write: only a plain file name, of a regular
file made while the run was going, is touched.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pytest_mpkata.run import records

__all__ = ["SHM_FOLDER", "remove_blocks_left"]

SHM_FOLDER = Path("/dev/shm")
_NAME = re.compile(r"^/?[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}$")


def remove_blocks_left(
    trace: Iterable[dict[str, Any]], duration: float, folder: Path = SHM_FOLDER
) -> tuple[str, ...]:
    """The names of the blocks the run created that are still in ``folder``; each one is removed."""
    since = time.time() - duration - 5.0
    names = {str(r.get("block")) for r in trace if r.get(records.KIND) == records.SHM_CREATE}
    left = []
    for name in sorted(n for n in names if _NAME.match(n)):
        path = folder / name.lstrip("/")
        try:
            found = path.lstat()
            if not path.is_file() or path.is_symlink() or found.st_ctime < since:
                continue
            path.unlink()
        except OSError:
            continue
        left.append(name.lstrip("/"))
    return tuple(left)
