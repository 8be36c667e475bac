"""Stage 5a, learner: progress through the katas, hints, the learner's terminal summary."""
