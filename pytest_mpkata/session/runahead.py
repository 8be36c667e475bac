"""Run ahead: start the runs upcoming items will need while the checks of earlier ones are evaluated.

Learner programs mostly wait (interpreters starting, joins), so a run of the next start method
or of the next kata can go on while pytest evaluates the checks of the previous one.  A small
pool of threads runs them, each thread with its own supervisor server; at most ``width`` runs
are started and not yet handed over at any time, so no more runs go on at once than cores, and
no more results are held.  A kata marked ``runs_alone`` (its checks measure parallelism) never
runs beside another run.

Only the runs go on in threads: the requests are made, the hooks called and the results handed
to items in pytest's own thread, in the order of the items, so what a run observes and what its
items see is what it was without running ahead.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, Generic, TypeVar

from pytest_mpkata.run.runner import compile_tracer
from pytest_mpkata.run.server import SupervisorServer

__all__ = ["STOP_PATIENCE", "Gate", "RunAhead", "RunInterrupted"]

Key = TypeVar("Key")
Result = TypeVar("Result")

STOP_PATIENCE = 10.0
"""How long an interrupted run-ahead keeps stopping servers while a thread still starts a run."""


class RunInterrupted(Exception):
    """The run-ahead was closed before this run could start."""


class Gate:
    """Lets runs in: any number beside one another, or one ``alone``; closed, none."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self.active = 0
        self._alone = False
        self._alone_waiting = 0
        self.closed = False

    def enter(self, alone: bool) -> None:
        with self._condition:
            self._alone_waiting += alone
            try:
                while not self.closed and not self._may_enter(alone):
                    self._condition.wait()
            finally:
                self._alone_waiting -= alone
            if self.closed:
                raise RunInterrupted
            self.active += 1
            self._alone = alone

    def _may_enter(self, alone: bool) -> bool:
        if alone:
            return self.active == 0
        return not self._alone and not self._alone_waiting

    def leave(self) -> None:
        with self._condition:
            self.active -= 1
            self._alone = False
            self._condition.notify_all()

    def close(self) -> None:
        with self._condition:
            self.closed = True
            self._condition.notify_all()


class RunAhead(Generic[Key, Result]):
    """Runs started ahead in threads, each handed over once, in pytest's thread."""

    def __init__(self, width: int) -> None:
        self.width = width
        self._gate = Gate()
        self._pool: ThreadPoolExecutor | None = None
        self._futures: dict[Key, Future[Result]] = {}
        self._leftovers: list[Future[Result]] = []

    @property
    def held(self) -> int:
        """Runs started and not handed over yet (running, waiting to run, or done)."""
        self._leftovers = [future for future in self._leftovers if not future.done()]
        return len(self._futures) + len(self._leftovers)

    def started(self, key: Key) -> bool:
        return key in self._futures

    def start(self, key: Key, run: Callable[[], Result], alone: bool = False) -> None:
        """Start ``run`` in a thread (it waits at the gate while an ``alone`` run goes on)."""
        if self._pool is None:
            compile_tracer()  # once, here, rather than racing in the threads
            self._pool = ThreadPoolExecutor(max_workers=self.width, thread_name_prefix="mpkata-run")
        self._futures[key] = self._pool.submit(self._through_gate, run, alone)

    def _through_gate(self, run: Callable[[], Result], alone: bool) -> Result:
        self._gate.enter(alone)
        try:
            return run()
        finally:
            self._gate.leave()

    def result(self, key: Key) -> Result:
        """Wait for the run of ``key`` and hand it over; on Ctrl-C, stop every run first."""
        future = self._futures[key]
        try:
            return future.result()
        except BaseException:
            if not future.done():
                self.close()
            raise
        finally:
            self._futures.pop(key, None)

    def discard(self, key: Key) -> None:
        """Forget a run no item will take: it no longer counts against the width once it ends."""
        future = self._futures.pop(key, None)
        if future is not None and not future.cancel():
            self._leftovers.append(future)

    def close(self) -> None:
        """Start nothing more and stop what runs: each run's tree is killed before this returns."""
        self._gate.close()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + STOP_PATIENCE
        while True:
            SupervisorServer.stop_all()
            if self._gate.active == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        self._futures.clear()
