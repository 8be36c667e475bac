"""Measure what the sandbox costs: per run, and for one submission's whole check.

Usage (from the repository root, in the project's virtual environment):

    python bench/sandbox.py              # 20 runs per column, 3 whole sessions per column
    python bench/sandbox.py --runs 40 --sessions 5
    python bench/sandbox.py --against ../other-checkout   # this tree's sandbox beside another's

Per run: ``run_program`` on a program that only prints (the fixed cost shows best) and on
the reference ``pool_map`` solution, under fork, interleaved, in three ways: unsandboxed,
sandboxed with Landlock alone, and with Landlock and namespaces. Whole session:
``pytest katas --mpkata-submission solutions`` with ``--mpkata-sandbox off`` and ``on``,
interleaved. It prints medians and minimums in milliseconds (the minimum is the least
disturbed by other work on the machine) and the ratio of the session medians.

``--against DIR`` measures this checkout's sandbox beside another checkout's (an older
commit), run for run: one server process per tree, the requests alternating between them,
then sandboxed sessions alternating; it prints each tree's medians and the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVE = "--serve"
TREE = Path(sys.argv[sys.argv.index(SERVE) + 1]) if SERVE in sys.argv else ROOT
sys.path.insert(0, str(TREE))

from pytest_mpkata.run._sandbox import UNAVAILABLE_ENV  # noqa: E402
from pytest_mpkata.run.runner import RunRequest, run_program  # noqa: E402
from pytest_mpkata.run.sandboxing import LANDLOCK, missing_mechanism  # noqa: E402

PRINTS = "print('hello')\n"
WAYS = {"off": ("off: bench", ""), "landlock": (LANDLOCK, "namespaces"), "landlock+ns": (LANDLOCK, "")}


def one_run(script: Path, way: str) -> float:
    sandbox, unavailable = WAYS[way]
    os.environ[UNAVAILABLE_ENV] = unavailable
    started = time.perf_counter()
    raw = run_program(RunRequest(script=script, start_method="fork", sandbox=sandbox))
    elapsed = time.perf_counter() - started
    if raw.exit_code != 0:
        raise SystemExit(f"{script.name} failed ({way}, {raw.sandbox}):\n{raw.stderr}")
    return elapsed


def per_run(script: Path, runs: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {way: [] for way in WAYS}
    one_run(script, "off")  # start the supervisor server, compile the tracer
    for _ in range(runs):
        for way in WAYS:
            timings[way].append(one_run(script, way))
    os.environ.pop(UNAVAILABLE_ENV, None)
    return timings


def session(mode: str, tree: Path = ROOT, folders: tuple[str, ...] = ("katas",)) -> float:
    command = [sys.executable, "-m", "pytest", *folders, "-q", "-p", "no:cacheprovider"]
    command += ["--mpkata-submission", "solutions", "--mpkata-sandbox", mode]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=tree, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"pytest katas failed with --mpkata-sandbox {mode}:\n{done.stdout.decode()[-3000:]}")
    return time.perf_counter() - started


def line(name: str, values: list[float], base: list[float] | None = None) -> str:
    median, low = statistics.median(values) * 1000, min(values) * 1000
    text = f"  {name:<14} median {median:7.1f} ms   min {low:7.1f} ms"
    if base is not None:
        extra = median - statistics.median(base) * 1000
        text += f"   +{extra:5.1f} ms (median)   +{low - min(base) * 1000:5.1f} ms (min)"
    return text


def serve() -> None:
    """Answer ``<script> <way>`` lines with the run's seconds: one tree's side of ``--against``."""
    for request in sys.stdin:
        script, way = request.split()
        print(one_run(Path(script), way), flush=True)


class Server:
    def __init__(self, tree: Path) -> None:
        command = [sys.executable, __file__, SERVE, str(tree)]
        self.process = subprocess.Popen(
            command, cwd=tree, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def run(self, script: Path, way: str) -> float:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{script} {way}\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def against(other: Path, script: Path, runs: int, sessions: int) -> None:
    """This tree beside ``other``: runs alternating between them, then sandboxed sessions."""
    trees = {"this": ROOT, "other": other.resolve()}
    servers = {name: Server(tree) for name, tree in trees.items()}
    timings: dict[str, list[float]] = {
        f"{name} {way}": [] for name in trees for way in ("off", "landlock+ns")
    }
    try:
        for server in servers.values():
            server.run(script, "off")
        for _ in range(runs):
            for way in ("off", "landlock+ns"):
                for name, server in servers.items():
                    timings[f"{name} {way}"].append(server.run(script, way))
    finally:
        for server in servers.values():
            server.close()
    print(f"per run, {script.name} under fork ({runs} runs each, alternating trees):")
    for name, values in timings.items():
        print(line(name, values, None if name.endswith("off") else timings[name.split()[0] + " off"]))
    cost = {name: statistics.median(timings[f"{name} landlock+ns"]) for name in trees}
    print(f"  ratio this/other, sandboxed run (medians): {cost['this'] / cost['other']:.3f}")
    whole: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(sessions):
        for name, tree in trees.items():
            whole[name].append(session("on", tree))
    print(f"pytest katas --mpkata-submission solutions --mpkata-sandbox on ({sessions} each, alternating):")
    for name, values in whole.items():
        print(line(name, values))
    ratio = statistics.median(whole["this"]) / statistics.median(whole["other"])
    print(f"  ratio this/other (medians): {ratio:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="3 runs and 1 session: proves it still runs")
    parser.add_argument("--against", type=Path, help="another checkout, measured beside this one")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.sessions = 3, 1
    lacking = missing_mechanism()
    if lacking is not None:
        raise SystemExit(f"this machine lacks {lacking}: nothing to measure")
    if args.against is not None:
        against(args.against, ROOT / "solutions" / "pool_map.py", args.runs, args.sessions)
        return
    with tempfile.TemporaryDirectory() as folder:
        prints = Path(folder) / "prints.py"
        prints.write_text(PRINTS)
        for script in (prints, ROOT / "solutions" / "pool_map.py"):
            timings = per_run(script, args.runs)
            print(f"per run, {script.name} under fork ({args.runs} runs each, interleaved):")
            for way, values in timings.items():
                print(line(way, values, None if way == "off" else timings["off"]))
    sessions: dict[str, list[float]] = {"off": [], "on": []}
    # the quick mode proves the bench runs: the first three katas are enough
    folders = tuple(sorted(str(p) for p in (ROOT / "katas").glob("0[1-3]_*"))) if args.quick else ("katas",)
    for _ in range(args.sessions):
        for mode in sessions:
            sessions[mode].append(session(mode, folders=folders))
    shown = "katas" if folders == ("katas",) else "katas 01-03"
    print(f"pytest {shown} --mpkata-submission solutions ({args.sessions} sessions each, interleaved):")
    for mode, values in sessions.items():
        print(line(f"sandbox {mode}", values, None if mode == "off" else sessions["off"]))
    ratio = statistics.median(sessions["on"]) / statistics.median(sessions["off"])
    print(f"  ratio on/off (medians): {ratio:.3f}")


if __name__ == "__main__":
    serve() if SERVE in sys.argv else main()
