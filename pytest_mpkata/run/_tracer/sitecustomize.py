"""Load the process tracer into every interpreter of a learner's run.

The runner puts this folder first on ``PYTHONPATH``, so Python imports this
module at start-up in the learner's program and in every interpreter it starts.
"""

import _mpkata_tracer

_mpkata_tracer.install()
