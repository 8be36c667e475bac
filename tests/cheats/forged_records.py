"""Cheat (kata 02): no child process at all; the main process logs four lines itself and writes
the records four children would have left straight into the tracer's channel (or file)."""

import json
import logging
import os
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def send(record):
    data = (json.dumps(record, separators=(",", ":")) + "\n").encode()
    if os.environ.get("MPKATA_TRACE_FD"):
        os.write(int(os.environ["MPKATA_TRACE_FD"]), data)
    elif os.environ.get("MPKATA_TRACE_FILE"):
        with open(os.environ["MPKATA_TRACE_FILE"], "ab") as trace:
            trace.write(data)


if __name__ == "__main__":
    me, now = os.getpid(), time.time()
    children = [me + 100 + n for n in range(4)]
    for n, child in enumerate(children):
        name, target, args = f"Process-{n + 1}", "__main__.log_number", f"({n},)"
        send(
            {
                "ev": "start",
                "pid": me,
                "t": now,
                "child": child,
                "name": name,
                "target": target,
                "args": args,
                "called": now,
                "daemon": False,
                "method": "fork",
            }
        )
        send({"ev": "fork", "pid": child, "t": now, "ppid": me})
        send(
            {
                "ev": "begin",
                "pid": child,
                "t": now,
                "ppid": me,
                "name": name,
                "target": target,
                "args": args,
                "shared": [],
                "method": "fork",
                "creator": me,
            }
        )
        logging.info("process %d", n)
        send(
            {
                "ev": "log",
                "pid": child,
                "t": now,
                "level": 20,
                "message": f"process {n}",
                "pname": name,
                "created": now,
                "logger": "root",
                "to": ["test.log"],
            }
        )
        send({"ev": "end", "pid": child, "t": now, "exitcode": 0, "shared": []})
    for n, child in enumerate(children):
        send(
            {
                "ev": "join",
                "pid": me,
                "t": now + 0.01,
                "child": child,
                "name": f"Process-{n + 1}",
                "called": now + 0.01,
                "exitcode": 0,
                "timeout": None,
                "implicit": False,
            }
        )
