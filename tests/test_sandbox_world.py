"""A sandboxed program lives in a minimal world: none of the grader's environment or keys, no host
file, socket or folder beyond its own run, no host identity, and a disk limit.  Each probe prints
``ESCAPED: <what>`` when it gets through; the batch completes and no report holds a secret."""

from __future__ import annotations

import ctypes
import json
import os
import platform
import socket
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from pytest_mpkata.judge.diagnose import DISK_LIMIT_REACHED
from pytest_mpkata.run import sandboxing
from pytest_mpkata.run._sandbox import UNAVAILABLE_ENV

ROOT = Path(__file__).resolve().parent.parent
KATA = ROOT / "katas" / "01_create_process"
TIMEOUT = 240
ADD_KEY = {"x86_64": 248, "aarch64": 217}
# Every probe aims at files this test made, never at the machine's own: should the sandbox fail,
# nothing of the host is harmed.
KEY_SPEC_SESSION_KEYRING = -3

needs_sandbox = pytest.mark.skipif(
    sandboxing.missing_mechanism() is not None or platform.machine() not in ADD_KEY,
    reason=f"this machine lacks {sandboxing.missing_mechanism() or 'a known keyctl syscall'}",
)

PROBE = """\
import ctypes, json, os, socket, sys
from pathlib import Path

facts = json.loads({facts!r})

def escaped(what, detail=""):
    print("ESCAPED:", what, detail, flush=True)

def attempt(what, action):
    try:
        result = action()
    except Exception:
        return
    escaped(what, result)

if __name__ == "__main__":
    print("PROBED", flush=True)
{body}
"""

SECRETS_BODY = """\
    for name, value in os.environ.items():
        if value == facts["secret"] or name == "SSH_AUTH_SOCK":
            escaped("environment", name)
    run_folder = str(Path.cwd().parent)
    if not os.environ["HOME"].startswith(run_folder):
        escaped("HOME outside the run folder")
    if not os.environ["TMPDIR"].startswith((run_folder, "/tmp/mpkata-tmp-")):  # a socket path's length
        escaped("TMPDIR outside the run folder")
    libc = ctypes.CDLL(None, use_errno=True)  # only this probe calls the kernel itself
    libc.syscall.restype = ctypes.c_long
    key = libc.syscall(facts["keyctl"], 10, -3, b"user", facts["key"].encode(), 0)
    if key >= 0:
        buffer = ctypes.create_string_buffer(256)
        libc.syscall(facts["keyctl"], 11, key, buffer, 256)
        escaped("keyring", buffer.value)
"""

WORLD_BODY = """\
    if os.getuid() == 0 or os.geteuid() == 0:
        escaped("root")
    outer = open("/proc/self/uid_map").read().split()
    if len(outer) >= 2 and outer[1] == "0":
        escaped("mapped to the host's root")
    attempt("shadow", lambda: open(facts["shadow"]).read())
    attempt("stat of a host file", lambda: os.stat(facts["victim"]).st_size)
    attempt("chmod", lambda: os.chmod(facts["victim"], 0o666))
    attempt("utime", lambda: os.utime(facts["victim"], (0, 0)))
    attempt("xattr", lambda: os.setxattr(facts["victim"], "user.mpkata", b"x"))
    attempt("setuid bit", lambda: os.chmod(facts["victim"], 0o4755))
    attempt("python's own folder", lambda: open(os.path.join(sys.prefix, "mpkata-planted"), "w").write("x"))
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        def send(kind=kind):
            with socket.socket(socket.AF_UNIX, kind) as client:
                client.connect(facts["socket_" + str(int(kind))])
                client.send(b"escaped")
        attempt("host socket", send)
    runs = Path.cwd().parent.parent
    attempt("other runs", lambda: [p.name for p in runs.iterdir() if p != Path.cwd().parent] or 1 / 0)
    attempt("the host's root", lambda: [p for p in os.listdir("/") if p in ("root", "home", "work")] or 1 / 0)
"""

FILLER_BODY = """\
    chunk = b"x" * 2**20
    for place in (os.path.join(os.environ["TMPDIR"], "fill"), "fill"):
        try:
            for number in range(12):
                with open(f"{place}{number}", "wb") as handle:
                    for _ in range(30):
                        handle.write(chunk)
        except OSError as error:
            print("stopped writing:", error, flush=True)
    escaped("wrote 720 MiB")
"""


def probe(body: str, facts: dict[str, object]) -> str:
    return PROBE.format(facts=json.dumps(facts), body=body)


def add_session_key(name: str, payload: bytes) -> int:
    """A key in this process's session keyring, which the graded programs would inherit."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    key = libc.syscall(ADD_KEY[platform.machine()], b"user", name.encode(), payload, len(payload), -3)
    if key < 0:
        pytest.skip(f"add_key failed (errno {ctypes.get_errno()}): no keyring here")
    return int(key)


def grade(pytester: pytest.Pytester, klass: Path, out: Path) -> pytest.RunResult:
    return pytester.runpytest_subprocess(
        str(KATA), "-p", "no:cacheprovider", "--mpkata-submissions", str(klass), "--mpkata-report",
        str(out), "--mpkata-start-methods", "fork", "--mpkata-sandbox", "on", timeout=TIMEOUT,
    )  # fmt: skip


def reports_text(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*")) if p.is_file())


def feedback(out: Path, name: str) -> str:
    return (out / name / "feedback.md").read_text(encoding="utf-8")


@needs_sandbox
@pytest.mark.parametrize("unavailable", ["", "namespaces"], ids=["namespaces", "landlock_alone"])
def test_a_program_reads_no_variable_and_no_key_of_the_grader(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, unavailable: str
) -> None:
    secret = f"mpkata-secret-{uuid.uuid4().hex}"
    key = f"mpkata-key-{uuid.uuid4().hex[:8]}"
    add_session_key(key, secret.encode())
    monkeypatch.setenv(UNAVAILABLE_ENV, unavailable)
    monkeypatch.setenv("GRADER_API_TOKEN", secret)
    monkeypatch.setenv("SSH_AUTH_SOCK", str(pytester.path / "agent.sock"))
    klass, out = pytester.path / "class", pytester.path / "grades"
    (klass / "nosy").mkdir(parents=True)
    facts = {"secret": secret, "key": key, "keyctl": {"x86_64": 250, "aarch64": 219}[platform.machine()]}
    (klass / "nosy" / "create_process.py").write_text(probe(SECRETS_BODY, facts))
    result = grade(pytester, klass, out)
    header = "mpkata sandbox: on (landlock alone: no user namespaces, so a program keeps your uid*"
    result.stdout.fnmatch_lines([header if unavailable else "mpkata sandbox: on (landlock, and*"])
    result.stdout.fnmatch_lines(["*1 submissions graded*"])
    text = feedback(out, "nosy")
    assert "PROBED" in text and "ESCAPED" not in text, text
    assert secret not in reports_text(out) and secret not in result.stdout.str()


@needs_sandbox
def test_the_world_holds_no_host_file_socket_folder_or_identity(pytester: pytest.Pytester) -> None:
    klass, out = pytester.path / "class", pytester.path / "grades"
    (klass / "nosy").mkdir(parents=True)
    shadow, victim = pytester.path / "shadow", pytester.path / "victim"
    shadow.write_text("root:SHADOW-HASH:19000\n")
    shadow.chmod(0o600)
    victim.write_text("keep me\n")
    victim.chmod(0o600)
    before = victim.stat()
    listeners = {}
    short_folder = Path(tempfile.mkdtemp(prefix="mpk-", dir="/tmp"))  # a socket path has at most 107 bytes
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        listener = socket.socket(socket.AF_UNIX, kind)
        listener.bind(str(short_folder / f"host-{int(kind)}.sock"))
        listener.setblocking(False)
        if kind == socket.SOCK_STREAM:
            listener.listen()
        listeners[f"socket_{int(kind)}"] = listener
    facts = {"shadow": str(shadow), "victim": str(victim)}
    facts.update({name: listener.getsockname() for name, listener in listeners.items()})
    (klass / "nosy" / "create_process.py").write_text(probe(WORLD_BODY, facts))
    try:
        grade(pytester, klass, out)
        with pytest.raises(BlockingIOError):
            listeners["socket_1"].accept()
        with pytest.raises(BlockingIOError):
            listeners["socket_2"].recv(64)
    finally:
        for listener in listeners.values():
            listener.close()
    text = feedback(out, "nosy")
    assert "sandboxed (landlock+namespaces)" in text
    assert "PROBED" in text and "ESCAPED" not in text, text
    assert "SHADOW-HASH" not in reports_text(out)
    after = victim.stat()
    assert (after.st_mode, after.st_mtime_ns, after.st_atime_ns) == (
        before.st_mode, before.st_mtime_ns, before.st_atime_ns,
    )  # fmt: skip
    assert os.listxattr(victim) == []
    assert not (Path(sys.prefix) / "mpkata-planted").exists()


@needs_sandbox
def test_a_program_that_fills_the_disk_is_stopped_at_the_limit(pytester: pytest.Pytester) -> None:
    klass, out = pytester.path / "class", pytester.path / "grades"
    (klass / "filler").mkdir(parents=True)
    (klass / "filler" / "create_process.py").write_text(probe(FILLER_BODY, {}))
    result = grade(pytester, klass, out)
    result.stdout.fnmatch_lines(["*1 submissions graded*"])
    text = feedback(out, "filler")
    assert "sandboxed (landlock+namespaces)" in text
    assert "PROBED" in text and "ESCAPED" not in text, text
    assert " ".join(DISK_LIMIT_REACHED.split()[:6]) in " ".join(text.split())
    grades = json.loads((out / "grades.json").read_text())
    assert grades["submissions"]["filler"]["katas"]["create_process"]["status"] == "error"


@pytest.mark.parametrize(
    ("plan", "kept"),
    [
        (sandboxing.LANDLOCK, False),
        (sandboxing.OFF_LACKING + "Linux", False),
        (sandboxing.OFF_OWN_PROGRAM, True),
    ],
)
def test_a_graded_run_starts_from_an_allowlisted_environment(plan: str, kept: bool) -> None:
    grader = {
        "LANG": "C.UTF-8",
        "LC_ALL": "C",
        "MPKATA_X": "1",
        "AWS_SECRET": "s",
        "SSH_AUTH_SOCK": "/a",
        "PWD": "/w",
    }
    env = sandboxing.inherited_environment(plan, grader, home="/run/work")
    assert ("AWS_SECRET" in env) is kept and ("SSH_AUTH_SOCK" in env) is kept and ("PWD" in env) is kept
    assert env["LANG"] == "C.UTF-8" and env["LC_ALL"] == "C" and env["MPKATA_X"] == "1"
    assert (env.get("HOME") == "/run/work") is not kept
