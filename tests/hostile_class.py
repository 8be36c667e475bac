# ruff: noqa: E501  (the programs are kept one statement a line, as a learner writes them)
"""A class of hostile and broken submissions, for proving that grades do not depend on luck.

Every program here is stopped early or crashes in a way whose timing varies from run to
run: a missing ``__main__`` guard (children re-import the file and start processes again),
fork bombs of several shapes, output floods, hangs, crashes in children.  Used by
``tests/test_determinism.py`` (a reduced class) and ``bench/determinism.py`` (the whole class,
graded five times).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

LOGGING = (
    "import logging\nimport multiprocessing\nimport os\nimport sys\nimport time\n\n"
    'logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")\n\n'
)

PROGRAMS: dict[str, dict[str, str]] = {
    "guard_process": {
        "four_numbered_processes": LOGGING
        + "def log_number(n):\n    logging.info('process %d', n)\n\n"
        + "processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]\n"
        + "for p in processes:\n    p.start()\nfor p in processes:\n    p.join()\n",
    },
    "guard_pool": {
        "pool_map": LOGGING
        + "def square(x):\n    return x * x\n\n"
        + "with multiprocessing.Pool(processes=4) as pool:\n    logging.info('%s', pool.map(square, range(1, 11)))\n",
    },
    "fork_bomb": {
        "create_process": LOGGING
        + "while True:\n    try:\n        os.fork()\n    except OSError:\n        time.sleep(0.01)\n",
    },
    "process_bomb": {
        "create_process": LOGGING
        + "def grow():\n    for _ in range(3):\n        multiprocessing.Process(target=grow).start()\n    time.sleep(30)\n\n"
        + "if __name__ == '__main__':\n    logging.info('hello from process %d', os.getpid())\n    grow()\n",
    },
    "flood": {
        "four_numbered_processes": LOGGING
        + "def shout(n):\n    while True:\n        print('process', n, 'x' * 200)\n\n"
        + "if __name__ == '__main__':\n"
        + "    ps = [multiprocessing.Process(target=shout, args=(n,)) for n in range(4)]\n"
        + "    for p in ps:\n        p.start()\n    for p in ps:\n        p.join()\n",
    },
    "hang": {
        "pool_map": LOGGING
        + "def square(x):\n    time.sleep(60)\n    return x * x\n\n"
        + "if __name__ == '__main__':\n    logging.info('starting')\n"
        + "    with multiprocessing.Pool(processes=2) as pool:\n        pool.map(square, range(1, 11))\n",
    },
    "child_crash": {
        "four_numbered_processes": LOGGING
        + "def log_number(n):\n    if n == 2:\n        raise ValueError('no two')\n    logging.info('process %d', n)\n\n"
        + "if __name__ == '__main__':\n"
        + "    ps = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]\n"
        + "    for p in ps:\n        p.start()\n    for p in ps:\n        p.join()\n",
    },
}
REDUCED = ("guard_process", "guard_pool", "fork_bomb", "hang")
KATA_FOLDERS = ("01_create_process", "02_four_numbered_processes", "04_pool_map")


def write_class(root: Path, names: tuple[str, ...] = tuple(PROGRAMS)) -> Path:
    """Write one folder per submission under ``root``; return ``root``."""
    for name in names:
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for kata_id, source in PROGRAMS[name].items():
            (folder / f"{kata_id}.py").write_text(source, encoding="utf-8")
    return root


NUMBERS = re.compile(r"\d+(\.\d+)?")


def comparable(grades: dict[str, Any]) -> dict[str, Any]:
    """A grade book with what may differ between gradings taken out: pids, times, pictures.

    Numbers inside messages are pids, counts of processes and seconds; scores, statuses,
    which checks failed under which start methods, and the message text stay.
    """
    out: dict[str, Any] = {}
    for name, submission in sorted(grades["submissions"].items()):
        katas = {}
        for kata_id, kata in sorted(submission["katas"].items()):
            katas[kata_id] = {
                "score": kata["score"],
                "status": kata["status"],
                "failed": sorted(
                    (f["check"], tuple(f["start_methods"]), f["status"], NUMBERS.sub("#", f["message"]))
                    for f in kata["failed_checks"]
                ),
                "passed": sorted((p["check"], tuple(p["start_methods"])) for p in kata["passed_checks"]),
            }
        out[name] = {"total": submission["total"], "katas": katas}
    return out


def read_comparable(report: Path) -> dict[str, Any]:
    return comparable(json.loads((report / "grades.json").read_text(encoding="utf-8")))
