"""Stage 1, run: start a learner's program in its own supervised process tree, then reap it.

``runner`` (in the pytest process) hands each run to ``_supervisor`` (its own process),
which starts ``python <file>`` with ``_tracer/`` loaded into every interpreter of the run.
"""
