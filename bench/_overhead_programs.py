"""The programs ``bench/tracer_overhead.py`` times: one per shape of work a kata does (a pool's
map, printing children, a queue, a pipe, a locked Value, an Event, a Barrier, a Semaphore, a
process's life, a manager's dict, a shared memory block, a pool's initializer, executor futures,
pool callbacks, imap_unordered progress, a queue of 1 MiB blocks drained before the join, an
unlocked Value, a guarded script), each with the output that proves it ran to the end."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PROGRAMS", "Program"]

POOL_MAP = """\
import multiprocessing

def square(x):
    return x * x

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        print(sum(pool.map(square, range(1000))))
"""
PRINT_LINES = """\
import multiprocessing

def chatter(n):
    for i in range(250):
        print("process", n, "line", i)

if __name__ == "__main__":
    children = [multiprocessing.Process(target=chatter, args=(n,)) for n in range(4)]
    for child in children:
        child.start()
    for child in children:
        child.join()
    print("done")
"""
QUEUE_ITEMS = """\
import multiprocessing

def consume(tasks, results):
    while (n := tasks.get()) is not None:
        results.put(n * n)

if __name__ == "__main__":
    tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
    consumers = [multiprocessing.Process(target=consume, args=(tasks, results)) for _ in range(3)]
    for consumer in consumers:
        consumer.start()
    for n in range(300):
        tasks.put(n)
    for _ in consumers:
        tasks.put(None)
    total = sum(results.get() for _ in range(300))
    for consumer in consumers:
        consumer.join()
    print(total)
"""
PIPE_MESSAGES = """\
import multiprocessing

def double(conn):
    while (n := conn.recv()) is not None:
        conn.send(2 * n)
    conn.close()

if __name__ == "__main__":
    here, there = multiprocessing.Pipe()
    child = multiprocessing.Process(target=double, args=(there,))
    child.start()
    total = 0
    for n in range(300):
        here.send(n)
        total += here.recv()
    here.send(None)
    here.close()
    child.join()
    print(total)
"""
LOCKED_VALUE = """\
import multiprocessing

def add(counter):
    for _ in range(5000):
        with counter.get_lock():
            counter.value += 1

if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    children = [multiprocessing.Process(target=add, args=(counter,)) for _ in range(4)]
    for child in children:
        child.start()
    for child in children:
        child.join()
    print(counter.value)
"""
EVENT_GO = """\
import multiprocessing

def worker(n, go):
    go.wait()
    print("worker", n, "working")

if __name__ == "__main__":
    go = multiprocessing.Event()
    workers = [multiprocessing.Process(target=worker, args=(n, go)) for n in range(4)]
    for worker_process in workers:
        worker_process.start()
    go.set()
    for worker_process in workers:
        worker_process.join()
"""
BARRIER_ROUNDS = """\
import multiprocessing

def worker(n, barrier):
    for _ in range(100):
        barrier.wait()
    print("worker", n, "done")

if __name__ == "__main__":
    barrier = multiprocessing.Barrier(4)
    workers = [multiprocessing.Process(target=worker, args=(n, barrier)) for n in range(4)]
    for worker_process in workers:
        worker_process.start()
    for worker_process in workers:
        worker_process.join()
"""
SEMAPHORE_SLOTS = """\
import multiprocessing

def work(slots, done):
    for _ in range(300):
        with slots:
            pass
    with done.get_lock():
        done.value += 1

if __name__ == "__main__":
    slots = multiprocessing.Semaphore(2)
    done = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=work, args=(slots, done)) for _ in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(done.value)
"""
PROCESS_LIFECYCLE = """\
import multiprocessing, sys, time

class Worker(multiprocessing.Process):
    def __init__(self, name, code):
        super().__init__(name=name)
        self.code = code

    def run(self):
        sys.exit(self.code)

def keep_watch():
    while True:
        time.sleep(0.01)

if __name__ == "__main__":
    multiprocessing.Process(target=keep_watch, name="keeper", daemon=True).start()
    good, bad = Worker("good", 0), Worker("bad", 3)
    asked = [good.is_alive()]
    good.start()
    bad.start()
    while good.is_alive() or bad.is_alive():
        good.join(0.001)
        bad.join(0.001)
    print(asked[0], good.is_alive(), good.exitcode, bad.exitcode)
"""
MANAGER_DICT = """\
import multiprocessing

def store(index, results):
    for n in range(index * 100, (index + 1) * 100):
        results[n] = n * n

if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        results = manager.dict()
        children = [multiprocessing.Process(target=store, args=(i, results)) for i in range(4)]
        for child in children:
            child.start()
        for child in children:
            child.join()
        print(sum(results.values()))
"""
SHARED_BLOCK = """\
import multiprocessing
from multiprocessing import shared_memory

def fill(name, index):
    block = shared_memory.SharedMemory(name=name)
    total = sum(n * n for n in range(index * 250, index * 250 + 250))
    block.buf[index * 8 : index * 8 + 8] = total.to_bytes(8, "little")
    block.close()

if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=32)
    children = [multiprocessing.Process(target=fill, args=(block.name, i)) for i in range(4)]
    for child in children:
        child.start()
    for child in children:
        child.join()
    print(sum(int.from_bytes(block.buf[i * 8 : i * 8 + 8], "little") for i in range(4)))
    block.close()
    block.unlink()
"""

POOL_INITIALIZER = """\
import multiprocessing
import os

connection = None

def connect(database):
    global connection
    connection = f"{database}@{os.getpid()}"

def lookup(key):
    return key * 10 if connection else None

if __name__ == "__main__":
    with multiprocessing.Pool(2, initializer=connect, initargs=("inventory",), maxtasksperchild=2) as pool:
        print(sum(pool.map(lookup, range(20), chunksize=1)))
"""
EXECUTOR_FUTURES = """\
from concurrent.futures import ProcessPoolExecutor, as_completed

def square(n):
    if n == 13:
        raise ValueError("unlucky")
    return n * n

if __name__ == "__main__":
    total, failed = 0, 0
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(square, n) for n in range(200)]
        for future in as_completed(futures):
            try:
                total += future.result()
            except ValueError:
                failed += 1
    print(total, failed)
"""


POOL_CALLBACKS = """\
import multiprocessing

def square(x):
    if x % 50 == 0:
        raise ValueError(x)
    return x * x

if __name__ == "__main__":
    got, failed = [], []
    pool = multiprocessing.Pool(4)
    for n in range(300):
        pool.apply_async(square, (n,), callback=got.append, error_callback=failed.append)
    pool.close()
    pool.join()
    print(sum(got), len(failed))
"""
IMAP_PROGRESS = """\
import multiprocessing

def square(x):
    return x * x

if __name__ == "__main__":
    total = done = 0
    with multiprocessing.Pool(4) as pool:
        for value in pool.imap_unordered(square, range(300)):
            done, total = done + 1, total + value
    print(done, total)
"""

QUEUE_BLOCKS = """\
import multiprocessing

def produce(queue):
    for number in range(10):
        queue.put(bytes([number]) * 1024 * 1024)

if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    blocks = [queue.get() for _ in range(10)]
    producer.join()
    print(sum(len(block) for block in blocks))
"""
UNLOCKED_VALUE = LOCKED_VALUE.replace(
    "        with counter.get_lock():\n            counter.value += 1", "        counter.value += 1"
)
GUARDED_SQUARES = """\
import multiprocessing

def square(number):
    print("square of", number, "is", number * number)

if __name__ == "__main__":
    workers = [multiprocessing.Process(target=square, args=(number,)) for number in (2, 3, 4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
"""


@dataclass(frozen=True)
class Program:
    """A benchmark program, what it is, and the output that proves it ran."""

    source: str
    title: str
    expected_lines: tuple[str, ...] | int | None
    """The output that proves it ran; None for a kata's solution, which proves it in test.log."""

    def accepts(self, stdout: str) -> bool:
        if self.expected_lines is None:
            return True
        lines = stdout.splitlines()
        if isinstance(self.expected_lines, int):
            return len(lines) == self.expected_lines
        return tuple(lines) == self.expected_lines


PROGRAMS = {
    "pool_map": Program(POOL_MAP, "Pool(4).map over 1,000 numbers", (str(sum(x * x for x in range(1000))),)),
    "print_lines": Program(PRINT_LINES, "4 processes printing 250 lines each", 4 * 250 + 1),
    "queue_items": Program(
        QUEUE_ITEMS, "3 consumers squaring 300 items from a Queue", (str(sum(n * n for n in range(300))),)
    ),
    "pipe_messages": Program(
        PIPE_MESSAGES, "300 round trips over a Pipe", (str(sum(2 * n for n in range(300))),)
    ),
    "locked_value": Program(LOCKED_VALUE, "4 processes adding 5,000 each to a locked Value", ("20000",)),
    "event_go": Program(EVENT_GO, "4 processes waiting on one Event, then printing", 4),
    "barrier_rounds": Program(BARRIER_ROUNDS, "4 processes passing one Barrier 100 times", 4),
    "semaphore_slots": Program(SEMAPHORE_SLOTS, "6 processes taking a Semaphore(2) 300 times each", ("6",)),
    "process_lifecycle": Program(
        PROCESS_LIFECYCLE, "a daemon and 2 Process subclasses polled with is_alive()", ("False False 0 3",)
    ),
    "manager_dict": Program(
        MANAGER_DICT,
        "4 processes storing 100 items each in a Manager().dict()",
        (str(sum(n * n for n in range(400))),),
    ),
    "shared_block": Program(
        SHARED_BLOCK,
        "4 processes writing a sum each into a SharedMemory block",
        (str(sum(n * n for n in range(1000))),),
    ),
    "pool_initializer": Program(
        POOL_INITIALIZER, "Pool(2) with an initializer, 20 tasks at 2 per worker", (str(sum(range(20)) * 10),)
    ),
    "executor_futures": Program(
        EXECUTOR_FUTURES,
        "ProcessPoolExecutor(2): 200 futures read with as_completed, one raising",
        (f"{sum(n * n for n in range(200)) - 169} 1",),
    ),
    "pool_callbacks": Program(
        POOL_CALLBACKS,
        "300 apply_async calls with a callback and an error callback",
        (f"{sum(n * n for n in range(300) if n % 50)} 6",),
    ),
    "imap_progress": Program(
        IMAP_PROGRESS,
        "300 results read from imap_unordered one by one",
        (f"300 {sum(n * n for n in range(300))}",),
    ),
    "queue_blocks": Program(
        QUEUE_BLOCKS, "a child putting ten 1 MiB blocks on a Queue, drained, then joined", (str(10 * 2**20),)
    ),
    "unlocked_value": Program(UNLOCKED_VALUE, "4 processes adding 5,000 each to a Value without its lock", 1),
    "guarded_squares": Program(GUARDED_SQUARES, "3 processes printing a square from a guarded script", 3),
}
