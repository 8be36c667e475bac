"""The messages of the kata checks: what happened, with the run's facts, and what to change.

Each template is also a kind of finding, named after it (``NO_LOG_FILE`` -> ``no_log_file``);
tests and kata authors import them from ``pytest_mpkata.checks``.
"""

from __future__ import annotations

NO_LOG_FILE = (
    "Your program logged nothing to test.log. Configure logging at the top of your file with "
    '`logging.basicConfig(filename="test.log", level=logging.INFO, '
    'format="%(asctime)s %(message)s")` and log with `logging.info(...)`.'
)
PRINTED_NOT_LOGGED = (
    "Your program printed {line!r} but did not log it: the checks read test.log. Use "
    "`logging.info(...)` instead of `print(...)`."
)
MISSING_LINES = "test.log is missing {missing}. It has: {found}."
UNEXPECTED_LINES = "test.log has lines the task does not ask for: {extra}. Log only the lines asked for."
DUPLICATE_LINES = "test.log has {line!r} {count} times; the task asks for it once."
WRONG_ORDER = "test.log has the right lines in the wrong order: expected {expected}, got {found}."
NO_TIMESTAMP = (
    "Line {number} of test.log ({text!r}) does not start with a timestamp. Use "
    '`format="%(asctime)s %(message)s"` in `logging.basicConfig`.'
)
LOST_CHILD_LOGS = (
    "{label} logged {message!r}, but it never reached test.log: logging was not configured "
    "in that process. Under {method}, a child runs your file again without the "
    '`if __name__ == "__main__":` block, so call `logging.basicConfig(...)` at the top of '
    "the file, outside that block."
)
CHILD_CRASHED = (
    "{label} running `{target}` failed: {error}. Fix that error; the program must run without "
    "errors in every process."
)
CHILD_EXIT_CODE = "{label} running `{target}` ended with exit code {code} instead of 0."
LEFT_RUNNING = (
    "When your program exited, these processes were still running: {alive}. Join every "
    "process you start, and shut every pool down, before the program ends."
)
START_FAILED = "Starting {name} (target `{target}`) failed under {method}: {type}: {message}."

NOT_BY_LOGGING = (
    "Line {number} of test.log ({message!r}) was not written by a logging call: it was "
    "written to the file directly. Log it with `logging.info(...)` in the process that "
    "does the work."
)
WRITTEN_BY_MAIN = (
    "The line {message!r} was logged by the main process ({label}), not by a child process. "
    "Move the `logging.info(...)` call into the function that the child process runs."
)
WRITTEN_BY_THREAD = (
    "The line {message!r} was logged from a thread ({thread}) inside the main process "
    "(pid {pid}): a thread is not a process. Use `multiprocessing.Process` instead of "
    "`threading.Thread`."
)
WRITTEN_BY_FORK = (
    "The line {message!r} was logged by pid {pid}, a process made with `os.fork()`. Use "
    "`multiprocessing.Process(target=...)`, which works on every platform and start method."
)
WRONG_PID_IN_LINE = (
    "The line {message!r} was logged by {label}, but it names pid {named}. Log the pid of "
    "the process that writes the line: `os.getpid()` inside the child's function."
)
SAME_WRITER = (
    "The lines {messages} were all logged by the same process, {label}. Each line must come "
    "from its own child process: start one process per number."
)
NO_CHILDREN = (
    "Your program created no child process with `multiprocessing`: {evidence}. Create one "
    "with `multiprocessing.Process(target=your_function)`, then `start()` it."
)
WRONG_CHILD_COUNT = "Your program created {count} child processes ({labels}); the task asks for {expected}."
USED_THREADS = "`{target}` ran in a thread ({name}) inside the main process (pid {pid})"
USED_FORK = "pid {pid} was made with `os.fork()`, outside `multiprocessing`"
RAN_IN_MAIN = "everything ran in the main process (pid {pid})"
NOT_STARTED_TOGETHER = (
    "Your program joined {joined} before starting {started}, so the processes ran one after "
    "another. Start all of them first, then join them all."
)
NOT_JOINED = (
    "Your program never joined {labels}. Call `join()` on every process you start, so the "
    "parent waits for it."
)
LOGGED_BEFORE_JOIN = (
    "The parent logged {message!r} before joining {label}. Join the child first, then log: "
    "`join()` waits until the child has finished."
)
NO_POOL = (
    "Your program used no process pool{evidence}. Create one with "
    "`multiprocessing.Pool(processes=...)` and call its `map(...)`."
)
THREAD_POOL = (
    "Your program used a {kind}: its workers are threads inside the main process (pid {pid}), "
    "not processes. Use `multiprocessing.Pool` instead."
)
POOL_TOO_SMALL = "Your pool has {size} worker process{plural}; the task asks for at least {minimum}."
POOL_WRONG_SIZE = (
    "Your pool has {size} worker processes; the task asks for exactly {expected}. Pass "
    "`processes={expected}` (a pool created without it gets one worker per CPU)."
)
TASKS_IN_MAIN = (
    "`{function}` ran {count} times, but every call ran in the main process (pid {pid}): "
    "nothing ran in a pool worker. Pass the function to `pool.map(...)` instead of calling "
    "it yourself."
)
NO_TASKS = (
    "Your pool ran no task (pool methods called: {ran}). Call `pool.map(your_function, "
    "items)` so the workers do the work."
)
WRONG_TASK_COUNT = "`{function}` ran {count} times in the pool; the task maps it over {expected} items."
POOL_NOT_SHUT_DOWN = (
    "Your pool was never shut down ({how}). Use it in a `with multiprocessing.Pool(...) as "
    "pool:` block, or call `pool.close()` and then `pool.join()` when the work is done."
)
POOL_NOT_CLOSE_JOIN = (
    "Your pool was shut down with {how}, but the task asks for `pool.close()` followed by "
    "`pool.join()`: close lets the workers finish, join waits for them. (A `with` block "
    "calls `terminate()`, which stops workers at once.)"
)
SHUTDOWN_NAMES = {
    "context_manager": "a `with` block (which calls `terminate()`)",
    "terminate": "`terminate()`",
    "close_only": "`close()` without `join()`",
    "never": "no `close()`, `terminate()` or `with` block",
    "shutdown": "`shutdown()`",
}
TOO_FEW_WORKERS_BUSY = (
    "All {count} chunks ran in one worker process (pid {pid}), so nothing ran in parallel. "
    "Use a pool of at least 2 workers and give it several chunks (e.g. `pool.map(count, chunks)`)."
)
NO_OVERLAP = (
    "Your chunks ran one after another: no two workers were busy at the same time "
    "(workers {workers}). Submit all chunks at once with `pool.map(...)`, instead of waiting "
    "for each result before sending the next."
)
NO_SHARED_ARRAY = (
    "No child process received a shared `multiprocessing.Array`{evidence}. Create "
    '`arr = multiprocessing.Array("i", range(1, 11))` and pass it in `args=(arr, i)` to each '
    "process."
)
ELEMENT_NOT_SQUARED_BY_ONE_CHILD = (
    "{detail} Each of the 10 children must square exactly one element of the shared array, "
    "element i for process i."
)
SHARED_STATE_USED = (
    "{label} received a shared `multiprocessing.{kind}`: a change made through it is visible "
    "in the parent, which hides the lesson. Use a plain module-level `counter` variable."
)
PARENT_WROTE = "The parent, {label}, changed element {index} of the shared array ({old} to {new})."
THREAD_NOT_IN_MAIN = (
    "No `threading.Thread` of yours ran in the main process{evidence}. Start a "
    "`threading.Thread(target=your_function)` there, then `join()` it."
)
WRONG_RESULTS = "The pool's calls of `{function}` returned {got}: not the expected values."
MAIN_REDID_WORK = (
    "Your main process (pid {pid}) used {main:.2f} s of CPU, as much as the pool's workers spent "
    "on all {count} tasks together ({workers:.2f} s): it did the work again itself instead of "
    "using the results. Add up the values `pool.map(...)` returns; the main process only "
    "combines them."
)
THREAD_NOT_JOINED = (
    "The parent logged {message!r} without joining the thread {name}. Call `join()` on it first, "
    "so the parent waits until the thread has finished."
)

# --- queues ------------------------------------------------------------------------------

NO_QUEUE = (
    "Your parent put none of the numbers on a `multiprocessing.Queue`{evidence}. Create "
    "`tasks = multiprocessing.Queue()`, put the numbers on it from the parent, and let the "
    "consumers `get()` them."
)
ITEMS_NOT_PUT = (
    "The parent never put {missing} on a queue. Put each of the numbers {first} to {last} on it once."
)
ITEM_TAKEN_TWICE = (
    "The item {item} was taken from the queue {count} times ({labels}); each item must be consumed "
    "exactly once."
)
ITEM_NOT_TAKEN = (
    "Nobody took {items} from the queue: every item the parent puts must be consumed by a consumer."
)
ITEM_TAKEN_BY_MAIN = (
    "The main process (pid {pid}) took {items} from the queue itself: the consumers, child "
    "processes, must take every item."
)
TOO_FEW_CONSUMERS_WORKED = (
    "Only {worked} of your {consumers} consumers took a number from the queue ({labels}); the "
    "task asks for {expected} consumers that each do part of the work. Start all the consumers "
    "before the numbers run out, and give each item a little time (`time.sleep(0.1)`)."
)
SENTINELS_WRONG = (
    "Your parent put {sentinels} sentinel(s) (`None`) on the queue for {consumers} consumers. A "
    "consumer waits forever: put one sentinel per consumer, after the numbers, so each one "
    "stops when it takes its own."
)
CONSUMER_NOT_STOPPED_BY_SENTINEL = (
    "{label} stopped without taking a sentinel (it took {items}): a consumer must loop on "
    "`get()` until it receives `None`, not stop on a timeout or a count."
)
RESULTS_NOT_FROM_CONSUMERS = (
    "The main process did not take the {count} squares from a queue the consumers put them on "
    "(it took {taken}). Have each consumer `put()` its squares on a results "
    "queue, and add up what the parent `get()`s from it."
)

# --- pipes ---------------------------------------------------------------------------------

NO_PIPE = (
    "Your program sent nothing over a `multiprocessing.Pipe()`{evidence}. Create "
    "`parent_end, child_end = multiprocessing.Pipe()`, give `child_end` to the child, and "
    "`send()`/`recv()` on the two ends."
)
PIPE_NOT_DELIVERED = (
    "The {sender} sent {item} over the pipe, but the {receiver} never received it from the other end. {fix}"
)
PIPE_SEND_FIX = "The parent sends each number on its end; the child receives it with `recv()` on its end."
PIPE_REPLY_FIX = (
    "The child sends each reply back on its end of the pipe; the parent receives it with `recv()`: "
    "a pipe carries messages both ways."
)
PIPE_NEVER_SENT = "The {sender} never sent {items} over a pipe. {fix}"
REPLY_NOT_DOUBLED = (
    "The child replied {reply} after receiving {number}: each reply must be the number it "
    "received, doubled, computed in the child."
)
PIPE_END_NOT_CLOSED = (
    "{label} used its end of the pipe but never closed it. Call `close()` on your end when the "
    "conversation is over, in the parent and in the child."
)

# --- a shared Value and its lock --------------------------------------------------------------

NO_VALUE_WRITES = (
    "No child process changed a shared `multiprocessing.Value` through `.value`{evidence}. Create "
    '`counter = multiprocessing.Value("i", 0)`, pass it in `args=` to each process, and add '
    "with `counter.value += 1`."
)
WRONG_VALUE_WRITES = (
    "{label} wrote the counter {writes} times; the task asks each of the {children} children to "
    "add 1 to it {expected} times."
)
PARENT_WROTE_VALUE = (
    "The parent, {label}, wrote the counter {writes} times: the children must do every "
    "increment, the parent only starts them, joins them and logs."
)
UNLOCKED_WRITES = (
    "{unlocked} of the {writes} writes to the counter were made without holding its lock "
    "({labels}). `counter.value += 1` reads the value, adds 1 and writes it back: without the "
    "lock, two processes can read the same value and both write it plus 1, so one addition is "
    "lost. {outcome} Hold the lock around each increment: `with counter.get_lock(): counter.value += 1`."
)
UPDATES_LOST = (
    "This run lost {lost} updates: the children wrote the counter {writes} times, yet it ended "
    "at {final}, and {overwrote} writes put back a value no higher than the one they replaced "
    "(e.g. {old} -> {new})."
)
UPDATES_LUCKY = "This run happened to lose none, but the next one may."
