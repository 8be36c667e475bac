"""Pools: ``multiprocessing.Pool``, ``ThreadPool`` and ``ProcessPoolExecutor``, with every task."""

import os
import time

from _mpkata_tracer import callbacks, futures, initializers, received
from _mpkata_tracer.core import bounded_repr, bounded_str, emit, qualified_name, records

POOL_TASK_METHODS = (
    "apply",
    "apply_async",
    "map",
    "map_async",
    "starmap",
    "starmap_async",
    "imap",
    "imap_unordered",
)
ITERATOR_METHODS = ("imap", "imap_unordered")
"""Pool methods whose results the program reads one ``next()`` at a time."""
POOL_SHUTDOWN_METHODS = {
    "close": records.POOL_CLOSE,
    "terminate": records.POOL_TERMINATE,
    "join": records.POOL_JOIN,
    "__exit__": records.POOL_EXIT,
}


class TracedCall:
    """A picklable stand-in for a pool task's function that records each call."""

    def __init__(self, func, pool, method):
        self.func, self.pool, self.method = func, pool, method

    def __reduce__(self):
        return (TracedCall, (self.func, self.pool, self.method))

    def __call__(self, *args, **kwargs):
        started, cpu = time.time(), time.thread_time()
        shown = bounded_repr(args if not kwargs else (args, kwargs))
        outcome = {}
        try:
            result = self.func(*args, **kwargs)
            outcome["result"] = bounded_repr(result)
            return result
        except BaseException as error:
            outcome["error"] = type(error).__name__ + ": " + bounded_str(error)
            raise
        finally:
            emit(
                records.TASK,
                pool=self.pool,
                method=self.method,
                func=qualified_name(self.func),
                args=shown,
                started=started,
                cpu=round(time.thread_time() - cpu, 4),
                **outcome,
            )


def _cpu():
    return round(time.process_time(), 4)


def _traced(func, pool, method):
    if isinstance(func, TracedCall) or not callable(func):
        return func
    return TracedCall(func, pool, method)


def _pool_key(workers_list):
    return "%d:%d" % (os.getpid(), id(workers_list))


def _worker_pids(workers):
    return [getattr(w, "pid", None) for w in workers]


def _wrap_pool_task_method(cls, name):
    original = getattr(cls, name)

    def method(self, func, *args, **kwargs):
        if isinstance(func, TracedCall):
            return original(self, func, *args, **kwargs)
        key = _pool_key(self._pool)
        emit(records.POOL_CALL, pool=key, method=name, func=qualified_name(func), cpu=_cpu())
        args, kwargs = callbacks.with_followed_callbacks(name, key, args, kwargs)
        result = original(self, _traced(func, key, name), *args, **kwargs)
        return _followed_iterator(result, key, name) if name in ITERATOR_METHODS else result

    setattr(cls, name, method)


def _followed_iterator(result, key, name):
    """``imap`` hands back its iterator, or (with ``chunksize`` above 1) a generator over chunks."""
    if hasattr(result, "next"):
        return received.follow(result, key, name)
    return received.each_received(result, key, name)


def _wrap_pool_shutdown_method(cls, name, kind):
    original = getattr(cls, name)

    def method(self, *args, **kwargs):
        emit(kind, pool=_pool_key(self._pool), state=str(self._state))
        return original(self, *args, **kwargs)

    setattr(cls, name, method)


def patch_pool(module):
    pool_class = module.Pool
    original_init = pool_class.__init__
    original_repopulate = pool_class._repopulate_pool_static

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        emit(
            records.POOL,
            pool=_pool_key(self._pool),
            kind=type(self).__name__,
            size=self._processes,
            workers=_worker_pids(self._pool),
        )

    def _repopulate_pool_static(ctx, process, processes, pool, *args, **kwargs):
        before = len(pool)
        if len(args) > 2:  # inqueue, outqueue, initializer, ...
            args = (*args[:2], initializers.traced(args[2], _pool_key(pool)), *args[3:])
        result = original_repopulate(ctx, process, processes, pool, *args, **kwargs)
        emit(records.POOL_WORKERS, pool=_pool_key(pool), workers=_worker_pids(pool[before:]))
        return result

    pool_class.__init__ = __init__
    pool_class._repopulate_pool_static = staticmethod(_repopulate_pool_static)
    for name in POOL_TASK_METHODS:
        _wrap_pool_task_method(pool_class, name)
    for name, kind in POOL_SHUTDOWN_METHODS.items():
        _wrap_pool_shutdown_method(pool_class, name, kind)
    _wrap_result_get(module)
    received.patch_iterator_next(module.IMapIterator)


def _wrap_result_get(module):
    """Record what the parent receives from ``map``/``apply`` (and their async forms): a map's
    list one element per record, as ``received.record_values`` says."""
    result_class = module.ApplyResult
    original_init, original_get = result_class.__init__, result_class.get

    def __init__(self, pool, *args, **kwargs):
        # the result forgets its pool once it is ready: remember the pool's key now
        self._mpkata_pool = _pool_key(pool._pool) if getattr(pool, "_pool", None) is not None else None
        original_init(self, pool, *args, **kwargs)

    def get(self, timeout=None):
        value = original_get(self, timeout)
        key = getattr(self, "_mpkata_pool", None)
        if key is not None and isinstance(self, module.MapResult):
            received.record_values(key, "map", value)
        elif key is not None:
            received.record_value(key, "apply", value)
        return value

    result_class.__init__ = __init__
    result_class.get = get


def _executor_key(executor):
    return "%d:%d" % (os.getpid(), id(executor))


def _record_executor_workers(executor):
    pids = sorted((getattr(executor, "_processes", None) or {}).keys())
    if pids != getattr(executor, "_mpkata_seen_workers", None):
        executor._mpkata_seen_workers = pids
        emit(records.POOL_WORKERS, pool=_executor_key(executor), workers=pids)


def patch_executor(module):
    executor_class = module.ProcessPoolExecutor
    original_init, original_submit = executor_class.__init__, executor_class.submit
    original_shutdown, original_exit = executor_class.shutdown, executor_class.__exit__
    original_map = executor_class.map

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        emit(
            records.POOL,
            pool=_executor_key(self),
            kind=type(self).__name__,
            size=self._max_workers,
            workers=[],
        )

    def submit(self, fn, *args, **kwargs):
        key = _executor_key(self)
        if getattr(fn, "func", None) is module._process_chunk and fn.args:
            # a chunk of executor.map: its values are recorded as map's iterator yields them
            fn = type(fn)(fn.func, _traced(fn.args[0], key, "map"), *fn.args[1:], **fn.keywords)
            future = original_submit(self, fn, *args, **kwargs)
        else:
            emit(records.POOL_CALL, pool=key, method="submit", func=qualified_name(fn), cpu=_cpu())
            futures.note_submitted(key)
            future = received.follow(
                original_submit(self, _traced(fn, key, "submit"), *args, **kwargs), key, "submit"
            )
        _record_executor_workers(self)
        return future

    def shutdown(self, *args, **kwargs):
        _record_executor_workers(self)
        emit(records.POOL_SHUTDOWN, pool=_executor_key(self))
        return original_shutdown(self, *args, **kwargs)

    def __exit__(self, *args):
        emit(records.POOL_EXIT, pool=_executor_key(self))
        return original_exit(self, *args)

    def map(self, fn, *iterables, **kwargs):
        key = _executor_key(self)
        emit(records.POOL_CALL, pool=key, method="map", func=qualified_name(fn), cpu=_cpu())
        return received.each_received(original_map(self, fn, *iterables, **kwargs), key, "map")

    executor_class.__init__, executor_class.submit = __init__, submit
    executor_class.shutdown, executor_class.__exit__ = shutdown, __exit__
    executor_class.map = map
    received.patch_future(module._base.Future)
    futures.patch_future_moments(module._base.Future)
