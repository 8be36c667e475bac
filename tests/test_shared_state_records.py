"""Manager proxies and shared memory blocks: record kinds in three places (schema, tracer patch,
``MOMENTS``), recorded in the process that made each call under every start method, the manager's
server kept apart as a helper, and a block nobody unlinked removed by the grader."""

from __future__ import annotations

from pathlib import Path

from mpkata_testing import hand_made_result

from pytest_mpkata import checks
from pytest_mpkata.judge.picture import render
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import Moment, ProcessInfo

MANAGER_PROGRAM = """
    import multiprocessing

    def store(word, lengths):
        lengths[word] = len(word)
        lengths.update({word.upper(): len(word)})

    if __name__ == "__main__":
        with multiprocessing.Manager() as manager:
            lengths = manager.dict()
            children = [multiprocessing.Process(target=store, args=(w, lengths)) for w in ("ab", "cde")]
            for child in children:
                child.start()
            for child in children:
                child.join()
            print(sorted(lengths.items()))
        try:
            lengths.keys()
        except Exception as error:
            print("gone:", type(error).__name__)
"""

BLOCK_PROGRAM = """
    import multiprocessing
    from multiprocessing import shared_memory

    def fill(name, index):
        block = shared_memory.SharedMemory(name=name)
        block.buf[index * 4 : index * 4 + 4] = bytes([index + 1]) * 4
        block.close()

    if __name__ == "__main__":
        block = shared_memory.SharedMemory(create=True, size=12)
        children = [multiprocessing.Process(target=fill, args=(block.name, i)) for i in range(3)]
        for child in children:
            child.start()
        for child in children:
            child.join()
        print(bytes(block.buf).hex())
        block.close()
        block.unlink()
"""


def test_each_proxy_call_is_recorded_in_the_process_that_made_it(learner_program, start_method: str) -> None:
    result = learner_program.run(MANAGER_PROGRAM, start_method)

    assert result.finished_normally, result.stderr
    children = sorted(result.children_of(result.main), key=lambda p: "cde" in str(p.args))
    assert len(children) == 2, "the manager's server is no child of the program"
    (server,) = [p for p in result.processes if p.target and p.target.endswith("_run_server")]
    assert server.role == "helper"
    writes = result.moments_of(records.PROXY_WRITE)
    assert {(w.pid, w.get("key")) for w in writes} == {
        (children[0].pid, "'ab'"),
        (children[0].pid, "'AB'"),
        (children[1].pid, "'cde'"),
        (children[1].pid, "'CDE'"),
    }
    served = result.moments_of(records.PROXY_SERVED)
    assert {m.pid for m in served} == {server.pid}
    assert {(m.get("peer"), m.get("key")) for m in served} == {(w.pid, w.get("key")) for w in writes}
    reads = result.moments_of(records.PROXY_READ, pid=result.main.pid)
    assert [(r.get("method"), bool(r.get("error"))) for r in reads] == [("items", False), ("keys", True)]
    assert "MainProcess (pid" in str(checks.parent_read_after_joining(result))
    assert "manager's server had stopped" in str(checks.parent_read_after_joining(result))


def test_the_picture_tells_proxy_writes_and_names_the_manager_server(learner_program) -> None:
    result = learner_program.run(MANAGER_PROGRAM, "fork")

    picture = render(result)

    (child,) = [p for p in result.children_of(result.main) if "'ab'" in str(p.args)]
    assert f"{child.name} {child.pid}: wrote dict 1 (__setitem__ 'ab')" in picture
    assert f"MainProcess {result.main.pid}: read dict 1 (items)" in picture
    assert "(not drawn: manager server" in picture
    (server,) = [p for p in result.processes if p.role == "helper" and p.name]
    assert f"{server.name} {server.pid}: served dict 1 (" in picture


def test_each_child_s_window_on_a_block_shows_the_slice_it_wrote(learner_program, start_method: str) -> None:
    result = learner_program.run(BLOCK_PROGRAM, start_method)

    assert result.finished_normally, result.stderr
    (created,) = result.moments_of(records.SHM_CREATE)
    assert created.pid == result.main.pid and created.get("size") >= 12
    for child in result.children_of(result.main):
        (attach,) = result.moments_of(records.SHM_ATTACH, pid=child.pid)
        (close,) = result.moments_of(records.SHM_CLOSE, pid=child.pid)
        assert attach.get("block") == close.get("block") == created.get("block")
        assert attach.get("contents") != close.get("contents")
    assert checks.children_wrote_their_slices(result, 3, 4) is None
    assert checks.block_closed_and_unlinked_by_parent(result) is None
    assert result.blocks_left == ()
    assert "leaked" not in result.stderr, "a correct program gets no warning from the resource tracker"


def test_a_child_that_never_closes_its_handle_is_read_as_it_ends(learner_program, start_method: str) -> None:
    kept = BLOCK_PROGRAM.replace("        block.close()\n", "        KEPT.append(block)\n", 1)
    result = learner_program.run(kept.replace("    def fill", "    KEPT = []\n\n    def fill"), start_method)

    assert result.finished_normally, result.stderr
    closes = result.moments_of(records.SHM_CLOSE)
    assert {c.pid for c in closes if c.get("at_exit")} == {p.pid for p in result.children_of(result.main)}
    assert checks.children_wrote_their_slices(result, 3, 4) is None


def test_a_block_nobody_unlinked_is_removed_by_the_grader_and_named(learner_program) -> None:
    """The resource tracker would remove it too: a program that unregisters it leaves it for good."""
    result = learner_program.run(
        """
        from multiprocessing import resource_tracker, shared_memory

        block = shared_memory.SharedMemory(create=True, size=16)
        resource_tracker.unregister(block._name, "shared_memory")
        block.close()
        """,
        "fork",
    )

    (created,) = result.moments_of(records.SHM_CREATE)
    name = str(created.get("block"))
    assert result.blocks_left == (name,)
    assert not (Path("/dev/shm") / name).exists()
    message = str(checks.block_closed_and_unlinked_by_parent(result))
    assert f"never unlinked the block {name} (it was still in /dev/shm" in message


def test_a_write_the_manager_s_server_never_received_from_its_writer_does_not_count() -> None:
    main = ProcessInfo(pid=100, role="main", name="MainProcess")
    children = tuple(
        ProcessInfo(pid=pid, role="child", name=f"Process-{pid}", started_by=100) for pid in (201, 202)
    )

    def write(pid: int, key: str) -> Moment:
        return Moment(records.PROXY_WRITE, pid, 1.0, "MainThread", (("proxy", "7f1"), ("key", key)))

    def served(peer: int, key: str) -> Moment:
        return Moment(
            records.PROXY_SERVED, 150, 1.0, "MainThread", (("peer", peer), ("proxy", "7f1"), ("key", key))
        )

    honest = (write(201, "'a'"), served(201, "'a'"), write(202, "'b'"), served(202, "'b'"))
    forged = (write(201, "'a'"), served(201, "'a'"), write(202, "'b'"), served(201, "'b'"))

    run = hand_made_result(processes=(main, *children), moments=honest)
    assert checks.children_wrote_manager_dict(run, 2, ["a", "b"]) is None
    message = checks.children_wrote_manager_dict(
        hand_made_result(processes=(main, *children), moments=forged), 2, ["a", "b"]
    )
    assert message is not None and message.startswith("Process-202 (pid 202) says it stored 'b'")
    flooded = hand_made_result(processes=(main, *children), moments=forged, messages_dropped=1)
    assert checks.children_wrote_manager_dict(flooded, 2, ["a", "b"]) is None, (
        "the server's record may be the one dropped"
    )
