"""The messages of the kata checks: what happened, with the run's facts, and what to change.

Each template carries the kind of finding it reports (``NO_LOG_FILE`` is of kind ``no_log_file``),
written here once and stored in grades.json; tests import the templates from this module rather
than retype them.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "CHILD_CRASHED",
    "CHILD_EXIT_CODE",
    "DUPLICATE_LINES",
    "ELEMENT_NOT_SQUARED_BY_ONE_CHILD",
    "LEFT_RUNNING",
    "LOGGED_BEFORE_JOIN",
    "LOGGED_NOT_BY_PARENT",
    "LOST_CHILD_LOGS",
    "MAIN_REDID_WORK",
    "MISSING_LINES",
    "NOT_BY_LOGGING",
    "NOT_JOINED",
    "NOT_STARTED_TOGETHER",
    "NO_CHILDREN",
    "NO_LOG_FILE",
    "NO_OVERLAP",
    "NO_POOL",
    "NO_SHARED_ARRAY",
    "NO_TASKS",
    "NO_TIMESTAMP",
    "OUTPUT_IGNORES_INPUT",
    "OUTPUT_NOT_FROM_INPUT",
    "PARENT_WROTE",
    "POOL_NOT_CLOSE_JOIN",
    "POOL_NOT_SHUT_DOWN",
    "POOL_TOO_SMALL",
    "POOL_WRONG_SIZE",
    "PRINTED_NOT_LOGGED",
    "RAN_IN_MAIN",
    "SAME_WRITER",
    "SHARED_STATE_USED",
    "SHUTDOWN_NAMES",
    "START_FAILED",
    "TASKS_IN_MAIN",
    "THREAD_DID_OTHER_WORK",
    "THREAD_NOT_IN_MAIN",
    "THREAD_NOT_JOINED",
    "THREAD_POOL",
    "TOO_FEW_WORKERS_BUSY",
    "UNEXPECTED_LINES",
    "USED_FORK",
    "USED_THREADS",
    "WRITTEN_BY_FORK",
    "WRITTEN_BY_MAIN",
    "WRITTEN_BY_THREAD",
    "WRONG_CHILD_COUNT",
    "WRONG_ORDER",
    "WRONG_PID_IN_LINE",
    "WRONG_RESULTS",
    "WRONG_TASK_COUNT",
]

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
LOGGED_NOT_BY_PARENT = Template(
    "logged_not_by_parent",
    "The line {message!r} was logged by {label}, not by the parent: the parent logs it, once it "
    "has joined every child, from what the children sent or left behind.",
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
THREAD_DID_OTHER_WORK = Template(
    "thread_did_other_work",
    "Your thread {name} ran {target}, not {process_target}, the function your child process ran: "
    "run the same function in the thread, so that the two results show what each one shares.",
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

# --- a run with inputs the checker chose ------------------------------------------------

OUTPUT_IGNORES_INPUT = Template(
    "output_ignores_input",
    "test.log should then hold {expected}, but holds {logged}: exactly what the stated input gives. "
    "Your program ignores its input or writes its answer by hand: compute the output from the constant.",
)
OUTPUT_NOT_FROM_INPUT = Template(
    "output_not_from_input",
    "test.log should then hold {expected}, but holds {logged}. Compute every value from the "
    "constant, not from numbers written elsewhere in your code.",
)
