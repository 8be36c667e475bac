"""Q6. Write a python program to create 4 processes, each process should print a different number using the multiprocessing module and print the same number.

Answer in the course notebook; this file is graded when no notebook is given."""
