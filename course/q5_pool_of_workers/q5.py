"""Q5. How can we create a pool of worker processes in python using the multiprocessing module?

Answer in the course notebook; this file is graded when no notebook is given."""
