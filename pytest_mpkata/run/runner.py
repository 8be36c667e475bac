"""Run a learner's program for real, in isolation, and collect what it left.

The runner copies the learner's file into a fresh, empty working directory,
starts ``_supervisor.py`` (which starts ``python <file>`` with the tracer
injected and the start method forced), waits for its verdict, and reads back
bounded output, the log file and the trace.  It never judges: deciding whether
the run was right is ``checks.py``'s job.  It never imports pytest.
"""

from __future__ import annotations

import functools
import json
import os
import py_compile
import shutil
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_mpkata.run import protocol, records, sandboxing
from pytest_mpkata.run._tracer import TRACER_DIR
from pytest_mpkata.run.blocks_left import remove_blocks_left
from pytest_mpkata.run.server import SupervisorServer, supervise_alone
from pytest_mpkata.run.startmethods import START_METHODS, available_start_methods

__all__ = [
    "START_METHODS",
    "RawRun",
    "RunLimits",
    "RunRequest",
    "available_start_methods",
    "run_program",
]

LOG_FILE_NAME = protocol.LOG_FILE_NAME
OUTPUT_HEAD = 48_000
OUTPUT_TAIL = 12_000
TRACE_READ_LIMIT = 16 * 2**20
TRACE_FILE_NAME = "trace.jsonl"
SUPERVISOR_MARGIN = 20.0


@dataclass(frozen=True)
class RunLimits:
    """Bounds that keep a learner's program from harming the machine or the session."""

    time_limit: float = 10.0
    process_limit: int = 64
    output_limit: int = 2_000_000
    file_limit: int = 32 * 2**20
    memory_limit: int = 4 * 2**30
    settle: float = 0.5


@dataclass(frozen=True)
class RunRequest:
    """What to run: one learner file, under one start method, within limits."""

    script: Path
    start_method: str | None = None
    limits: RunLimits = field(default_factory=RunLimits)
    script_name: str | None = None
    extra_env: Mapping[str, str] = field(default_factory=dict)
    source: str | None = None
    sandbox: str = "off: not requested"
    """``landlock`` to sandbox the run (namespaces are added where allowed), else ``off: <why>``."""

    @property
    def name(self) -> str:
        return self.script_name or self.script.name


@dataclass(frozen=True)
class RawRun:
    """Everything a run left behind, before any interpretation."""

    request: RunRequest
    reason: str
    exit_code: int | None
    main_pid: int | None
    duration: float
    stdout: str
    stderr: str
    stdout_size: int
    stderr_size: int
    log_text: str | None
    log_size: int
    trace: tuple[dict[str, Any], ...]
    leftovers: tuple[dict[str, Any], ...]
    killed: int
    peak_processes: int
    workdir_files: tuple[str, ...]
    log_path: str
    sandbox: str = "off: not requested"
    observer: str = "off: not observed"
    """How the supervisor followed the processes (``ptrace``), or ``off: <why>``."""
    channel: str = "file: not stamped"
    """``stamped`` when every record carries the pid the kernel says sent it."""
    kernel_processes: tuple[dict[str, Any], ...] = ()
    """The processes the kernel reported (``protocol.FACT_*`` keys), in order of creation."""
    junk: int = 0
    """Messages on the trace channel that are no record (only a forgery writes them)."""
    stopped_at: float | None = None
    """When the supervisor decided to stop the program (the trace records' clock); None when
    it ended on its own."""
    writes_watched: str = "off: not watched"
    """``syscalls`` when the kernel's account of writes to test.log, stdout and stderr is in ``writes``."""
    output: str = "file: not stamped"
    """``stamped`` when stdout and stderr came through the supervisor with each writer's pid."""
    writes: tuple[dict[str, Any], ...] = ()
    """What each process wrote to each watched file (``protocol.WRITE_*`` keys)."""
    blocks_left: tuple[str, ...] = ()
    """Shared memory blocks the run created and left in ``/dev/shm`` (the grader removed them)."""


def read_bounded(path: Path, head: int = OUTPUT_HEAD, tail: int = OUTPUT_TAIL) -> tuple[str, int]:
    """Read a possibly huge file as its head and tail; return the text and the full size."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            if size <= head + tail:
                return handle.read().decode("utf-8", "replace"), size
            first = handle.read(head)
            handle.seek(size - tail)
            last = handle.read()
    except OSError:
        return "", 0
    omitted = size - head - tail
    text = first + f"\n[... {omitted} bytes omitted ...]\n".encode() + last
    return text.decode("utf-8", "replace"), size


def read_trace(path: Path) -> tuple[dict[str, Any], ...]:
    """Parse the trace's JSON lines, skipping any line a killed process left half-written."""
    try:
        with path.open("rb") as handle:
            data = handle.read(TRACE_READ_LIMIT)
    except OSError:
        return ()
    decoded = (records.decode(line) for line in data.split(records.RECORD_END))
    return tuple(record for record in decoded if record is not None)


def learner_environment(request: RunRequest, trace_path: Path) -> dict[str, str]:
    """Build the learner's environment: the tracer first on the path, nothing of ours leaking.

    A graded run keeps only what Python, the locale and the tracer need, ``HOME`` in its run folder.
    """
    home = str(trace_path.parent / "work")
    inherited = sandboxing.inherited_environment(request.sandbox, os.environ, home)
    env = {k: v for k, v in inherited.items() if not k.startswith(("PYTEST_", "COV_CORE_"))}
    env.pop("COVERAGE_PROCESS_START", None)
    env.pop("COVERAGE_PROCESS_CONFIG", None)
    path = [str(TRACER_DIR)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env.update(
        PYTHONPATH=os.pathsep.join(path),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
        **{
            records.TRACE_FILE_VARIABLE: str(trace_path),
            records.START_METHOD_VARIABLE: request.start_method or "",
        },
    )
    env.update(request.extra_env)
    return env


def _prepare(request: RunRequest, run_dir: Path) -> dict[str, Any]:
    workdir = run_dir / "work"
    workdir.mkdir()
    target = workdir / request.name
    if request.source is not None:
        target.write_text(request.source, encoding="utf-8")
    else:
        shutil.copyfile(request.script, target)
    limits = request.limits
    env = learner_environment(request, run_dir / TRACE_FILE_NAME)
    spec = {
        protocol.REQUEST_PYTHON: sys.executable,
        protocol.REQUEST_SCRIPT_NAME: request.name,
        protocol.REQUEST_WORKDIR: str(workdir),
        protocol.REQUEST_ENV: env,
        protocol.REQUEST_STDOUT_PATH: str(run_dir / "stdout"),
        protocol.REQUEST_STDERR_PATH: str(run_dir / "stderr"),
        protocol.REQUEST_TRACE_PATH: str(run_dir / TRACE_FILE_NAME),
        protocol.REQUEST_VERDICT_PATH: str(run_dir / "verdict.json"),
        protocol.REQUEST_TIME_LIMIT: limits.time_limit,
        protocol.REQUEST_PROCESS_LIMIT: limits.process_limit,
        protocol.REQUEST_OUTPUT_LIMIT: limits.output_limit,
        protocol.REQUEST_FILE_LIMIT: limits.file_limit,
        protocol.REQUEST_MEMORY_LIMIT: limits.memory_limit if sys.platform.startswith("linux") else 0,
        protocol.REQUEST_SETTLE: limits.settle,
        protocol.REQUEST_PARENT_PID: os.getpid(),
    }
    if request.sandbox == sandboxing.LANDLOCK:
        env["TMPDIR"] = sandboxing.private_tmp(run_dir)
        spec[protocol.REQUEST_SANDBOX] = sandboxing.sandbox_spec(run_dir, workdir, env)
    return spec


def _supervise(spec: dict[str, Any], run_dir: Path) -> dict[str, Any]:
    """Have the run supervised and return its verdict; on interruption let the supervisor clean up."""
    spec_path = run_dir / "request.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    errors = b""
    timeout = spec[protocol.REQUEST_TIME_LIMIT] + SUPERVISOR_MARGIN
    if SupervisorServer.usable():
        SupervisorServer.get().run(spec_path, timeout)
    else:
        errors = supervise_alone(spec_path, timeout)
    try:
        verdict: dict[str, Any] = json.loads(Path(spec[protocol.REQUEST_VERDICT_PATH]).read_text("utf-8"))
    except (OSError, ValueError):
        message = errors.decode("utf-8", "replace")[-2000:] or "the supervisor wrote no verdict"
        verdict = {
            protocol.VERDICT_REASON: protocol.SUPERVISOR_FAILED,
            protocol.VERDICT_EXIT_CODE: None,
            protocol.VERDICT_ERROR: message,
        }
    return verdict


def _collect(request: RunRequest, spec: dict[str, Any], verdict: dict[str, Any]) -> RawRun:
    run_dir = Path(spec[protocol.REQUEST_VERDICT_PATH]).parent
    workdir = Path(spec[protocol.REQUEST_WORKDIR])
    stdout, stdout_size = read_bounded(run_dir / "stdout")
    stderr, stderr_size = read_bounded(run_dir / "stderr")
    log_path = workdir / LOG_FILE_NAME
    # a link would let the program show us (and its feedback) a file it may not read itself
    readable = log_path.is_file() and not log_path.is_symlink()
    log_text, log_size = read_bounded(log_path) if readable else (None, 0)
    reason = verdict.get(protocol.VERDICT_REASON, protocol.SUPERVISOR_FAILED)
    trace = read_trace(run_dir / TRACE_FILE_NAME)
    duration = float(verdict.get(protocol.VERDICT_DURATION, 0.0))
    sandbox = _sandbox_used(request, spec, verdict)
    # in its own namespaces a run's /dev/shm was its own, gone with it: the host's is none of its business
    blocks_left = () if "namespaces" in sandbox.split(" ")[0] else remove_blocks_left(trace, duration)
    if reason == protocol.SUPERVISOR_FAILED and verdict.get(protocol.VERDICT_ERROR):
        stderr = str(verdict[protocol.VERDICT_ERROR])  # the grader's failure, not a child's traceback
    return RawRun(
        request=request,
        reason=reason,
        exit_code=verdict.get(protocol.VERDICT_EXIT_CODE),
        main_pid=verdict.get(protocol.VERDICT_MAIN_PID),
        duration=duration,
        stdout=stdout,
        stderr=stderr or verdict.get(protocol.VERDICT_ERROR, ""),
        stdout_size=stdout_size,
        stderr_size=stderr_size,
        log_text=log_text,
        log_size=log_size,
        trace=trace,
        blocks_left=blocks_left,
        leftovers=tuple(verdict.get(protocol.VERDICT_LEFTOVERS, ())),
        killed=int(verdict.get(protocol.VERDICT_KILLED, 0)),
        peak_processes=int(verdict.get(protocol.VERDICT_PEAK_PROCESSES, 0)),
        workdir_files=tuple(sorted(p.name for p in workdir.iterdir())),
        log_path=str(log_path),
        sandbox=sandbox,
        observer=str(verdict.get(protocol.VERDICT_OBSERVER, "off: the supervisor did not say")),
        channel=str(verdict.get(protocol.VERDICT_CHANNEL, "file: the supervisor did not say")),
        kernel_processes=tuple(verdict.get(protocol.VERDICT_PROCESSES, ())),
        junk=int(verdict.get(protocol.VERDICT_JUNK, 0)),
        stopped_at=verdict.get(protocol.VERDICT_STOPPED_AT),
        writes_watched=str(verdict.get(protocol.VERDICT_WRITES_WATCHED, "off: the supervisor did not say")),
        output=str(verdict.get(protocol.VERDICT_OUTPUT, "file: the supervisor did not say")),
        writes=tuple(verdict.get(protocol.VERDICT_WRITES, ())),
    )


def _sandbox_used(request: RunRequest, spec: dict[str, Any], verdict: dict[str, Any]) -> str:
    if protocol.REQUEST_SANDBOX not in spec:
        return request.sandbox
    return str(verdict.get(protocol.VERDICT_SANDBOX, request.sandbox))


@functools.cache
def compile_tracer() -> None:
    """Write the bytecode of the tracer and of the record schema it loads, where their folders allow it.

    Learner processes run with PYTHONDONTWRITEBYTECODE=1, so an uncached tracer (an editable
    install) would be compiled from source again in every process of every run.
    """
    for source in [*sorted(TRACER_DIR.rglob("*.py")), Path(records.__file__), Path(protocol.__file__)]:
        try:
            py_compile.compile(str(source), doraise=True)
        except (OSError, py_compile.PyCompileError):
            continue


def run_program(request: RunRequest, base_dir: Path | None = None, keep: bool = False) -> RawRun:
    """Run one learner program to the end (or its limit) and return what it left.

    A run the supervisor could not supervise (no verdict, a sandbox that could not be set up)
    failed on the grader's side, not the program's: it is run once more, and only a second
    failure is reported (the judge calls it a grader error, never the learner's).
    """
    compile_tracer()
    raw = _run_once(request, base_dir, keep)
    if raw.reason == protocol.SUPERVISOR_FAILED:
        raw = _run_once(request, base_dir, keep)
    return raw


def _run_once(request: RunRequest, base_dir: Path | None, keep: bool) -> RawRun:
    run_dir = Path(tempfile.mkdtemp(prefix="mpkata-run-", dir=base_dir))
    spec: dict[str, Any] = {}
    try:
        spec = _prepare(request, run_dir)
        verdict = _supervise(spec, run_dir)
        return _collect(request, spec, verdict)
    finally:
        tmp = spec.get(protocol.REQUEST_ENV, {}).get("TMPDIR", "")
        if protocol.REQUEST_SANDBOX in spec and not tmp.startswith(str(run_dir)):
            shutil.rmtree(tmp, ignore_errors=True)
        if not keep:
            shutil.rmtree(run_dir, ignore_errors=True)
