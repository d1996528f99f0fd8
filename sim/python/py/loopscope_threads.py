"""Virtual threads: run_in_executor and asyncio.to_thread on virtual time.

A job runs on a real thread, but in lockstep with the loop: only one of the
two runs at any moment, so a run is deterministic. The job's first part runs
in the loop's next iteration; each time.sleep(s) in it hands control back to
the loop and resumes the job at now + s (a timer), so the job's sleeps
overlap with the loop's time as a real thread's would; its result (or
exception) reaches the awaiting coroutine when the job returns. A job that
needs the loop meanwhile cannot get it (the loop waits for the job): calls
into the loop from the job are refused (call_soon_threadsafe's fence).
"""

import concurrent.futures
import threading

from loopscope_network import NotSimulatedError

_current = threading.local()


class _Job:
    def __init__(self, loop, future, func, args):
        self._loop = loop
        self._future = future
        self._func = func
        self._args = args
        self._job_turn = threading.Semaphore(0)
        self._loop_turn = threading.Semaphore(0)
        self._wake_at = None  # the virtual time the job sleeps until; None once it returned
        self._outcome = None
        self._thread = threading.Thread(target=self._body, daemon=True)

    def start(self):
        self._thread.start()
        self._loop.call_soon(self._step)

    def _body(self):
        self._job_turn.acquire()
        _current.job = self
        try:
            self._outcome = (True, self._func(*self._args))
        except BaseException as exc:  # noqa: BLE001 - the awaiting coroutine gets it, as from a thread pool
            self._outcome = (False, exc)
        self._wake_at = None
        self._loop_turn.release()

    def _step(self):
        """On the loop: the job runs until it sleeps or returns."""
        self._job_turn.release()
        self._loop_turn.acquire()
        if self._wake_at is not None:
            self._loop.call_at(self._wake_at, self._step)
            return
        self._thread.join()
        if self._future.cancelled():
            return
        ok, value = self._outcome
        self._outcome = None
        if ok:
            self._future.set_result(value)
        else:
            self._future.set_exception(value)

    def sleep(self, seconds):
        """time.sleep in the job: the loop runs meanwhile; the job resumes at now + seconds."""
        self._wake_at = self._loop.time() + seconds
        self._loop_turn.release()
        self._job_turn.acquire()


def current():
    """The job running on this thread, or None on the loop's thread."""
    return getattr(_current, "job", None)


def run_in_executor(loop, executor, func, args):
    """A future the job's outcome completes; the job starts in the next iteration."""
    if executor is not None and not isinstance(executor, concurrent.futures.ThreadPoolExecutor):
        raise NotSimulatedError(f"loopscope: run_in_executor with a {type(executor).__name__} is not simulated yet")
    future = loop.create_future()
    _Job(loop, future, func, args).start()
    return future
