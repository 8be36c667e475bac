"""The trace record schema: what the tracer writes, the supervisor watches and the builder reads.

Three parties share one file of records, each on its own side of a process boundary:

* the tracer (``run/_tracer/``), inside every learner interpreter, appends records;
* the supervisor (``run/_supervisor.py``), a bare ``python -I -S`` process, watches
  the file for the first fatal error;
* the builder (``trace/builder.py``), in pytest, folds the records into a ``RunResult``.

The tracer and the supervisor cannot import this package, so they load this file by its
path (``spec_from_file_location``, relative to their own ``__file__``).  It therefore
imports nothing from the package, only what an interpreter has loaded at start-up, and
defines nothing but constants and the encoding: every learner process runs it.

The encoding is JSON lines: one object per line, UTF-8, keys and strings in ASCII JSON,
no spaces, each record written with one ``write`` so that lines from many processes
never interleave.  Every record has ``KIND`` (``"ev"``), ``PID`` and ``TIME`` (wall-clock
seconds); ``KINDS`` lists each kind's own fields, with its meaning beside it.

Adding a primitive takes three steps, one per party; ``multiprocessing.Queue`` went in this way:

1. here, a kind and its fields::

       QUEUE_PUT = "queue_put"
       KINDS[QUEUE_PUT] = ("queue", "item")  # a put() on a Queue: its key, the item's repr

2. in the tracer, a module ``_mpkata_tracer/queues.py`` with a patch that calls
   ``emit(records.QUEUE_PUT, queue=..., item=...)``, named in ``PATCHES`` against the
   module it patches (``"multiprocessing.queues": ("queues", "patch_queues")``);

3. in the builder, one handler in ``HANDLERS``: ``records.QUEUE_PUT: RecordFolder.on_queue_put``.

A kind that is a single moment (an Event set, a Barrier passed) needs no handler and no model
class: list it in ``MOMENTS`` with the phrase the picture tells it by, and the builder keeps each
record as a ``Moment`` that checks query with ``result.moments_of(kind)``.  ``EVENT_WAIT`` went
in this way, in three places: ``KINDS`` and ``MOMENTS`` here, and the tracer's
``synchronize.py``.

``tests/test_tracer_records.py`` holds the builder's handlers and these kinds to each other.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs milliseconds to import, in every learner process
    from collections.abc import Callable
    from typing import Any

try:
    from _json import encode_basestring_ascii as _quote
except ImportError:  # pragma: no cover - every CPython has _json
    from json.encoder import py_encode_basestring_ascii as _quote

# --- where the records go -----------------------------------------------------------------

TRACE_FILE_VARIABLE = "MPKATA_TRACE_FILE"
"""The environment variable naming the trace file, where the system offers no stamped channel."""
TRACE_FD_VARIABLE = "MPKATA_TRACE_FD"
"""The environment variable naming the inherited descriptor of the stamped trace channel (a
Unix socket: the kernel tells the supervisor which process wrote each record)."""
START_METHOD_VARIABLE = "MPKATA_START_METHOD"
"""The environment variable naming the start method the tracer makes the default."""
MAX_RECORDS_VARIABLE = "MPKATA_MAX_RECORDS"
"""The environment variable that overrides ``MAX_RECORDS``."""

ENCODING = "utf-8"
RECORD_END = b"\n"

# --- size bounds ----------------------------------------------------------------------------

MAX_RECORDS = 4000
"""Records one process may write; the next one is a ``truncated`` record, then nothing."""
REPR_LIMIT = 200
"""Characters of a value's ``repr`` (arguments, results, items)."""
TEXT_LIMIT = 500
"""Characters of a message (exceptions, log calls)."""
SHARED_LIMIT = 64
"""Elements of a shared array copied into a record."""
OUTPUT_LINES_LIMIT = 300
"""Output lines one process records, stdout and stderr together; the rest are counted."""
OUTPUT_CHARS_LIMIT = 32_000
"""Characters of output one process records; the rest are counted."""
OUTPUT_LINE_LIMIT = 500
"""Characters kept of one output line."""
MESSAGES_LIMIT = 500
"""Exchange records one process writes (queue puts and gets, pipe sends and receives, moments of
synchronisation, values received from a pool); the rest are counted."""

# --- fields every record has ----------------------------------------------------------------

KIND = "ev"
PID = "pid"
TIME = "t"
SENDER = "by"
"""Added by the supervisor, never by the tracer: the pid the kernel says sent the record."""
FATAL_FIELD = "fatal"
"""The ``exception`` field that names a classic fatal error; the supervisor stops the run on it."""
FATAL_ERRORS = (
    ("bootstrap", "RuntimeError", "bootstrapping phase"),
    ("cant_get_attribute", "AttributeError", "Can't get attribute"),
)
"""(fatal kind, exception type, message fragment): errors no run recovers from."""

# --- the kinds ------------------------------------------------------------------------------

INTERP = "interp"
INTERP_END = "interp_end"
FORK = "fork"
BEGIN = "begin"
END = "end"
START = "start"
START_FAILED = "start_failed"
JOIN = "join"
TERMINATE = "terminate"
POOL = "pool"
POOL_WORKERS = "pool_workers"
POOL_CALL = "pool_call"
POOL_RESULT = "pool_result"
TASK = "task"
POOL_CLOSE = "pool_close"
POOL_JOIN = "pool_join"
POOL_TERMINATE = "pool_terminate"
POOL_EXIT = "pool_exit"
POOL_SHUTDOWN = "pool_shutdown"
THREAD_BEGIN = "thread_begin"
THREAD_END = "thread_end"
THREAD_JOIN = "thread_join"
LOG = "log"
LOG_DROPPED = "log_dropped"
EXCEPTION = "exception"
SHARED_WRITE = "shared_write"
OUTPUT = "output"
OUTPUT_DROPPED = "output_dropped"
TRACER_ERROR = "tracer_error"
TRUNCATED = "truncated"
CPU_TIME = "cpu_time"
QUEUE_PUT = "queue_put"
QUEUE_GET = "queue_get"
PIPE_SEND = "pipe_send"
PIPE_RECV = "pipe_recv"
PIPE_CLOSE = "pipe_close"
MESSAGES_DROPPED = "messages_dropped"
VALUE_WRITES = "value_writes"
TAMPERING = "tampering"

KINDS: dict[str, tuple[str, ...]] = {
    # an interpreter started (main, spawned child, forkserver, helper): its parent, command line,
    # and the CPU seconds starting it cost before the program's first line
    INTERP: ("ppid", "argv", "cpu"),
    # an interpreter reached atexit (a forked child never does: it ends with os._exit)
    INTERP_END: (),
    # os.fork() (or a fork start method) made this process from ``ppid``
    FORK: ("ppid",),
    # a multiprocessing Process began in the child: its name, target, arguments, shared
    # ctypes arguments as it saw them, the start method, and the pid of the process that created
    # it (``creator``; under forkserver the OS parent, ``ppid``, is the fork server)
    BEGIN: ("ppid", "name", "target", "args", "shared", "method", "creator"),
    # that Process's run() returned or raised: exit code, shared arguments as it left them
    END: ("exitcode", "shared"),
    # the parent's Process.start() returned: the child's pid, what it runs, when start() was
    # called, and how
    START: ("child", "name", "target", "args", "called", "daemon", "method"),
    # Process.start() raised in the parent
    START_FAILED: ("name", "target", "type", "message"),
    # Process.join() returned; ``implicit`` when multiprocessing joined it at exit
    JOIN: ("child", "name", "called", "exitcode", "timeout", "implicit"),
    # Process.terminate() was called on ``child``
    TERMINATE: ("child", "name"),
    # a Pool, ThreadPool or ProcessPoolExecutor was made: its key ("pid:id"), class, size
    POOL: ("pool", "kind", "size", "workers"),
    # a pool started worker processes
    POOL_WORKERS: ("pool", "workers"),
    # the program handed a pool work: the method (map, submit...), the function, and the CPU
    # seconds the calling process had used by then
    POOL_CALL: ("pool", "method", "func", "cpu"),
    # the program received a value from a pool, as it read it: ``get()`` of apply, each element of
    # map's list, each ``next()`` of an imap/imap_unordered iterator or of ProcessPoolExecutor.map,
    # ``result()`` of a submitted future; ``error`` instead of ``value`` when it received the
    # exception a task raised (``result()`` raising, ``exception()``); within MESSAGES_LIMIT
    POOL_RESULT: ("pool", "method", "value", "error"),
    # one call of a pool task's function, in the worker that ran it, with its outcome and the
    # CPU seconds the call used in that worker
    TASK: ("pool", "method", "func", "args", "started", "result", "error", "cpu"),
    # how the program shut a pool down, and the pool's state then
    POOL_CLOSE: ("pool", "state"),
    POOL_JOIN: ("pool", "state"),
    POOL_TERMINATE: ("pool", "state"),
    POOL_EXIT: ("pool", "state"),
    POOL_SHUTDOWN: ("pool",),
    # a threading.Thread began and ended: name, thread ident, target
    THREAD_BEGIN: ("name", "ident", "target", "args"),
    THREAD_END: ("name", "ident"),
    # a join() of that thread returned with the thread finished, in the joining process
    THREAD_JOIN: ("name", "ident", "called"),
    # a logging call that a logger handled: level, message, processName, where it went
    LOG: ("level", "message", "pname", "created", "logger", "to"),
    # an INFO-or-above logging call that the logger's level threw away
    LOG_DROPPED: ("level", "message", "pname", "logger", "effective"),
    # an exception escaped the main program, a Process's run() or a thread; ``fatal`` names a
    # FATAL_ERRORS kind, or is null
    EXCEPTION: ("where", "type", "message", "line", FATAL_FIELD),
    # an element of a shared Array was assigned, from what to what
    SHARED_WRITE: ("index", "old", "new", "length"),
    # one complete line the program wrote to sys.stdout or sys.stderr ("stdout"/"stderr"),
    # with the multiprocessing process name (null before multiprocessing loads) and thread
    OUTPUT: ("stream", "text", "pname", "thread"),
    # output lines past OUTPUT_LINES_LIMIT / OUTPUT_CHARS_LIMIT that were not recorded, so far
    OUTPUT_DROPPED: ("lines", "chars"),
    # the tracer could not patch or record something
    TRACER_ERROR: ("module", "message"),
    # this process reached MAX_RECORDS; it records nothing more
    TRUNCATED: ("limit",),
    # the CPU seconds (user + system) this process used, and its current thread, as it ended
    CPU_TIME: ("process", "thread"),
    # a put() on a multiprocessing Queue the program made: the queue's key ("pid:id" of its
    # maker) and the item's repr; a get() that returned, with the item it returned
    QUEUE_PUT: ("queue", "item"),
    QUEUE_GET: ("queue", "item"),
    # send() and a recv() that returned on one end (0 or 1) of a Pipe() the program made, the
    # pipe's key, and the object; close() of that end
    PIPE_SEND: ("pipe", "end", "item"),
    PIPE_RECV: ("pipe", "end", "item"),
    PIPE_CLOSE: ("pipe", "end"),
    # exchange records past MESSAGES_LIMIT that were not written, so far
    MESSAGES_DROPPED: ("count",),
    # what this process wrote to one shared Value through ``.value``, summed up as it ended:
    # writes, writes made without holding the Value's own lock, writes that set a value not
    # above the one they replaced (a lost update), the first such [old, new], and the last
    # write's [old, new] and time
    VALUE_WRITES: ("value", "writes", "unlocked", "overwrote", "first_overwrite", "last", "last_time"),
    # the program's own code made a move only a forgery needs (walked the garbage collector,
    # loaded a C library or symbol, replaced a function's code, set an attribute of a class of
    # multiprocessing, logging, os or the tracer): the audit event, what it did, where
    TAMPERING: ("event", "detail", "line"),
}

# --- moments: kinds the builder keeps as they come ------------------------------------------

EVENT_SET = "event_set"
EVENT_WAIT = "event_wait"
BARRIER_WAIT = "barrier_wait"
LOCK_ACQUIRE = "lock_acquire"
LOCK_RELEASE = "lock_release"

KINDS.update(
    {
        # set() of a multiprocessing Event the program made (written before the flag is set, so
        # no waiter wakes before this record's time), with the thread that set it
        EVENT_SET: ("event", "thread"),
        # a wait() on that Event returned: when it was called, and the flag it returned
        EVENT_WAIT: ("event", "thread", "called", "flag"),
        # a wait() on a multiprocessing Barrier the program made returned: when it was called, the
        # barrier's parties and the index wait() returned (-1 when the barrier broke)
        BARRIER_WAIT: ("barrier", "thread", "called", "parties", "index"),
        # an acquire() (or ``with``) of a Lock, RLock, Semaphore or BoundedSemaphore the program
        # made succeeded: the primitive's kind and when acquire() was called (written after it
        # was acquired); a release() of it (written before it is released): so the recorded
        # holding is always inside the real one
        LOCK_ACQUIRE: ("lock", "type", "thread", "called"),
        LOCK_RELEASE: ("lock", "type", "thread"),
    }
)

POOL_CALLBACK = "pool_callback"
KINDS[POOL_CALLBACK] = ("pool", "handler", "func", "thread", "called", "cpu", "value", "error")
"""A ``callback`` or ``error_callback`` given to a pool's ``apply_async``/``map_async`` ran (in the
parent's result-handler thread): which, the function, when it was called, the CPU seconds it
used in that thread, and the value (or ``"Type: message"`` of the exception) it was handed;
written when it returned."""

MOMENTS: dict[str, str] = {
    EVENT_SET: "set {event}",
    EVENT_WAIT: "waited on {event}",
    BARRIER_WAIT: "passed {barrier}",
    LOCK_ACQUIRE: "acquired {lock}",
    LOCK_RELEASE: "released {lock}",
    POOL_CALLBACK: "{handler} {func}",
}
"""Kinds kept as ``Moment``s (no handler, no model class), and how the picture tells one: a
``str.format`` phrase of the record's fields, where the field naming the object (``event``,
``lock``...) reads as that object's kind and number in the run ("Event 1", "Semaphore 2")."""
MOMENT_OBJECT_FIELDS = ("event", "barrier", "lock", "pool")
"""Fields of a moment that name a synchronisation object or a pool by its key (``pid:id`` of its
maker)."""


def encode(fields: dict[str, Any], fallback: Callable[[Any], str] = repr) -> bytes:
    """One record as one JSON line; values JSON cannot hold are written as ``fallback(value)``."""
    return (_encode(fields, fallback) + "\n").encode(ENCODING, "replace")


def _key(name: str) -> str:
    return _quote(name) + ":"


def _encode(value: Any, fallback: Callable[[Any], str]) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ",".join(_key(str(k)) + _encode(v, fallback) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_encode(v, fallback) for v in value) + "]"
    return _quote(fallback(value))


FATAL_MARKER = (_key(FATAL_FIELD) + '"').encode(ENCODING)
"""How a fatal error looks in the file: the fatal field with a string (not null) value."""


def decode(line: bytes) -> dict[str, Any] | None:
    """One record from one line, or None for a line a killed process left half-written."""
    import json

    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None
