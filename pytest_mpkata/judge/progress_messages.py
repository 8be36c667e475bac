"""The messages of the checks of progress read from a pool (``judge/progress_checks.py``).

Like ``judge/messages.py``: each template carries the stable kind of finding it reports.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "ITERATOR_NEVER_READ",
    "METHOD_WHY",
    "NO_PROGRESS_LINES",
    "ONE_WORKER_DID_ALL",
    "PROGRESS_COUNT_WRONG",
    "PROGRESS_IN_WORKER",
    "PROGRESS_NOT_LIVE",
    "PROGRESS_VALUE_WRONG",
    "READ_AFTER_ALL_ENDED",
    "READ_NOT_ONCE_EACH",
    "WRONG_POOL_METHOD",
]

WRONG_POOL_METHOD = Template(
    "wrong_pool_method",
    "Your program handed the work to the pool with `{used}`: {why} Use "
    "`pool.imap_unordered(function, inputs)` and loop over what it returns: each result comes "
    "out as soon as any worker finishes it.",
)
METHOD_WHY = {
    "map": "`map` returns only once every task is done, so no result can be shown before the last.",
    "map_async": "`map_async(...).get()` returns only once every task is done.",
    "imap": "`imap` hands results back in input order, so one slow task holds back all that follow.",
    "apply": "`apply` waits for each task before the next one starts.",
    "apply_async": "results of `apply_async` come back one `.get()` at a time, in the order you ask.",
}
"""Why each other pool method shows no progress as tasks complete."""
ITERATOR_NEVER_READ = Template(
    "iterator_never_read",
    "Your program called `imap_unordered` but never read a result from the iterator it returned: "
    "the {count} tasks ran in the workers and their results were thrown away. Loop over the iterator "
    "(`for value in pool.imap_unordered(...)`) before you close the pool.",
)
READ_NOT_ONCE_EACH = Template(
    "read_not_once_each",
    "Your parent read {read} values from the pool for the {count} results the workers returned "
    "(read: {values}). Read the iterator exactly once, to its end, and handle each value as it comes.",
)
READ_AFTER_ALL_ENDED = Template(
    "read_after_all_ended",
    "Your parent read its first result only after the last task had ended (in worker pid {pid}): "
    "nothing was read while work remained, so there was no progress to show. Joining the pool (or "
    "waiting) before the loop does that: loop over the iterator while the workers run, and close "
    "and join the pool after the loop.",
)
ONE_WORKER_DID_ALL = Template(
    "one_worker_did_all",
    "All {count} tasks ran in one worker process (pid {pid}): a `chunksize` as large as the work "
    "hands it all to the first worker free. Leave `chunksize` out (or keep it small) so every "
    "worker gets tasks.",
)
NO_PROGRESS_LINES = Template(
    "no_progress_lines",
    "test.log holds no progress line like `{example}`, logged with `logging` by your parent. Log one "
    "line in the loop that reads the results, right after each result arrives.",
)
PROGRESS_IN_WORKER = Template(
    "progress_in_worker",
    "The progress line `{message}` was logged by worker pid {pid}, not by your parent (pid {main}): a "
    "worker cannot know how many results the parent has received. Log progress in the parent's loop "
    "over the results.",
)
PROGRESS_COUNT_WRONG = Template(
    "progress_count_wrong",
    "Progress line {number} says `{message}`: it should count {number} of {total} results received "
    "so far. Keep a counter in the parent that goes up by one with each result you read.",
)
PROGRESS_VALUE_WRONG = Template(
    "progress_value_wrong",
    "Progress line {number} says `{message}`, but result {number} your parent read was {value}. Log "
    "the value you just read from the iterator.",
)
PROGRESS_NOT_LIVE = Template(
    "progress_not_live",
    "`{message}` was logged only after your parent had read result {later} as well: the progress "
    "lines came after the reading, not with it (`list(...)` around the iterator reads every result "
    "before your loop starts). Log each line inside the loop over the iterator, right after reading "
    "its result.",
)
