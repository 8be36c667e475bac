"""Q1. What is multiprocessing in python? Why is it useful?

Answer in the course notebook; this file is graded when no notebook is given."""
