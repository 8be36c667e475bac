"""Checks for kata 16: four children write partial sums into their slices of a shared memory block."""

from pytest_mpkata import checks

CHILDREN = 4
SLICE = 8
SUMS = [sum(n * n for n in range(k * 250 + 1, (k + 1) * 250 + 1)) for k in range(CHILDREN)]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [f"sums: {SUMS}", f"total: {sum(SUMS)}"], ordered=True)


def test_each_child_wrote_its_own_slice(kata_run):
    kata_run.expect(checks.children_wrote_their_slices, CHILDREN, SLICE)


def test_parent_read_then_closed_and_unlinked_the_block(kata_run):
    kata_run.expect(checks.block_closed_and_unlinked_by_parent)
    kata_run.expect(checks.joined_before_logging, r"total: -?\d+")
