"""Who printed what: each line the program writes to ``sys.stdout`` and ``sys.stderr``.

Both streams are wrapped with a pass-through: every write reaches the real stream first,
unchanged, then each complete line is recorded with the pid, the multiprocessing process
name and the thread that wrote it.  A process records at most ``OUTPUT_LINES_LIMIT``
lines and ``OUTPUT_CHARS_LIMIT`` characters, and counts what it drops.  A line still
without its newline when the process ends is recorded by ``finish()``.  Writes to
``sys.stdout.buffer`` or straight to file descriptor 1 are not lines of text, and are not
recorded; the tracer itself never writes to either stream.
"""

import os
import sys
from _thread import get_ident

from _mpkata_tracer.core import emit, process_name, records, thread_name

LINES_LIMIT = records.OUTPUT_LINES_LIMIT
CHARS_LIMIT = records.OUTPUT_CHARS_LIMIT
LINE_LIMIT = records.OUTPUT_LINE_LIMIT


class _Budget:
    """This process's output so far: partial lines by (stream, thread), counts, drops."""

    def __init__(self):
        self.pid = os.getpid()
        self.partial = {}
        self.lines = self.chars = 0
        self.dropped_lines = self.dropped_chars = 0
        self.full = self.finished = False


_budget = _Budget()


def _current():
    """The budget of this process: a forked child starts its own, without the parent's partials."""
    global _budget
    if _budget.pid != os.getpid():
        _budget = _Budget()
    return _budget


def _drop(budget, lines, chars):
    first = not budget.dropped_lines
    budget.full = True
    budget.dropped_lines += lines
    budget.dropped_chars += chars
    if first and lines:
        # a process killed later still tells that its output was cut
        emit(records.OUTPUT_DROPPED, lines=budget.dropped_lines, chars=budget.dropped_chars)


def _record(budget, stream, line, thread):
    text = line if len(line) <= LINE_LIMIT else line[: LINE_LIMIT - 3] + "..."
    if budget.lines >= LINES_LIMIT or budget.chars + len(text) > CHARS_LIMIT:
        _drop(budget, 1, len(line))
        return
    budget.lines += 1
    budget.chars += len(text)
    emit(records.OUTPUT, stream=stream, text=text, pname=process_name(None), thread=thread)


def take(stream, text):
    """Record the complete lines ``text`` finishes; keep the unfinished rest for later."""
    budget = _current()
    if budget.finished or not text:
        return
    if budget.full:
        _drop(budget, text.count("\n"), len(text))
        return
    key = (stream, get_ident())
    pending, thread = budget.partial.pop(key, ("", None))
    thread = thread or thread_name()
    if "\n" not in text:
        budget.partial[key] = ((pending + text)[: LINE_LIMIT + 1], thread)
        return
    room = LINES_LIMIT - budget.lines
    pieces = (pending + text).split("\n", room)
    rest = pieces.pop()
    for line in pieces:
        _record(budget, stream, line, thread)
    if len(pieces) == room and "\n" in rest:
        _drop(budget, rest.count("\n"), len(rest))
    elif rest:
        budget.partial[key] = (rest[: LINE_LIMIT + 1], thread)


def finish():
    """Record the lines left without a newline, and what was dropped; record nothing after."""
    budget = _current()
    if budget.finished:
        return
    for (stream, _), (text, thread) in list(budget.partial.items()):
        _record(budget, stream, text, thread)
    budget.partial.clear()
    if budget.dropped_lines:
        emit(records.OUTPUT_DROPPED, lines=budget.dropped_lines, chars=budget.dropped_chars)
    budget.finished = True


class RecordingStream:
    """A pass-through for ``sys.stdout`` or ``sys.stderr`` that records the lines written to it."""

    def __init__(self, stream, name):
        self._mpkata_stream = stream
        self._mpkata_name = name

    def write(self, text):
        written = self._mpkata_stream.write(text)
        if isinstance(text, str):
            try:
                take(self._mpkata_name, text)
            except Exception:
                pass
        return written

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self._mpkata_stream, name)

    def __repr__(self):
        return repr(self._mpkata_stream)

    def __iter__(self):
        return iter(self._mpkata_stream)

    def __enter__(self):
        self._mpkata_stream.__enter__()
        return self

    def __exit__(self, *exc_info):
        return self._mpkata_stream.__exit__(*exc_info)


def wrap_streams():
    """Put the recording pass-through in front of ``sys.stdout`` and ``sys.stderr``.

    Both flush at every line end, as on a terminal: a program stopped at its limit loses no
    line it completed, and each line reaches the supervisor in one write (unbuffered, a
    ``print`` is a write per argument, separator and end).
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        if stream is not None and not isinstance(stream, RecordingStream):
            try:
                stream.reconfigure(line_buffering=True)
            except Exception:
                pass
            setattr(sys, name, RecordingStream(stream, name))
