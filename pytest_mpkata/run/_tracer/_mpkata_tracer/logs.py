"""``logging``: which process made each logging call, and where the record went (or that it was dropped)."""

import sys

from _mpkata_tracer.core import bounded_str, emit, process_name, records

LOG_CALLS = ("debug", "info", "warning", "warn", "error", "exception", "critical", "log")


def _destinations(logger, level):
    found, current = [], logger
    while current is not None:
        for handler in current.handlers:
            if level >= handler.level:
                found.append(getattr(handler, "baseFilename", None) or type(handler).__name__)
        if not current.propagate:
            break
        current = current.parent
    return found


def _log_message(msg, args):
    try:
        return bounded_str(msg % args if args else msg)
    except Exception:
        return bounded_str(msg)


def patch_logging(module):
    logger_class = module.Logger
    original_handle, original_enabled = logger_class.handle, logger_class.isEnabledFor

    def handle(self, record):
        emit(
            records.LOG,
            level=record.levelno,
            message=_log_message(record.msg, record.args),
            pname=record.processName,
            created=record.created,
            logger=self.name,
            to=_destinations(self, record.levelno),
        )
        return original_handle(self, record)

    def isEnabledFor(self, level):
        enabled = original_enabled(self, level)
        if not enabled:
            _record_dropped_log_call(self, level)
        return enabled

    logger_class.handle, logger_class.isEnabledFor = handle, isEnabledFor


def _record_dropped_log_call(logger, level):
    """Note a log call that logging's level threw away (e.g. unconfigured in a spawned child)."""
    caller = sys._getframe(2)
    if caller.f_code.co_name not in LOG_CALLS or level < 20:
        return
    message = _log_message(caller.f_locals.get("msg", ""), caller.f_locals.get("args", ()))
    emit(
        records.LOG_DROPPED,
        level=level,
        message=message,
        pname=process_name(),
        logger=logger.name,
        effective=logger.getEffectiveLevel(),
    )
