"""Stage 5b, grade: a class's outcomes into a grade book and report files (controller side)."""
