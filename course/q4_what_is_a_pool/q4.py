"""Q4. What is a multiprocessing pool in python? Why is it used?

Answer in the course notebook; this file is graded when no notebook is given."""
