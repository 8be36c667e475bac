"""A program that forges its own trace earns nothing: the system's facts contradict it.

Each program in ``tests/cheats/`` fakes a kata a different way (records written straight into
the tracer's channel, a replayed trace, process starts replaced by calls in the main process,
a thread pool disguised as a process pool, the lock probe patched, bare forks with records
written through the tracer's own ``emit``, children that log or print to nowhere while main writes
their lines).  Every one is run for real, under every start
method, with the sandbox on and off, and must be judged ``tampered``; the reference solutions
never are (``test_katas.py`` grades them under the same cross-check).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_mpkata.judge.crosscheck import TAMPERED, contradictions, tampered
from pytest_mpkata.run import sandboxing
from pytest_mpkata.run.runner import RunRequest, run_program
from pytest_mpkata.run.startmethods import available_start_methods
from pytest_mpkata.trace.builder import build_result
from pytest_mpkata.trace.model import RunResult

ROOT = Path(__file__).resolve().parent.parent
CHEATS = Path(__file__).resolve().parent / "cheats"
LINUX = sys.platform.startswith("linux")

FORGERIES = {
    "forged_records": "four_numbered_processes.py",
    "replayed_trace": "four_numbered_processes.py",
    "patched_start": "four_numbered_processes.py",
    "thread_pool_disguised": "pool_map.py",
    "patched_lock_probe": "locked_counter.py",
    "child_logs_nowhere": "four_numbered_processes.py",
    "child_prints_nowhere": "four_numbered_processes.py",
    "main_maps_the_log": "four_numbered_processes.py",
}
"""Cheat -> the kata file it poses as; each contradicts the system under every start method."""
FORKED_FORGERY = "bare_fork_fake_records"
"""Bare os.fork() children claiming to be multiprocessing's: the system tells them apart from a
spawned or fork-server child; under ``fork`` they look alike, so only the other runs flag it."""

pytestmark = pytest.mark.skipif(not LINUX, reason="the kernel's facts come from Linux's ptrace")


def sandbox_modes() -> list[str]:
    modes = ["off: --mpkata-sandbox off"]
    if sandboxing.missing_mechanism() is None:
        modes.append(sandboxing.LANDLOCK)
    return modes


def run_cheat(name: str, method: str, sandbox: str, kata_file: str) -> RunResult:
    request = RunRequest(CHEATS / f"{name}.py", start_method=method, script_name=kata_file, sandbox=sandbox)
    return build_result(run_program(request))


@pytest.mark.parametrize("sandbox", sandbox_modes(), ids=lambda mode: mode.split(":")[0])
@pytest.mark.parametrize("method", available_start_methods())
@pytest.mark.parametrize("cheat", sorted(FORGERIES))
def test_a_forged_trace_is_judged_tampered(cheat: str, method: str, sandbox: str) -> None:
    result = run_cheat(cheat, method, sandbox, FORGERIES[cheat])

    finding = tampered(result)

    assert result.evidence.followed and result.evidence.stamped
    assert finding is not None, f"{cheat} under {method} was believed: {contradictions(result)}"
    assert finding.kind == TAMPERED
    assert finding.startswith("What your program recorded does not match what the system saw: ")


@pytest.mark.parametrize("sandbox", sandbox_modes(), ids=lambda mode: mode.split(":")[0])
@pytest.mark.parametrize("method", [m for m in available_start_methods() if m != "fork"])
def test_bare_forks_posing_as_multiprocessing_are_told_apart(method: str, sandbox: str) -> None:
    result = run_cheat(FORKED_FORGERY, method, sandbox, "four_numbered_processes.py")

    found = contradictions(result)

    assert found, f"bare forks passed as {method} children"
    assert all("no new interpreter" in line or "fork server" in line for line in found)


def test_the_contradiction_names_the_real_sender_and_the_claimed_pids() -> None:
    result = run_cheat("forged_records", "fork", sandbox_modes()[0], "four_numbered_processes.py")

    first = contradictions(result)[0]

    main = result.main.pid
    claimed = ", ".join(str(main + 100 + n) for n in range(4))
    assert first == f"process {main} sent 16 record(s) in the name of process(es) {claimed}"


def test_rebinding_a_tracer_module_is_refused_and_recorded() -> None:
    result = run_cheat("patched_lock_probe", "fork", sandbox_modes()[0], "locked_counter.py")

    assert [t.detail for t in result.evidence.tampering] == ["rebound _mpkata_tracer.values._lock_held"]
    assert "the tracer's _mpkata_tracer.values is read-only" in result.stderr


def test_a_class_of_cheats_scores_zero_on_every_faked_kata(tmp_path: Path) -> None:
    """Graded as instructors grade: every faked kata scores 0, flagged ``tampered`` in grades.json."""
    klass = tmp_path / "class"
    for cheat, kata_file in {**FORGERIES, FORKED_FORGERY: "four_numbered_processes.py"}.items():
        (klass / cheat).mkdir(parents=True)
        shutil.copyfile(CHEATS / f"{cheat}.py", klass / cheat / kata_file)
    katas = ["katas/02_four_numbered_processes", "katas/04_pool_map", "katas/10_locked_counter"]
    command = [sys.executable, "-m", "pytest", *katas, "-p", "no:cacheprovider", "-q"]
    command += ["--mpkata-submissions", str(klass), "--mpkata-report", str(tmp_path / "out")]
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False, timeout=600)

    grades = json.loads((tmp_path / "out" / "grades.json").read_text(encoding="utf-8"))

    for cheat, kata_file in {**FORGERIES, FORKED_FORGERY: "four_numbered_processes.py"}.items():
        kata = grades["submissions"][cheat]["katas"][Path(kata_file).stem]
        kinds = {check["kind"] for check in kata["failed_checks"]}
        assert kata["score"] == 0, f"{cheat} scored {kata['score']}"
        assert TAMPERED in kinds, f"{cheat} was not flagged: {kinds}"


def test_without_ptrace_an_honest_sandboxed_class_is_not_flagged() -> None:
    """Where ptrace is refused, a PID namespace's pids cannot be matched: nothing is claimed."""
    env = {**os.environ, "MPKATA_NO_PTRACE": "1"}
    sandbox = "on" if sandboxing.missing_mechanism() is None else "off"
    command = [sys.executable, "-m", "pytest", "katas/02_four_numbered_processes", "-p", "no:cacheprovider"]
    command += ["-q", "--mpkata-submission", "solutions", "--mpkata-sandbox", sandbox]
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=300
    )

    assert done.returncode == 0, done.stdout[-2000:]
    assert "does not match what the system saw" not in done.stdout


@pytest.mark.parametrize("method", available_start_methods())
def test_lines_written_by_main_in_its_childrens_name_are_named_with_the_real_writer(method: str) -> None:
    """The children really ran and really called ``logging.info``: only the kernel's account of
    who wrote test.log's bytes tells that main wrote every line."""
    result = run_cheat("child_logs_nowhere", method, sandbox_modes()[0], "four_numbered_processes.py")

    found = contradictions(result)

    assert result.evidence.watched
    assert len(found) == 4
    real_writer = f"was written by process {result.main.pid}, but the trace says process"
    assert all(real_writer in line for line in found)
