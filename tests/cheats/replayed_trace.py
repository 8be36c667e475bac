"""Cheat (kata 02): replay a trace recorded from a correct solution, pids and times remapped
to this run, through the tracer's own encoder; the log lines are written by hand."""

import logging
import os
import sys
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

MAIN, FIRST = 28128, 28142
RECORDED = [  # (seconds after the start, kind, pid, fields), as a correct run left them
    (
        0.000,
        "start",
        MAIN,
        {
            "child": FIRST,
            "name": "Process-1",
            "target": "__main__.log_number",
            "args": "(0,)",
            "called": 0.0,
            "daemon": False,
            "method": "fork",
        },
    ),
]
for n in range(4):
    child = FIRST + n
    RECORDED += [
        (0.010 + n / 100, "fork", child, {"ppid": MAIN}),
        (
            0.011 + n / 100,
            "begin",
            child,
            {
                "ppid": MAIN,
                "name": f"Process-{n + 1}",
                "target": "__main__.log_number",
                "args": f"({n},)",
                "shared": [],
                "method": "fork",
                "creator": MAIN,
            },
        ),
        (
            0.012 + n / 100,
            "log",
            child,
            {
                "level": 20,
                "message": f"process {n}",
                "pname": f"Process-{n + 1}",
                "created": 0.012,
                "logger": "root",
                "to": ["test.log"],
            },
        ),
        (0.013 + n / 100, "end", child, {"exitcode": 0, "shared": []}),
    ]
    if n:
        RECORDED.append(
            (
                0.001 * n,
                "start",
                MAIN,
                {
                    "child": child,
                    "name": f"Process-{n + 1}",
                    "target": "__main__.log_number",
                    "args": f"({n},)",
                    "called": 0.0,
                    "daemon": False,
                    "method": "fork",
                },
            )
        )
    RECORDED.append(
        (
            0.1 + n / 100,
            "join",
            MAIN,
            {
                "child": child,
                "name": f"Process-{n + 1}",
                "called": 0.09,
                "exitcode": 0,
                "timeout": None,
                "implicit": False,
            },
        )
    )

if __name__ == "__main__":
    records = sys.modules.get("_mpkata_records")
    fd = int(os.environ.get("MPKATA_TRACE_FD") or -1)
    me, start = os.getpid(), time.time()
    remap = {MAIN: me, **{FIRST + n: me + 7 + n for n in range(4)}}
    for offset, kind, pid, fields in sorted(RECORDED, key=lambda item: item[0]):
        record = dict(fields, ev=kind, pid=remap[pid], t=start + offset)
        for key in ("child", "ppid", "creator"):
            if key in record:
                record[key] = remap[record[key]]
        if kind == "log":
            logging.info(record["message"])
        if records is not None and fd >= 0:
            os.write(fd, records.encode(record))
