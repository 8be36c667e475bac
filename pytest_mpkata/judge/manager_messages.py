"""The messages of the checks of a manager's shared dict (``judge/manager_checks.py``).

Like ``judge/messages.py``: each template carries the stable kind of finding it reports.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "CHILD_WROTE_NOTHING",
    "KEY_NOT_WRITTEN",
    "MANAGER_GONE",
    "NEVER_READ",
    "PARENT_WROTE_PROXY",
    "PLAIN_DICT",
    "READ_BEFORE_JOIN",
    "WRITE_NOT_SERVED",
]

PLAIN_DICT = Template(
    "plain_dict",
    "Your children ({labels}) ran, but none of them wrote into a `Manager().dict()`: a plain dict "
    "passed to a child is copied into it, so what each child stored stayed in its own copy and "
    "was lost when it exited. Make the dict with `lengths = manager.dict()` inside "
    "`with multiprocessing.Manager() as manager:` and pass that to the children.",
)
MANAGER_GONE = Template(
    "manager_gone",
    "{label} called `{method}` on the manager's dict after the manager's server had stopped "
    "({error}): the server shuts down when the `with multiprocessing.Manager()` block ends (or "
    "at `shutdown()`), and the dict goes with it. Read the dict inside the block.",
)
PARENT_WROTE_PROXY = Template(
    "parent_wrote_proxy",
    "The parent, {label}, stored {keys} in the manager's dict itself: each child must store its "
    "own result, the parent only starts the children, joins them and reads the dict.",
)
CHILD_WROTE_NOTHING = Template(
    "child_wrote_nothing",
    "{label} stored nothing in the manager's dict (the keys stored were {written}, by {writers}): "
    "each child stores the result for its own word.",
)
KEY_NOT_WRITTEN = Template(
    "key_not_written",
    "No child stored the key {key} in the manager's dict (the children stored {written}): each "
    "child stores `lengths[word] = len(word)` for the word it was given.",
)
NEVER_READ = Template(
    "never_read",
    "The parent, {label}, never read the manager's dict the children wrote into. After joining "
    "them, read it (`lengths.items()`, `dict(lengths)`) and log what it holds.",
)
READ_BEFORE_JOIN = Template(
    "read_before_join",
    "The parent read the manager's dict ({method}) before it had joined {child}, and never "
    "after: a child not yet joined may not have stored its result. Join every child, then read.",
)
WRITE_NOT_SERVED = Template(
    "write_not_served",
    "{label} says it stored {key} in the manager's dict, but the manager's server never received "
    "that write from pid {pid} (the kernel names the process at the other end of each of the "
    "server's connections). Store each result through the proxy, `lengths[word] = len(word)`.",
)
