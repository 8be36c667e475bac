"""The messages of the checks of queues, pipes and a shared Value (``judge/exchange_checks.py``).

Like ``judge/messages.py``: each template carries the stable kind of finding it reports.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "CONSUMER_NOT_STOPPED_BY_SENTINEL",
    "ITEMS_NOT_PUT",
    "ITEM_NOT_TAKEN",
    "ITEM_TAKEN_BY_MAIN",
    "ITEM_TAKEN_TWICE",
    "NO_PIPE",
    "NO_QUEUE",
    "NO_VALUE_WRITES",
    "PARENT_WROTE_VALUE",
    "PIPE_END_NOT_CLOSED",
    "PIPE_NEVER_SENT",
    "PIPE_NOT_DELIVERED",
    "PIPE_REPLY_FIX",
    "PIPE_SEND_FIX",
    "REPLY_NOT_DOUBLED",
    "RESULTS_NOT_FROM_CONSUMERS",
    "SENTINELS_WRONG",
    "TOO_FEW_CONSUMERS_WORKED",
    "UNLOCKED_WRITES",
    "UPDATES_LOST",
    "UPDATES_LUCKY",
    "WRONG_VALUE_WRITES",
]

# --- queues ------------------------------------------------------------------------------

NO_QUEUE = Template(
    "no_queue",
    "Your parent put none of the numbers on a `multiprocessing.Queue`{evidence}. Create "
    "`tasks = multiprocessing.Queue()`, put the numbers on it from the parent, and let the "
    "consumers `get()` them.",
)
ITEMS_NOT_PUT = Template(
    "items_not_put",
    "The parent never put {missing} on a queue. Put each of the {count} numbers{items} on it once.",
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
    "The main process did not take the {count} squares from a queue the consumers put them on "
    "(it took {taken}). Have each consumer `put()` its squares on a results "
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
