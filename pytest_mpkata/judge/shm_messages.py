"""The messages of the checks of a shared memory block (``judge/shm_checks.py``).

Like ``judge/messages.py``: each template carries the stable kind of finding it reports.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "BLOCK_NOT_UNLINKED",
    "CHILD_CREATED_BLOCK",
    "CHILD_WROTE_NOTHING",
    "CLOSED_BEFORE_JOIN",
    "LEFT_IN_DEV_SHM",
    "LEFT_TO_THE_TRACKER",
    "NOT_ATTACHED",
    "NO_BLOCK",
    "PARENT_NOT_CLOSED",
    "PARENT_WROTE_SLICES",
    "SLICE_UNWRITTEN",
    "TRACKER_WARNING",
    "UNLINKED_BY_CHILD",
]

NO_BLOCK = Template(
    "no_block",
    "Your parent, {label}, created no `SharedMemory` block. Create `block = "
    "shared_memory.SharedMemory(create=True, size=CHILDREN * SLICE)` and give each child `block.name`.",
)
CHILD_CREATED_BLOCK = Template(
    "child_created_block",
    "{label} created a block of its own ({block}) instead of attaching to the parent's by name: "
    "what it writes there never reaches the parent. In the child, attach with "
    "`shared_memory.SharedMemory(name=name)`, without `create=True`.",
)
NOT_ATTACHED = Template(
    "not_attached",
    "{label} never attached to the block {block} by its name. Pass `block.name` to the child and "
    "attach with `shared_memory.SharedMemory(name=name)`: a name works under every start method.",
)
PARENT_WROTE_SLICES = Template(
    "parent_wrote_slices",
    "Slice(s) {slices} of the block hold data, but no child changed them while it held the block: "
    "the parent, {label}, wrote them itself. Each child computes its sum and writes it into its "
    "own slice.",
)
CHILD_WROTE_NOTHING = Template(
    "child_wrote_nothing_to_block",
    "{label} attached to the block {block}, but every byte was the same when it let go of it: it "
    "wrote nothing. Write the child's sum into `block.buf[index * SLICE:(index + 1) * SLICE]`.",
)
SLICE_UNWRITTEN = Template(
    "slice_unwritten",
    "No child wrote slice {slice} (bytes {start} to {end}) of the block; the children changed "
    "slice(s) {written}. The child given `index` writes slice `index`.",
)
PARENT_NOT_CLOSED = Template(
    "parent_not_closed",
    "The parent, {label}, never called `close()` on the block {block}: after reading the sums, "
    "close it, then unlink it.",
)
CLOSED_BEFORE_JOIN = Template(
    "closed_before_join",
    "The parent closed the block {block} before it had joined {child}: a child not yet joined may "
    "not have written its slice. Join every child, then read, close and unlink.",
)
UNLINKED_BY_CHILD = Template(
    "unlinked_by_child",
    "{label} unlinked the block {block}: the parent unlinks it, once, after it has read the sums; "
    "a child only closes its own handle with `close()`.",
)
BLOCK_NOT_UNLINKED = Template(
    "block_not_unlinked",
    "The parent, {label}, never unlinked the block {block}{left}. `close()` only lets go of one "
    "process's view: the block stays in /dev/shm, taking memory, until `unlink()` removes it. "
    "Call `block.unlink()` once, in the parent, after `block.close()`.",
)
LEFT_IN_DEV_SHM = " (it was still in /dev/shm when your program had ended; the grader removed it)"
LEFT_TO_THE_TRACKER = (
    " (Python's resource tracker found it leaked as your program ended, removed it and warned: "
    '"leaked shared_memory objects")'
)
TRACKER_WARNING = "leaked shared_memory objects"
"""What the resource tracker writes to stderr when it removes a block nobody unlinked."""
