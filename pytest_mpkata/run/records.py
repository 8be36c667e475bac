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

Adding a primitive takes three steps, one per party: a kind and its fields in ``KINDS`` here
(``KINDS[QUEUE_PUT] = ("queue", "item")``); a tracer patch that calls ``emit(records.QUEUE_PUT,
...)``, named in the tracer's ``PATCHES`` against the module it patches; one builder handler.
A kind that is a single moment (an Event set, a Barrier passed, a proxy write) needs no handler
and no model class: list it in ``MOMENTS`` with the phrase the picture tells it by, and the
builder keeps each record as a ``Moment`` that checks query with ``result.moments_of(kind)``.

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
"""The environment variable naming the inherited descriptor of the stamped trace channel."""
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
BLOCK_LIMIT = 256
"""Bytes of a shared memory block copied (as hex) into a record."""

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

INTERP, INTERP_END, FORK, BEGIN, END, START = "interp", "interp_end", "fork", "begin", "end", "start"
START_FAILED, JOIN, TERMINATE, POOL = "start_failed", "join", "terminate", "pool"
POOL_WORKERS, POOL_CALL, POOL_RESULT, TASK = "pool_workers", "pool_call", "pool_result", "task"
POOL_CLOSE, POOL_JOIN, POOL_TERMINATE, POOL_EXIT = "pool_close", "pool_join", "pool_terminate", "pool_exit"
POOL_SHUTDOWN, THREAD_BEGIN, THREAD_END = "pool_shutdown", "thread_begin", "thread_end"
THREAD_JOIN, LOG, LOG_DROPPED, EXCEPTION = "thread_join", "log", "log_dropped", "exception"
SHARED_WRITE, OUTPUT, OUTPUT_DROPPED = "shared_write", "output", "output_dropped"
TRACER_ERROR, TRUNCATED, CPU_TIME, QUEUE_PUT = "tracer_error", "truncated", "cpu_time", "queue_put"
QUEUE_GET, PIPE_SEND, PIPE_RECV, PIPE_CLOSE = "queue_get", "pipe_send", "pipe_recv", "pipe_close"
MESSAGES_DROPPED, VALUE_WRITES, TAMPERING = "messages_dropped", "value_writes", "tampering"

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
    # a value the program read from a pool (get(), each element of map's list, each next() of an
    # imap iterator or executor.map, result() of a future), or the ``error`` a task raised instead
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
    # maker), the item's repr and, for bytes and strings, its length (``size``, else null); a
    # get() that returned, with the item it returned
    QUEUE_PUT: ("queue", "item", "size"),
    QUEUE_GET: ("queue", "item", "size"),
    # send() and a recv() that returned on one end (0 or 1) of a Pipe() the program made, the
    # pipe's key, and the object; close() of that end
    PIPE_SEND: ("pipe", "end", "item"),
    PIPE_RECV: ("pipe", "end", "item"),
    PIPE_CLOSE: ("pipe", "end"),
    # exchange records past MESSAGES_LIMIT that were not written, so far
    MESSAGES_DROPPED: ("count",),
    # this process's writes to one shared Value's ``.value``, as it ended: writes, those without
    # its lock, those not above the value they replaced (lost updates: the first [old, new]), the last
    VALUE_WRITES: ("value", "writes", "unlocked", "overwrote", "first_overwrite", "last", "last_time"),
    # the program made a move only a forgery needs (walked the garbage collector, loaded a C
    # library, replaced a function's code, set an attribute of multiprocessing, logging, os, tracer)
    TAMPERING: ("event", "detail", "line"),
}

# --- moments: kinds the builder keeps as they come ------------------------------------------

MOMENTS: dict[str, str] = {}
"""Kinds kept as ``Moment``s (no handler, no model class), and how the picture tells one: a
``str.format`` phrase of the record's fields, where the field naming the object (``event``,
``lock``...) reads as that object's kind and number in the run ("Event 1", "Semaphore 2")."""
MOMENT_OBJECT_FIELDS = ("event", "barrier", "lock", "process", "proxy", "block", "pool", "future", "queue")
"""Fields of a moment that name an object by its key (``pid:id`` of its maker: a synchronisation
primitive, a pool or executor, a future, a queue), a manager's referent by its id in the server,
a shared memory block by its name."""


def moments(schema: dict[str, tuple[tuple[str, ...], str]]) -> None:
    """Add moment kinds, each with its fields and its phrase, in one place."""
    for kind, (fields, phrase) in schema.items():
        KINDS[kind], MOMENTS[kind] = fields, phrase


EVENT_SET = "event_set"
EVENT_WAIT = "event_wait"
BARRIER_WAIT = "barrier_wait"
LOCK_ACQUIRE = "lock_acquire"
LOCK_RELEASE = "lock_release"
LOCK_MADE = "lock_made"
PROCESS_ALIVE = "process_alive"
PROCESS_EXITCODE = "process_exitcode"
moments(
    {
        # set() of a multiprocessing Event the program made (written before the flag is set, so
        # no waiter wakes before this record's time), with the thread that set it
        EVENT_SET: (("event", "thread"), "set {event}"),
        # a wait() on that Event returned: when it was called, and the flag it returned
        EVENT_WAIT: (("event", "thread", "called", "flag"), "waited on {event}"),
        # a wait() on a multiprocessing Barrier the program made returned: when it was called, the
        # barrier's parties and the index wait() returned (-1 when the barrier broke)
        BARRIER_WAIT: (("barrier", "thread", "called", "parties", "index"), "passed {barrier}"),
        # an acquire() (or ``with``) of a Lock, RLock, Semaphore or BoundedSemaphore the program
        # made succeeded (written after it was acquired, with when it was called); a release()
        # (written before it is released): the recorded holding is always inside the real one
        LOCK_ACQUIRE: (("lock", "type", "thread", "called"), "acquired {lock}"),
        LOCK_RELEASE: (("lock", "type", "thread"), "released {lock}"),
        # such a primitive was made: the value it started with (a Semaphore's slots; 1 for a Lock)
        LOCK_MADE: (("lock", "type", "thread", "value"), "made {lock} of value {value}"),
        # the program's own call of a Process's is_alive(), or its own read of its exitcode, and
        # the answer: the Process object's key, the child's pid then (null before start), its name
        PROCESS_ALIVE: (("process", "child", "name", "thread", "alive"), "asked {name} is_alive(): {alive}"),
        PROCESS_EXITCODE: (
            ("process", "child", "name", "thread", "exitcode"),
            "read {name}.exitcode: {exitcode}",
        ),
    }
)

# --- pools: initializers, futures, callbacks -----------------------------------------------

POOL_INIT = "pool_init"
FUTURE_DONE = "future_done"
FUTURE_WAIT = "future_wait"
POOL_CALLBACK = "pool_callback"
moments(
    {
        # a Pool's initializer returned in a worker (before its first task): the pool, the
        # initializer, its arguments, what it returned, the module globals it set ({name: repr})
        POOL_INIT: (
            ("pool", "initializer", "args", "returned", "set"),
            "ran {pool}'s initializer {initializer}",
        ),
        # a submitted executor future's outcome reached the parent (written before it is marked
        # done, so no reader gets it earlier): the future's key, its value or the task's exception
        FUTURE_DONE: (("pool", "future", "value", "error"), "received a future's outcome"),
        # the program called result() or exception() on a submitted future that was not done yet,
        # so it waited for it (written before waiting), having submitted ``submitted`` tasks
        FUTURE_WAIT: (("pool", "future", "submitted"), "waited on an unfinished future"),
        # a callback or error_callback of apply_async/map_async returned (in the parent's result
        # handler thread): which, the function, when called, its CPU, the value or "Type: message"
        POOL_CALLBACK: (
            ("pool", "handler", "func", "thread", "called", "cpu", "value", "error"),
            "{handler} {func}",
        ),
    }
)

# --- shared state: a manager's proxies, shared memory blocks ----------------------------------

PROXY_WRITE = "proxy_write"
PROXY_READ = "proxy_read"
PROXY_SERVED = "proxy_served"
SHM_CREATE = "shm_create"
SHM_ATTACH = "shm_attach"
SHM_CLOSE = "shm_close"
SHM_UNLINK = "shm_unlink"
moments(
    {
        # a call through a manager's proxy that changes its referent (its id in the server, its
        # type, the method, the key and value stored: one per item of an update(), the error's type
        # when the server had shut down), in the caller; any other proxy call: what it returned
        PROXY_WRITE: (
            ("proxy", "type", "thread", "method", "key", "value", "error"),
            "wrote {proxy} ({method} {key})",
        ),
        PROXY_READ: (("proxy", "type", "thread", "method", "value", "error"), "read {proxy} ({method})"),
        # in the manager's server: a write it received, with the peer's pid the kernel gives (SO_PEERCRED)
        PROXY_SERVED: (
            ("peer", "proxy", "type", "method", "key"),
            "served {proxy} ({method} {key}) to {peer}",
        ),
        # a multiprocessing.shared_memory.SharedMemory block was created (its name, its size), or
        # attached by name, with the block's first BLOCK_LIMIT bytes (hex) as it found them
        SHM_CREATE: (("block", "size", "thread"), "created {block}"),
        SHM_ATTACH: (("block", "size", "thread", "contents"), "attached {block}"),
        # close() of a block (or one still open as the process ended: ``at_exit``), its contents then
        SHM_CLOSE: (("block", "thread", "contents", "at_exit"), "closed {block}"),
        # unlink() of a block: the error's type when the name was gone already
        SHM_UNLINK: (("block", "thread", "error"), "unlinked {block}"),
    }
)

# --- waits begun: who was still waiting when a run hung -----------------------------------------

EVENT_WAITING = "event_waiting"
BARRIER_WAITING = "barrier_waiting"
EVENT_POLLED = "event_polled"
moments(
    {
        # a wait() on a program's Event or Barrier was called (written before it blocks): one that
        # never returned leaves this record alone, naming who waited on what when the run stopped
        EVENT_WAITING: (("event", "thread"), "still waiting on {event}"),
        BARRIER_WAITING: (
            ("barrier", "thread", "parties"),
            "still waiting at {barrier} of {parties} parties",
        ),
        # a process's first is_set() on a program's Event (a polling loop calls it thousands of times)
        EVENT_POLLED: (("event", "thread"), "polled {event} with is_set()"),
    }
)

# --- the queue deadlock: a join, and a process's exit, waiting on a queue nobody reads ----------

JOIN_WAITING, JOIN_RETURNED = "join_waiting", "join_returned"
QUEUE_FLUSHING, QUEUE_FLUSHED = "queue_flushing", "queue_flushed"
moments(
    {
        # the program's join() of a running child, without a timeout, called (before it blocks)
        # and returned; at exit, a process's wait for its queue's feeder thread to write the last
        # items into the pipe (when that thread still ran), begun and ended. A return's phrase is
        # "": the picture tells only the begun wait left open
        JOIN_WAITING: (("child", "name", "thread"), "still waiting in join() for {name}"),
        JOIN_RETURNED: (("child", "thread"), ""),
        QUEUE_FLUSHING: (("queue", "thread"), "still flushing {queue} as it exits"),
        QUEUE_FLUSHED: (("queue", "thread"), ""),
    }
)
MOMENT_PROCESS_FIELDS = ("child",)
"""Fields of a moment that name a process (a join's child) rather than an object."""
WAITS_BEGUN = {
    EVENT_WAITING: EVENT_WAIT,
    BARRIER_WAITING: BARRIER_WAIT,
    JOIN_WAITING: JOIN_RETURNED,
    QUEUE_FLUSHING: QUEUE_FLUSHED,
}
"""A wait begun -> the kind that records its return, in the same thread: the picture tells a begun
wait only when it never returned."""


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
