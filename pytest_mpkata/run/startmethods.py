"""The start methods the project knows, and which of them this platform offers."""

from __future__ import annotations

__all__ = ["START_METHODS", "available_start_methods"]

START_METHODS = ("fork", "spawn", "forkserver")


def available_start_methods() -> tuple[str, ...]:
    """The start methods this platform offers, in the project's canonical order."""
    import multiprocessing

    offered = set(multiprocessing.get_all_start_methods())
    return tuple(method for method in START_METHODS if method in offered)
