"""Cheat (kata 02): bare os.fork() children instead of multiprocessing, and the records a
multiprocessing Process leaves written through the tracer's own emit()."""

import logging
import multiprocessing
import os
import sys
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def emit(kind, **fields):
    core = sys.modules.get("_mpkata_tracer.core")
    if core is not None:
        core.emit(kind, **fields)


if __name__ == "__main__":
    method = multiprocessing.get_start_method()
    me, children = os.getpid(), []
    for n in range(4):
        called = time.time()
        child = os.fork()
        if child == 0:
            name = f"Process-{n + 1}"
            emit(
                "begin",
                ppid=me,
                name=name,
                target="__main__.log_number",
                args=f"({n},)",
                shared=[],
                method=method,
                creator=me,
            )
            logging.info("process %d", n)
            emit("end", exitcode=0, shared=[])
            os._exit(0)
        emit(
            "start",
            child=child,
            name=f"Process-{n + 1}",
            target="__main__.log_number",
            args=f"({n},)",
            called=called,
            daemon=False,
            method=method,
        )
        children.append(child)
    for n, child in enumerate(children):
        called = time.time()
        os.waitpid(child, 0)
        emit(
            "join",
            child=child,
            name=f"Process-{n + 1}",
            called=called,
            exitcode=0,
            timeout=None,
            implicit=False,
        )
