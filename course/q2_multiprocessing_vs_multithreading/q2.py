"""Q2. What are the differences between multiprocessing and multithreading?

Answer in the course notebook; this file is graded when no notebook is given."""
