"""The Gradescope autograder bundle: one zip holding the katas, this plugin and two scripts.

Gradescope unpacks the zip into ``/autograder/source``, runs ``setup.sh`` once to build its
image, then ``run_autograder`` for every submission
(https://gradescope-autograders.readthedocs.io/en/latest/specs/).  The plugin goes in as a
wheel built from the current source, so the image grades with exactly this version; the grading
itself is ``python -m pytest_mpkata.grade.autograder``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from pytest_mpkata.grade.builder_options import oldest_python
from pytest_mpkata.grade.stamp import plugin_version
from pytest_mpkata.kata.catalogue import load_catalogue

__all__ = [
    "CONFIG_FILE",
    "EXECUTABLE",
    "FIXED_TIME",
    "NO_KATAS",
    "NO_SOURCE",
    "PYTEST_INI",
    "REGULAR",
    "REGULAR_FILE",
    "RUN_AUTOGRADER",
    "SETUP_SH",
    "SKIPPED_FILES",
    "SKIPPED_PARTS",
    "WHEEL_FOLDER",
    "build_bundle",
    "build_wheel",
    "project_source",
]

CONFIG_FILE = "mpkata-autograder.json"
WHEEL_FOLDER = "dist"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
"""Members carry a fixed date, so the same katas and wheel give the same zip."""
REGULAR_FILE = 0o100000
EXECUTABLE = 0o755
REGULAR = 0o644
SKIPPED_PARTS = frozenset({"__pycache__", ".pytest_cache", ".ipynb_checkpoints", "mutants", "variants"})
SKIPPED_FILES = frozenset({"solution.py"})
"""What grading does not need: the author's proofs of the checks and the reference solutions."""
NO_SOURCE = (
    "cannot find the source of pytest-mpkata to build its wheel (looked in {folder}); run from a source "
    "checkout installed with pip install -e ., or pass --source DIR"
)
NO_KATAS = "{katas}: no kata.toml found below it; expected the katas folder, e.g. --katas katas"

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image: a Python venv with
# pytest-mpkata {version} (the wheel shipped in this bundle) and its notebook extra.
set -euo pipefail
root="${{AUTOGRADER_ROOT:-/autograder}}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3 python3-venv python3-pip
python=python3
wanted="python{major}.{minor}"
if ! python3 -c 'import sys; sys.exit(sys.version_info < ({major}, {minor}))'; then
  # An older image (Ubuntu 20.04 ships 3.8): its distribution still packages a newer Python.
  echo "setup.sh: $(python3 --version) is older than pytest-mpkata needs; installing $wanted"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$wanted" "$wanted-venv"
  python="$wanted"
fi
"$python" -m venv "$root/mpkata-venv"
"$root/mpkata-venv/bin/python" -m pip install -q --upgrade pip
"$root/mpkata-venv/bin/python" -m pip install "$root/source/{wheel_folder}/{wheel}[notebook]"
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission: grade the .py and .ipynb files of
# $AUTOGRADER_ROOT/submission against the katas of $AUTOGRADER_ROOT/source/katas and write
# $AUTOGRADER_ROOT/results/results.json.  AUTOGRADER_ROOT is /autograder unless set (set it to try
# the bundle on your own machine, with a Python that has pytest-mpkata installed on PATH).
set -uo pipefail
root="${AUTOGRADER_ROOT:-/autograder}"
python="$root/mpkata-venv/bin/python"
[ -x "$python" ] || python="$(command -v python3)"
cd "$root/source" && exec "$python" -m pytest_mpkata.grade.autograder --root "$root"
"""

PYTEST_INI = "[pytest]\naddopts = -p no:cacheprovider\n"


def build_bundle(out: Path, katas: Path, source: Path | None = None, start_methods: str = "") -> Path:
    """Write the autograder zip to ``out``: setup.sh, run_autograder, katas/, the wheel, a config."""
    if not load_catalogue(katas):
        raise ValueError(NO_KATAS.format(katas=katas))
    with tempfile.TemporaryDirectory(prefix="mpkata-bundle-") as scratch:
        wheel = build_wheel(source or project_source(), Path(scratch))
        version = plugin_version()
        config = {"plugin_version": version, "start_methods": start_methods}
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
            major, minor = oldest_python()
            setup = SETUP_SH.format(
                version=version, wheel_folder=WHEEL_FOLDER, wheel=wheel.name, major=major, minor=minor
            )
            _add_text(bundle, "setup.sh", setup, EXECUTABLE)
            _add_text(bundle, "run_autograder", RUN_AUTOGRADER, EXECUTABLE)
            _add_text(bundle, CONFIG_FILE, json.dumps(config, indent=2) + "\n", REGULAR)
            _add_text(bundle, "pytest.ini", PYTEST_INI, REGULAR)
            _add_file(bundle, wheel, f"{WHEEL_FOLDER}/{wheel.name}", REGULAR)
            for path in sorted(katas.rglob("*")):
                if _shipped(path.relative_to(katas)) and path.is_file():
                    _add_file(bundle, path, f"katas/{path.relative_to(katas).as_posix()}", REGULAR)
    return out


def project_source() -> Path:
    """The source checkout this plugin runs from (an editable install), if it is one."""
    folder = Path(__file__).resolve().parents[2]
    if not (folder / "pyproject.toml").is_file():
        raise ValueError(NO_SOURCE.format(folder=folder))
    return folder


def build_wheel(source: Path, into: Path) -> Path:
    """Build this project's wheel with pip (without its dependencies) and return its path."""
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(into), str(source)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    wheels = sorted(into.glob("pytest_mpkata-*.whl"))
    if completed.returncode != 0 or not wheels:
        raise ValueError(f"could not build the wheel of {source}:\n{completed.stderr.strip()}")
    return wheels[0]


def _shipped(relative: Path) -> bool:
    return relative.name not in SKIPPED_FILES and not SKIPPED_PARTS & set(relative.parts)


def _add_text(bundle: zipfile.ZipFile, name: str, text: str, mode: int) -> None:
    _add_bytes(bundle, name, text.encode("utf-8"), mode)


def _add_file(bundle: zipfile.ZipFile, path: Path, name: str, mode: int) -> None:
    _add_bytes(bundle, name, path.read_bytes(), mode)


def _add_bytes(bundle: zipfile.ZipFile, name: str, data: bytes, mode: int) -> None:
    """Add a member with Unix permissions (Gradescope runs the scripts as they are unpacked)."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.external_attr = (REGULAR_FILE | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    bundle.writestr(info, data)
