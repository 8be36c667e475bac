"""The messages of the checks of a process's life (``judge/lifecycle_checks.py``).

Like ``judge/messages.py``: each template carries the stable kind of finding it reports.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "ALIVE_ANSWER_WRONG",
    "ALIVE_NOT_ASKED",
    "ALIVE_NOT_LOGGED",
    "DAEMON_ENDED_BY_ITSELF",
    "DAEMON_JOINED",
    "DAEMON_NOT_DAEMON",
    "DAEMON_OUTLIVED_PARENT",
    "DAEMON_TERMINATED_BY_HAND",
    "EXITCODE_BEFORE_JOIN",
    "EXITCODE_NOT_LOGGED",
    "EXITCODE_NOT_READ",
    "EXIT_CODE_WRONG",
    "NAMED_CHILD_MISSING",
    "RAN_IN_PARENT",
    "RUN_NOT_OVERRIDDEN",
]

# --- a child of its own, by its name ---------------------------------------------------------

RAN_IN_PARENT = Template(
    "run_in_parent",
    "No child process named '{name}' ever started, but the main process (pid {pid}) logged "
    '"{message}": its work ran in the parent. Calling `run()` yourself, or overriding `start()` '
    "instead of `run()`, does that; override `run()` and call `start()`, which starts a child "
    "that runs it.",
)
NAMED_CHILD_MISSING = Template(
    "named_child_missing",
    "No child process named '{name}' ran (the children were: {names}). Give the Process its name "
    "when you make it, `super().__init__(name=name)`, and start it.",
)
RUN_NOT_OVERRIDDEN = Template(
    "run_not_overridden",
    "{label} ran `{target}`, not the `run()` method of a Process subclass of yours. Write "
    "`class Worker(multiprocessing.Process)` with its own `run()`.",
)

# --- is_alive() --------------------------------------------------------------------------------

ALIVE_NOT_ASKED = Template(
    "alive_not_asked",
    "The parent never called `{name}.is_alive()` {phase}, so whatever it logged there was not an "
    "answer it got. Call it {phase} and log what it returns.",
)
ALIVE_ANSWER_WRONG = Template(
    "alive_answer_wrong",
    "`{name}.is_alive()` {phase} answered {answer}, and it should be {expected}{why}.",
)
ALIVE_NOT_LOGGED = Template(
    "alive_not_logged",
    'The parent asked `{name}.is_alive()` {phase} and got {answer}, but logged no line "{line}" '
    "after it. Log the answer you got, right after asking.",
)

# --- exit codes --------------------------------------------------------------------------------

EXIT_CODE_WRONG = Template(
    "exit_code_wrong",
    "{label} ended with exit code {code} as {seen}; the task asks for {expected}. {how}",
)
EXITCODE_BEFORE_JOIN = Template(
    "exitcode_before_join",
    "The parent read `{name}.exitcode` before `{name}` had ended and got None: a process has no "
    "exit code until it ends. Call `{name}.join()` first, then read `exitcode`.",
)
EXITCODE_NOT_READ = Template(
    "exitcode_not_read",
    "The parent never read `{name}.exitcode` after joining `{name}`, so the code it logged was not "
    "one it got. Log `{name}.exitcode` itself, after `join()`.",
)
EXITCODE_NOT_LOGGED = Template(
    "exitcode_not_logged",
    'The parent read `{name}.exitcode` ({code}) but logged no line "{line}" after it. Log the '
    "exit code it read.",
)

# --- a daemon ----------------------------------------------------------------------------------

DAEMON_NOT_DAEMON = Template(
    "daemon_not_daemon",
    "{label} was started as an ordinary process, not a daemon. Make it with `daemon=True` (or set "
    "`daemon = True` before `start()`): the parent's exit then ends it.",
)
DAEMON_JOINED = Template(
    "daemon_joined",
    "The parent joined the daemon {label}: `join()` waits for it to end, so it was never ended by "
    "the parent's exit. Leave a daemon unjoined; multiprocessing terminates it when the parent "
    "exits.",
)
DAEMON_TERMINATED_BY_HAND = Template(
    "daemon_terminated_by_hand",
    "The parent called `terminate()` on the daemon {label} itself. A daemon needs none: leave it "
    "running and the parent's exit ends it.",
)
DAEMON_ENDED_BY_ITSELF = Template(
    "daemon_ended_by_itself",
    "The daemon {label} ended by itself (exit code {code}) before the parent exited. Keep it "
    "running, in a loop, until the parent's exit terminates it.",
)
DAEMON_OUTLIVED_PARENT = Template(
    "daemon_outlived_parent",
    "{label} was still running after the main process had exited. A daemon made with "
    "`daemon=True` is terminated at the parent's exit; do not start it as a bare `os.fork()` or "
    "detach it some other way.",
)
