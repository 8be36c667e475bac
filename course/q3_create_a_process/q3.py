"""Q3. Write a python code to create a process using the multiprocessing module.

Answer in the course notebook; this file is graded when no notebook is given."""
