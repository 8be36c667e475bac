"""The first step of a kata's README, for a learner who has not started yet.

An untouched starter fails every check, and the first failing check's message ("configure
logging", which the starter already does) is not where to begin: step 1 of the README's
"Your task" is.  A kata that starts broken (``starts_broken`` in its kata.toml) is the other
way round: its starter runs and fails, and that failure is where to begin.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["FIRST_STEP", "STARTS_BROKEN", "readme_first_step"]

FIRST_STEP = "  You have not started it yet. Step 1 of its README:"
STARTS_BROKEN = (
    "  This kata starts broken: its program runs and goes wrong as handed out. Read what went "
    "wrong below, then fix that program (do not start over)."
)
TASK_HEADING = "## Your task"
_STEP_ONE = re.compile(r"^1\. (?P<text>.+)$")
_CONTINUATION = re.compile(r"^ {2,}\S")


def readme_first_step(readme: Path) -> str:
    """Step 1 of the README's "Your task" list, as one line; "" when the README has none."""
    try:
        lines = readme.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    in_task, step = False, list[str]()
    for line in lines:
        match = _STEP_ONE.match(line)
        if line.startswith("## "):
            if step:
                break
            in_task = line.strip() == TASK_HEADING
        elif in_task and not step and match:
            step.append(match["text"])
        elif step and _CONTINUATION.match(line):
            step.append(line.strip())
        elif step:
            break
    return " ".join(step)
