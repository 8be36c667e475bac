"""Measure what the tracer costs a learner's program, per process, under each start method.

Usage (from the repository root, in the project's virtual environment):

    python bench/tracer_overhead.py                         # 10 runs per column
    python bench/tracer_overhead.py --runs 30 --program print_lines
    python bench/tracer_overhead.py --quick                 # 2 runs per column (what CI runs)

One program of ``_overhead_programs.PROGRAMS`` (one per shape of work a kata does) runs,
interleaved, in four ways under each start method:

  bare    ``python file.py`` with the start method forced by a ``sitecustomize`` that only
          sets the default context: no tracer, no supervisor;
  traced  the same, with the tracer injected exactly as the runner injects it (its bytecode
          cached, as ``run_program`` ensures);
  cold    the same, from a copy of the tracer with no cached bytecode, so every process
          compiles it (what every run cost before the runner cached it);
  runner  ``run_program``: supervisor, limits, tracer, and reading back output and trace;
  base    with ``--baseline DIR``: another tracer folder (say an older commit's, unpacked with
          ``git archive``), so that two tracers are compared on the same machine at one time.

It prints medians in milliseconds of wall time and of CPU time (user + system of every
process of the run: on Linux the benchmark is a child subreaper, so orphaned helpers such as
the forkserver are reaped and counted too; a busy machine disturbs CPU time less than wall),
the number of processes in one run (from the trace), the tracer's overhead per process
((traced - bare) / processes) and the ratios traced/bare and runner/bare. Ratios, not seconds,
carry over between machines; run it on an idle machine.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _overhead_programs import PROGRAMS, Program  # noqa: E402

from pytest_mpkata.run._tracer import TRACER_DIR  # noqa: E402
from pytest_mpkata.run.runner import (  # noqa: E402
    RunLimits,
    RunRequest,
    SupervisorServer,
    available_start_methods,
    compile_tracer,
    read_trace,
    run_program,
)

FORCE_METHOD = (
    "import os, multiprocessing.context as c\n"
    "method = os.environ['MPKATA_BENCH_METHOD']\n"
    "c._default_context._default_context = c._concrete_contexts[method]\n"
)


@dataclass
class Timings:
    """Wall-clock milliseconds of each run, per way of running, for one start method."""

    bare: list[float] = field(default_factory=list)
    traced: list[float] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    runner: list[float] = field(default_factory=list)
    bare_cpu: list[float] = field(default_factory=list)
    traced_cpu: list[float] = field(default_factory=list)
    cold_cpu: list[float] = field(default_factory=list)
    runner_cpu: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    base_cpu: list[float] = field(default_factory=list)
    processes: list[int] = field(default_factory=list)


def clean_environment() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "COV_CORE_", "COVERAGE_", "MPKATA_"))
    }


def become_subreaper() -> None:
    """Adopt orphaned descendants (Linux), so their CPU time is counted when they are reaped."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)


def reap_orphans(patience: float = 1.0) -> None:
    """Collect orphans (e.g. a forkserver outliving its program), waiting for them a moment.

    ``run_program`` keeps a long-lived supervisor as a child of this process: a blocking
    ``waitpid(-1, 0)`` would wait for it forever, so only the other children are awaited.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0 and (not other_children() or time.monotonic() > deadline):
            return
        if pid == 0:
            time.sleep(0.002)


def other_children() -> list[int]:
    """This process's children other than the long-lived supervisor (Linux; empty elsewhere)."""
    keep = {server.process.pid for server in SupervisorServer.running()}
    try:
        tasks = os.listdir(f"/proc/{os.getpid()}/task")
    except OSError:
        return []
    found = []
    for tid in tasks:
        with open(f"/proc/{os.getpid()}/task/{tid}/children", encoding="ascii") as handle:
            found += [int(word) for word in handle.read().split() if int(word) not in keep]
    return found


def children_cpu() -> float:
    """CPU milliseconds used so far by every reaped descendant of this process."""
    reap_orphans()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def timed(command: list[str], cwd: Path, env: dict[str, str], program: Program) -> tuple[float, float]:
    """Run the program once; return its wall time and CPU time in milliseconds."""
    cpu = children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0 or not program.accepts(done.stdout):
        raise SystemExit(f"the benchmark program failed: {done.returncode}\n{done.stderr[-2000:]}")
    return elapsed, children_cpu() - cpu


def run_bare(script: Path, method: str, forcing: Path, program: Program) -> tuple[float, float]:
    env = clean_environment()
    env.update(PYTHONPATH=str(forcing), MPKATA_BENCH_METHOD=method, PYTHONDONTWRITEBYTECODE="1")
    return timed([sys.executable, script.name], script.parent, env, program)


def run_traced(
    script: Path, method: str, trace: Path, program: Program, tracer: Path = TRACER_DIR
) -> tuple[float, float, int]:
    """Run with the tracer injected as the runner does; return both times and the process count."""
    trace.unlink(missing_ok=True)
    env = clean_environment()
    env.update(
        PYTHONPATH=str(tracer),
        MPKATA_TRACE_FILE=str(trace),
        MPKATA_START_METHOD=method,
        PYTHONDONTWRITEBYTECODE="1",
    )
    elapsed, cpu = timed([sys.executable, script.name], script.parent, env, program)
    pids = {record.get("pid") for record in read_trace(trace)}
    return elapsed, cpu, len(pids)


def run_supervised(script: Path, method: str) -> tuple[float, float]:
    cpu = children_cpu()
    started = time.perf_counter()
    request = RunRequest(script=script, start_method=method, limits=RunLimits(time_limit=30))
    raw = run_program(request)
    elapsed = (time.perf_counter() - started) * 1000
    if raw.reason != "exited" or raw.exit_code != 0:
        raise SystemExit(f"the supervised run failed: {raw.reason} {raw.exit_code}\n{raw.stderr[-2000:]}")
    return elapsed, children_cpu() - cpu


def cold_copy(folder: Path) -> Path:
    """Copy the tracer without bytecode, keeping its place beside the record schema it loads."""
    package = TRACER_DIR.parent.parent
    copy = folder / "cold" / package.name
    if not copy.exists():
        skip = shutil.ignore_patterns("__pycache__")
        shutil.copytree(TRACER_DIR, copy / TRACER_DIR.relative_to(package), ignore=skip)
        schema = package / "run" / "records.py"  # where the tracer's core loads it from
        if not schema.exists():
            raise SystemExit(f"the record schema is not at {schema}: update cold_copy")
        shutil.copyfile(schema, copy / "run" / schema.name)
    return copy / TRACER_DIR.relative_to(package)


def measure(method: str, runs: int, folder: Path, program: Program, baseline: Path | None) -> Timings:
    script = folder / "learner.py"
    script.write_text(program.source, encoding="utf-8")
    forcing = folder / "force"
    forcing.mkdir(exist_ok=True)
    (forcing / "sitecustomize.py").write_text(FORCE_METHOD, encoding="utf-8")
    cold = cold_copy(folder)
    timings = Timings()
    run_bare(script, method, forcing, program)
    for _ in range(runs):
        wall, cpu = run_bare(script, method, forcing, program)
        timings.bare.append(wall)
        timings.bare_cpu.append(cpu)
        wall, cpu, processes = run_traced(script, method, folder / "trace.jsonl", program)
        timings.traced.append(wall)
        timings.traced_cpu.append(cpu)
        timings.processes.append(processes)
        wall, cpu, _ = run_traced(script, method, folder / "trace.jsonl", program, cold)
        timings.cold.append(wall)
        timings.cold_cpu.append(cpu)
        wall, cpu = run_supervised(script, method)
        timings.runner.append(wall)
        timings.runner_cpu.append(cpu)
        if baseline is not None:
            wall, cpu, _ = run_traced(script, method, folder / "trace.jsonl", program, baseline)
            timings.base.append(wall)
            timings.base_cpu.append(cpu)
    return timings


def report(results: dict[str, Timings], runs: int, program: Program) -> None:
    print(f"{program.title}; median of {runs} runs per column, milliseconds")
    print("(runner cpu: n/a, the long-lived supervisor reaps its runs, not this process)")
    for clock in ("wall", "cpu"):
        suffix = "" if clock == "wall" else "_cpu"
        print(
            f"\n{clock + ' time':<11}{'bare':>8}{'traced':>9}{'cold':>8}{'runner':>9}{'base':>8}{'procs':>7}"
            f"{'traced ms/proc':>16}{'traced/bare':>13}{'base/bare':>11}{'runner/bare':>13}"
        )
        for method, t in results.items():
            bare, traced, cold, runner, base = (
                statistics.median(getattr(t, name + suffix) or [math.nan])
                for name in ("bare", "traced", "cold", "runner", "base")
            )
            runner = math.nan if clock == "cpu" else runner
            processes = statistics.median(t.processes)
            print(
                f"{method:<11}{bare:>8.1f}{traced:>9.1f}{cold:>8.1f}{runner:>9.1f}{base:>8.1f}{processes:>7.0f}"
                f"{(traced - bare) / processes:>16.2f}{traced / bare:>13.2f}{base / bare:>11.2f}"
                f"{runner / bare:>13.2f}"
            )


def kata_solution(wanted: str) -> Program:
    """A kata's reference solution as the program: what the tracer costs the kata itself."""
    from pytest_mpkata.kata.catalogue import load_catalogue

    for kata in load_catalogue(ROOT / "katas"):
        if wanted in (kata.kata_id, str(kata.order), f"{kata.order:02d}"):
            return Program(kata.solution.read_text(encoding="utf-8"), f"kata {kata.label}'s solution", None)
    raise SystemExit(f"no kata {wanted!r} in katas/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per column (default 10)")
    parser.add_argument("--program", choices=sorted(PROGRAMS), default="pool_map", help="what to run")
    parser.add_argument("--kata", help="a kata's reference solution instead (its order number or id)")
    parser.add_argument("--method", action="append", help="a start method (default: every one)")
    parser.add_argument("--baseline", type=Path, help="another tracer folder to measure beside this one")
    parser.add_argument("--quick", action="store_true", help="2 runs per column: proves the bench runs")
    args = parser.parse_args()
    if args.quick:
        args.runs = 2
    program = kata_solution(args.kata) if args.kata else PROGRAMS[args.program]
    results = {}
    become_subreaper()
    compile_tracer()
    with tempfile.TemporaryDirectory(prefix="mpkata-bench-") as folder:
        for method in args.method or available_start_methods():
            results[method] = measure(method, args.runs, Path(folder), program, args.baseline)
    report(results, args.runs, program)


if __name__ == "__main__":
    main()
