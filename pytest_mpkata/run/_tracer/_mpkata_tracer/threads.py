"""``threading``: a thread is recorded as a thread of its process, never mistaken for a process,
with who joined it."""

import time

from _mpkata_tracer.core import bounded_repr, emit, qualified_name, record_exception, records, target_name


def patch_threading(module):
    thread_class = module.Thread
    original = thread_class._bootstrap_inner

    def _bootstrap_inner(self):
        target = getattr(self, "_target", None)
        emit(
            records.THREAD_BEGIN,
            name=self.name,
            ident=module.get_ident(),
            target=qualified_name(target) if target is not None else target_name(self),
            args=bounded_repr(tuple(getattr(self, "_args", ()) or ())),
        )
        try:
            original(self)
        finally:
            emit(records.THREAD_END, name=self.name, ident=module.get_ident())

    thread_class._bootstrap_inner = _bootstrap_inner
    original_join = thread_class.join

    def join(self, timeout=None):
        called = time.time()
        original_join(self, timeout)
        if not self.is_alive():
            emit(records.THREAD_JOIN, name=self.name, ident=self.ident, called=called)

    thread_class.join = join
    previous_hook = module.excepthook

    def excepthook(hook_args):
        record_exception(
            "thread " + getattr(hook_args.thread, "name", "?"),
            hook_args.exc_value,
            hook_args.exc_traceback,
        )
        previous_hook(hook_args)

    module.excepthook = excepthook
