"""The messages of the kata checks: what happened, with the run's facts, and what to change.

Each template carries the kind of finding it reports (``NO_LOG_FILE`` is of kind ``no_log_file``),
written here once and stored in grades.json; tests and kata authors import the templates from
``pytest_mpkata.checks``.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

NO_LOG_FILE = Template(
    "no_log_file",
    "Your program logged nothing to test.log. Configure logging at the top of your file with "
    '`logging.basicConfig(filename="test.log", level=logging.INFO, '
    'format="%(asctime)s %(message)s")` and log with `logging.info(...)`.',
)
PRINTED_NOT_LOGGED = Template(
    "printed_not_logged",
    "Your program printed {line!r} but did not log it: the checks read test.log. Use "
    "`logging.info(...)` instead of `print(...)`.",
)
MISSING_LINES = Template("missing_lines", "test.log is missing {missing}. It has: {found}.")
UNEXPECTED_LINES = Template(
    "unexpected_lines", "test.log has lines the task does not ask for: {extra}. Log only the lines asked for."
)
DUPLICATE_LINES = Template(
    "duplicate_lines", "test.log has {line!r} {count} times; the task asks for it once."
)
WRONG_ORDER = Template(
    "wrong_order", "test.log has the right lines in the wrong order: expected {expected}, got {found}."
)
NO_TIMESTAMP = Template(
    "no_timestamp",
    "Line {number} of test.log ({text!r}) does not start with a timestamp. Use "
    '`format="%(asctime)s %(message)s"` in `logging.basicConfig`.',
)
LOST_CHILD_LOGS = Template(
    "lost_child_logs",
    "{label} logged {message!r}, but it never reached test.log: logging was not configured "
    "in that process. Under {method}, a child runs your file again without the "
    '`if __name__ == "__main__":` block, so call `logging.basicConfig(...)` at the top of '
    "the file, outside that block.",
)
CHILD_CRASHED = Template(
    "child_crashed",
    "{label} running `{target}` failed: {error}. Fix that error; the program must run without "
    "errors in every process.",
)
CHILD_EXIT_CODE = Template(
    "child_exit_code", "{label} running `{target}` ended with exit code {code} instead of 0."
)
LEFT_RUNNING = Template(
    "left_running",
    "When your program exited, these processes were still running: {alive}. Join every "
    "process you start, and shut every pool down, before the program ends.",
)
START_FAILED = Template(
    "start_failed", "Starting {name} (target `{target}`) failed under {method}: {type}: {message}."
)

NOT_BY_LOGGING = Template(
    "not_by_logging",
    "Line {number} of test.log ({message!r}) was not written by a logging call: it was "
    "written to the file directly. Log it with `logging.info(...)` in the process that "
    "does the work.",
)
WRITTEN_BY_MAIN = Template(
    "written_by_main",
    "The line {message!r} was logged by the main process ({label}), not by a child process. "
    "Move the `logging.info(...)` call into the function that the child process runs.",
)
WRITTEN_BY_THREAD = Template(
    "written_by_thread",
    "The line {message!r} was logged from a thread ({thread}) inside the main process "
    "(pid {pid}): a thread is not a process. Use `multiprocessing.Process` instead of "
    "`threading.Thread`.",
)
WRITTEN_BY_FORK = Template(
    "written_by_fork",
    "The line {message!r} was logged by pid {pid}, a process made with `os.fork()`. Use "
    "`multiprocessing.Process(target=...)`, which works on every platform and start method.",
)
WRONG_PID_IN_LINE = Template(
    "wrong_pid_in_line",
    "The line {message!r} was logged by {label}, but it names pid {named}. Log the pid of "
    "the process that writes the line: `os.getpid()` inside the child's function.",
)
SAME_WRITER = Template(
    "same_writer",
    "The lines {messages} were all logged by the same process, {label}. Each line must come "
    "from its own child process: start one process per number.",
)
NO_CHILDREN = Template(
    "no_children",
    "Your program created no child process with `multiprocessing`: {evidence}. Create one "
    "with `multiprocessing.Process(target=your_function)`, then `start()` it.",
)
WRONG_CHILD_COUNT = Template(
    "wrong_child_count",
    "Your program created {count} child processes ({labels}); the task asks for {expected}.",
)
USED_THREADS = Template(
    "used_threads", "`{target}` ran in a thread ({name}) inside the main process (pid {pid})"
)
USED_FORK = Template("used_fork", "pid {pid} was made with `os.fork()`, outside `multiprocessing`")
RAN_IN_MAIN = Template("ran_in_main", "everything ran in the main process (pid {pid})")
NOT_STARTED_TOGETHER = Template(
    "not_started_together",
    "Your program joined {joined} before starting {started}, so the processes ran one after "
    "another. Start all of them first, then join them all.",
)
NOT_JOINED = Template(
    "not_joined",
    "Your program never joined {labels}. Call `join()` on every process you start, so the "
    "parent waits for it.",
)
LOGGED_BEFORE_JOIN = Template(
    "logged_before_join",
    "The parent logged {message!r} before joining {label}. Join the child first, then log: "
    "`join()` waits until the child has finished.",
)
NO_POOL = Template(
    "no_pool",
    "Your program used no process pool{evidence}. Create one with "
    "`multiprocessing.Pool(processes=...)` and call its `map(...)`.",
)
THREAD_POOL = Template(
    "thread_pool",
    "Your program used a {kind}: its workers are threads inside the main process (pid {pid}), "
    "not processes. Use `multiprocessing.Pool` instead.",
)
POOL_TOO_SMALL = Template(
    "pool_too_small", "Your pool has {size} worker process{plural}; the task asks for at least {minimum}."
)
POOL_WRONG_SIZE = Template(
    "pool_wrong_size",
    "Your pool has {size} worker processes; the task asks for exactly {expected}. Pass "
    "`processes={expected}` (a pool created without it gets one worker per CPU).",
)
TASKS_IN_MAIN = Template(
    "tasks_in_main",
    "`{function}` ran {count} times, but every call ran in the main process (pid {pid}): "
    "nothing ran in a pool worker. Pass the function to `pool.map(...)` instead of calling "
    "it yourself.",
)
NO_TASKS = Template(
    "no_tasks",
    "Your pool ran no task (pool methods called: {ran}). Call `pool.map(your_function, "
    "items)` so the workers do the work.",
)
WRONG_TASK_COUNT = Template(
    "wrong_task_count", "`{function}` ran {count} times in the pool; the task maps it over {expected} items."
)
POOL_NOT_SHUT_DOWN = Template(
    "pool_not_shut_down",
    "Your pool was never shut down ({how}). Use it in a `with multiprocessing.Pool(...) as "
    "pool:` block, or call `pool.close()` and then `pool.join()` when the work is done.",
)
POOL_NOT_CLOSE_JOIN = Template(
    "pool_not_close_join",
    "Your pool was shut down with {how}, but the task asks for `pool.close()` followed by "
    "`pool.join()`: close lets the workers finish, join waits for them. (A `with` block "
    "calls `terminate()`, which stops workers at once.)",
)
SHUTDOWN_NAMES = {
    "context_manager": "a `with` block (which calls `terminate()`)",
    "terminate": "`terminate()`",
    "close_only": "`close()` without `join()`",
    "never": "no `close()`, `terminate()` or `with` block",
    "shutdown": "`shutdown()`",
}
TOO_FEW_WORKERS_BUSY = Template(
    "too_few_workers_busy",
    "All {count} chunks ran in one worker process (pid {pid}), so nothing ran in parallel. "
    "Use a pool of at least 2 workers and give it several chunks (e.g. `pool.map(count, chunks)`).",
)
NO_OVERLAP = Template(
    "no_overlap",
    "Your chunks ran one after another: no two workers were busy at the same time "
    "(workers {workers}). Submit all chunks at once with `pool.map(...)`, instead of waiting "
    "for each result before sending the next.",
)
NO_SHARED_ARRAY = Template(
    "no_shared_array",
    "No child process received a shared `multiprocessing.Array`{evidence}. Create "
    '`arr = multiprocessing.Array("i", range(1, 11))` and pass it in `args=(arr, i)` to each '
    "process.",
)
ELEMENT_NOT_SQUARED_BY_ONE_CHILD = Template(
    "element_not_squared_by_one_child",
    "{detail} Each of the 10 children must square exactly one element of the shared array, "
    "element i for process i.",
)
SHARED_STATE_USED = Template(
    "shared_state_used",
    "{label} received a shared `multiprocessing.{kind}`: a change made through it is visible "
    "in the parent, which hides the lesson. Use a plain module-level `counter` variable.",
)
PARENT_WROTE = Template(
    "parent_wrote", "The parent, {label}, changed element {index} of the shared array ({old} to {new})."
)
THREAD_NOT_IN_MAIN = Template(
    "thread_not_in_main",
    "No `threading.Thread` of yours ran in the main process{evidence}. Start a "
    "`threading.Thread(target=your_function)` there, then `join()` it.",
)
WRONG_RESULTS = Template(
    "wrong_results", "The pool's calls of `{function}` returned {got}: not the expected values."
)
MAIN_REDID_WORK = Template(
    "main_redid_work",
    "Your main process (pid {pid}) used {main:.2f} s of CPU, as much as the pool's workers spent "
    "on all {count} tasks together ({workers:.2f} s): it did the work again itself instead of "
    "using the results. Add up the values `pool.map(...)` returns; the main process only "
    "combines them.",
)
THREAD_NOT_JOINED = Template(
    "thread_not_joined",
    "The parent logged {message!r} without joining the thread {name}. Call `join()` on it first, "
    "so the parent waits until the thread has finished.",
)

# --- queues ------------------------------------------------------------------------------

NO_QUEUE = Template(
    "no_queue",
    "Your parent put none of the numbers on a `multiprocessing.Queue`{evidence}. Create "
    "`tasks = multiprocessing.Queue()`, put the numbers on it from the parent, and let the "
    "consumers `get()` them.",
)
ITEMS_NOT_PUT = Template(
    "items_not_put",
    "The parent never put {missing} on a queue. Put each of the numbers {first} to {last} on it once.",
)
ITEM_TAKEN_TWICE = Template(
    "item_taken_twice",
    "The item {item} was taken from the queue {count} times ({labels}); each item must be consumed "
    "exactly once.",
)
ITEM_NOT_TAKEN = Template(
    "item_not_taken",
    "Nobody took {items} from the queue: every item the parent puts must be consumed by a consumer.",
)
ITEM_TAKEN_BY_MAIN = Template(
    "item_taken_by_main",
    "The main process (pid {pid}) took {items} from the queue itself: the consumers, child "
    "processes, must take every item.",
)
TOO_FEW_CONSUMERS_WORKED = Template(
    "too_few_consumers_worked",
    "Only {worked} of your {consumers} consumers took a number from the queue ({labels}); the "
    "task asks for {expected} consumers that each do part of the work. Start all the consumers "
    "before the numbers run out, and give each item a little time (`time.sleep(0.1)`).",
)
SENTINELS_WRONG = Template(
    "sentinels_wrong",
    "Your parent put {sentinels} sentinel(s) (`None`) on the queue for {consumers} consumers. A "
    "consumer waits forever: put one sentinel per consumer, after the numbers, so each one "
    "stops when it takes its own.",
)
CONSUMER_NOT_STOPPED_BY_SENTINEL = Template(
    "consumer_not_stopped_by_sentinel",
    "{label} stopped without taking a sentinel (it took {items}): a consumer must loop on "
    "`get()` until it receives `None`, not stop on a timeout or a count.",
)
RESULTS_NOT_FROM_CONSUMERS = Template(
    "results_not_from_consumers",
    "The parent logged the total, but it did not take the {count} squares from a queue the "
    "consumers put them on (it took {taken}). Have each consumer `put()` its squares on a results "
    "queue, and add up what the parent `get()`s from it.",
)

# --- pipes ---------------------------------------------------------------------------------

NO_PIPE = Template(
    "no_pipe",
    "Your program sent nothing over a `multiprocessing.Pipe()`{evidence}. Create "
    "`parent_end, child_end = multiprocessing.Pipe()`, give `child_end` to the child, and "
    "`send()`/`recv()` on the two ends.",
)
PIPE_NOT_DELIVERED = Template(
    "pipe_not_delivered",
    "The {sender} sent {item} over the pipe, but the {receiver} never received it from the other end. {fix}",
)
PIPE_SEND_FIX = Template(
    "pipe_send_fix",
    "The parent sends each number on its end; the child receives it with `recv()` on its end.",
)
PIPE_REPLY_FIX = Template(
    "pipe_reply_fix",
    "The child sends each reply back on its end of the pipe; the parent receives it with `recv()`: "
    "a pipe carries messages both ways.",
)
PIPE_NEVER_SENT = Template("pipe_never_sent", "The {sender} never sent {items} over a pipe. {fix}")
REPLY_NOT_DOUBLED = Template(
    "reply_not_doubled",
    "The child replied {reply} after receiving {number}: each reply must be the number it "
    "received, doubled, computed in the child.",
)
PIPE_END_NOT_CLOSED = Template(
    "pipe_end_not_closed",
    "{label} used its end of the pipe but never closed it. Call `close()` on your end when the "
    "conversation is over, in the parent and in the child.",
)

# --- a shared Value and its lock --------------------------------------------------------------

NO_VALUE_WRITES = Template(
    "no_value_writes",
    "No child process changed a shared `multiprocessing.Value` through `.value`{evidence}. Create "
    '`counter = multiprocessing.Value("i", 0)`, pass it in `args=` to each process, and add '
    "with `counter.value += 1`.",
)
WRONG_VALUE_WRITES = Template(
    "wrong_value_writes",
    "{label} wrote the counter {writes} times; the task asks each of the {children} children to "
    "add 1 to it {expected} times.",
)
PARENT_WROTE_VALUE = Template(
    "parent_wrote_value",
    "The parent, {label}, wrote the counter {writes} times: the children must do every "
    "increment, the parent only starts them, joins them and logs.",
)
UNLOCKED_WRITES = Template(
    "unlocked_writes",
    "{unlocked} of the {writes} writes to the counter were made without holding its lock "
    "({labels}). `counter.value += 1` reads the value, adds 1 and writes it back: without the "
    "lock, two processes can read the same value and both write it plus 1, so one addition is "
    "lost. {outcome} Hold the lock around each increment: `with counter.get_lock(): counter.value += 1`.",
)
UPDATES_LOST = Template(
    "updates_lost",
    "This run lost {lost} updates: the children wrote the counter {writes} times, yet it ended "
    "at {final}, and {overwrote} writes put back a value no higher than the one they replaced "
    "(e.g. {old} -> {new}).",
)
UPDATES_LUCKY = Template("updates_lucky", "This run happened to lose none, but the next one may.")
